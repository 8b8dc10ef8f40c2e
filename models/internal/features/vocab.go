package features

import (
	_ "embed"
	"fmt"

	"github.com/slantwire/slant/models/wordpiece"
)

// vocabFile is bert-base-uncased's WordPiece vocabulary (Apache-2.0), copied
// from github.com/sugarme/tokenizer v0.3.0's pretrained/model folder.
//
//go:embed vocab.txt
var vocabFile []byte

// Default builds the Featurizer on the embedded vocabulary; training and
// scoring must share it.
func Default() (*Featurizer, error) {
	tok, err := wordpiece.New(vocabFile, wordpiece.Options{})
	if err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}
	return New(tok)
}
