package models

import (
	"testing"
	"time"
)

// TestGolden pins the behaviour readers rely on, on a handful of clear
// sentences: opinion reads subjective and plain report does not; biased
// wording is flagged. The sentences are not in the training data.
func TestGolden(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text       string
		subjective bool
	}{
		{"I think this is the worst, most shameful policy we have ever seen.", true},
		{"We must stop pretending that these reckless politicians care about you.", true},
		{"Frankly, the mayor's plan is a disgrace and an insult to every taxpayer.", true},
		{"The council voted 7-2 on Tuesday to approve the budget.", false},
		{"The company reported revenue of $4.2 billion for the third quarter.", false},
		{"Police said the suspect was arrested at his home on Friday morning.", false},
	} {
		s, err := m.Score(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if (s.Subjectivity >= 0.5) != tc.subjective {
			t.Errorf("%q: subjectivity %.3f, want subjective=%v", tc.text, s.Subjectivity, tc.subjective)
		}
		for _, l := range s.Loaded {
			if l.Start < 0 || l.End > len(tc.text) || l.Start >= l.End {
				t.Errorf("%q: loaded span %v out of range", tc.text, l)
			}
		}
	}
	for _, tc := range []struct {
		text   string
		biased bool
	}{
		{"The radical left's unhinged mob is destroying our country.", true},
		{"Trump's disgraceful, racist tirade stunned his bewildered allies.", true},
		{"The Senate passed the bill by a vote of 52 to 48.", false},
	} {
		s, err := m.Score(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if (s.Bias >= 0.5) != tc.biased {
			t.Errorf("%q: bias %.3f, want biased=%v", tc.text, s.Bias, tc.biased)
		}
	}
}

// TestLoadedTerms requires that a clearly loaded word is flagged, with its
// exact bytes.
func TestLoadedTerms(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	text := "The radical left's unhinged mob is destroying our country."
	s, err := m.Score(text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range s.Loaded {
		got = append(got, text[l.Start:l.End])
	}
	for _, want := range []string{"unhinged"} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("loaded terms %q lack %q", got, want)
		}
	}
}

// TestLoadTime keeps model loading under the 200 ms budget (it runs at
// every classifier construction). The best of three loads is measured, so a
// machine busy with other work does not fail it; under the race detector
// the figure is only logged.
func TestLoadTime(t *testing.T) {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		if _, err := Load(); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	t.Logf("Load: %s (best of 3, race detector %v)", best, raceEnabled)
	// The budget is 200 ms; the race detector (which CI always uses) makes
	// the load about 8 times slower (50 ms and 390 ms measured), so under
	// it the budget is scaled rather than dropped.
	budget := 200 * time.Millisecond
	if raceEnabled {
		budget *= 8
	}
	if best > budget {
		t.Errorf("Load took %s, budget %s (race detector %v)", best, budget, raceEnabled)
	}
}

// BenchmarkLoad measures model load time (go test -bench Load ./models).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScore measures ScoreWith, the per-sentence cost classify pays
// with models on (go test -run '^$' -bench Score -cpu 1 ./models).
func BenchmarkScore(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	sents := []string{
		"I think this is the worst, most shameful policy we have ever seen.",
		"The council voted 7-2 on Tuesday to approve the budget, which includes $4.2 million for road repairs and a new library branch.",
		"Police said the suspect was arrested at his home on Friday morning after a two-week investigation.",
		"The radical left's unhinged mob is destroying our country.",
		"\"We will not back down,\" the senator told reporters outside the Capitol, adding that the vote would go ahead as planned.",
	}
	var sc Scratch
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sents {
			if _, err := m.ScoreWith(&sc, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSentenceProbsMatchModels requires the paired subjectivity and bias
// weights to give exactly the two models' own probabilities.
func TestSentenceProbsMatchModels(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if m.sb == nil {
		t.Fatal("the subjectivity and bias tables were not paired")
	}
	for _, text := range []string{
		"I think this is the worst, most shameful policy we have ever seen.",
		"The Senate passed the bill by a vote of 52 to 48.",
		"“We will win,” she said, according to a statement.",
		"",
	} {
		e, err := m.fz.Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		x := m.fz.Sentence(nil, e)
		subj, bias := m.sentenceProbs(x)
		if subj != m.subj.Prob(x) || bias != m.bias.Prob(x) {
			t.Errorf("%q: paired %v, %v; models %v, %v", text, subj, bias, m.subj.Prob(x), m.bias.Prob(x))
		}
	}
}
