// Package htmlreport renders a classify result as one self-contained HTML
// document for people: the page's blocks in order, tinted by kind and
// labelled with their role; every attribution's source, cue and content
// marked in place, the source coloured (and bordered) by strength with a
// tooltip of its type, strength, quote kind and resolution chain; loaded
// terms underlined; subjective sentences shaded by score; and a side panel
// with the verdict, the sourcing summary, the genre evidence and a legend.
//
// The document needs nothing from outside: its style sheet is inline and
// allowed by a Content-Security-Policy meta element that names the sheet's
// hash and nothing else, so the document runs no script at all, and every
// string taken from the page is escaped by html/template. `slant classify
// --format html` writes it, and the web view of `slant serve` (package
// pipeline/web) serves it with the same policy in a header.
//
// The package only renders: it reads a result and writes to an io.Writer.
package htmlreport

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"

	"github.com/slantwire/slant/classify"
)

//go:embed report.css
var styleSheet string

//go:embed report.tmpl
var reportTemplate string

// DefaultMaxText is how much page text a report shows by default; blocks
// past it are counted, not rendered, so a huge page cannot make a huge
// document.
const DefaultMaxText = 512 << 10

// Link is a navigation link shown above the report (the web view's "live
// feed"); Href must be a URL of the serving application.
type Link struct {
	Href, Text string
}

// Alert is an alert rule the page fired, shown with the verdict.
type Alert struct {
	Rule, Description string
}

// Options control a report.
type Options struct {
	// Alerts the page fired (the web view reads them from ALERTS).
	Alerts []Alert
	// MaxText bounds the page text rendered, in bytes. Default
	// DefaultMaxText.
	MaxText int
	// Nav links go above the report.
	Nav []Link
}

func (o Options) maxText() int {
	if o.MaxText <= 0 {
		return DefaultMaxText
	}
	return o.MaxText
}

// Renderer holds the parsed templates; it is safe for concurrent use.
type Renderer struct {
	t         *template.Template
	styleHash string
}

// New parses the report's templates. Other packages may add templates of
// their own that reuse the style sheet with Style and StyleSource.
func New() (*Renderer, error) {
	t, err := template.New("report").Parse(reportTemplate)
	if err != nil {
		return nil, fmt.Errorf("htmlreport: %w", err)
	}
	sum := sha256.Sum256([]byte(styleSheet))
	return &Renderer{t: t, styleHash: "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}, nil
}

// Style is the report's style sheet, for a <style> element of another
// document that uses the same policy.
func (r *Renderer) Style() template.CSS { return template.CSS(styleSheet) }

// StyleSource is the CSP source expression that allows the style sheet
// inline: 'sha256-…'.
func (r *Renderer) StyleSource() string { return r.styleHash }

// Policy is the Content-Security-Policy of a report: its inline style sheet
// and nothing else (no script, no image, no connection, no form).
func (r *Renderer) Policy() string {
	return "default-src 'none'; style-src " + r.styleHash + "; base-uri 'none'; form-action 'none'"
}

// Result writes the report of res.
func (r *Renderer) Result(w io.Writer, res *classify.Result, o Options) error {
	data, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("htmlreport: encoding result: %w", err)
	}
	return r.JSON(w, data, o)
}

// JSON writes the report of a result given as its slant/v1 JSON, as
// stored in SCORES. Fields of newer engines (cue_kind, more_content) are
// shown when present.
func (r *Renderer) JSON(w io.Writer, data []byte, o Options) error {
	res, err := decode(data)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := r.t.ExecuteTemplate(&b, "report", struct {
		*view
		Style  template.CSS
		Policy string
	}{build(res, o), r.Style(), r.Policy()}); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}
