// Package shingle scores extracted text against a reference with the F1 of
// their 4-word shingles, the measure of the HTML development set. It lives
// apart from classify so that the tests in classify and the comparison
// program in tools/htmlcompare score every extractor the same way.
package shingle

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// N is the shingle length in words.
const N = 4

// Words lower-cases s and splits it into runs of letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Bag counts the N-word shingles of s (a text shorter than N words is one
// shingle).
func Bag(s string) map[string]int {
	w := Words(s)
	bag := map[string]int{}
	if len(w) > 0 && len(w) < N {
		bag[strings.Join(w, " ")]++
	}
	for i := 0; i+N <= len(w); i++ {
		bag[strings.Join(w[i:i+N], " ")]++
	}
	return bag
}

// Score returns precision, recall and F1 of got against want, counting
// shingles with multiplicity. Two empty texts score 1.
func Score(got, want string) (p, r, f1 float64) {
	g, w := Bag(got), Bag(want)
	ng, nw, common := 0, 0, 0
	for k, n := range g {
		ng += n
		common += min(n, w[k])
	}
	for _, n := range w {
		nw += n
	}
	switch {
	case ng == 0 && nw == 0:
		return 1, 1, 1
	case ng == 0 || nw == 0:
		return 0, 0, 0
	}
	p, r = float64(common)/float64(ng), float64(common)/float64(nw)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// HTMLText returns the text of an HTML document or fragment, skipping
// script and style, with a space at every tag so words never run together.
func HTMLText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			// io.EOF or a tokenizer error: either way the text so far.
			return b.String()
		case html.TextToken:
			if skip == "" {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if n := string(name); n == "script" || n == "style" {
				skip = n
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			b.WriteByte(' ')
		default:
			b.WriteByte(' ')
		}
	}
}
