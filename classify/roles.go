package classify

// Plain-text front end, step 2 (the HTML front end reuses it): the roles a
// block's own text decides — furniture labels, captions, bylines, datelines,
// footers, navigation bars, opinion notes.

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// localRole assigns roles that a block's own text decides: furniture labels,
// captions, bylines, datelines, footers and horizontal navigation bars.
// t is what readBlockText read of s.
func (c *Classifier) localRole(s string, b *block, t *blockText) {
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
	if role := lx.furnitureRole(s, t, b); role != "" {
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
	case t.isAuthorNote():
		b.role, b.fixed, b.opinion = RoleByline, true, "note:author"
	case t.isDisclaimer():
		b.setFurniture(RoleFooter)
		b.opinion = "note:disclaimer"
	}
}

// blockText is what the phrase rules read of a block: the phrases found in
// its lower-cased text (strings.ToLower's bytes), of a block no longer
// than maxScannedBlock.
type blockText struct {
	s string
	// lower is the lower-cased text when lower-casing changes more than
	// ASCII letters, else nil: the lower-cased text is then s with A–Z
	// folded, byte for byte.
	lower []byte
	words int // countWords(s, maxLabelWords+1)
	hits  phraseHits
	buf   *[]byte // scratch, reused from block to block
}

// maxScannedBlock is the longest block readBlockText scans for phrases.
const maxScannedBlock = 600

// ok reports a block short enough to have been scanned.
func (t *blockText) ok() bool { return len(t.s) <= maxScannedBlock }

// n is the length of the lower-cased text of a scanned block.
func (t *blockText) n() int {
	if t.lower != nil {
		return len(t.lower)
	}
	return len(t.s)
}

// readBlockText counts the words of s, up to maxLabelWords+1 as describe
// needs, and scans it for the phrases of the role rules.
func (lx *lexicon) readBlockText(s string, buf *[]byte) blockText {
	t := blockText{s: s, buf: buf}
	if !t.ok() {
		t.words = countWords(s, maxLabelWords+1)
		return t
	}
	var plain bool
	if t.hits, t.words, plain = lx.blockPhrases.scanLower(s, maxLabelWords+1); plain {
		return t
	}
	t.words = countWords(s, maxLabelWords+1)
	*buf = appendLower((*buf)[:0], s)
	t.lower = *buf
	t.hits = lx.blockPhrases.scan(t.lower)
	return t
}

// lowerText returns the whole lower-cased text (also of a long block).
func (t *blockText) lowerText() []byte {
	if t.lower == nil {
		*t.buf = appendLower((*t.buf)[:0], t.s)
		t.lower = *t.buf
	}
	return t.lower
}

// The groups of the lexicon's blockPhrases.
const (
	gCaptionPrefix phraseGroup = iota
	gCaptionCredit
	gFooterPrefix  // "©", "copyright"
	gRights        // "all rights reserved"
	gCookie        // "cookie"
	gCookieConsent // "we use", "this site uses", "accept"
	gNewsletter    // "newsletter", "in your inbox"
	gSignUp
	gEmail
	gAuthorNote
	gDisclaimer
	numBlockGroups
)

// newBlockPhrases compiles the phrases the role rules look for in a block's
// lower-cased text into one matcher.
func newBlockPhrases(lx *lexicon) *phraseMatcher {
	groups := make([][]string, numBlockGroups)
	groups[gCaptionPrefix] = lx.captionPrefixes
	groups[gCaptionCredit] = lx.captionCredits
	groups[gFooterPrefix] = []string{"©", "copyright"}
	groups[gRights] = []string{"all rights reserved"}
	groups[gCookie] = []string{"cookie"}
	groups[gCookieConsent] = []string{"we use", "this site uses", "accept"}
	groups[gNewsletter] = []string{"newsletter", "in your inbox"}
	groups[gSignUp] = []string{"sign up"}
	groups[gEmail] = []string{"email"}
	// An author's note is " is " or " writes " followed by one of its
	// tails: as phrases, that is the anchor and tail joined.
	for _, t := range lx.authorNoteRoles {
		groups[gAuthorNote] = append(groups[gAuthorNote], " is "+t)
	}
	for _, t := range lx.authorNoteWrites {
		groups[gAuthorNote] = append(groups[gAuthorNote], " writes "+t)
	}
	groups[gDisclaimer] = lx.disclaimers
	return newPhraseMatcher(groups)
}

// setFurniture makes b page furniture with the given role.
func (b *block) setFurniture(role Role) {
	b.role, b.kind, b.fixed = role, KindBoilerplate, true
}

// furnitureRole returns the furniture role the block's text shows
// (caption, footer, share bar, newsletter prompt, comment count,
// navigation bar), or "".
func (lx *lexicon) furnitureRole(s string, t *blockText, b *block) Role {
	switch {
	case t.isCaption(b.words):
		return RoleCaption
	case lx.isFooter(t):
		return RoleFooter
	case b.label != "" && lx.isShareBar(b.label):
		return RoleShare
	case t.ok() && b.words <= 40 && t.isNewsletterPrompt():
		return RoleNewsletter
	case b.label != "" && isCommentCount(b.label):
		return RoleComments
	case b.label != "" && lx.isNavBar(s, t):
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
		if rest, ok := strings.CutPrefix(label, prefix); ok && strings.Count(label, " ") <= 4 {
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

// isCaption reports a caption: one that opens with a caption prefix or
// has a photo credit in its last 80 bytes.
func (t *blockText) isCaption(words int) bool {
	if !t.ok() || words > 60 {
		return false
	}
	return t.hits.prefix(gCaptionPrefix) || t.hits.hasFrom(gCaptionCredit, t.n()-80)
}

func (lx *lexicon) isFooter(t *blockText) bool {
	if !t.ok() {
		return false
	}
	h := &t.hits
	if h.prefix(gFooterPrefix) || h.has(gRights) {
		return true
	}
	if h.has(gCookie) && h.has(gCookieConsent) {
		return true
	}
	// A whole line that is a footer link: the trim removes no letters,
	// so trimming before lower-casing gives the same line.
	if t.lower != nil {
		link := bytes.Trim(t.lower, " .")
		return len(link) <= lx.maxFooterLink && lx.footerLinks[string(link)]
	}
	link := strings.Trim(t.s, " .")
	if len(link) > lx.maxFooterLink {
		return false
	}
	*t.buf = appendLower((*t.buf)[:0], link)
	return lx.footerLinks[string(*t.buf)]
}

func (t *blockText) isNewsletterPrompt() bool {
	h := &t.hits
	return h.has(gNewsletter) || h.has(gSignUp) && h.has(gEmail)
}

func (lx *lexicon) isShareBar(label string) bool {
	words := 0
	for w := range strings.FieldsSeq(label) {
		if !lx.shareBarWords[w] {
			return false
		}
		words++
	}
	return words >= 2
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
// separators, or four or more words that are all section names. It counts
// items and words as it goes, where the lists strings.FieldsFunc and
// strings.Fields return would cost an allocation each.
func (lx *lexicon) isNavBar(s string, t *blockText) bool {
	if mayHaveNavSeparator(s) {
		items, short := 0, 0
		for it := range strings.FieldsFuncSeq(s, isNavSeparator) {
			items++
			if n := countWords(it, 5); n >= 1 && n <= 3 {
				short++
			}
		}
		if items >= 3 && short == items {
			return true
		}
	}
	words := 0
	if t.ok() && t.lower == nil {
		// Lower-casing s changes only ASCII letters: its words are the
		// words of s, each lowered as it is reached, so the first word
		// that is no section name ends the look without lowering the rest.
		for w := range strings.FieldsSeq(s) {
			*t.buf = appendLower((*t.buf)[:0], w)
			if lx.words[string(bytes.Trim(*t.buf, ",.:;"))]&wSection == 0 {
				return false
			}
			words++
		}
		return words >= 4
	}
	for w := range bytes.FieldsSeq(t.lowerText()) {
		if lx.words[string(bytes.Trim(w, ",.:;"))]&wSection == 0 {
			return false
		}
		words++
	}
	return words >= 4
}

// mayHaveNavSeparator reports whether s has a byte of a separator
// isNavSeparator accepts (the first byte of the non-ASCII ones): without
// one, s is a single item.
func mayHaveNavSeparator(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|', '/', '>', '\t', "•"[0], "·"[0], "»"[0], "›"[0]:
			return true
		}
	}
	return false
}

func isNavSeparator(r rune) bool {
	return r == '|' || r == '•' || r == '·' || r == '/' || r == '»' || r == '>' || r == '›' || r == '\t'
}

func (lx *lexicon) isByline(s, label string) bool {
	for _, p := range lx.bylinePrefixes {
		if strings.HasPrefix(label, p) {
			rest := strings.TrimSpace(s[len(p):])
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
	// A dateline needs a word that starts with a digit.
	if !strings.ContainsAny(label, "0123456789") {
		return false
	}
	hasDigit, hasMonth := false, false
	for w := range strings.FieldsSeq(label) {
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
func (t *blockText) isAuthorNote() bool {
	return t.ok() && t.n() <= 400 && t.hits.has(gAuthorNote)
}

// isDisclaimer reports the views-are-the-author's-own note of opinion pages.
func (t *blockText) isDisclaimer() bool {
	return t.ok() && t.n() < 500 && t.hits.has(gDisclaimer)
}
