package pipeline

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/slantwire/slant/classify"
)

// resultWriter encodes results as json.Marshal does: with appendResult,
// into buffers it pools, when classify.Result has the layout appendResult
// was written for, else with Marshal itself. The pipeline's workers and
// the classify service each hold one.
type resultWriter struct {
	fast bool
	bufs sync.Pool // *resultBuf
}

func newResultWriter() *resultWriter {
	return &resultWriter{fast: resultLayout() == knownResultLayout}
}

// resultBuf is a buffer results are encoded into: a result is as large as
// its page, and a fresh one per page is garbage as soon as it is sent.
type resultBuf struct{ b []byte }

// maxPooledResult bounds the buffers kept for reuse, so that one huge
// result does not pin its memory.
const maxPooledResult = 1 << 20

// encode returns res's JSON. When rb is not nil, body is its buffer, which
// the caller gives back with put once body has been sent.
func (w *resultWriter) encode(res *classify.Result) (rb *resultBuf, body []byte, err error) {
	if !w.fast {
		body, err = json.Marshal(res)
		return nil, body, err
	}
	rb, _ = w.bufs.Get().(*resultBuf)
	if rb == nil {
		rb = &resultBuf{b: make([]byte, 0, 8<<10)}
	}
	var ok bool
	if rb.b, ok = appendResult(rb.b[:0], res); !ok {
		// A float Marshal refuses: its error, word for word.
		w.put(rb)
		body, err = json.Marshal(res)
		return nil, body, err
	}
	return rb, rb.b, nil
}

// put gives back a buffer of encode; nil is ignored.
func (w *resultWriter) put(rb *resultBuf) {
	if rb != nil && cap(rb.b) <= maxPooledResult {
		w.bufs.Put(rb)
	}
}

// appendResult appends r as json.Marshal writes it (schema slant/v1,
// docs/schema.md), without reflection: encoding/json spends most of its
// time per field finding out what the field is, and a result has
// thousands. !ok: a NaN or infinite float, which Marshal refuses; the
// caller asks Marshal for its error.
//
// It must follow every field of classify.Result and what encoding/json
// does with it (field order, omitempty, null for nil slices and maps,
// sorted map keys, HTML-safe string escapes, ES6 float formatting).
// TestAppendResultMatchesMarshal holds it to Marshal on every fixture
// result and on results whose every field, found by reflection, is filled
// with hostile values: a field added to classify.Result and not here fails
// it.
func appendResult(b []byte, r *classify.Result) (_ []byte, ok bool) {
	e := resultEncoder{b: b, ok: true}
	e.result(r)
	return e.b, e.ok
}

type resultEncoder struct {
	b  []byte
	ok bool
}

func (e *resultEncoder) result(r *classify.Result) {
	e.b = append(e.b, `{"schema":`...)
	e.str(r.Schema)
	e.b = append(e.b, `,"id":`...)
	e.str(r.ID)
	e.b = append(e.b, `,"url":`...)
	e.str(r.URL)
	e.b = append(e.b, `,"site":`...)
	e.str(r.Site)
	e.b = append(e.b, `,"model":`...)
	e.str(r.Model)
	e.b = append(e.b, `,"page":`...)
	e.page(&r.Page)
	e.b = append(e.b, `,"blocks":`...)
	list(e, r.Blocks, (*resultEncoder).block)
	e.b = append(e.b, `,"sentences":`...)
	list(e, r.Sentences, (*resultEncoder).sentence)
	e.b = append(e.b, `,"attributions":`...)
	list(e, r.Attributions, (*resultEncoder).attribution)
	if r.Text != "" {
		e.b = append(e.b, `,"text":`...)
		e.str(r.Text)
	}
	e.b = append(e.b, '}')
}

func (e *resultEncoder) page(p *classify.PageVerdict) {
	e.b = append(e.b, `{"genre":`...)
	e.str(string(p.Genre))
	e.b = append(e.b, `,"opinion_score":`...)
	e.float(p.OpinionScore)
	e.b = append(e.b, `,"genre_evidence":`...)
	e.strs(p.GenreEvidence)
	e.b = append(e.b, `,"presented_as":`...)
	e.str(string(p.PresentedAs))
	s := &p.Sourcing
	e.b = append(e.b, `,"sourcing":{"score":`...)
	e.float(s.Score)
	e.b = append(e.b, `,"label":`...)
	e.str(string(s.Label))
	e.b = append(e.b, `,"attributions":`...)
	e.int(s.Attributions)
	e.b = append(e.b, `,"by_type":`...)
	intMap(e, s.ByType)
	e.b = append(e.b, `,"by_strength":`...)
	intMap(e, s.ByStrength)
	e.b = append(e.b, `,"attributed_share":`...)
	e.float(s.AttributedShare)
	e.b = append(e.b, `,"secondhand_from":`...)
	e.strs(s.SecondhandFrom)
	e.b = append(e.b, "}}"...)
}

func (e *resultEncoder) block(bl *classify.Block) {
	e.b = append(e.b, `{"kind":`...)
	e.str(string(bl.Kind))
	e.b = append(e.b, `,"role":`...)
	e.str(string(bl.Role))
	e.b = append(e.b, `,"start":`...)
	e.int(bl.Start)
	e.b = append(e.b, `,"end":`...)
	e.int(bl.End)
	e.b = append(e.b, `,"text":`...)
	e.str(bl.Text)
	e.b = append(e.b, `,"article":`...)
	e.b = strconv.AppendBool(e.b, bl.Article)
	e.b = append(e.b, `,"opinion_score":`...)
	e.float(bl.OpinionScore)
	e.b = append(e.b, '}')
}

func (e *resultEncoder) sentence(s *classify.Sentence) {
	e.b = append(e.b, `{"block":`...)
	e.int(s.Block)
	e.b = append(e.b, `,"start":`...)
	e.int(s.Start)
	e.b = append(e.b, `,"end":`...)
	e.int(s.End)
	e.b = append(e.b, `,"subjective":`...)
	e.b = strconv.AppendBool(e.b, s.Subjective)
	e.b = append(e.b, `,"subjectivity":`...)
	e.float(s.Subjectivity)
	e.b = append(e.b, `,"loaded_terms":`...)
	e.spans(s.LoadedTerms)
	e.b = append(e.b, '}')
}

func (e *resultEncoder) attribution(a *classify.Attribution) {
	e.b = append(e.b, `{"sentence":`...)
	e.int(a.Sentence)
	e.b = append(e.b, `,"source":`...)
	e.span(&a.Source)
	e.b = append(e.b, `,"cue":`...)
	e.span(&a.Cue)
	e.b = append(e.b, `,"content":`...)
	e.span(&a.Content)
	if len(a.MoreContent) > 0 {
		e.b = append(e.b, `,"more_content":`...)
		e.spans(a.MoreContent)
	}
	e.b = append(e.b, `,"cue_kind":`...)
	e.str(string(a.CueKind))
	e.b = append(e.b, `,"source_type":`...)
	e.str(string(a.SourceType))
	e.b = append(e.b, `,"quote":`...)
	e.str(string(a.Quote))
	e.b = append(e.b, `,"strength":`...)
	e.str(string(a.Strength))
	e.b = append(e.b, `,"score":`...)
	e.float(a.Score)
	if a.Antecedent != nil {
		e.b = append(e.b, `,"antecedent":`...)
		e.span(a.Antecedent)
	}
	e.b = append(e.b, '}')
}

func (e *resultEncoder) span(s *classify.Span) {
	e.b = append(e.b, `{"start":`...)
	e.int(s.Start)
	e.b = append(e.b, `,"end":`...)
	e.int(s.End)
	e.b = append(e.b, `,"text":`...)
	e.str(s.Text)
	e.b = append(e.b, '}')
}

func (e *resultEncoder) spans(ss []classify.Span) { list(e, ss, (*resultEncoder).span) }

func (e *resultEncoder) strs(ss []string) {
	list(e, ss, func(e *resultEncoder, s *string) { e.str(*s) })
}

// list writes xs as encoding/json writes a slice: null when nil.
func list[T any](e *resultEncoder, xs []T, elem func(*resultEncoder, *T)) {
	if xs == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i := range xs {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		elem(e, &xs[i])
	}
	e.b = append(e.b, ']')
}

// intMap writes m as encoding/json does: null when nil, keys sorted.
func intMap[K ~string](e *resultEncoder, m map[K]int) {
	if m == nil {
		e.b = append(e.b, "null"...)
		return
	}
	var arr [16]string
	keys := arr[:0]
	for k := range m {
		keys = append(keys, string(k))
	}
	slices.Sort(keys)
	e.b = append(e.b, '{')
	for i, k := range keys {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(k)
		e.b = append(e.b, ':')
		e.int(m[K(k)])
	}
	e.b = append(e.b, '}')
}

// float is encoding/json's float64 encoding: like %g with ES6 exponent
// cutoffs and unpadded exponents.
func (e *resultEncoder) int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

func (e *resultEncoder) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.ok = false
		e.b = append(e.b, "null"...) // never stored: the caller falls back to Marshal
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 to e-9
		if n := len(e.b); n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

const hexDigits = "0123456789abcdef"

// jsonSafe are the ASCII bytes encoding/json writes as they are in a
// string when it escapes HTML (the default of Marshal).
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// str is encoding/json's string encoding with HTML escaping: <, > and &
// as \u003c…, control bytes as short escapes or \u00XX, invalid UTF-8 as
// \ufffd, U+2028 and U+2029 escaped.
func (e *resultEncoder) str(s string) {
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}

// resultLayout describes, from reflection, every struct type a
// classify.Result holds: its fields with their types and tags, and whether
// a type encodes itself. appendResult is written for knownResultLayout; a
// Pipeline whose classify.Result is laid out otherwise (a field added and
// this file not updated) encodes with encoding/json instead.
func resultLayout() string {
	var b []byte
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		b = append(b, t.String()+" "+t.Kind().String()+"\n"...)
		if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) ||
			t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
			b = append(b, t.String()+" marshals itself\n"...)
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				f := t.Field(i)
				b = append(b, fmt.Sprintf("\t%s %s %s\n", f.Name, f.Type, f.Tag)...)
			}
			for i := range t.NumField() {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeFor[classify.Result]())
	return string(b)
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// knownResultLayout is the resultLayout appendResult is written for.
const knownResultLayout = `classify.Result struct
	Schema string json:"schema"
	ID string json:"id"
	URL string json:"url"
	Site string json:"site"
	Model string json:"model"
	Page classify.PageVerdict json:"page"
	Blocks []classify.Block json:"blocks"
	Sentences []classify.Sentence json:"sentences"
	Attributions []classify.Attribution json:"attributions"
	Text string json:"text,omitempty"
string string
classify.PageVerdict struct
	Genre classify.Genre json:"genre"
	OpinionScore float64 json:"opinion_score"
	GenreEvidence []string json:"genre_evidence"
	PresentedAs classify.Genre json:"presented_as"
	Sourcing classify.Sourcing json:"sourcing"
classify.Genre string
float64 float64
[]string slice
classify.Sourcing struct
	Score float64 json:"score"
	Label classify.SourcingLabel json:"label"
	Attributions int json:"attributions"
	ByType map[classify.SourceType]int json:"by_type"
	ByStrength map[classify.Strength]int json:"by_strength"
	AttributedShare float64 json:"attributed_share"
	SecondhandFrom []string json:"secondhand_from"
classify.SourcingLabel string
int int
map[classify.SourceType]int map
classify.SourceType string
map[classify.Strength]int map
classify.Strength string
[]classify.Block slice
classify.Block struct
	Kind classify.Kind json:"kind"
	Role classify.Role json:"role"
	Start int json:"start"
	End int json:"end"
	Text string json:"text"
	Article bool json:"article"
	OpinionScore float64 json:"opinion_score"
classify.Kind string
classify.Role string
bool bool
[]classify.Sentence slice
classify.Sentence struct
	Block int json:"block"
	Start int json:"start"
	End int json:"end"
	Subjective bool json:"subjective"
	Subjectivity float64 json:"subjectivity"
	LoadedTerms []classify.Span json:"loaded_terms"
[]classify.Span slice
classify.Span struct
	Start int json:"start"
	End int json:"end"
	Text string json:"text"
[]classify.Attribution slice
classify.Attribution struct
	Sentence int json:"sentence"
	Source classify.Span json:"source"
	Cue classify.Span json:"cue"
	Content classify.Span json:"content"
	MoreContent []classify.Span json:"more_content,omitempty"
	CueKind classify.CueKind json:"cue_kind"
	SourceType classify.SourceType json:"source_type"
	Quote classify.QuoteKind json:"quote"
	Strength classify.Strength json:"strength"
	Score float64 json:"score"
	Antecedent *classify.Span json:"antecedent,omitempty"
classify.CueKind string
classify.QuoteKind string
*classify.Span ptr
`
