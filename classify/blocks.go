package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// shape is what a block looks like on its own, before its neighbours are
// considered.
type shape uint8

const (
	shapeParagraph shape = iota + 1 // ends like a sentence
	shapeTitle                      // four or more words, no closing punctuation: a headline
	shapeLabel                      // one to three words, no closing punctuation
	shapeDek                        // a line ending in an ellipsis: a teaser's dek
	shapeSymbols                    // no words at all
)

// block is a block under construction.
type block struct {
	start, end int
	words      int
	shape      shape
	label      string // normalised text of a short block, for table look-ups
	role       Role
	kind       Kind
	fixed      bool // role decided by the block's own text
	article    bool
	opener     Kind   // section this block opens, if it is a section header
	opinion    string // evidence that the page is an opinion piece ("byline:columnist")
	sentences  []int
}

// maxLabelWords bounds the blocks whose text is looked up in label tables.
const maxLabelWords = 12

// segment splits text into blocks: each non-blank line is a block, except
// that runs of hard-wrapped lines are joined into one paragraph.
func segment(text string) []block {
	var blocks []block
	var group [][2]int // line spans of the current run of non-blank lines
	flush := func() {
		if len(group) == 0 {
			return
		}
		if wrapped(text, group) {
			blocks = append(blocks, block{start: group[0][0], end: group[len(group)-1][1]})
		} else {
			for _, l := range group {
				blocks = append(blocks, block{start: l[0], end: l[1]})
			}
		}
		group = group[:0]
	}
	for pos := 0; pos <= len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		s, e := trimSpan(text, pos, lineEnd)
		if s < e {
			group = append(group, [2]int{s, e})
		} else {
			flush()
		}
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	flush()
	return blocks
}

// trimSpan narrows [s, e) past surrounding white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// wrapped reports whether a run of lines is one hard-wrapped paragraph:
// every line but the last is long, and most of them stop mid-sentence.
func wrapped(text string, lines [][2]int) bool {
	if len(lines) < 2 {
		return false
	}
	midSentence := 0
	for _, l := range lines[:len(lines)-1] {
		if n := utf8.RuneCountInString(text[l[0]:l[1]]); n < 40 || n > 120 {
			return false
		}
		if !endsSentence(text[l[0]:l[1]]) {
			midSentence++
		}
	}
	return midSentence*2 >= len(lines)-1
}

// endsSentence reports text ending in closing punctuation, possibly followed
// by closing quotes or brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '”', '’', '\'', ')', ']', '»':
			s = s[:len(s)-size]
			continue
		case '.', '!', '?', '…':
			return true
		}
		return false
	}
	return false
}

func endsEllipsis(s string) bool {
	s = strings.TrimRight(s, "\"”’')] ")
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// normaliseLabel lower-cases a short text, folds white space and strips the
// symbols that decorate links and headers ("View All »", "— RELATED —").
func normaliseLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '&' || r == '-' && b.Len() > 0:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if r == '’' {
				r = '\''
			}
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// describe sets each block's shape, label and the roles its own text decides.
func (c *Classifier) describe(text string, blocks []block) {
	for i := range blocks {
		b := &blocks[i]
		s := text[b.start:b.end]
		b.words = countWords(s, maxLabelWords+1)
		switch {
		case b.words == 0:
			b.shape = shapeSymbols
		case endsEllipsis(s):
			b.shape = shapeDek
		case endsSentence(s):
			b.shape = shapeParagraph
		case b.words <= 3:
			b.shape = shapeLabel
		default:
			b.shape = shapeTitle
		}
		if b.words <= maxLabelWords {
			b.label = normaliseLabel(s)
		}
		c.localRole(s, b)
	}
}

// countWords counts words in s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && !in {
			n++
			if n >= limit {
				return n
			}
		}
		in = word || (in && (r == '\'' || r == '’' || r == '-' || r == '.'))
	}
	return n
}

// localRole assigns roles that a block's own text decides: furniture labels,
// captions, bylines, datelines, footers and horizontal navigation bars.
func (c *Classifier) localRole(s string, b *block) {
	set := func(role Role, kind Kind) {
		b.role, b.kind, b.fixed = role, kind, true
	}
	if b.shape == shapeSymbols {
		set(RoleNav, KindBoilerplate)
		return
	}
	if b.label != "" {
		if role, ok := c.lex.labels[b.label]; ok {
			set(role, KindBoilerplate)
			return
		}
		if k, ok := c.openerKind(b.label); ok && b.shape != shapeParagraph {
			b.opener = k
			b.role = RoleSectionHeader
			return
		}
	}
	lower := ""
	if len(s) <= 600 {
		lower = strings.ToLower(s)
	}
	switch {
	case isCaption(s, lower, b.words):
		set(RoleCaption, KindBoilerplate)
	case isFooter(lower):
		set(RoleFooter, KindBoilerplate)
	case b.label != "" && isShareBar(b.label):
		set(RoleShare, KindBoilerplate)
	case lower != "" && b.words <= 40 && (strings.Contains(lower, "newsletter") || strings.Contains(lower, "sign up") && strings.Contains(lower, "email") || strings.Contains(lower, "in your inbox")):
		set(RoleNewsletter, KindBoilerplate)
	case b.label != "" && isCommentCount(b.label):
		set(RoleComments, KindBoilerplate)
	case b.label != "" && c.isNavBar(s):
		set(RoleNav, KindBoilerplate)
	case b.label != "" && isByline(s, b.label):
		b.role, b.fixed = RoleByline, true
		if w := opinionBylineWord(b.label); w != "" {
			b.opinion = "byline:" + w
		}
	case b.label != "" && b.shape != shapeParagraph && c.isDateline(b.label):
		b.role, b.fixed = RoleDateline, true
	case lower != "" && isAuthorNote(lower):
		b.role, b.fixed, b.opinion = RoleByline, true, "note:author"
	case lower != "" && isDisclaimer(lower):
		set(RoleFooter, KindBoilerplate)
		b.opinion = "note:disclaimer"
	}
}

// openerKind looks a section header up: opinion sections and boilerplate rails.
func (c *Classifier) openerKind(label string) (Kind, bool) {
	if k, ok := c.lex.openers[label]; ok {
		return k, true
	}
	for _, prefix := range [...]string{"more from ", "more in ", "more on ", "more ", "latest from ", "related to "} {
		if rest, ok := strings.CutPrefix(label, prefix); ok && strings.Count(label, " ") <= 4 {
			// "More Opinion" is more of the opinion section; "More from
			// Coastal News" is a rail.
			if c.lex.openers[rest] == KindOpinion {
				return KindOpinion, true
			}
			return KindBoilerplate, true
		}
	}
	return "", false
}

func isCaption(s, lower string, words int) bool {
	if lower == "" || words > 60 {
		return false
	}
	for _, p := range [...]string{"image:", "photo:", "picture:", "photograph:", "caption:", "illustration:", "graphic:", "video:", "watch:", "image credit", "photo credit", "credit:", "(photo", "file photo", "pictured:", "photo by", "image by", "(ap photo", "[image", "[photo"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	tail := lower
	if len(tail) > 80 {
		tail = tail[len(tail)-80:]
	}
	for _, p := range [...]string{"(ap photo", "getty images", "/reuters)", "/ reuters", "/afp", "/ afp", "shutterstock", "photo by ", "photograph: ", "(photo:", "(photo by", "(credit:", "/ap)", "via getty", "epa-efe", "(image:", "photo credit"} {
		if strings.Contains(tail, p) {
			return true
		}
	}
	return false
}

func isFooter(lower string) bool {
	if lower == "" {
		return false
	}
	if strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "copyright") || strings.Contains(lower, "all rights reserved") {
		return true
	}
	if strings.Contains(lower, "cookie") && (strings.Contains(lower, "we use") || strings.Contains(lower, "this site uses") || strings.Contains(lower, "accept")) {
		return true
	}
	switch strings.Trim(lower, " .") {
	case "privacy policy", "terms of use", "terms of service", "cookie policy", "about us", "contact us", "accessibility", "sitemap", "site map", "careers", "advertise with us", "terms and conditions", "do not sell my personal information":
		return true
	}
	return false
}

func isShareBar(label string) bool {
	words := strings.Fields(label)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		switch w {
		case "share", "facebook", "twitter", "x", "email", "e-mail", "whatsapp", "linkedin", "reddit", "print", "copy", "link", "pinterest", "flipboard", "telegram", "messenger", "on", "this", "article", "story", "via", "tweet", "comments", "save", "gift":
		default:
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
func (c *Classifier) isNavBar(s string) bool {
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
		if c.lex.class(strings.Trim(w, ",.:;"))&wSection == 0 {
			return false
		}
	}
	return true
}

func isByline(s, label string) bool {
	for _, p := range [...]string{"by ", "written by ", "reporting by ", "additional reporting by ", "editing by ", "compiled by ", "words by ", "story by ", "reported by "} {
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
		for _, job := range [...]string{"staff writer", "correspondent", "columnist", "contributor", "reporter", "contributing writer", "senior writer", "opinion writer", "guest writer", "special to"} {
			if strings.Contains(label, job) {
				return true
			}
		}
	}
	return false
}

// opinionBylineWord returns the word that makes a byline an opinion
// writer's ("columnist"), or "".
func opinionBylineWord(label string) string {
	for _, w := range [...]string{"columnist", "contributor", "editorial board", "opinion", "guest writer", "guest essay", "commentator", "contributing writer"} {
		if strings.Contains(label, w) {
			return w
		}
	}
	return ""
}

// isDateline reports short lines that are mostly a date or time.
func (c *Classifier) isDateline(label string) bool {
	for _, p := range [...]string{"updated", "published", "posted", "last updated", "first published", "modified"} {
		if strings.HasPrefix(label, p) {
			return true
		}
	}
	if strings.HasSuffix(label, " ago") || strings.HasSuffix(label, " min read") || strings.HasSuffix(label, " minute read") || strings.HasSuffix(label, " minutes read") {
		return true
	}
	hasDigit, hasMonth := false, false
	for _, w := range strings.Fields(label) {
		if w != "" && unicode.IsDigit(rune(w[0])) {
			hasDigit = true
		}
		if c.lex.class(w)&wMonth != 0 {
			hasMonth = true
		}
		switch w {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "et", "est", "edt", "gmt", "utc", "bst", "pm", "am":
			hasMonth = true
		}
	}
	return hasDigit && hasMonth
}

// isAuthorNote reports an author's bio line ("Jane Doe is a columnist for…").
func isAuthorNote(lower string) bool {
	return len(lower) <= 400 && (followedBy(lower, " is ", "a columnist", "a contributing", "an opinion", "a guest columnist", "a syndicated columnist", "the author of", "a senior fellow", "an associate professor", "a professor of", "a contributor") ||
		followedBy(lower, " writes ", "a column", "about "))
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
func isDisclaimer(lower string) bool {
	return len(lower) < 500 && (strings.Contains(lower, "views expressed") || strings.Contains(lower, "opinions expressed") || strings.Contains(lower, "do not necessarily reflect") || strings.Contains(lower, "this is an opinion") || strings.Contains(lower, "this article is an opinion"))
}
