package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// classifyInput is one input of classify: a file (or "-") with the page id
// it gets and how it is read (text: one page; jsonl: page envelopes).
type classifyInput struct {
	path, id, mode string
}

// expandInputs turns the arguments into inputs: each DIR is walked in
// lexical order like `slant publish` walks it (hidden files and folders
// skipped), its files' ids being their paths below DIR, and its
// .jsonl/.ndjson files read as envelopes. No argument is stdin.
func expandInputs(args []string, mode string) ([]classifyInput, error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	var ins []classifyInput
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.IsDir() {
			// A missing file becomes an error record in its place.
			id := filepath.Base(a)
			if a == "-" {
				id = "stdin"
			}
			ins = append(ins, classifyInput{a, id, mode})
			continue
		}
		n := len(ins)
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && path != a {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(a, path)
			m := mode
			switch strings.ToLower(filepath.Ext(path)) {
			case ".jsonl", ".ndjson":
				m = "jsonl"
			}
			ins = append(ins, classifyInput{path, filepath.ToSlash(rel), m})
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(ins) == n {
			return nil, fmt.Errorf("%s: no files in the directory", a)
		}
	}
	return ins, nil
}

// outFiles are the result files of classify -o DIR: one per input, named
// after it (its id without extension, "/" as "-", then .json, or .txt for
// --format text), with -2, -3… added when two inputs would share a name or
// a name is an input's own file.
type outFiles struct {
	names   []string
	cur     int
	f       *os.File
	written int
}

func newOutFiles(dir, format string, inputs []classifyInput) (*outFiles, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &exitError{2, fmt.Errorf("-o: %w", err)}
	}
	ext := map[string]string{"json": ".json", "text": ".txt"}[format]
	if ext == "" {
		ext = "." + format
	}
	taken := map[string]bool{}
	for _, in := range inputs {
		if abs, err := filepath.Abs(in.path); err == nil {
			taken[abs] = true
		}
	}
	o := &outFiles{cur: -1}
	for _, in := range inputs {
		stem := strings.ReplaceAll(strings.TrimSuffix(in.id, filepath.Ext(in.id)), "/", "-")
		if stem == "" || stem == "." {
			stem = "page"
		}
		name := filepath.Join(dir, stem+ext)
		for n := 2; ; n++ {
			abs, err := filepath.Abs(name)
			if err != nil {
				return nil, err
			}
			if !taken[abs] {
				taken[abs] = true
				break
			}
			name = filepath.Join(dir, stem+"-"+strconv.Itoa(n)+ext)
		}
		o.names = append(o.names, name)
	}
	return o, nil
}

// switchTo points out at input's file, flushing and closing the one before.
func (o *outFiles) switchTo(out *bufio.Writer, input int) error {
	if input == o.cur {
		return nil
	}
	if err := o.close(out); err != nil {
		return err
	}
	f, err := os.Create(o.names[input])
	if err != nil {
		return err
	}
	o.f, o.cur = f, input
	o.written++
	out.Reset(f)
	return nil
}

// close flushes and closes the current file.
func (o *outFiles) close(out *bufio.Writer) error {
	if o.f == nil {
		return nil
	}
	err := errors.Join(out.Flush(), o.f.Close())
	o.f = nil
	return err
}

// wantColor says whether the text report is coloured: --color always or
// never decide; auto colours a terminal unless NO_COLOR is set to anything
// (https://no-color.org).
func wantColor(mode string, terminal bool, getenv func(string) string) bool {
	switch mode {
	case "always":
		return true
	case "auto":
		return terminal && getenv("NO_COLOR") == ""
	}
	return false
}
