package testpages

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(page, file, text string) {
		if err := os.MkdirAll(filepath.Join(dir, page), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, page, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b", "source.html", "<p>b")
	write("b", "expected.html", "b")
	write("a", "source.html", "<p>a")
	write("a", "expected.html", "a")
	write("c", "source.html", "<p>c") // no expected.html: passed over
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Page{{"a", "<p>a", "a"}, {"b", "<p>b", "b"}}; !slices.Equal(got, want) {
		t.Errorf("Load = %q, want %q", got, want)
	}
	if _, err := Load(t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("empty folder: error %v, want one wrapping fs.ErrNotExist", err)
	}
}
