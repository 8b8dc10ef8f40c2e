package features

import (
	_ "embed"
	"fmt"

	"github.com/slantwire/slant/models/wordpiece"
)

// vocabFile is bert-base-uncased's WordPiece vocabulary (Apache-2.0), copied
// from github.com/sugarme/tokenizer v0.3.0's pretrained/model folder. A
// string, so that no one can change it.
//
//go:embed vocab.txt
var vocabFile string

// Default builds the Featurizer on the embedded vocabulary; training and
// scoring must share it.
func Default() (*Featurizer, error) { return onVocab(wordpiece.Options{}) }

// Uncached is Default without the tokenizer's per-word cache, for a caller
// that keeps each word's lexeme itself (package models): a second cache
// of the same words would only cost memory and the garbage collector's
// time.
func Uncached() (*Featurizer, error) { return onVocab(wordpiece.Options{CacheSize: -1}) }

func onVocab(opts wordpiece.Options) (*Featurizer, error) {
	tok, err := wordpiece.New([]byte(vocabFile), opts)
	if err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}
	return New(tok)
}
