package classify

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/shareddata"
)

// referencePage is the example page from the shared data folder; it is not
// copied into the repository.
const referencePage = "../../shared/examples/us-iraq-coalition-page.txt"

func newClassifier(t testing.TB, opts Options) *Classifier {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func classifyFile(t testing.TB, c *Classifier, path, url string) (*Result, string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Classify(context.Background(), Page{ID: filepath.Base(path), URL: url, Text: string(b)})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res, string(b)
}

type wantBlock struct {
	prefix string
	kind   Kind
	role   Role
}

type wantAttr struct {
	source     string
	sourceType SourceType
	strength   Strength
	quote      QuoteKind // "" when any
	antecedent string    // "" when none
}

type wantPage struct {
	file       string
	url        string
	genre      Genre
	sourcing   []SourcingLabel // any of these
	secondhand []string
	blocks     []wantBlock
	attrs      []wantAttr
	noAttr     []string // source texts that must not be attributions
}

// checkPage compares a result with what a reader of the page expects.
func checkPage(t *testing.T, res *Result, w wantPage) {
	t.Helper()
	if res.Page.Genre != w.genre {
		t.Errorf("genre = %s, want %s (opinion score %.2f, evidence %v)", res.Page.Genre, w.genre, res.Page.OpinionScore, res.Page.GenreEvidence)
	}
	if w.sourcing != nil {
		ok := false
		for _, l := range w.sourcing {
			ok = ok || res.Page.Sourcing.Label == l
		}
		if !ok {
			t.Errorf("sourcing label = %s (score %.3f), want one of %v", res.Page.Sourcing.Label, res.Page.Sourcing.Score, w.sourcing)
		}
	}
	if w.secondhand != nil && !reflect.DeepEqual(res.Page.Sourcing.SecondhandFrom, w.secondhand) {
		t.Errorf("secondhand_from = %q, want %q", res.Page.Sourcing.SecondhandFrom, w.secondhand)
	}
	for _, wb := range w.blocks {
		found := false
		for _, b := range res.Blocks {
			if strings.HasPrefix(b.Text, wb.prefix) {
				found = true
				if b.Kind != wb.kind || b.Role != wb.role {
					t.Errorf("block %q = %s/%s, want %s/%s", wb.prefix, b.Kind, b.Role, wb.kind, wb.role)
				}
			}
		}
		if !found {
			t.Errorf("no block starts with %q", wb.prefix)
		}
	}
	for _, wa := range w.attrs {
		a := findAttr(res, wa.source)
		if a == nil {
			t.Errorf("no attribution with source %q; have %s", wa.source, attrSummary(res))
			continue
		}
		if a.SourceType != wa.sourceType || a.Strength != wa.strength {
			t.Errorf("source %q = %s/%s, want %s/%s", wa.source, a.SourceType, a.Strength, wa.sourceType, wa.strength)
		}
		if wa.quote != "" && a.Quote != wa.quote {
			t.Errorf("source %q quote = %s, want %s", wa.source, a.Quote, wa.quote)
		}
		if wa.antecedent != "" && (a.Antecedent == nil || a.Antecedent.Text != wa.antecedent) {
			t.Errorf("source %q antecedent = %v, want %q", wa.source, a.Antecedent, wa.antecedent)
		}
	}
	for _, src := range w.noAttr {
		if a := findAttr(res, src); a != nil {
			t.Errorf("unexpected attribution to %q (cue %q)", src, a.Cue.Text)
		}
	}
}

// findAttr finds the attribution whose source reads source. A source span
// may end with the comma that closes an apposition ("Tom Becker, a
// Republican,"), as PolNeAR's do.
func findAttr(res *Result, source string) *Attribution {
	for i := range res.Attributions {
		if strings.TrimSuffix(res.Attributions[i].Source.Text, ",") == source {
			return &res.Attributions[i]
		}
	}
	return nil
}

func attrSummary(res *Result) string {
	var b strings.Builder
	for _, a := range res.Attributions {
		b.WriteString("[" + a.Source.Text + " / " + a.Cue.Text + "] ")
	}
	return b.String()
}

// TestReferencePage checks the shared reference page exactly as the classify
// issue describes it, with the rules alone and with the learned models.
func TestReferencePage(t *testing.T) {
	if _, err := os.Stat(referencePage); err != nil {
		shareddata.Skipf(t, "reference page %s not present (it lives in the shared data folder beside the repository): %v", referencePage, err)
	}
	w := wantPage{
		genre:      GenreNews,
		sourcing:   []SourcingLabel{SourcingWeak, SourcingModerate},
		secondhand: []string{"Reuters"},
		blocks: []wantBlock{
			{"US, Iraq move toward end", KindNews, RoleHeadline},
			{"The United States is one step", KindNews, RoleParagraph},
			{"Sources familiar with the matter", KindNews, RoleParagraph},
			{"According to Reuters", KindNews, RoleParagraph},
			{`"The US and Iraq are close`, KindNews, RoleParagraph},
			{"They explained", KindNews, RoleParagraph},
			{"The 2,500 American troops", KindNews, RoleParagraph},
			{"Iraqi Prime Minister", KindNews, RoleParagraph},
			{"Image: Title: biden iraq", KindBoilerplate, RoleCaption},
			{"ADVERTISEMENT", KindBoilerplate, RoleAd},
			{"View All", KindBoilerplate, RoleNav},
			{"Panama's new president vows", KindOpinion, RoleTeaser},
			{"Jose Mulino, Panama's newly", KindOpinion, RoleTeaser},
			{"Thousands march in Ireland", KindOpinion, RoleTeaser},
			{"Protesters chanted", KindOpinion, RoleTeaser},
			{"Pope Francis meets", KindOpinion, RoleTeaser},
			{"Pope Francis has welcomed", KindOpinion, RoleTeaser},
		},
		attrs: []wantAttr{
			{"Sources familiar with the matter", SourceAnonymous, StrengthWeak, QuoteIndirect, ""},
			{"Reuters", SourceMediaOutlet, StrengthWeak, "", ""},
			{"an American official", SourceUnnamedOfficial, StrengthWeak, QuoteDirect, ""},
			{"the outlet", SourceMediaOutlet, StrengthWeak, "", "Reuters"},
			{"Iraqi Prime Minister Mohammed Shia al-Sudani", SourceNamedPerson, StrengthStrong, QuoteIndirect, ""},
			{"They", SourceUnnamedOfficial, StrengthWeak, QuoteMixed, "an American official"},
		},
		noAttr: []string{"The United"},
	}
	for _, opts := range []Options{{Rules: true}, {}} {
		c := newClassifier(t, opts)
		t.Run(c.model, func(t *testing.T) {
			res, _ := classifyFile(t, c, referencePage, "")
			checkPage(t, res, w)
			for _, b := range res.Blocks {
				if b.Article != (b.Kind == KindNews) {
					t.Errorf("block %.30q article = %v, want it to be the news blocks exactly", b.Text, b.Article)
				}
			}
		})
	}
}

// TestFixturePages checks each fixture page as a reader sees it, with the
// rules alone and with the learned models: both must get the same pages
// right.
func TestFixturePages(t *testing.T) {
	pages := []wantPage{
		{
			file: "wire-story.txt", genre: GenreNews,
			sourcing: []SourcingLabel{SourcingStrong}, secondhand: []string{},
			blocks: []wantBlock{
				{"Home | World", KindBoilerplate, RoleNav},
				{"UN agency says", KindNews, RoleHeadline},
				{"By Jane Whitfield", KindNews, RoleByline},
				{"March 4, 2024", KindNews, RoleDateline},
				{"GENEVA (Reuters)", KindNews, RoleParagraph},
				{"(Reporting by", KindNews, RoleByline},
				{"Share this article", KindBoilerplate, RoleShare},
				{"More News", KindBoilerplate, RoleSectionHeader},
				{"Oil prices rise", KindBoilerplate, RoleRelated},
				{"Brent crude", KindBoilerplate, RoleRelated},
				{"© 2024 Reuters", KindBoilerplate, RoleFooter},
			},
			attrs: []wantAttr{
				{"UNRWA Commissioner-General Philippe Lazzarini", SourceNamedPerson, StrengthStrong, QuoteDirect, ""},
				{"A State Department spokesperson", SourceUnnamedOfficial, StrengthModerate, QuoteIndirect, ""},
				{"the spokesperson", SourceUnnamedOfficial, StrengthModerate, QuoteDirect, "A State Department spokesperson"},
				{"The Israeli military", SourceNamedOrganization, StrengthStrong, QuoteMixed, ""},
				{"figures published by the World Health Organization", SourceDocument, StrengthStrong, "", ""},
				{"An aid worker, who spoke on condition of anonymity because she was not authorized to brief reporters", SourceAnonymous, StrengthWeak, "", ""},
				{"Court documents filed in The Hague", SourceDocument, StrengthStrong, "", ""},
			},
		},
		{
			file: "opinion-column.txt", genre: GenreOpinion,
			blocks: []wantBlock{
				{"Opinion", KindOpinion, RoleSectionHeader},
				{"The city council's parking plan", KindOpinion, RoleHeadline},
				{"By Mary Alvarez, Columnist", KindOpinion, RoleByline},
				{"Every few years", KindOpinion, RoleParagraph},
				{"I have nothing against density", KindOpinion, RoleParagraph},
				{"Mary Alvarez is a columnist", KindOpinion, RoleByline},
				{"Most Read", KindBoilerplate, RoleSectionHeader},
				{"Five things to know", KindBoilerplate, RoleRelated},
				{"Ad Feedback", KindBoilerplate, RoleAd},
			},
			attrs:  []wantAttr{{"Council member Dana Ruiz", SourceNamedPerson, StrengthStrong, QuoteMixed, ""}},
			noAttr: []string{"She"},
		},
		{
			file: "rewrite-secondhand.txt", genre: GenreNews,
			sourcing:   []SourcingLabel{SourcingWeak},
			secondhand: []string{"The Wall Street Journal", "Bloomberg"},
			blocks: []wantBlock{
				{"Tech giant weighs sale", KindNews, RoleHeadline},
				{"Related Articles", KindBoilerplate, RoleSectionHeader},
				{"Chipmaker shares slide", KindBoilerplate, RoleRelated},
				{"Sign up for our daily", KindBoilerplate, RoleNewsletter},
			},
			attrs: []wantAttr{
				{"The Wall Street Journal", SourceMediaOutlet, StrengthWeak, QuoteIndirect, ""},
				{"the newspaper", SourceMediaOutlet, StrengthWeak, "", "The Wall Street Journal"},
				{"The Journal", SourceMediaOutlet, StrengthWeak, "", "The Wall Street Journal"},
				{"Bloomberg", SourceMediaOutlet, StrengthWeak, "", ""},
			},
		},
		{
			file: "unsourced.txt", genre: GenreNews,
			sourcing: []SourcingLabel{SourcingUnsourced},
			blocks: []wantBlock{
				{"Skip to main content", KindBoilerplate, RoleNav},
				{"How the city's oldest bakery", KindNews, RoleHeadline},
				{"The bakery opens at 6 a.m.", KindNews, RoleParagraph},
				{"Related", KindBoilerplate, RoleSectionHeader},
				{"Privacy Policy", KindBoilerplate, RoleFooter},
			},
		},
		{
			file: "vertical-nav.txt", genre: GenreNews,
			sourcing: []SourcingLabel{SourcingStrong},
			blocks: []wantBlock{
				{"The Valley Courier", KindBoilerplate, RoleNav},
				{"Opinion", KindBoilerplate, RoleNav},
				{"Governor signs budget", KindNews, RoleHeadline},
				{"Gov. Linda Harper signed", KindNews, RoleParagraph},
				{"Most Popular", KindBoilerplate, RoleSectionHeader},
				{"1. Storm knocks out", KindBoilerplate, RoleRelated},
			},
			attrs: []wantAttr{
				{"Harper", SourceNamedPerson, StrengthStrong, QuoteDirect, ""},
				{"She", SourceNamedPerson, StrengthStrong, QuoteIndirect, "Harper"},
				{"Senate Majority Leader Tom Becker, a Republican", SourceNamedPerson, StrengthStrong, "", ""},
				{"Teachers' union president Carla Nguyen", SourceNamedPerson, StrengthStrong, QuoteMixed, ""},
			},
		},
		{
			file: "editorial.txt", genre: GenreOpinion,
			blocks: []wantBlock{
				{"Editorial: The state's new voting law", KindOpinion, RoleHeadline},
				{"The Editorial Board", KindOpinion, RoleByline},
				{"The governor should veto", KindOpinion, RoleParagraph},
				{"Letters to the Editor", KindOpinion, RoleSectionHeader},
			},
			attrs: []wantAttr{
				{"The bill's supporters", SourceUnnamedGroup, StrengthWeak, "", ""},
				{"The secretary of state's own audit", SourceDocument, StrengthStrong, "", ""},
			},
		},
		{
			// The URL alone makes a plain, calm page an opinion piece.
			file: "unsourced.txt", url: "https://example.com/opinion/2024/03/bakery", genre: GenreOpinion,
		},
	}
	for _, opts := range []Options{{Rules: true}, {}} {
		c := newClassifier(t, opts)
		for _, w := range pages {
			t.Run(c.model+"/"+w.file+w.url, func(t *testing.T) {
				res, _ := classifyFile(t, c, filepath.Join("testdata", "pages", w.file), w.url)
				checkPage(t, res, w)
			})
		}
	}
}

// TestSpans checks the schema's promises on every fixture: spans index the
// page text, sentences lie in their blocks, indexes point into the arrays,
// scores lie in 0..1 and the JSON round-trips.
func TestSpans(t *testing.T) {
	c := newClassifier(t, Options{})
	files, _ := filepath.Glob("testdata/pages/*.txt")
	if _, err := os.Stat(referencePage); err == nil {
		files = append(files, referencePage)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res, text := classifyFile(t, c, f, "")
			span := func(what string, s Span) {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
					t.Errorf("%s span %d:%d does not index %q", what, s.Start, s.End, s.Text)
				}
			}
			prevEnd := 0
			for i, b := range res.Blocks {
				span("block", Span{b.Start, b.End, b.Text})
				if b.Start < prevEnd {
					t.Errorf("block %d overlaps the one before", i)
				}
				prevEnd = b.End
				if b.OpinionScore < 0 || b.OpinionScore > 1 {
					t.Errorf("block %d opinion score %v", i, b.OpinionScore)
				}
			}
			for i, s := range res.Sentences {
				if s.Block < 0 || s.Block >= len(res.Blocks) {
					t.Fatalf("sentence %d block %d out of range", i, s.Block)
				}
				b := res.Blocks[s.Block]
				if s.Start < b.Start || s.End > b.End || s.Start >= s.End {
					t.Errorf("sentence %d %d:%d outside its block %d:%d", i, s.Start, s.End, b.Start, b.End)
				}
				if s.Subjective != (s.Subjectivity >= subjectiveAt) {
					t.Errorf("sentence %d subjective=%v at %v", i, s.Subjective, s.Subjectivity)
				}
				for _, l := range s.LoadedTerms {
					span("loaded term", l)
				}
			}
			for i, a := range res.Attributions {
				if a.Sentence < 0 || a.Sentence >= len(res.Sentences) {
					t.Fatalf("attribution %d sentence %d out of range", i, a.Sentence)
				}
				span("source", a.Source)
				span("cue", a.Cue)
				span("content", a.Content)
				if a.Antecedent != nil {
					span("antecedent", *a.Antecedent)
				}
				if a.Score < 0 || a.Score > 1 || strengthOf(a.Score) != a.Strength {
					t.Errorf("attribution %d score %v strength %s", i, a.Score, a.Strength)
				}
			}
			raw, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			var back Result
			dec := json.NewDecoder(strings.NewReader(string(raw)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&back, res) {
				t.Error("result does not survive a JSON round trip")
			}
			for _, key := range []string{`"loaded_terms":null`, `"attributions":null`, `"secondhand_from":null`, `"genre_evidence":null`} {
				if strings.Contains(string(raw), key) {
					t.Errorf("JSON has %s; lists are always arrays", key)
				}
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	huge := strings.Repeat("The minister said that the talks, which \"stalled\" in May, would resume. ", 20<<20/70) // a 20 MB single line
	cues := strings.Repeat("said told according to per stated revealed ", 20000)
	quotes := strings.Repeat(`"`, 100000)
	for _, tc := range []struct {
		name   string
		text   string
		limits Limits
		want   error  // nil: a valid result
		reason Reason // InputError reason
	}{
		{"empty", "", Limits{}, ErrEmpty, "empty"},
		{"whitespace", " \n\t\n ", Limits{}, ErrEmpty, "empty"},
		{"invalid utf-8", "Officials said \xff\xfe it was over.", Limits{}, ErrInvalidUTF8, "invalid_utf8"},
		{"nul bytes", "Officials said\x00 it was over.", Limits{}, ErrBinary, "binary"},
		{"over the default size limit", huge, Limits{}, ErrTooLarge, "too_large"},
		{"over a configured limit", "A short page that says something.", Limits{MaxBytes: 10}, ErrTooLarge, "too_large"},
		{"100,000 quote marks", quotes, Limits{}, nil, ""},
		{"nothing but cue words", cues, Limits{}, nil, ""},
		{"20 MB line under a raised limit", huge, Limits{MaxBytes: 32 << 20, Timeout: time.Minute}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The race detector slows the 20 MB line several times over;
			// without it the minute holds.
			if raceEnabled && tc.limits.Timeout > 0 {
				tc.limits.Timeout *= 5
			}
			c := newClassifier(t, Options{Limits: tc.limits})
			res, err := c.Classify(context.Background(), Page{Text: tc.text})
			if tc.want == nil {
				if err != nil {
					t.Fatalf("want a result, got %v", err)
				}
				if res.Schema != SchemaVersion {
					t.Errorf("schema = %q", res.Schema)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Reason != tc.reason {
				t.Fatalf("error %v is not an InputError with reason %q", err, tc.reason)
			}
		})
	}
}

func TestTimeoutAndCancel(t *testing.T) {
	page := Page{Text: strings.Repeat("The minister said the talks would resume.\n\n", 2000)}
	c := newClassifier(t, Options{Limits: Limits{Timeout: time.Nanosecond}})
	if _, err := c.Classify(context.Background(), page); !errors.Is(err, ErrTimeout) {
		t.Errorf("tiny time budget: error = %v, want ErrTimeout", err)
	}
	var ie *InputError
	if _, err := c.Classify(context.Background(), page); errors.As(err, &ie) {
		t.Errorf("a timeout must not be an InputError (it may succeed on retry)")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newClassifier(t, Options{}).Classify(ctx, page); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error = %v, want context.Canceled", err)
	}
}

// TestTimeoutIsPrompt gives a 20 MB page a one-second budget: every
// stage checks the context often enough that the page fails with
// ErrTimeout soon after, not when a long stage ends.
func TestTimeoutIsPrompt(t *testing.T) {
	huge := strings.Repeat("The minister said that the talks, which \"stalled\" in May, would resume. ", 20<<20/70)
	budget, slack := time.Second, 3*time.Second
	if raceEnabled {
		slack *= 10 // the race detector slows every stage about tenfold
	}
	c := newClassifier(t, Options{Limits: Limits{MaxBytes: 32 << 20, Timeout: budget}})
	start := time.Now()
	_, err := c.Classify(context.Background(), Page{Text: huge})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > budget+slack {
		t.Errorf("returned %s after the start, %s after its budget", d.Round(time.Millisecond), (d - budget).Round(time.Millisecond))
	}
}

// TestConcurrent shares one Classifier between goroutines (run with -race)
// and checks that each gets the same answer as a classifier that never saw
// another page, and that a result handed out earlier does not change while
// the Classifier reuses its buffers for later pages.
func TestConcurrent(t *testing.T) {
	c := newClassifier(t, Options{})
	files, _ := filepath.Glob("testdata/pages/*.txt")
	want, held := map[string]*Result{}, map[string]*Result{}
	for _, f := range files {
		want[f], _ = classifyFile(t, newClassifier(t, Options{ModelSet: c.models}), f, "")
		held[f], _ = classifyFile(t, c, f, "")
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range files {
				got, _ := classifyFile(t, c, f, "")
				if !reflect.DeepEqual(got, want[f]) {
					t.Errorf("%s: concurrent result differs", f)
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range files {
		if !reflect.DeepEqual(held[f], want[f]) {
			t.Errorf("%s: a result changed after later pages were classified", f)
		}
	}
}
