package pipeline

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/slantwire/slant/classify"
)

// envelopeCases are bodies decodeEnvelope must read exactly as
// classify.ParseEnvelope does: what publishers send and what they should
// not.
func envelopeCases(t testing.TB) [][]byte {
	t.Helper()
	cases := []string{
		`{}`, ` { } `, "\t{\r\n}\n", `{"id":"a"}`, `{"id":"a","text":"b"}`,
		`{"id":"a","url":"https://x/y?a=1&b=2","site":"ex","text":"t","html":"<p>h</p>"}`,
		`{"text":"line\nline\ttab \"q\" \\ \/ \b\f\r"}`,
		`{"text":"\u00e9\u4e16\u0000\u001f\u003c\u003e\u0026\u2028\u2029"}`,
		`{"text":"emoji \ud83d\ude00 pair"}`,
		`{"text":"lone \ud83d high"}`, `{"text":"lone \ude00 low"}`, `{"text":"\ud83d\u0041"}`,
		`{"text":"\ud83d\ud83d\ude00"}`, `{"text":"\ud83d"}`, `{"text":"\ud83d\"}`,
		`{"text":"é 世界 ☃ 😀"}`, `{"id":"x","id":"y"}`, `{"text":"a","text":"b","id":"c"}`,
		`{"ID":"up"}`, `{"Text":"up"}`, `{"iD":"a","id":"b"}`, `{"id":"b","ID":"a"}`,
		`{"ſite":"fold"}`, `{"\u0069d":"esc"}`, `{"ur\u006c":"esc"}`, `{"unknown":"x","id":"a"}`,
		`{"published":"2025","tags":"a"}`, `{"meta":{"a":1},"id":"a"}`, `{"n":1,"id":"a"}`,
		`{"id":null}`, `{"id":"a","id":null}`, `{"id":1}`, `{"id":true}`, `{"id":["a"]}`, `{"id":{"a":"b"}}`,
		`{"id":"a",}`, `{"id":"a"`, `{"id":"a"} x`, `{"id":"a"}{}`, `{"id" "a"}`, `{"id":"a" "b":"c"}`,
		`{"id":"a\x"}`, `{"id":"a\'"}`, `{"id":"a\u12"}`, `{"id":"a\u12g4"}`, `{"id":"a\`, `{"id":"a`,
		"{\"id\":\"a\tb\"}", "{\"id\":\"a\nb\"}", "{\"id\":\"a\x00b\"}", "{\"id\":\"a\x7fb\"}",
		"{\"id\":\"a\xffb\"}", "{\"id\":\"a\xc3\"}", "\xef\xbb\xbf{\"id\":\"bom\"}", "{\"i\xffd\":\"a\"}",
		`{`, `{"`, `{"id`, `{"id"`, `{"id":`, `{,}`, `{"id":"a",,"b":"c"}`, `[{"id":"a"}]`, `"id"`,
		"\v{\"id\":\"a\"}", "{\"id\":\"a\"}\v", "\u00a0{}", `{"":"empty name"}`, `{"text":""}`,
		`{"text":"\\u0041"}`, `{"text":"a\n\\","id":"b"}`, `{"text":"\\\\\"\\","x":"\"\\"}`,
		`{"text":"\"\"\\\\\"q"}`, `{"text":"\n` + strings.Repeat(`\\`, 9) + `"}`, `{"text":"\\\"end\\"}`, `{"text":"\uD83D\uDE00 upper hex \u00E9"}`,
		`{"id":"` + strings.Repeat("x", 3000) + `"}`,
	}
	var out [][]byte
	for _, c := range cases {
		out = append(out, []byte(c))
	}
	for _, f := range fixtureFiles(t) {
		for _, env := range []classify.Envelope{
			{ID: f.name, Text: f.body},
			{ID: f.name, URL: "https://example.com/a?b=1&c=<2>", Site: "example", HTML: f.body},
		} {
			body, err := json.Marshal(env)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, body)
			// As a client indenting or escaping less than Go does.
			ind, _ := json.MarshalIndent(env, " ", "\t")
			out = append(out, ind)
			var sb strings.Builder
			enc := json.NewEncoder(&sb)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(env)
			out = append(out, []byte(sb.String()))
		}
	}
	out = append(out, envelope("bench", "bench", benchPage(1)))
	return out
}

func checkDecodeEnvelope(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := classify.ParseEnvelope(data)
	got, gotErr := decodeEnvelope(data)
	if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
		t.Fatalf("%q: error %v, want %v", data, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: envelope %+v, want %+v", data, got, want)
	}
}

// TestDecodeEnvelopeMatchesParseEnvelope holds the fast path to
// classify.ParseEnvelope, envelope and error.
func TestDecodeEnvelopeMatchesParseEnvelope(t *testing.T) {
	fast := 0
	for _, data := range envelopeCases(t) {
		checkDecodeEnvelope(t, data)
		if _, ok := fastEnvelope(data); ok {
			fast++
		}
	}
	// The fast path must actually take the common envelopes.
	for _, data := range [][]byte{envelope("a", "s", benchPage(2)), []byte(`{"id":"a","text":"\ud83d\ude00"}`)} {
		if _, ok := fastEnvelope(data); !ok {
			t.Errorf("%.60q… not on the fast path", data)
		}
	}
	t.Logf("%d cases on the fast path", fast)
}

func FuzzDecodeEnvelope(f *testing.F) {
	for _, data := range envelopeCases(f) {
		if len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeEnvelope(t, data)
	})
}

// BenchmarkDecodeEnvelope: a bench page's envelope through
// classify.ParseEnvelope and through decodeEnvelope.
func BenchmarkDecodeEnvelope(b *testing.B) {
	data := envelope("b-1", "bench", benchPage(1))
	b.SetBytes(int64(len(data)))
	b.Run("ParseEnvelope", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := classify.ParseEnvelope(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decodeEnvelope", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeEnvelope(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestEnvelopeFieldsKnown: the fast path knows every member of
// classify.Envelope. A field added there and not to envelopeField would be
// dropped without a word, as envelopeField ignores names it does not list.
func TestEnvelopeFieldsKnown(t *testing.T) {
	var env classify.Envelope
	v := reflect.ValueOf(&env).Elem()
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		field, known := envelopeField(&env, []byte(name))
		if !known || field == nil || field != v.Field(i).Addr().Interface() {
			t.Errorf("envelopeField does not set classify.Envelope.%s (%q)", v.Type().Field(i).Name, name)
		}
	}
}
