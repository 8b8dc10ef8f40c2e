package train_test

import (
	"testing"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/models/train"
)

// TestSourceTypeLabelNamesMatchClassify keeps the labels' scale in step with
// classify's: its first eight names are classify.SourceTypes in order, so a
// prediction compares to a label as a plain string.
func TestSourceTypeLabelNamesMatchClassify(t *testing.T) {
	names := train.SourceTypeLabelNames()
	for i, st := range classify.SourceTypes() {
		if names[i] != string(st) {
			t.Errorf("label name %d is %q, classify.SourceTypes has %q", i, names[i], st)
		}
	}
}
