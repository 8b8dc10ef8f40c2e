package classify

// Plain-text front end, step 2 (the HTML front end reuses it): the roles a
// block's own text decides — furniture labels, captions, bylines, datelines,
// footers, navigation bars, opinion notes.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// localRole assigns roles that a block's own text decides: furniture labels,
// captions, bylines, datelines, footers and horizontal navigation bars.
func (c *Classifier) localRole(s string, b *block) {
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
			b.opener = k
			b.role = RoleSectionHeader
			return
		}
	}
	lower := ""
	if len(s) <= 600 {
		lower = strings.ToLower(s)
	}
	if role := lx.furnitureRole(s, lower, b); role != "" {
		b.setFurniture(role)
		return
	}
	switch {
	case b.label != "" && lx.isByline(s, b.label):
		b.role, b.fixed = RoleByline, true
		if w := lx.opinionBylineWord(b.label); w != "" {
			b.opinion = "byline:" + w
		}
	case b.label != "" && b.shape != shapeParagraph && lx.isDateline(b.label):
		b.role, b.fixed = RoleDateline, true
	case lower != "" && lx.isAuthorNote(lower):
		b.role, b.fixed, b.opinion = RoleByline, true, "note:author"
	case lower != "" && lx.isDisclaimer(lower):
		b.setFurniture(RoleFooter)
		b.opinion = "note:disclaimer"
	}
}

// setFurniture makes b page furniture with the given role.
func (b *block) setFurniture(role Role) {
	b.role, b.kind, b.fixed = role, KindBoilerplate, true
}

// furnitureRole returns the furniture role the block's text shows
// (caption, footer, share bar, newsletter prompt, comment count,
// navigation bar), or "".
func (lx *lexicon) furnitureRole(s, lower string, b *block) Role {
	switch {
	case lx.isCaption(lower, b.words):
		return RoleCaption
	case lx.isFooter(lower):
		return RoleFooter
	case b.label != "" && lx.isShareBar(b.label):
		return RoleShare
	case lower != "" && b.words <= 40 && isNewsletterPrompt(lower):
		return RoleNewsletter
	case b.label != "" && isCommentCount(b.label):
		return RoleComments
	case b.label != "" && lx.isNavBar(s):
		return RoleNav
	}
	return ""
}

// openerKind looks a section header up: opinion sections and boilerplate rails.
func (lx *lexicon) openerKind(label string) (Kind, bool) {
	if k, ok := lx.openers[label]; ok {
		return k, true
	}
	for _, prefix := range lx.railPrefixes {
		if rest, ok := strings.CutPrefix(label, prefix+" "); ok && strings.Count(label, " ") <= 4 {
			// "More Opinion" is more of the opinion section; "More from
			// Coastal News" is a rail.
			if lx.openers[rest] == KindOpinion {
				return KindOpinion, true
			}
			return KindBoilerplate, true
		}
	}
	return "", false
}

func (lx *lexicon) isCaption(lower string, words int) bool {
	if lower == "" || words > 60 {
		return false
	}
	for _, p := range lx.captionPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	tail := lower
	if len(tail) > 80 {
		tail = tail[len(tail)-80:]
	}
	for _, p := range lx.captionCredits {
		if strings.Contains(tail, p) {
			return true
		}
	}
	return false
}

func (lx *lexicon) isFooter(lower string) bool {
	if lower == "" {
		return false
	}
	if strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "copyright") || strings.Contains(lower, "all rights reserved") {
		return true
	}
	if strings.Contains(lower, "cookie") && (strings.Contains(lower, "we use") || strings.Contains(lower, "this site uses") || strings.Contains(lower, "accept")) {
		return true
	}
	return lx.footerLinks[strings.Trim(lower, " .")]
}

func isNewsletterPrompt(lower string) bool {
	return strings.Contains(lower, "newsletter") || strings.Contains(lower, "sign up") && strings.Contains(lower, "email") || strings.Contains(lower, "in your inbox")
}

func (lx *lexicon) isShareBar(label string) bool {
	words := strings.Fields(label)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !lx.shareBarWords[w] {
			return false
		}
	}
	return true
}

func isCommentCount(label string) bool {
	n, rest, ok := strings.Cut(label, " ")
	if !ok || (rest != "comments" && rest != "comment") {
		return false
	}
	for _, r := range n {
		if !unicode.IsDigit(r) && r != ',' && r != 'k' {
			return false
		}
	}
	return true
}

// isNavBar reports a line of menu items: three or more items split by
// separators, or four or more words that are all section names.
func (lx *lexicon) isNavBar(s string) bool {
	items := strings.FieldsFunc(s, func(r rune) bool {
		return r == '|' || r == '•' || r == '·' || r == '/' || r == '»' || r == '>' || r == '›' || r == '\t'
	})
	if len(items) >= 3 {
		short := 0
		for _, it := range items {
			if n := countWords(it, 5); n >= 1 && n <= 3 {
				short++
			}
		}
		if short == len(items) {
			return true
		}
	}
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

func (lx *lexicon) isByline(s, label string) bool {
	for _, p := range lx.bylinePrefixes {
		if strings.HasPrefix(label, p+" ") {
			rest := strings.TrimSpace(s[len(p)+1:])
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(r) || strings.HasPrefix(label, "reporting") || strings.HasPrefix(label, "editing")
		}
	}
	if strings.HasSuffix(label, "editorial board") || strings.HasPrefix(label, "the editorial board") {
		return true
	}
	if countWords(label, 11) <= 10 && !endsSentence(s) {
		for _, job := range lx.bylineJobs {
			if strings.Contains(label, job) {
				return true
			}
		}
	}
	return false
}

// opinionBylineWord returns the word that makes a byline an opinion
// writer's ("columnist"), or "".
func (lx *lexicon) opinionBylineWord(label string) string {
	for _, w := range lx.opinionBylineWords {
		if strings.Contains(label, w) {
			return w
		}
	}
	return ""
}

// isDateline reports short lines that are mostly a date or time.
func (lx *lexicon) isDateline(label string) bool {
	for _, p := range lx.datelinePrefixes {
		if strings.HasPrefix(label, p) {
			return true
		}
	}
	for _, p := range lx.datelineSuffixes {
		if strings.HasSuffix(label, p) {
			return true
		}
	}
	hasDigit, hasMonth := false, false
	for _, w := range strings.Fields(label) {
		if w != "" && unicode.IsDigit(rune(w[0])) {
			hasDigit = true
		}
		if lx.class(w)&wMonth != 0 || lx.datelineWords[w] {
			hasMonth = true
		}
	}
	return hasDigit && hasMonth
}

// isAuthorNote reports an author's bio line ("Jane Doe is a columnist for…").
func (lx *lexicon) isAuthorNote(lower string) bool {
	return len(lower) <= 400 && (followedBy(lower, " is ", lx.authorNoteRoles...) || followedBy(lower, " writes ", lx.authorNoteWrites...))
}

// followedBy reports whether s contains anchor immediately followed by one
// of tails. It matches what a strings.Contains per anchor+tail would, with
// one scan for the anchor instead of one per phrase.
func followedBy(s, anchor string, tails ...string) bool {
	for {
		i := strings.Index(s, anchor)
		if i < 0 {
			return false
		}
		for _, t := range tails {
			if strings.HasPrefix(s[i+len(anchor):], t) {
				return true
			}
		}
		s = s[i+1:]
	}
}

// isDisclaimer reports the views-are-the-author's-own note of opinion pages.
func (lx *lexicon) isDisclaimer(lower string) bool {
	if len(lower) >= 500 {
		return false
	}
	for _, d := range lx.disclaimers {
		if strings.Contains(lower, d) {
			return true
		}
	}
	return false
}
