package train

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func TestComposeTruth(t *testing.T) {
	a := article{Name: "x", Text: "The title\n\nFirst paragraph.\n\nSecond one.\n\nThird one.\n\nFourth one.\n\nFifth one.\n"}
	pool := []string{"Home", "Share this", "Sign up for our newsletter"}
	p := compose(a, pool)
	var news []string
	furniture := 0
	for _, s := range p.truth {
		text := p.text[s.Start:s.End]
		switch s.Kind {
		case "news":
			news = append(news, text)
		case "boilerplate":
			if !slices.Contains(pool, text) {
				t.Errorf("furniture span %q is not a pool line", text)
			}
			furniture++
		default:
			t.Errorf("kind %q", s.Kind)
		}
	}
	if want := []string{"First paragraph.", "Second one.", "Third one.", "Fourth one.", "Fifth one."}; !slices.Equal(news, want) {
		t.Errorf("news spans %q, want %q", news, want)
	}
	if want := headerLines + footerLines + 1; furniture != want { // one line after the third paragraph
		t.Errorf("%d furniture lines, want %d", furniture, want)
	}
	if !strings.HasSuffix(p.text[:strings.Index(p.text, "First")], "The title\n\n") {
		t.Errorf("the title is not before the body:\n%s", p.text)
	}
	if q := compose(a, pool); q.text != p.text {
		t.Error("the same article composes differently")
	}
}

func TestTextBlocks(t *testing.T) {
	page := `<html><head><title>T</title><style>p{}</style></head><body><nav><a href=/>Home</a> <a>World</a></nav>
<script>var x = "<p>no</p>";</script><p>Body <b>text</b> here.</p><br>after<svg><text>no</text></svg><footer>© 2024</footer></body></html>`
	got := textBlocks(page)
	if want := []string{"Home World", "Body text here.", "after", "© 2024"}; !slices.Equal(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}

func TestComposedRowsWithoutData(t *testing.T) {
	_, err := ComposedRows(context.Background(), nil, Config{Data: t.TempDir()})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v, want one that wraps fs.ErrNotExist (tests skip on it)", err)
	}
}
