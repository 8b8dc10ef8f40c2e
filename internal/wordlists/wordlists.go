// Package wordlists is the one home of the word lists slant reads: the
// rules of package classify build their lexicon from them, and the learned
// models of package models read some of the same lists as features (models
// cannot import classify, which imports models). A file per use:
// attribution (cues, source phrases, the tagger's cue classes), sentences
// (abbreviations, openers, function words), roles (page furniture and
// section headers), opinion (every opinion marker, one list per place),
// subjectivity (judgement, stance, loaded wording), markup (class and id
// tokens of HTML containers, read by classify only).
//
// Lists are space- or line-separated string constants, so they cannot be
// changed at run time. Changing a list the models read changes their
// features: retrain and re-measure (models/README.md) after editing one.
package wordlists
