package train

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/slantwire/slant/models"
	"github.com/slantwire/slant/models/internal/features"
)

// TestExclude trains on a slice of the data without BABE and PolNeAR into
// a folder that holds an earlier training's artifacts: the artifacts
// derived from them must be gone, subjectivity (CheckThat alone) written,
// the result the same bytes twice, and the models must load and score
// with NaN bias, no loaded terms and no attributions.
func TestExclude(t *testing.T) {
	needData(t)
	ctx := context.Background()
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		for _, name := range []string{SubjectivityFile, BiasFile, LoadedFile, TaggerFile} {
			if err := os.WriteFile(filepath.Join(d, name), []byte("stale"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := Train(ctx, Config{Data: dataDir, Out: d, Limit: 150, Exclude: []string{SourceBABE, SourcePolNeAR}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{BiasFile, LoadedFile, TaggerFile} {
		if _, err := os.Stat(filepath.Join(dirs[0], name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want it removed (its data is excluded)", name, err)
		}
	}
	a, err := os.ReadFile(filepath.Join(dirs[0], SubjectivityFile))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dirs[1], SubjectivityFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || string(a) == "stale" {
		t.Errorf("subjectivity.bin differs between two trainings, or was not written")
	}
	// The cross-domain rows' "CheckThat only" model is this artifact.
	fz, err := features.Default()
	if err != nil {
		t.Fatal(err)
	}
	ct, err := readCheckThat(checkthatPath(dataDir, "train"), 150)
	if err != nil {
		t.Fatal(err)
	}
	set, err := trainSentenceModels(ctx, fz, ct, nil, func(string, ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	if mem, err := set.subj.MarshalBinary(); err != nil || !bytes.Equal(mem, a) {
		t.Errorf("the cross-domain CheckThat-only model differs from slant train --exclude babe's (%v)", err)
	}

	m, err := models.Parse(os.DirFS(dirs[0]))
	if err != nil {
		t.Fatal(err)
	}
	s, err := m.Score("Frankly, this reckless budget is a disgrace and an insult to every taxpayer.")
	if err != nil {
		t.Fatal(err)
	}
	if math.IsNaN(s.Subjectivity) || !math.IsNaN(s.Bias) || len(s.Loaded) != 0 {
		t.Errorf("scores %+v, want a subjectivity, NaN bias and no loaded terms", s)
	}
	if spans := m.Attributions(`"We will not back down," the senator told reporters.`); len(spans[models.RoleCue]) != 0 {
		t.Errorf("attributions %v without a tagger", spans)
	}

	// Without CheckThat, subjectivity is BABE's opinion labels alone.
	d := t.TempDir()
	if err := Train(ctx, Config{Data: dataDir, Out: d, Limit: 150, Exclude: []string{SourceCheckThat, SourcePolNeAR}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{SubjectivityFile, BiasFile, LoadedFile} {
		if _, err := os.Stat(filepath.Join(d, name)); err != nil {
			t.Errorf("without CheckThat: %v", err)
		}
	}
	if err := Train(ctx, Config{Data: dataDir, Out: d, Exclude: []string{"wikipedia"}}); err == nil {
		t.Error("an unknown data source to exclude was accepted")
	}
}

// TestAUCWithoutModel checks that AUC terminates on the NaN scores of an
// absent model (a NaN tie group once never advanced) and that the rows of
// an absent model say so instead of showing a one-class model's figures.
func TestAUCWithoutModel(t *testing.T) {
	nan := math.NaN()
	if got := auc([]float64{nan, nan, 0.2}, []bool{true, false, true}); got < 0 || got > 1 {
		t.Errorf("auc with NaN scores = %v", got)
	}
	if got := auc([]float64{0.1, 0.4, 0.35, 0.8}, []bool{false, true, false, true}); got != 1 {
		t.Errorf("auc of a perfect ranking = %v, want 1", got)
	}
	rows := markAbsent([]Row{{Task: "bias (sentence)", Value: 0.4, Target: 0.78}, {Task: "other", Value: 0.5}}, "bias (sentence)", []float64{nan})
	if rows[0].Value != 0 || rows[0].Target != 0 || rows[1].Value != 0.5 {
		t.Errorf("rows %+v", rows)
	}
}
