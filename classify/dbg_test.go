package classify

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestDbgPage(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("PAGE"))
	c := newClassifier(t, Options{Limits: Limits{MaxBytes: 16 << 20}})
	res, err := c.Classify(context.Background(), Page{HTML: string(src)})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range res.Blocks {
		tx := b.Text
		if len(tx) > 70 {
			tx = tx[:70]
		}
		fmt.Printf("%-5v %-12s %-14s %q\n", b.Article, b.Kind, b.Role, tx)
	}
	fmt.Println(res.Page.Genre, res.Page.GenreEvidence)
}
