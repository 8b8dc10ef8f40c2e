package classify

import "strings"

// SchemaVersion names the JSON layout of Result. It changes only when a
// field is removed or changes meaning; new optional fields keep the version.
const SchemaVersion = "slant/v1"

// Result is the analysis of one page, serialised as schema slant/v1
// (docs/schema.md). Every Start/End is a byte offset into the page text: for
// plain-text input that is the input exactly as given.
type Result struct {
	Schema       string        `json:"schema"`
	ID           string        `json:"id"`
	URL          string        `json:"url"`
	Site         string        `json:"site"`
	Model        string        `json:"model"`
	Page         PageVerdict   `json:"page"`
	Blocks       []Block       `json:"blocks"`
	Sentences    []Sentence    `json:"sentences"`
	Attributions []Attribution `json:"attributions"`
	// Text is the page text extracted from HTML input, which every offset
	// indexes. Omitted for plain-text input: the input is the text.
	Text string `json:"text,omitempty"`
}

// ArticleBody returns the main article's body as a reader-mode view shows
// it: its paragraphs and subheads, without headline, byline or dateline,
// separated by blank lines. The HTML development set scores this text.
func (r *Result) ArticleBody() string {
	var b strings.Builder
	for _, bl := range r.Blocks {
		if bl.Article && (bl.Role == RoleParagraph || bl.Role == RoleSectionHeader) {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(bl.Text)
		}
	}
	return b.String()
}

// PageVerdict is the page-level summary that alerting consumes.
type PageVerdict struct {
	Genre Genre `json:"genre"`
	// OpinionScore is the share of the main article's text that reads as
	// opinion, 0..1, raised to at least 0.8 when the page's structure marks it
	// as an opinion piece.
	OpinionScore float64 `json:"opinion_score"`
	// GenreEvidence lists the structural signs that made the page an
	// opinion piece, as "where:what" ("header:opinion", "url:/opinion/",
	// "byline:…", "headline:editorial", "note:author"). Empty when the text
	// alone decided.
	GenreEvidence []string `json:"genre_evidence"`
	// PresentedAs is how the page presents itself, from its structure and
	// markup alone, never from its text's tone: opinion when it carries a
	// structural opinion sign (GenreEvidence of an opinion piece), other
	// when it has no main article, else news. Alerts that watch opinion
	// presented as news select on it, so moving the text thresholds that
	// decide Genre does not hide those pages.
	PresentedAs Genre    `json:"presented_as"`
	Sourcing    Sourcing `json:"sourcing"`
}

// Sourcing grades how the main article backs its claims. Attributions in
// teasers, rails and other furniture do not count.
type Sourcing struct {
	// Score is the mean attribution score scaled by coverage:
	// mean(score) × min(1, attributed_share / 0.5). 0 when unsourced.
	Score float64       `json:"score"`
	Label SourcingLabel `json:"label"`
	// Attributions counts the main article's attributions.
	Attributions int                `json:"attributions"`
	ByType       map[SourceType]int `json:"by_type"`
	ByStrength   map[Strength]int   `json:"by_strength"`
	// AttributedShare is the share of the article's news sentences that carry
	// at least one attribution.
	AttributedShare float64 `json:"attributed_share"`
	// SecondhandFrom lists, in order of first use, the outlets whose
	// reporting the article relays ("according to Reuters", "per the outlet").
	SecondhandFrom []string `json:"secondhand_from"`
}

// Block is a paragraph or line of the page with its structural role.
type Block struct {
	Kind  Kind   `json:"kind"`
	Role  Role   `json:"role"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Article is true for blocks of the page's main article (headline,
	// byline, dateline, body), false for furniture, rails and teasers.
	Article bool `json:"article"`
	// OpinionScore is how opinionated the block's own words read, 0..1,
	// independent of where the block sits.
	OpinionScore float64 `json:"opinion_score"`
}

// Sentence is one sentence of a non-boilerplate block.
type Sentence struct {
	Block        int     `json:"block"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Subjective   bool    `json:"subjective"`
	Subjectivity float64 `json:"subjectivity"`
	LoadedTerms  []Span  `json:"loaded_terms"`
}

// Span is a byte range of the page text and the text it covers.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Attribution ties content to the source it is credited to.
type Attribution struct {
	Sentence int  `json:"sentence"`
	Source   Span `json:"source"`
	Cue      Span `json:"cue"`
	Content  Span `json:"content"`
	// MoreContent are further parts of a content the cue splits:
	// "\"We will win,\" she said, \"and soon.\"" has content "We will
	// win," and more content "and soon.".
	MoreContent []Span     `json:"more_content,omitempty"`
	CueKind     CueKind    `json:"cue_kind"`
	SourceType  SourceType `json:"source_type"`
	Quote       QuoteKind  `json:"quote"`
	Strength    Strength   `json:"strength"`
	Score       float64    `json:"score"`
	// Antecedent is the earlier mention a pronoun or a phrase such as
	// "the outlet" refers to; SourceType and Score are then the antecedent's.
	Antecedent *Span `json:"antecedent,omitempty"`
}

// Kind says what a block is to a reader.
type Kind string

const (
	KindNews        Kind = "news"
	KindOpinion     Kind = "opinion"
	KindBoilerplate Kind = "boilerplate"
)

// Role is a block's place in the page's structure.
type Role string

const (
	RoleHeadline      Role = "headline"
	RoleParagraph     Role = "paragraph"
	RoleByline        Role = "byline"
	RoleDateline      Role = "dateline"
	RoleCaption       Role = "caption"
	RoleAd            Role = "ad"
	RoleNav           Role = "nav"
	RoleSectionHeader Role = "section_header"
	RoleTeaser        Role = "teaser"
	RoleRelated       Role = "related"
	RoleShare         Role = "share"
	RoleNewsletter    Role = "newsletter"
	RoleComments      Role = "comments"
	RoleFooter        Role = "footer"
)

// Genre is the page's verdict.
type Genre string

const (
	GenreNews    Genre = "news"
	GenreOpinion Genre = "opinion"
	GenreMixed   Genre = "mixed"
	// GenreOther is a page without a main article: an index, a bare list of
	// links, or too little text to judge.
	GenreOther Genre = "other"
)

// SourceType is who an attribution credits.
type SourceType string

const (
	SourceNamedPerson       SourceType = "named_person"
	SourceNamedOrganization SourceType = "named_organization"
	SourceMediaOutlet       SourceType = "media_outlet"
	SourceDocument          SourceType = "document"
	SourceUnnamedOfficial   SourceType = "unnamed_official"
	SourceUnnamedPerson     SourceType = "unnamed_person"
	SourceUnnamedGroup      SourceType = "unnamed_group"
	SourceAnonymous         SourceType = "anonymous"
)

// Genres returns every Genre in a fixed order, for stable output.
func Genres() []Genre { return []Genre{GenreNews, GenreOpinion, GenreMixed, GenreOther} }

// SourceTypes returns every SourceType in a fixed order, for stable output.
func SourceTypes() [8]SourceType {
	return [...]SourceType{
		SourceNamedPerson, SourceNamedOrganization, SourceMediaOutlet, SourceDocument,
		SourceUnnamedOfficial, SourceUnnamedPerson, SourceUnnamedGroup, SourceAnonymous,
	}
}

// CueKind says what the cue credits to its source. Only claims (speech,
// according_to, evidence, document) count toward page sourcing: a thought
// ("X believes", "X wants") reports a stance, not a sourced fact.
type CueKind string

const (
	CueSpeech      CueKind = "speech"       // said, told, blasted, wrote
	CueAccordingTo CueKind = "according_to" // according to X, per X
	CueThought     CueKind = "thought"      // believes, expects, worries, seems
	CueEvidence    CueKind = "evidence"     // shows, found, indicates
	CueDocument    CueKind = "document"     // in a statement, in a report
)

// CountsAsSourcing reports whether attributions of this kind count toward
// a page's sourcing.
func (k CueKind) CountsAsSourcing() bool { return k != CueThought }

// QuoteKind says whether the content is the source's own words.
type QuoteKind string

const (
	QuoteDirect   QuoteKind = "direct"
	QuoteIndirect QuoteKind = "indirect"
	QuoteMixed    QuoteKind = "mixed"
)

// Strength buckets an attribution score: strong ≥ 0.7, moderate ≥ 0.4, else weak.
type Strength string

const (
	StrengthStrong   Strength = "strong"
	StrengthModerate Strength = "moderate"
	StrengthWeak     Strength = "weak"
)

// Strengths returns every Strength in a fixed order.
func Strengths() [3]Strength {
	return [...]Strength{StrengthStrong, StrengthModerate, StrengthWeak}
}

// SourcingLabel buckets a page's sourcing score: strong ≥ 0.65, moderate ≥ 0.4,
// weak above 0, unsourced when the main article attributes nothing.
type SourcingLabel string

const (
	SourcingStrong    SourcingLabel = "strong"
	SourcingModerate  SourcingLabel = "moderate"
	SourcingWeak      SourcingLabel = "weak"
	SourcingUnsourced SourcingLabel = "unsourced"
)
