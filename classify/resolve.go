package classify

// Resolution stage: pronouns, anaphors and outlets mentioned again, then
// every attribution's score and strength.

import "strings"

// resolve settles pronoun sources ("They explained") and outlet anaphors
// ("per the outlet") against earlier attributions, then scores everything.
// Channels (according to, per) are not antecedents for people: in
// "an official said, per the outlet. They explained…" they are the official.
func resolve(fs []found) []found {
	out := fs[:0]
	for i := range fs {
		f := &fs[i]
		switch {
		case f.pronoun != "":
			j := antecedent(fs, i, f.pronoun)
			if m := f.person; m.End > 0 && (j < 0 || m.Start > fs[j].Source.End && f.Sentence-fs[j].Sentence > 1) {
				// A named person or organisation mentioned after the last
				// attribution that fits: "Jane Roe toured the plant. She
				// said…", "The Justice Department opened an inquiry. It
				// said…"
				f.SourceType, f.body, f.metonymy, f.outlet = SourceNamedPerson, false, false, ""
				if f.pronoun == "it" {
					f.SourceType = SourceNamedOrganization
				}
				f.Antecedent = &m
			} else if j >= 0 {
				a := &fs[j]
				f.SourceType, f.body, f.metonymy, f.outlet = a.SourceType, a.body, a.metonymy, a.outlet
				f.Antecedent = a.firstMention()
			} else if f.pronoun == "it" {
				continue // "it said" with nothing to point at is no source
			}
		case f.anaphor != "" && !f.generic:
			for j := i - 1; j >= 0 && fs[i].Sentence-fs[j].Sentence <= pronounLookback; j-- {
				if fs[j].anaphor == "" && fs[j].pronoun == "" && (fs[j].head == f.anaphor || titleOf(&fs[j], f.anaphor)) {
					f.SourceType, f.body = fs[j].SourceType, fs[j].body
					f.Antecedent = fs[j].firstMention()
					break
				}
			}
			if m := f.person; f.Antecedent == nil && m.End > 0 {
				// "President Obama … the president said"
				f.SourceType, f.body = SourceNamedPerson, false
				f.Antecedent = &m
			}
		case f.generic:
			for j := i - 1; j >= 0 && fs[i].Sentence-fs[j].Sentence <= outletAnaphorLookback; j-- {
				if fs[j].SourceType == SourceMediaOutlet && fs[j].outlet != "" {
					f.outlet = fs[j].outlet
					f.Antecedent = fs[j].firstMention()
					break
				}
			}
		}
		f.Score = score(f)
		f.Strength = strengthOf(f.Score)
		out = append(out, *f)
	}
	return out
}

// firstMention is the span a chain of references leads back to: the
// attribution's own antecedent, or else its source.
func (f *found) firstMention() *Span {
	if f.Antecedent != nil {
		return f.Antecedent
	}
	src := f.Source
	return &src
}

// titleOf reports a named person introduced with the title an anaphor
// repeats: "President Obama" for "the president".
func titleOf(f *found, title string) bool {
	if f.SourceType != SourceNamedPerson {
		return false
	}
	for w := range strings.FieldsSeq(strings.ToLower(f.Source.Text)) {
		if strings.Trim(w, ",.") == title {
			return true
		}
	}
	return false
}

// antecedent finds the nearest earlier attribution a pronoun can refer to.
func antecedent(fs []found, i int, pronoun string) int {
	for j := i - 1; j >= 0 && fs[i].Sentence-fs[j].Sentence <= pronounLookback; j-- {
		a := &fs[j]
		if a.pronoun != "" && a.Antecedent == nil || a.untyped {
			continue
		}
		switch pronoun {
		case "he", "she":
			if a.CueKind != CueAccordingTo && (a.SourceType == SourceNamedPerson || a.SourceType == SourceUnnamedOfficial && !plural(a.head) || a.SourceType == SourceUnnamedPerson) {
				return j
			}
		case "they":
			if a.CueKind != CueAccordingTo && a.SourceType != SourceMediaOutlet && a.SourceType != SourceDocument {
				return j
			}
		case "it":
			if a.SourceType == SourceNamedOrganization || a.SourceType == SourceMediaOutlet || a.SourceType == SourceDocument {
				return j
			}
		}
	}
	return -1
}

func plural(noun string) bool {
	return strings.HasSuffix(noun, "s") && !strings.HasSuffix(noun, "ss")
}
