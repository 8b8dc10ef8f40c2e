package classify

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/slantwire/slant/internal/wordlists"
)

// localRoleRef is localRole as it was before the phrase matcher: the
// lower-cased text from strings.ToLower, a strings.Contains or HasPrefix
// per phrase. TestLocalRoleMatchesReference holds the two to the same
// roles.
func (c *Classifier) localRoleRef(s string, b *block) {
	lx := c.lex
	if b.shape == shapeSymbols {
		b.setFurniture(RoleNav)
		return
	}
	if b.label != "" {
		if role, ok := lx.labels[b.label]; ok {
			b.setFurniture(role)
			return
		}
		if k, ok := lx.openerKind(b.label); ok && b.shape != shapeParagraph {
			b.opener, b.role = k, RoleSectionHeader
			return
		}
	}
	lower := ""
	if len(s) <= 600 {
		lower = strings.ToLower(s)
	}
	anyOf := func(s string, ps ...string) bool {
		for _, p := range ps {
			if strings.Contains(s, p) {
				return true
			}
		}
		return false
	}
	prefixOf := func(s string, ps ...string) bool {
		for _, p := range ps {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
		return false
	}
	tail := lower
	if len(tail) > 80 {
		tail = tail[len(tail)-80:]
	}
	var notes []string
	for _, r := range lx.authorNoteRoles {
		notes = append(notes, " is "+r)
	}
	for _, w := range lx.authorNoteWrites {
		notes = append(notes, " writes "+w)
	}
	navWords := func() bool {
		words := strings.Fields(strings.ToLower(s))
		if len(words) < 4 {
			return false
		}
		for _, w := range words {
			if lx.class(strings.Trim(w, ",.:;"))&wSection == 0 {
				return false
			}
		}
		return true
	}
	navItems := func() bool {
		items := strings.FieldsFunc(s, isNavSeparator)
		for _, it := range items {
			if n := countWords(it, 5); n < 1 || n > 3 {
				return false
			}
		}
		return len(items) >= 3
	}
	switch {
	case lower != "" && b.words <= 60 && (prefixOf(lower, lx.captionPrefixes...) || anyOf(tail, lx.captionCredits...)):
		b.setFurniture(RoleCaption)
	case lower != "" && (prefixOf(lower, "©", "copyright") || anyOf(lower, "all rights reserved") ||
		anyOf(lower, "cookie") && anyOf(lower, "we use", "this site uses", "accept") || lx.footerLinks[strings.Trim(lower, " .")]):
		b.setFurniture(RoleFooter)
	case b.label != "" && lx.isShareBar(b.label):
		b.setFurniture(RoleShare)
	case lower != "" && b.words <= 40 && (anyOf(lower, "newsletter") || anyOf(lower, "sign up") && anyOf(lower, "email") || anyOf(lower, "in your inbox")):
		b.setFurniture(RoleNewsletter)
	case b.label != "" && isCommentCount(b.label):
		b.setFurniture(RoleComments)
	case b.label != "" && (navItems() || navWords()):
		b.setFurniture(RoleNav)
	case b.label != "" && lx.isByline(s, b.label):
		b.role, b.fixed = RoleByline, true
		if w := lx.opinionBylineWord(b.label); w != "" {
			b.opinion = "byline:" + w
		}
	case b.label != "" && b.shape != shapeParagraph && lx.isDateline(b.label):
		b.role, b.fixed = RoleDateline, true
	case lower != "" && len(lower) <= 400 && anyOf(lower, notes...):
		b.role, b.fixed, b.opinion = RoleByline, true, "note:author"
	case lower != "" && len(lower) < 500 && anyOf(lower, lx.disclaimers...):
		b.setFurniture(RoleFooter)
		b.opinion = "note:disclaimer"
	}
}

// TestLocalRoleMatchesReference describes lines of the fixture pages, of
// the shared pages when present, and random lines made of the phrases the
// rules look for (in any case, next to non-ASCII letters whose lower case
// is longer or shorter, across the 80-, 400-, 500- and 600-byte limits),
// and checks each block against localRoleRef.
func TestLocalRoleMatchesReference(t *testing.T) {
	c := newClassifier(t, Options{Rules: true})
	lx := c.lex
	var texts []string
	files, _ := filepath.Glob("testdata/pages/*.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(raw), "\n")...)
	}
	// The blocks of the shared pages (golden_test.go), as the HTML front
	// end cuts them.
	for _, p := range sharedPages(t) {
		if p.page.HTML == "" {
			texts = append(texts, strings.Split(p.page.Text, "\n")...)
			continue
		}
		hp, err := c.extractHTML(context.Background(), p.page.HTML)
		if err != nil {
			continue
		}
		for _, b := range hp.blocks {
			texts = append(texts, hp.text[b.start:b.end])
		}
	}
	var phrases []string
	for _, list := range [][]string{lx.captionPrefixes, lx.captionCredits, lx.disclaimers, lx.bylineJobs, lx.authorNoteRoles, lx.authorNoteWrites, lines(wordlists.FooterLinks)} {
		phrases = append(phrases, list...)
	}
	phrases = append(phrases, "©", "Copyright", "all rights reserved", "cookie", "We use", "accept", "newsletter", "Sign up", "email",
		"in your inbox", " is ", " writes ", "Jane Doe", "By", "Updated 5:03 PM", "News | World | Sport", "Home Politics Business Opinion",
		"İ", "\u212a", "É", "é", "’", "\xff", ".", "...", " ", "  ", "—", "12 comments", strings.Repeat("x", 70))
	rng := rand.New(rand.NewSource(5))
	for range 30000 {
		var b strings.Builder
		for b.Len() < []int{20, 80, 390, 495, 590, 640}[rng.Intn(6)] {
			p := phrases[rng.Intn(len(phrases))]
			if rng.Intn(3) == 0 {
				p = strings.ToUpper(p)
			} else if rng.Intn(3) == 0 && p != "" {
				p = string(unicode.ToUpper(rune(p[0]))) + p[1:]
			}
			b.WriteString(p)
			if rng.Intn(2) == 0 {
				b.WriteByte(' ')
			}
		}
		texts = append(texts, b.String())
	}
	// Each kind of phrase at the very edges of the length limits, after
	// or before padding whose lower case is as long (x), longer (İ) or
	// shorter (the Kelvin sign).
	for _, p := range []string{"Jane Doe is a columnist", "She writes about", "Views expressed", "(AP Photo", "Getty Images", "Photo: x",
		"newsletter", "All rights reserved", "© 2024"} {
		for _, limit := range []int{80, 400, 500, 600} {
			for _, n := range []int{limit - 2, limit - 1, limit, limit + 1, limit + 2} {
				for _, pad := range []string{"x", "İ", "\u212a"} {
					fill := strings.Repeat(pad, max(n-len(p), 0)/len(pad))
					texts = append(texts, fill+p, p+fill, "a "+fill+p, fill+" "+p+" "+fill)
				}
			}
		}
	}
	checked := 0
	for _, line := range texts {
		s := strings.TrimSpace(line)
		if s == "" {
			continue
		}
		got := []block{{start: 0, end: len(s)}}
		c.describe(s, got)
		want := got[0]
		want.role, want.kind, want.fixed, want.opener, want.opinion = "", "", false, "", ""
		c.localRoleRef(s, &want)
		if got[0].role != want.role || got[0].kind != want.kind || got[0].fixed != want.fixed || got[0].opener != want.opener || got[0].opinion != want.opinion {
			t.Fatalf("%q: role %q kind %q opener %q opinion %q, reference %q %q %q %q", s,
				got[0].role, got[0].kind, got[0].opener, got[0].opinion, want.role, want.kind, want.opener, want.opinion)
		}
		checked++
	}
	t.Logf("%d blocks", checked)
}
