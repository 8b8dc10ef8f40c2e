package train

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Example is one labelled sentence.
type Example struct {
	Text     string
	Label    bool     // SUBJ, or Biased
	Loaded   []string // BABE biased_words, lower-cased
	Opinion  string   // BABE label_opinion
	HeldOut  bool     // in BABE's fixed evaluation fold
	Gradable bool     // label_opinion / label_bias present
	Weight   float64  // sample weight in training (0: 1)
	InDomain bool     // calibrated and cross-validated on
}

// readCheckThat reads a CheckThat! subjectivity TSV (sentence_id, sentence,
// label, solved_conflict).
func readCheckThat(path string, limit int) ([]Example, error) {
	// Plain tab splitting, not encoding/csv: sentences carry unbalanced
	// quotation marks that a CSV reader would strip or join across lines.
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("checkthat: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []Example
	for line := 1; sc.Scan(); line++ {
		rec := strings.Split(sc.Text(), "\t")
		if line == 1 || len(rec) < 3 {
			continue
		}
		if rec[2] != "SUBJ" && rec[2] != "OBJ" {
			return nil, fmt.Errorf("checkthat %s line %d: label %q", path, line, rec[2])
		}
		out = append(out, Example{Text: rec[1], Label: rec[2] == "SUBJ", Gradable: true})
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("checkthat %s: %w", path, err)
	}
	return out, nil
}

// heldOutFold is the BABE fold kept out of training: a sentence is held out
// when the FNV-1a hash of its text is 0 mod 5, so the split does not depend
// on file order and a sentence never moves between folds.
func heldOutFold(text string) bool {
	h := fnv.New32a()
	h.Write([]byte(text))
	return h.Sum32()%5 == 0
}

// readBABE reads the BABE CSV (';'-separated: text, news_link, outlet,
// topic, type, label_bias, label_opinion, biased_words).
func readBABE(path string, limit int) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("babe: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var out []Example
	for line := 0; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("babe %s: %w", path, err)
		}
		if line == 0 || len(rec) < 8 {
			continue
		}
		e := Example{Text: rec[0], Opinion: rec[6], HeldOut: heldOutFold(rec[0])}
		switch rec[5] {
		case "Biased":
			e.Label, e.Gradable = true, true
		case "Non-biased":
			e.Gradable = true
		}
		e.Loaded = parseWordList(rec[7])
		out = append(out, e)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// parseWordList reads a Python-style list literal such as ['a', "b's"].
func parseWordList(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "[")
	s = strings.TrimSuffix(s, "]")
	var out []string
	for s != "" {
		s = strings.TrimLeft(s, " ,")
		if s == "" {
			break
		}
		q := s[0]
		if q != '\'' && q != '"' {
			break
		}
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			break
		}
		out = append(out, strings.Fields(strings.ToLower(s[1:1+end]))...)
		s = s[2+end:]
	}
	return out
}

// Paths of the data sets under the data folder.
func checkthatPath(data, split string) string {
	return filepath.Join(data, "checkthat-subjectivity", split+"_en.tsv")
}

func babePath(data string) string { return filepath.Join(data, "babe", "babe_train.csv") }
