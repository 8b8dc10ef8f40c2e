// Package wordlists is the one home of the word lists slant reads: the
// rules of package classify build their lexicon from them, and the learned
// models of package models see the same lists as features (models cannot
// import classify, which imports models). A file per use: attribution
// (cues and source phrases), sentences (abbreviations, openers), roles (page
// furniture and section headers), subjectivity (judgement, stance, loaded
// wording), markup (class and id tokens of HTML containers).
//
// Lists are space- or line-separated string constants, so they cannot be
// changed at run time. Changing a list the models read changes their
// features: retrain and re-measure (models/README.md) after editing one.
package wordlists
