package main

import (
	"context"
	"flag"
	"os"
	"slices"
	"strings"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/models"
	"github.com/slantwire/slant/models/train"
)

func runTrain(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "the shared data folder")
	out := fs.String("out", "models", "where the artifacts are written")
	limit := fs.Int("limit", 0, "use at most this many examples per data set (0: all)")
	holdOut := fs.Bool("holdout", false, "train the attribution tagger without the held-out fifth of PolNeAR train (measure with slant eval --holdout)")
	var exclude stringList
	fs.Var(&exclude, "exclude", "train without this data source ("+strings.Join(train.Sources(), ", ")+"); repeatable. The artifacts derived only from it are not written (models/README.md)")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	return train.Train(ctx, train.Config{Data: *data, Out: *out, Limit: *limit, Log: e.stderr, HoldOut: *holdOut, Exclude: exclude})
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runEval(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "the shared data folder")
	dir := fs.String("models", "", "evaluate the artifacts in this folder instead of the embedded ones")
	limit := fs.Int("limit", 0, "use at most this many examples per data set (0: all)")
	holdOut := fs.Bool("holdout", false, "measure attribution on the held-out fifth of PolNeAR train instead of dev (for artifacts from slant train --holdout)")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	var (
		m   *models.Models
		err error
	)
	if *dir != "" {
		m, err = models.Parse(os.DirFS(*dir))
	} else {
		m, err = models.Load()
	}
	if err != nil {
		return err
	}
	// The labelled HTML pages include some over the default size limit.
	big := classify.Limits{MaxBytes: 16 << 20}
	c, err := classify.New(classify.Options{ModelSet: m, Limits: big})
	if err != nil {
		return err
	}
	rc, err := classify.New(classify.Options{Limits: big, Rules: true})
	if err != nil {
		return err
	}
	systems := []train.System{
		{Name: "classify", Read: classifyPage(c), Genre: true},
		{Name: "rules", Read: classifyPage(rc), Genre: true},
	}
	product := c.SentenceSubjectivity
	cfg := train.Config{Data: *data, Limit: *limit, HoldOut: *holdOut}
	rows, err := train.Evaluate(ctx, m, product, systems, cfg)
	if err != nil {
		return err
	}
	html, err := train.HTMLGenreRows(ctx, []train.HTMLGenreSystem{
		{Name: "classify", Read: classifyHTMLGenre(c)},
		{Name: "rules", Read: classifyHTMLGenre(rc)},
	}, cfg)
	if err != nil {
		return err
	}
	composed, err := train.ComposedRows(ctx, []train.KindSystem{
		{Name: "classify", Read: classifyKinds(c)},
		{Name: "rules", Read: classifyKinds(rc)},
	}, cfg)
	if err != nil {
		return err
	}
	return train.PrintRows(e.stdout, slices.Concat(rows, html, composed))
}

// classifyPage adapts classify's attributions and page genre for
// comparison with the tagger and the labels on PolNeAR.
func classifyPage(c *classify.Classifier) train.PageReader {
	return func(ctx context.Context, text string) (train.Page, error) {
		var out train.Page
		res, err := c.Classify(ctx, classify.Page{Text: text})
		if err != nil {
			return out, err
		}
		for _, a := range res.Attributions {
			for r, sp := range [models.NumRoles]classify.Span{a.Source, a.Cue, a.Content} {
				if sp.End > sp.Start {
					out.Spans[r] = append(out.Spans[r], models.Span{Start: sp.Start, End: sp.End})
					switch r {
					case models.RoleSource:
						out.SourceTypes = append(out.SourceTypes, string(a.SourceType))
					case models.RoleCue:
						out.CueKinds = append(out.CueKinds, string(a.CueKind))
					}
				}
			}
			for _, sp := range a.MoreContent {
				out.Spans[models.RoleContent] = append(out.Spans[models.RoleContent], models.Span{Start: sp.Start, End: sp.End})
			}
		}
		out.Genre, out.Score = string(res.Page.Genre), res.Page.OpinionScore
		// No article, or page structure that makes it opinion: no threshold
		// changes these verdicts.
		out.Fixed = res.Page.Genre == classify.GenreOther || res.Page.PresentedAs == classify.GenreOpinion
		for _, b := range res.Blocks {
			if b.Article && b.Role == classify.RoleParagraph {
				out.MaxParagraph = max(out.MaxParagraph, b.OpinionScore)
			}
		}
		return out, nil
	}
}

// classifyKinds adapts classify's block kinds for the composed pages.
func classifyKinds(c *classify.Classifier) train.KindReader {
	return func(ctx context.Context, text string) ([]train.KindSpan, error) {
		res, err := c.Classify(ctx, classify.Page{Text: text})
		if err != nil {
			return nil, err
		}
		out := make([]train.KindSpan, len(res.Blocks))
		for i, b := range res.Blocks {
			out[i] = train.KindSpan{Start: b.Start, End: b.End, Kind: string(b.Kind)}
		}
		return out, nil
	}
}

// classifyHTMLGenre adapts classify's page genre of an HTML page for the
// real-HTML genre labels.
func classifyHTMLGenre(c *classify.Classifier) train.HTMLGenreReader {
	return func(ctx context.Context, html, url string) (string, error) {
		res, err := c.Classify(ctx, classify.Page{URL: url, HTML: html})
		if err != nil {
			return "", err
		}
		return string(res.Page.Genre), nil
	}
}
