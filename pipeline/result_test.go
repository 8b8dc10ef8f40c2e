package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/slantwire/slant/classify"
)

// fixtureResults are the results of every classify fixture page, with
// the rules and with the models, as text and as HTML, under plain and
// opinion URLs, and of the bench page: what resultWriter.encode must encode as
// json.Marshal does.
func fixtureResults(t testing.TB) []*classify.Result {
	t.Helper()
	var pages []classify.Page
	for _, f := range fixtureFiles(t) {
		p := classify.Page{ID: f.name, Site: "example"}
		if f.html {
			p.HTML = f.body
		} else {
			p.Text = f.body
		}
		pages = append(pages, p)
		p.URL = "https://news.example/opinion/2026/" + p.ID + "?a=1&b=<2>"
		pages = append(pages, p)
	}
	pages = append(pages, classify.Page{ID: "bench", Site: "bench", Text: benchPage(3)})
	var out []*classify.Result
	for _, opts := range []classify.Options{{}, {Rules: true}} {
		c, err := classify.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			res, err := c.Classify(context.Background(), p)
			if err != nil {
				t.Fatalf("%s: %v", p.ID, err)
			}
			out = append(out, res)
		}
	}
	return append(out, stubResult(classify.Page{ID: "stub"}))
}

func checkEncodeResult(t *testing.T, w *resultWriter, res *classify.Result) {
	t.Helper()
	want, wantErr := json.Marshal(res)
	rb, got, gotErr := w.encode(res)
	if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
		t.Fatalf("result %q: error %v, want %v", res.ID, gotErr, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("result %q: encoded\n%s\nwant\n%s", res.ID, got, want)
	}
	w.put(rb)
}

// TestEncodeResultMatchesMarshal: a stored result is byte for byte what
// json.Marshal makes of it (docs/schema.md), whatever the buffer held
// before, and an unencodable one fails with Marshal's error.
func TestEncodeResultMatchesMarshal(t *testing.T) {
	w := &resultWriter{fast: true}
	results := fixtureResults(t)
	for _, res := range results {
		checkEncodeResult(t, w, res)
	}
	// Large then small, through the same buffers.
	for i := len(results) - 1; i >= 0; i-- {
		checkEncodeResult(t, w, results[i])
	}
	bad := *results[0]
	bad.Page.OpinionScore = math.NaN()
	checkEncodeResult(t, w, &bad)
	bad.Page.OpinionScore = math.Inf(-1)
	checkEncodeResult(t, w, &bad)
	checkEncodeResult(t, w, results[1])
}

// TestAppendResultMatchesMarshal holds appendResult to json.Marshal on the
// fixture results and on results whose every field, found by reflection,
// is filled with hostile values: strings that need escaping (HTML, control
// bytes, U+2028, invalid UTF-8), floats at the format cutoffs, nil and
// empty slices and maps, nil and set pointers. A field added to
// classify.Result (or the types it holds) and not to appendResult fails it.
func TestAppendResultMatchesMarshal(t *testing.T) {
	for _, res := range fixtureResults(t) {
		checkAppendResult(t, res)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var res classify.Result
		fillHostile(reflect.ValueOf(&res).Elem(), rnd, 0)
		checkAppendResult(t, &res)
	}
	var zero classify.Result
	checkAppendResult(t, &zero)
}

// TestResultLayoutKnown: appendResult is written for the classify.Result
// of this tree. When it fails, classify.Result or a type it holds changed:
// teach appendResult the change (field order, omitempty, nil), then set
// knownResultLayout to the layout printed here. Until then pipelines
// encode with encoding/json.
func TestResultLayoutKnown(t *testing.T) {
	if got := resultLayout(); got != knownResultLayout {
		t.Errorf("classify.Result changed; appendResult is written for\n%s\nthe layout now is\n%s", knownResultLayout, got)
	}
	p, err := New(Options{Conn: &nats.Conn{}, Classify: func(context.Context, classify.Page) (*classify.Result, error) { return nil, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if !p.results.fast {
		t.Error("New: pipeline does not use appendResult")
	}
}

func checkAppendResult(t *testing.T, res *classify.Result) {
	t.Helper()
	want, err := json.Marshal(res)
	got, ok := appendResult([]byte("prefix"), res)
	if ok != (err == nil) {
		t.Fatalf("appendResult ok %v, Marshal error %v", ok, err)
	}
	if ok && !bytes.Equal(got[len("prefix"):], want) {
		t.Fatalf("appendResult:\n%s\nMarshal:\n%s", got[len("prefix"):], want)
	}
}

var (
	hostileStrings = []string{"", "a", "news", "<script>alert(1)</script>", "a&b", "\"quoted\" \\ back",
		"\b\f\n\r\t\x00\x01\x1f\x7f", "\u2028\u2029", "é 世界 😀", "\xff", "a\xc3", "\xed\xa0\x80",
		"\ufffd", "\uFEFFbom", "/slash/", strings.Repeat("long ", 50)}
	hostileFloats = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.717, 1.0 / 3, 1e-6, 9.99e-7, 1e-7, -1.5e-9,
		1e20, 1e21, 123456789012345678901234.0, 5e-324, math.MaxFloat64, -math.MaxFloat64, 1e-100, 2.5e-10}
)

// fillHostile fills v with values picked from the hostile ones, at random.
func fillHostile(v reflect.Value, rnd *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(hostileStrings[rnd.IntN(len(hostileStrings))])
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt([]int64{0, 1, -1, 42, 1 << 40, math.MinInt64, math.MaxInt64}[rnd.IntN(7)])
	case reflect.Float64, reflect.Float32:
		f := hostileFloats[rnd.IntN(len(hostileFloats))]
		if rnd.IntN(2) == 0 {
			f = rnd.NormFloat64() * math.Pow(10, float64(rnd.IntN(50)-25))
		}
		v.SetFloat(f)
	case reflect.Bool:
		v.SetBool(rnd.IntN(2) == 0)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillHostile(v.Field(i), rnd, depth+1)
			}
		}
	case reflect.Pointer:
		if rnd.IntN(3) > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fillHostile(v.Elem(), rnd, depth+1)
		}
	case reflect.Slice:
		switch n := rnd.IntN(5); n {
		case 0: // nil
		default:
			n = max(0, n-2) + rnd.IntN(2) // empty or a few
			if depth > 3 {
				n = min(n, 1)
			}
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				fillHostile(s.Index(i), rnd, depth+1)
			}
			v.Set(s)
		}
	case reflect.Map:
		if rnd.IntN(4) == 0 {
			return // nil
		}
		m := reflect.MakeMap(v.Type())
		for range rnd.IntN(6) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillHostile(k, rnd, depth+1)
			fillHostile(e, rnd, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		panic("fillHostile: add " + v.Type().String())
	}
}

// BenchmarkEncodeResult: the result of the bench page (default analysis)
// through json.Marshal and through resultWriter.encode.
func BenchmarkEncodeResult(b *testing.B) {
	c, err := classify.New(classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := c.Classify(context.Background(), classify.Page{ID: "bench", Site: "bench", Text: benchPage(3)})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encoding/json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(res); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("resultWriter", func(b *testing.B) {
		b.ReportAllocs()
		w := &resultWriter{fast: true}
		for b.Loop() {
			rb, _, err := w.encode(res)
			if err != nil {
				b.Fatal(err)
			}
			w.put(rb)
		}
	})
}
