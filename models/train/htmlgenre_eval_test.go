package train

import (
	"context"
	"testing"
)

// TestHTMLGenreHalves pins the split of the HTML genre labels: the genre
// rules were chosen on the tuning half, so a change to the split (or to
// which pages are labelled) must be deliberate.
func TestHTMLGenreHalves(t *testing.T) {
	labels, err := ReadHTMLGenreLabels()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, l := range labels {
		n[l.Half()+" "+l.Genre]++
	}
	want := map[string]int{"tune news": 59, "tune opinion": 26, "tune other": 78, "report news": 65, "report opinion": 21, "report other": 67}
	for k, v := range want {
		if n[k] != v {
			t.Errorf("%s: %d pages, want %d", k, n[k], v)
		}
	}
}

// TestScoreHTMLGenre counts verdicts per half and a failed read as "error".
func TestScoreHTMLGenre(t *testing.T) {
	pages := []HTMLGenrePage{
		{HTMLGenreLabel: HTMLGenreLabel{Set: "readability", Page: "a", Genre: "opinion"}, HTML: "opinion"},
		{HTMLGenreLabel: HTMLGenreLabel{Set: "readability", Page: "b", Genre: "news"}, HTML: "opinion"},
		{HTMLGenreLabel: HTMLGenreLabel{Set: "readability", Page: "c", Genre: "other"}, HTML: ""},
	}
	read := func(_ context.Context, html, _ string) (string, error) {
		if html == "" {
			return "", context.Canceled
		}
		return html, nil
	}
	s, err := ScoreHTMLGenre(context.Background(), read, pages)
	if err != nil {
		t.Fatal(err)
	}
	var all HTMLGenreScores
	for _, p := range pages {
		i := 0
		if p.Half() == "report" {
			i = 1
		}
		if s[i].N == 0 {
			t.Errorf("%s: counted in no half", p.ID())
		}
	}
	for _, h := range s {
		for _, g := range HTMLGenres() {
			for _, pr := range HTMLGenrePredicted() {
				for range h.Count(g, pr) {
					all.Add(g, pr)
				}
			}
		}
	}
	if all.N != 3 || all.Count("other", "error") != 1 || all.Count("news", "opinion") != 1 {
		t.Errorf("counts: %s", all.Matrix())
	}
	if p, r, called, labelled := all.PR("opinion"); p != 0.5 || r != 1 || called != 2 || labelled != 1 {
		t.Errorf("opinion P %v R %v (%d called, %d labelled), want 0.5 1 (2, 1)", p, r, called, labelled)
	}
}
