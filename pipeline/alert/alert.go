// Package alert turns results into alerts. A rule file (JSON) holds rules
// that each test one number or label of a result's page verdict; Evaluate
// returns the alerts a result fires, in rule order. The package is pure:
// besides Load reading a rule file it does no I/O and knows nothing of
// NATS, so package pipeline publishes what it returns, and anything else
// can evaluate the same rules. The rule format is documented in
// docs/pipeline.md#alert-rules.
package alert

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/slantwire/slant/classify"
)

// defaultRules is the rule file built into slant, returned by Load("").
//
//go:embed rules.json
var defaultRules []byte

// Schema names the JSON layout of Alert.
const Schema = "slant-alert/v1"

// Metrics a rule can test, all read from Result.Page.
const (
	// MetricSourceTypeShare is the share of the article's attributions whose
	// source type is in the rule's source_types (default ["anonymous"]).
	MetricSourceTypeShare = "source_type_share"
	// MetricOpinionScore is page.opinion_score: the share of the article
	// that reads as opinion.
	MetricOpinionScore = "opinion_score"
	// MetricSourcingScore is page.sourcing.score.
	MetricSourcingScore = "sourcing_score"
	// MetricSourcingLabel is page.sourcing.label, tested with "in".
	MetricSourcingLabel = "sourcing_label"
	// MetricSecondhandOutlets is the number of outlets in
	// page.sourcing.secondhand_from.
	MetricSecondhandOutlets = "secondhand_outlets"
	// MetricAttributedShare is page.sourcing.attributed_share.
	MetricAttributedShare = "attributed_share"
)

// Rule is one alert rule. A numeric metric fires when it is above Above
// and/or below Below (strictly); sourcing_label fires when the label is in In.
// Genres, when set, restricts the rule to pages whose verdict genre
// (page.genre) is listed; Presented, when set, to pages that present
// themselves (page.presented_as) as one of the listed kinds. Both may be set;
// a page must then pass both. Presented is read from structure and markup
// only, never from the text's tone, so the two can disagree:
// opinion_in_news selects on both, a page presented as news whose verdict,
// from its text, is opinion.
// MinAttributions skips pages with fewer article attributions (a share of
// one attribution says little).
type Rule struct {
	Name            string   `json:"name"`
	Description     string   `json:"description,omitempty"`
	Metric          string   `json:"metric"`
	Above           *float64 `json:"above,omitempty"`
	Below           *float64 `json:"below,omitempty"`
	In              []string `json:"in,omitempty"`
	SourceTypes     []string `json:"source_types,omitempty"`
	Genres          []string `json:"genres,omitempty"`
	Presented       []string `json:"presented,omitempty"`
	MinAttributions int      `json:"min_attributions,omitempty"`
}

// Rules is a parsed rule file.
type Rules struct {
	Rules []Rule `json:"rules"`
}

// Alert is what a fired rule produces; package pipeline publishes it on
// alerts.<site>.
type Alert struct {
	Schema      string    `json:"schema"`
	Rule        string    `json:"rule"`
	Description string    `json:"description,omitempty"`
	ID          string    `json:"id"`
	URL         string    `json:"url,omitempty"`
	Site        string    `json:"site,omitempty"`
	Metric      string    `json:"metric"`
	Value       float64   `json:"value"`
	Label       string    `json:"label,omitempty"`
	Threshold   *float64  `json:"threshold,omitempty"`
	Genre       string    `json:"genre"`
	PresentedAs string    `json:"presented_as"`
	Sourcing    string    `json:"sourcing"`
	Secondhand  []string  `json:"secondhand_from,omitempty"`
	Time        time.Time `json:"time"`
}

// Load reads a rule file; an empty path returns the built-in rules
// (pipeline/alert/rules.json).
func Load(path string) (*Rules, error) {
	if path == "" {
		return Parse(defaultRules)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("alert rules: %w", err)
	}
	r, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("alert rules %s: %w", path, err)
	}
	return r, nil
}

// Parse parses and checks a rule file. Unknown fields are errors, so a
// misspelt threshold does not silently disable a rule.
func Parse(b []byte) (*Rules, error) {
	var raw struct {
		Comment string `json:"_comment"`
		Rules
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	r := raw.Rules
	seen := map[string]bool{}
	var errs []error
	for i, rule := range r.Rules {
		if err := rule.check(); err != nil {
			errs = append(errs, fmt.Errorf("rule %d (%q): %w", i, rule.Name, err))
		}
		if seen[rule.Name] {
			errs = append(errs, fmt.Errorf("rule %d: duplicate name %q", i, rule.Name))
		}
		seen[rule.Name] = true
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &r, nil
}

// maxNameLen bounds a rule name, which goes into message ids, headers and
// metric labels.
const maxNameLen = 64

// isToken reports whether name is 1 to maxNameLen bytes of [a-z0-9_-]: a
// rule name that is safe as a Nats-Msg-Id part, a header value and a label.
func isToken(name string) bool {
	if name == "" || len(name) > maxNameLen {
		return false
	}
	for i := range len(name) {
		c := name[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func (r Rule) check() error {
	if !isToken(r.Name) {
		return fmt.Errorf("name must be a lower-case token of 1 to %d bytes ([a-z0-9_-])", maxNameLen)
	}
	switch r.Metric {
	case MetricSourcingLabel:
		if len(r.In) == 0 {
			return errors.New(`sourcing_label needs "in"`)
		}
	case MetricSourceTypeShare, MetricOpinionScore, MetricSourcingScore, MetricSecondhandOutlets, MetricAttributedShare:
		if r.Above == nil && r.Below == nil {
			return fmt.Errorf(`%s needs "above" or "below"`, r.Metric)
		}
	default:
		return fmt.Errorf("unknown metric %q", r.Metric)
	}
	known := classify.SourceTypes()
	for _, st := range r.SourceTypes {
		if !slices.Contains(known[:], classify.SourceType(st)) {
			return fmt.Errorf("unknown source type %q", st)
		}
	}
	// A misspelt genre or presentation would match no page and silently
	// disable the rule.
	for _, g := range r.Genres {
		if !slices.Contains(classify.Genres(), classify.Genre(g)) {
			return fmt.Errorf("unknown genre %q (genres are news, opinion, mixed, other)", g)
		}
	}
	for _, p := range r.Presented {
		if classify.Genre(p) == classify.GenreMixed {
			return errors.New(`presented "mixed": a page presents itself as news, opinion or other; mixed is a verdict genre, select it with "genres"`)
		}
		if !slices.Contains(classify.Genres(), classify.Genre(p)) {
			return fmt.Errorf("unknown presented value %q (a page presents itself as news, opinion or other)", p)
		}
	}
	return nil
}

// Evaluate returns the alerts res fires, in rule order.
func (rs *Rules) Evaluate(res *classify.Result, now time.Time) []Alert {
	if rs == nil {
		return nil
	}
	var out []Alert
	p := res.Page
	for _, r := range rs.Rules {
		if len(r.Genres) > 0 && !slices.Contains(r.Genres, string(p.Genre)) {
			continue
		}
		if len(r.Presented) > 0 && !slices.Contains(r.Presented, string(p.PresentedAs)) {
			continue
		}
		if p.Sourcing.Attributions < r.MinAttributions {
			continue
		}
		a := Alert{Schema: Schema, Rule: r.Name, Description: r.Description, ID: res.ID, URL: res.URL,
			Site: res.Site, Metric: r.Metric, Genre: string(p.Genre), PresentedAs: string(p.PresentedAs), Sourcing: string(p.Sourcing.Label),
			Secondhand: p.Sourcing.SecondhandFrom, Time: now.UTC()}
		var fired bool
		switch r.Metric {
		case MetricSourcingLabel:
			a.Label = string(p.Sourcing.Label)
			fired = slices.Contains(r.In, a.Label)
		default:
			a.Value = r.value(res)
			fired = true
			if r.Above != nil {
				fired = fired && a.Value > *r.Above
				a.Threshold = r.Above
			}
			if r.Below != nil {
				fired = fired && a.Value < *r.Below
				if a.Threshold == nil {
					a.Threshold = r.Below
				}
			}
		}
		if fired {
			out = append(out, a)
		}
	}
	return out
}

func (r Rule) value(res *classify.Result) float64 {
	s := res.Page.Sourcing
	switch r.Metric {
	case MetricSourceTypeShare:
		if s.Attributions == 0 {
			return 0
		}
		types := r.SourceTypes
		if len(types) == 0 {
			types = []string{string(classify.SourceAnonymous)}
		}
		n := 0
		for _, t := range types {
			n += s.ByType[classify.SourceType(t)]
		}
		return float64(n) / float64(s.Attributions)
	case MetricOpinionScore:
		return res.Page.OpinionScore
	case MetricSourcingScore:
		return s.Score
	case MetricSecondhandOutlets:
		return float64(len(s.SecondhandFrom))
	case MetricAttributedShare:
		return s.AttributedShare
	}
	return 0
}
