package classify

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slantwire/slant/internal/snippets"
	"github.com/slantwire/slant/internal/testpages"
	"golang.org/x/net/html"
)

// libraryTokens is the token stream of the library's tokenizer, one line
// per token: its type, its bytes, and what the extractor reads of it.
func libraryTokens(src string) []string {
	z := html.NewTokenizer(strings.NewReader(src))
	var out []string
	for {
		tt := z.Next()
		line := fmt.Sprintf("%v %q", tt, z.Raw())
		switch tt {
		case html.ErrorToken:
			return append(out, fmt.Sprintf("error %v", z.Err()))
		case html.TextToken:
			line += fmt.Sprintf(" text %q", z.Text())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, more := z.TagName()
			line += fmt.Sprintf(" name %q", name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				line += fmt.Sprintf(" %q=%q", k, v)
			}
		}
		out = append(out, line)
	}
}

// ownTokens is the same for htmlTokenizer; of a key written twice only the
// first is listed, as the library keeps only it. The text of a valid page
// must be valid (extractor.validText).
func ownTokens(src string) []string {
	z := newHTMLTokenizer(src)
	valid := utf8.ValidString(src)
	var out []string
	for {
		tt := z.Next()
		line := fmt.Sprintf("%v %q", tt, z.Raw())
		switch tt {
		case html.ErrorToken:
			return append(out, fmt.Sprintf("error %v", z.Err()))
		case html.TextToken:
			text := z.Text()
			line += fmt.Sprintf(" text %q", text)
			if valid && !utf8.ValidString(text) {
				line += " (invalid UTF-8 from a valid page)"
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			line += fmt.Sprintf(" name %q", lowerBytesInPlace([]byte(z.TagName())))
			if tt == html.EndTagToken {
				break
			}
			seen := map[string]bool{}
			for i := range z.attr {
				k := lowerBytesInPlace([]byte(z.attrKey(i)))
				if seen[string(k)] {
					continue
				}
				seen[string(k)] = true
				line += fmt.Sprintf(" %q=%q", bytes.ReplaceAll(k, []byte{0}, []byte("\uFFFD")), z.attrValue(i))
			}
		}
		out = append(out, line)
	}
}

// checkHTMLTokens requires the two tokenizers to agree on src.
func checkHTMLTokens(t *testing.T, name, src string) {
	t.Helper()
	want, got := libraryTokens(src), ownTokens(src)
	for i := range max(len(want), len(got)) {
		w, g := "(none)", "(none)"
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Fatalf("%s: token %d:\nlibrary %.300s\nown     %.300s", name, i, w, g)
		}
	}
}

// tokenizerSeeds are markup the tokenizers may read differently: raw text,
// script escapes, comments, doctypes, attributes and references, NULs and
// carriage returns, and tags cut off by the end of the page.
var tokenizerSeeds = []string{
	"<p class=A CLASS=b id='x' data-x=\"1\">a &amp; b &ampx; &amp=1 &#0; &#x80; &notit; &notin;</p>",
	"<a href=\"/x?a=1&amp;b=2&c&copy=3&copy;\" title='&lt;&gt' rel=AUTHOR>x</a>",
	"<a title=\"&amp;&lt;&gt;&quot;&apos;&nbsp;&#39;&#x27;&#0;&#128;\" b='&;&&#;&#x;&amp' c=&amp=1 d=&ampx; e=\"&amp\r\n\x00&lt;\">",
	"<meta name=a name=b property=\"\" content=\"x\r\ny\x00z\"/><meta x=/><meta x=1 x=/><br/><p a=/>",
	"<script>if (a<b) { x = '</scr' + 'ipt>' } <!-- <script> </script> --> </script><p>after</p>",
	"<script><!--<script></script>--></script><script>a<!--b--></script>",
	"<script type=application/ld+json>{\"a\":1}</script><style>p{}</style><title>a &amp; b</title>",
	"<textarea>x</textarea ><xmp><b></xmp><noscript><p>x</noscript><iframe>q</IFRAME/>",
	"<!DOCTYPE html><!doctype><!DOC<!-- c --!><!-- a -- b --><!--><!---><!-x-><?xml ?></><//x></ x>",
	"<!--unterminated", "<!DOCTY", "<p", "<p class=", "<p class=\"x", "</", "</p", "<", "<!", "<!-", "a<", "a</", "a<b",
	"<plaintext><p>x</p>", "<title>never ends", "<script>never ends <!-- <script>",
	"<DIV\tCLASS=x\fID=y\n>T\r\nU\rV</DIV>", "<p =x ==y a= b c='d'e=f>", "<p\x00 c\x00=v\x00>x\x00y</p\x00>",
	"<a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z a=1/>",
}

// TestHTMLTokenizerMatchesLibrary holds htmlTokenizer to the library's
// tokenizer, token for token, on the fixtures, the seeds, the readability
// pages and the trafilatura-eval pages (the last two when ../shared/data
// is there).
func TestHTMLTokenizerMatchesLibrary(t *testing.T) {
	files, _ := filepath.Glob("testdata/html/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkHTMLTokens(t, f, string(b))
	}
	for i, s := range tokenizerSeeds {
		checkHTMLTokens(t, fmt.Sprint("seed ", i), s)
	}
	if pages, err := testpages.Load(devSet); err == nil {
		for _, p := range pages {
			checkHTMLTokens(t, p.Name, p.Source)
		}
	}
	if testing.Short() {
		return
	}
	if pages, err := snippets.Load(trafEvalSet); err == nil {
		for _, p := range pages {
			checkHTMLTokens(t, p.File, p.HTML)
		}
	}
}

func FuzzHTMLTokenizer(f *testing.F) {
	addSeeds(f, "testdata/html/*.html", tokenizerSeeds...)
	f.Fuzz(func(t *testing.T, src string) {
		checkHTMLTokens(t, "input", src)
	})
}
