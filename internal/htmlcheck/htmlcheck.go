// Package htmlcheck lists what in an HTML document could run script or load
// anything. Tests of the pages slant renders use it to prove that a hostile
// page comes out inert, beside the browser tests that prove it runs nothing.
package htmlcheck

import (
	"strings"

	"golang.org/x/net/html"
)

// Unsafe parses a document as a browser would and lists what in it could
// run script: script elements, event-handler attributes, javascript: URLs,
// and elements that load or embed anything (img, iframe, object, embed,
// link, base, svg, math) and style attributes. An empty list means the
// markup itself is inert.
func Unsafe(doc string) []string {
	var bad []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return bad
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "img", "iframe", "object", "embed", "link", "base", "frame", "svg", "math":
			bad = append(bad, "<"+tok.Data+"> element")
		}
		for _, a := range tok.Attr {
			k, v := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(k, "on"):
				bad = append(bad, "event handler "+a.Key+" on <"+tok.Data+">")
			case (k == "href" || k == "src" || k == "action" || k == "formaction") && strings.HasPrefix(v, "javascript:"):
				bad = append(bad, a.Key+"="+a.Val+" on <"+tok.Data+">")
			case k == "style":
				bad = append(bad, "style attribute on <"+tok.Data+">")
			}
		}
	}
}
