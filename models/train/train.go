// Package train rebuilds the artifacts of package models from the shared
// data sets (slant train) and measures them on the development splits
// (slant eval).
package train

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/slantwire/slant/models"
)

// Config says where the data is and where artifacts go.
type Config struct {
	Data  string // the shared data folder (checkthat-subjectivity, babe, polnear)
	Out   string // where artifacts are written
	Limit int    // at most this many examples per data set (0: all); for tests
	Log   io.Writer
}

// Hyper-parameters, fixed: chosen by 5-fold cross-validation on the training
// data, never on the development sets.
var (
	subjParams   = params{bits: 18, epochs: 12, eta: 0.2, l2: 1e-3, balanced: true, seed: 1}
	biasParams   = params{bits: 18, epochs: 12, eta: 0.2, l2: 1e-3, balanced: true, seed: 2}
	loadedParams = params{bits: 18, epochs: 8, eta: 0.2, l2: 1e-3, balanced: false, seed: 3}
)

// loadedMinPrecision is the out-of-fold precision a loaded-term threshold
// must reach: readers lose trust in a highlighter that is wrong half the time.
const loadedMinPrecision = 0.6

// Artifact file names in the models folder.
const (
	SubjectivityFile = models.SubjectivityFile
	BiasFile         = models.BiasFile
	LoadedFile       = models.LoadedFile
	TaggerFile       = models.TaggerFile
)

// Train fits every model and writes the artifacts to cfg.Out.
func Train(ctx context.Context, cfg Config) error {
	logf := func(format string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", a...)
		}
	}
	fz, err := models.DefaultFeaturizer()
	if err != nil {
		return err
	}
	ct, err := readCheckThat(checkthatPath(cfg.Data, "train"), cfg.Limit)
	if err != nil {
		return err
	}
	babe, err := readBABE(babePath(cfg.Data), cfg.Limit)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return fmt.Errorf("train: %w", err)
	}

	// Sentence subjectivity: CheckThat train plus BABE's training-fold
	// sentences whose opinion label is unambiguous.
	subj := append([]Example(nil), ct...)
	for _, e := range babe {
		switch {
		case e.HeldOut:
		case e.Opinion == "Expresses writer's opinion":
			subj = append(subj, Example{Text: e.Text, Label: true})
		case e.Opinion == "Entirely factual":
			subj = append(subj, Example{Text: e.Text, Label: false})
		}
	}
	m, cv, err := fitSentences(ctx, fz, subj, subjParams)
	if err != nil {
		return fmt.Errorf("train subjectivity: %w", err)
	}
	logf("subjectivity: %d sentences, 5-fold CV macro-F1 %.3f", len(subj), cv)
	if err := write(filepath.Join(cfg.Out, SubjectivityFile), m); err != nil {
		return err
	}

	var bias []Example
	for _, e := range babe {
		if !e.HeldOut && e.Gradable {
			bias = append(bias, e)
		}
	}
	m, cv, err = fitSentences(ctx, fz, bias, biasParams)
	if err != nil {
		return fmt.Errorf("train bias: %w", err)
	}
	logf("bias: %d sentences, 5-fold CV macro-F1 %.3f", len(bias), cv)
	if err := write(filepath.Join(cfg.Out, BiasFile), m); err != nil {
		return err
	}

	xs, ys, err := wordExamples(fz, bias)
	if err != nil {
		return err
	}
	scores, err := crossScores(ctx, xs, ys, loadedParams)
	if err != nil {
		return fmt.Errorf("train loaded terms: %w", err)
	}
	a, b := platt(scores, ys, false)
	probs := make([]float64, len(scores))
	for i, s := range scores {
		probs[i] = 1 / (1 + exp(-(a*s + b)))
	}
	th := bestThreshold(probs, ys, loadedMinPrecision)
	m, err = fit(ctx, xs, ys, loadedParams)
	if err != nil {
		return fmt.Errorf("train loaded terms: %w", err)
	}
	m.A, m.B, m.Threshold = float32(a), float32(b), float32(th)
	logf("loaded terms: %d words, threshold %.3f, 5-fold CV word F1 %.3f", len(xs), th, f1At(probs, ys, th))
	if err := write(filepath.Join(cfg.Out, LoadedFile), m); err != nil {
		return err
	}

	arts, err := readPolNEAR(cfg.Data, "train", cfg.Limit)
	if err != nil {
		return err
	}
	tg, err := trainTagger(ctx, arts)
	if err != nil {
		return fmt.Errorf("train attribution tagger: %w", err)
	}
	logf("attribution tagger: %d PolNeAR train articles", len(arts))
	return write(filepath.Join(cfg.Out, TaggerFile), tg)
}

// fitSentences fits a sentence classifier, calibrated on out-of-fold scores
// with class-balanced Platt scaling (so 0.5 is the decision point whatever
// the class mix), and returns its cross-validated macro-F1.
func fitSentences(ctx context.Context, fz *models.Featurizer, ex []Example, p params) (*models.Linear, float64, error) {
	xs := make([][]models.Feature, len(ex))
	ys := make([]bool, len(ex))
	for i, e := range ex {
		enc, err := fz.Encode(e.Text)
		if err != nil {
			return nil, 0, err
		}
		xs[i] = fz.Sentence(nil, enc)
		ys[i] = e.Label
	}
	scores, err := crossScores(ctx, xs, ys, p)
	if err != nil {
		return nil, 0, err
	}
	a, b := platt(scores, ys, true)
	var c confusion
	for i, s := range scores {
		c.add(a*s+b >= 0, ys[i])
	}
	m, err := fit(ctx, xs, ys, p)
	if err != nil {
		return nil, 0, err
	}
	m.A, m.B = float32(a), float32(b)
	return m, c.macroF1(), nil
}

// wordExamples labels every candidate word of the sentences: positive when
// its lower-cased text is one of the sentence's biased_words.
func wordExamples(fz *models.Featurizer, ex []Example) ([][]models.Feature, []bool, error) {
	var xs [][]models.Feature
	var ys []bool
	for _, e := range ex {
		enc, err := fz.Encode(e.Text)
		if err != nil {
			return nil, nil, err
		}
		for i, w := range enc.Words {
			if !enc.Candidate(i) {
				continue
			}
			xs = append(xs, fz.Word(nil, enc, i))
			ys = append(ys, isLoaded(e.Loaded, e.Text[w.Start:w.End]))
		}
	}
	return xs, ys, nil
}

func isLoaded(loaded []string, word string) bool {
	lw := strings.ToLower(word)
	for _, l := range loaded {
		if strings.Trim(l, ".,;:!?\"'()") == lw {
			return true
		}
	}
	return false
}

func write(path string, m interface{ MarshalBinary() ([]byte, error) }) error {
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	return nil
}
