package classify

import "bytes"

// The attributes of a start tag that the extractor reads, and how it
// reads them from the tokenizer (html_tokenizer.go).

// tagAttrs are the attributes of a start tag that the extractor reads. The
// lowered ones are copies in extractor.lowerBuf, the others substrings of
// the page, so most tags cost no allocation. An empty value is nil.
type tagAttrs struct {
	class, id, rel, itemprop, typ, role []byte // lowered
	prop                                []byte // property, else name; lowered
	content                             string
	// href is 1 + the index of the href attribute in htmlTokenizer.attr,
	// 0 for none. Its value is decoded only when read (few links are), as
	// a URL's '&' sends it to the library's tokenizer.
	href   int
	style  []byte // lowered
	hidden bool   // hidden, or aria-hidden="true"
}

// The attributes the extractor reads, as bits of a set.
const (
	attrClass = 1 << iota
	attrID
	attrRel
	attrItemprop
	attrType
	attrRole
	attrProperty
	attrName
	attrContent
	attrHref
	attrStyle
	attrHidden
	attrAriaHidden
)

// attrBit is the bit of a lowered attribute key, 0 for a key the
// extractor does not read.
func attrBit(k string) uint16 {
	var low [len("aria-hidden")]byte // the longest key read
	if len(k) > len(low) {
		return 0
	}
	switch string(lowerInto(low[:], k)) {
	case "class":
		return attrClass
	case "id":
		return attrID
	case "rel":
		return attrRel
	case "itemprop":
		return attrItemprop
	case "type":
		return attrType
	case "role":
		return attrRole
	case "property":
		return attrProperty
	case "name":
		return attrName
	case "content":
		return attrContent
	case "href":
		return attrHref
	case "style":
		return attrStyle
	case "hidden":
		return attrHidden
	case "aria-hidden":
		return attrAriaHidden
	}
	return 0
}

// readAttrs reads the attributes of the current start tag into a. Of a
// key written twice the first is read, as the library keeps only it.
func (e *extractor) readAttrs(a *tagAttrs) {
	z := e.z
	e.lowerBuf = e.lowerBuf[:0]
	var seen uint16
	for i := range z.attr {
		bit := attrBit(z.attrKey(i))
		if bit == 0 || seen&bit != 0 {
			continue
		}
		seen |= bit
		if bit == attrHref {
			a.href = i + 1
			continue
		}
		v := z.attrValue(i)
		switch bit {
		case attrClass:
			a.class = e.lowered(v)
		case attrID:
			a.id = e.lowered(v)
		case attrRel:
			a.rel = e.lowered(v)
		case attrItemprop:
			a.itemprop = e.lowered(v)
		case attrType:
			a.typ = e.lowered(v)
		case attrRole:
			a.role = e.lowered(v)
		case attrProperty, attrName:
			if a.prop == nil {
				a.prop = e.lowered(v)
			}
		case attrContent:
			a.content = v
		case attrStyle:
			a.style = e.lowered(v)
		case attrHidden:
			a.hidden = true
		case attrAriaHidden:
			a.hidden = a.hidden || v == "true"
		}
	}
}

// hiddenByStyle reports an inline style that hides the element.
func (a *tagAttrs) hiddenByStyle() bool {
	s := a.style
	return len(s) > 0 && (bytes.Contains(s, []byte("display:none")) || bytes.Contains(s, []byte("display: none")) ||
		bytes.Contains(s, []byte("visibility:hidden")) || bytes.Contains(s, []byte("visibility: hidden")))
}

// lowered is v lower-cased, copied to the end of e.lowerBuf; nil for "".
// The slices it returned for earlier values stay valid: when lowerBuf
// grows they keep the old array.
func (e *extractor) lowered(v string) []byte {
	if v == "" {
		return nil
	}
	n := len(e.lowerBuf)
	e.lowerBuf = append(e.lowerBuf, v...)
	return lowerBytesInPlace(e.lowerBuf[n:])
}
