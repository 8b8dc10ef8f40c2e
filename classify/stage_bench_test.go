package classify

import (
	"context"
	"testing"
)

// Benchmarks of the per-word stages alone, over the fixture pages and the
// reference page: the tokenizer, and the body's voice.

func BenchmarkTokenize(b *testing.B) {
	pages := benchPages(b)
	c := newClassifier(b, Options{})
	tz := tokenizer{lx: c.lex}
	var toks []token
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range pages {
			toks = tz.tokenize(toks[:0], text, 0)
		}
	}
}

func BenchmarkVoice(b *testing.B) {
	pages := benchPages(b)
	c := newClassifier(b, Options{})
	var docs []document
	for _, text := range pages {
		doc, err := c.read(context.Background(), Page{Text: text})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			c.lex.voice(d.text, d.blocks)
		}
	}
}
