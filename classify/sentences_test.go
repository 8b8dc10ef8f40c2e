package classify

import (
	"reflect"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"plain", "The talks resumed. Both sides attended.", []string{"The talks resumed.", "Both sides attended."}},
		{"U.S. before a name", "U.S. officials met on Monday. They left.", []string{"U.S. officials met on Monday.", "They left."}},
		{"U.S. ending a sentence", "Troops returned to the U.S. The move was expected.", []string{"Troops returned to the U.S.", "The move was expected."}},
		{"titles", "Mr. Smith met Dr. Jones and Sen. Warren. They talked.", []string{"Mr. Smith met Dr. Jones and Sen. Warren.", "They talked."}},
		{"months before a day", "The vote is on Jan. 5 in the capital. Polls open early.", []string{"The vote is on Jan. 5 in the capital.", "Polls open early."}},
		{"numbered", "He was ranked No. 2 in the world. He retired.", []string{"He was ranked No. 2 in the world.", "He retired."}},
		{"decimals", "Growth was 3.5 percent. Prices rose 0.4 percent.", []string{"Growth was 3.5 percent.", "Prices rose 0.4 percent."}},
		{"initials", "John F. Kennedy spoke. Crowds cheered.", []string{"John F. Kennedy spoke.", "Crowds cheered."}},
		{"quotation spanning sentences", `"We will fight. We will win," he said. Then he left.`, []string{`"We will fight. We will win," he said.`, "Then he left."}},
		{"closing quote after the mark", `She said: "It is over." Then she left.`, []string{`She said: "It is over."`, "Then she left."}},
		{"exclamation inside a quote", `"Stop!" he shouted at the crowd.`, []string{`"Stop!" he shouted at the crowd.`}},
		{"ellipsis mid-sentence", "He paused... and then went on. Nobody spoke.", []string{"He paused... and then went on.", "Nobody spoke."}},
		{"ellipsis ending a sentence", "He paused... Then he went on.", []string{"He paused...", "Then he went on."}},
		{"a.m. before an opener", "The blast came at 6 a.m. The police arrived soon after.", []string{"The blast came at 6 a.m.", "The police arrived soon after."}},
		{"Inc. mid-sentence", "Acme Inc. said profits fell.", []string{"Acme Inc. said profits fell."}},
		{"question", "Was it worth it? Few think so.", []string{"Was it worth it?", "Few think so."}},
		{"curly quotes", "“It is done,” she said. “We move on.”", []string{"“It is done,” she said.", "“We move on.”"}},
		{"unclosed quote", `He said "we will see. Nobody knows. Time will tell.`, []string{`He said "we will see.`, "Nobody knows.", "Time will tell."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tz := tokenizer{lx: c.lex}
			toks := tz.tokenize(nil, tc.text, 0)
			markQuotes(tc.text, toks)
			var got []string
			for _, sp := range c.splitSentences(nil, tc.text, 0, len(tc.text), toks) {
				got = append(got, tc.text[sp[0]:sp[1]])
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
