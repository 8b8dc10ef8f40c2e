package classify

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// charsetPage is a small article whose body holds letters beyond ASCII.
func charsetPage(head, body string) string {
	p := "<p>" + body + " The council met on Tuesday and the mayor said the plan would go ahead as agreed.</p>"
	return "<html><head>" + head + "<title>Test</title></head><body><article><h1>Headline of the page</h1>" +
		p + p + p + "</article></body></html>"
}

func TestHTMLCharsets(t *testing.T) {
	c := newClassifier(t, Options{})
	const latin = "Zürich, Genève and Málaga: «naïve» café owners paid €5."
	const polish = "Łódź and Gdańsk: żółć."
	const chinese = "北京市政府周二表示，计划将按期推进。"
	enc := func(e interface {
		String(string) (string, error)
	}, s string) string {
		out, err := e.String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		name, src, want string
	}{
		{"meta charset windows-1252", enc(charmap.Windows1252.NewEncoder(), charsetPage(`<meta charset="windows-1252">`, latin)), latin},
		{"http-equiv iso-8859-2", enc(charmap.ISO8859_2.NewEncoder(), charsetPage(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">`, polish)), polish},
		{"meta charset gbk", enc(simplifiedchinese.GBK.NewEncoder(), charsetPage(`<meta charset=gbk>`, chinese)), chinese},
		{"gb2312 read as gbk", enc(simplifiedchinese.GBK.NewEncoder(), charsetPage(`<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=gb2312">`, chinese)), chinese},
		{"late meta after a long head", enc(charmap.Windows1252.NewEncoder(), charsetPage(`<style>`+strings.Repeat("p{margin:0}", 400)+`</style><meta charset="iso-8859-1">`, latin)), latin},
		{"undeclared latin-1", enc(charmap.Windows1252.NewEncoder(), charsetPage("", latin)), latin},
		{"utf-8 bom", "\xef\xbb\xbf" + charsetPage("", latin), latin},
		{"utf-16le bom", enc(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), charsetPage("", latin)), latin},
		{"declared latin-1 but utf-8", charsetPage(`<meta charset="iso-8859-1">`, latin), latin},
		{"declared utf-8", charsetPage(`<meta charset="utf-8">`, latin), latin},
		{"declared utf-8 but windows-1252", enc(charmap.Windows1252.NewEncoder(), charsetPage(`<meta charset="utf-8">`, latin)), latin},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Page{HTML: tc.src})
			if err != nil {
				t.Fatal(err)
			}
			checkHTMLResult(t, res)
			if !strings.Contains(res.Text, tc.want) {
				t.Errorf("text does not hold %q:\n%s", tc.want, res.Text)
			}
			if !strings.Contains(res.ArticleBody(), tc.want) {
				t.Errorf("article body does not hold %q", tc.want)
			}
			if strings.Contains(res.Text, "\uFFFD") || strings.HasPrefix(res.Text, "\uFEFF") {
				t.Errorf("text holds a replacement character or a BOM:\n%q", res.Text)
			}
		})
	}
}

// TestHTMLCharsetLenientUTF8 keeps a UTF-8 page with a few stray bytes as
// UTF-8: the stray bytes become U+FFFD, the rest of its letters stay.
func TestHTMLCharsetLenientUTF8(t *testing.T) {
	c := newClassifier(t, Options{})
	const body = "Zürich, Genève and Málaga: «naïve» café owners paid €5 \xff."
	res, err := c.Classify(context.Background(), Page{HTML: charsetPage("", body)})
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLResult(t, res)
	if !strings.Contains(res.Text, "Zürich, Genève and Málaga: «naïve» café owners paid €5 \uFFFD.") {
		t.Errorf("text:\n%s", res.Text)
	}
}
