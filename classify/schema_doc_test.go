package classify

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

const schemaDoc = "../docs/schema.md"

// fenced returns the body of the first fenced block of the given language
// after the heading.
func fenced(t *testing.T, doc, heading, lang string) string {
	t.Helper()
	_, rest, ok := strings.Cut(doc, heading)
	if !ok {
		t.Fatalf("%s has no %q", schemaDoc, heading)
	}
	_, rest, ok = strings.Cut(rest, "```"+lang+"\n")
	if !ok {
		t.Fatalf("%s has no %s block after %q", schemaDoc, lang, heading)
	}
	body, _, _ := strings.Cut(rest, "```")
	return body
}

// TestSchemaDocExample re-classifies the documented example page and
// requires the documented result exactly, so the doc cannot drift from what
// the code emits.
func TestSchemaDocExample(t *testing.T) {
	raw, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	page := fenced(t, doc, "## Example", "text")
	var want Result
	dec := json.NewDecoder(strings.NewReader(fenced(t, doc, "## Example", "json")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("documented example is not a slant/v1 result: %v", err)
	}
	got, err := newClassifier(t, Options{}).Classify(context.Background(), Page{ID: want.ID, URL: want.URL, Site: want.Site, Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &want) {
		b, _ := json.MarshalIndent(got, "", "  ")
		if *update {
			old := fenced(t, doc, "## Example", "json")
			head, tail, _ := strings.Cut(doc, "## Example")
			tail = strings.Replace(tail, "```json\n"+old, "```json\n"+string(b)+"\n", 1)
			if err := os.WriteFile(schemaDoc, []byte(head+"## Example"+tail), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the example in %s is out of date (go test -run SchemaDoc -update rewrites it); the page now gives:\n%s", schemaDoc, b)
	}
}

// TestSchemaDocCoversFields requires every JSON field of the result types to
// be named in the doc.
func TestSchemaDocCoversFields(t *testing.T) {
	raw, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !strings.Contains(string(raw), "`"+name+"`") {
				t.Errorf("%s.%s (json %q) is not documented in %s", typ.Name(), f.Name, name, schemaDoc)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(Result{}))
	walk(reflect.TypeOf(Failure{}))
}
