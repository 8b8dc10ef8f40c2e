package main

import (
	"context"
	"flag"
	"os"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/models"
	"github.com/slantwire/slant/models/train"
)

func runTrain(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "the shared data folder")
	out := fs.String("out", "models", "where the artifacts are written")
	limit := fs.Int("limit", 0, "use at most this many examples per data set (0: all)")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	return train.Train(ctx, train.Config{Data: *data, Out: *out, Limit: *limit, Log: e.stderr})
}

func runEval(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "the shared data folder")
	dir := fs.String("models", "", "evaluate the artifacts in this folder instead of the embedded ones (the classify row then still uses the embedded ones)")
	limit := fs.Int("limit", 0, "use at most this many examples per data set (0: all)")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	var (
		m       *models.Models
		product train.SentenceScorer
		systems []train.System
		err     error
	)
	if *dir != "" {
		m, err = models.Parse(os.DirFS(*dir))
	} else {
		m, err = models.Load()
		if err == nil {
			var c, rc *classify.Classifier
			if c, err = classify.New(classify.Options{Models: true}); err == nil {
				product = c.SentenceSubjectivity
				systems = append(systems, train.System{Name: "classify", Read: classifyPage(c), Genre: true})
			}
			if rc, err = classify.New(classify.Options{}); err == nil {
				systems = append(systems, train.System{Name: "rules", Read: classifyPage(rc), Genre: true})
			}
		}
	}
	if err != nil {
		return err
	}
	rows, err := train.Evaluate(ctx, m, product, systems, train.Config{Data: *data, Limit: *limit})
	if err != nil {
		return err
	}
	return train.PrintRows(e.stdout, rows)
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
				}
			}
		}
		out.Genre, out.Score = string(res.Page.Genre), res.Page.OpinionScore
		// No article, or page structure that makes it opinion: no threshold
		// changes these verdicts.
		out.Fixed = res.Page.Genre == classify.GenreOther || res.Page.Genre == classify.GenreOpinion && len(res.Page.GenreEvidence) > 0
		for _, b := range res.Blocks {
			if b.Article && b.Role == classify.RoleParagraph {
				out.MaxParagraph = max(out.MaxParagraph, b.OpinionScore)
			}
		}
		return out, nil
	}
}
