package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// help is the text of `slant CMD -h` beside the command's one-line summary
// and its flags: the synopsis, what it does, and examples to copy.
type help struct {
	usage, details, examples string
}

func helps() map[string]help {
	return map[string]help{
		"classify": {
			usage: "slant classify [flags] [FILE|DIR ...|-]",
			details: `Classifies pages and prints one result per input: JSON lines (schema
slant/v1, docs/schema.md) or, with --format text, a report for people.
With no FILE, or with -, reads standard input. A DIR is walked as
publish walks it: hidden files and folders skipped, each file's id its path
below DIR, .jsonl and .ndjson files read as envelopes. With --input jsonl
each input line is a page envelope {"id","url","site","text"} or
{"id","url","site","html"} and results come out in input order, each with
its envelope's id. With --input text, --type says whether a file is plain
text or HTML; auto (the default) takes .html and .htm files, and content
that starts like markup, as HTML. -o DIR writes one file per input into
DIR instead of standard output, named after the input (wire-story.txt
gives wire-story.json, or .txt for --format text; -2, -3… when two inputs
would share a name). An input that cannot be classified yields an error
record {"schema","id","error":{"reason","message"}} and the command exits
1 after the rest; usage errors exit 2. The text report is coloured on a
terminal unless NO_COLOR is set (--color always overrides). The analysis is
slant/2, the learned models with the rules inside; --rules runs the rule
baseline slant-rules/1 alone, to compare (models/README.md).

--format html writes one self-contained HTML document per page (no script,
nothing loaded from outside) showing it annotated: blocks by kind and role,
sources by strength, cues and contents, loaded terms, subjective sentences
and the verdict. Without -o it takes one FILE (or -) and writes the document
to standard output; with -o DIR, one .html file per input.`,
			examples: `slant classify --format text classify/testdata/pages/wire-story.txt
slant classify --format html classify/testdata/pages/wire-story.txt > wire-story.html
slant classify --pretty classify/testdata/html/opinion-column.html
slant classify -o results classify/testdata/pages
curl -s https://example.com/news/x | slant classify --type html --url https://example.com/news/x -`,
		},
		"serve": {
			usage: "slant serve [flags]",
			details: `Runs workers that take pages from the PAGES stream, classify each once,
and store results in SCORES, alerts in ALERTS and pages that can never
succeed in DEAD (docs/pipeline.md). With no NATS server named (--nats,
--context, $NATS_URL, $NATS_CONTEXT) it starts an embedded one on
--nats-listen with its store in --store; the context selected with
"nats context select" is not used unless named. It also answers
slant.classify requests and serves /metrics, /healthz and /readyz on
--metrics. SIGINT or SIGTERM stops fetching and finishes in-flight pages.
--rules scores with the rule baseline alone (slant-rules/1): about 1.6
times the pages per core of the default slant/2, with weaker attributions
(README.md, "Performance" and "Accuracy").`,
			examples: `slant serve                                   # embedded NATS on 127.0.0.1:4222
slant serve --nats-listen 127.0.0.1:4333      # when 4222 is taken
slant serve --nats nats://nats.example:4222 --creds slant.creds
NATS_URL=nats://127.0.0.1:4222 slant serve --log-format json`,
		},
		"publish": {
			usage: "slant publish [flags] [FILE|DIR ...|-]",
			details: `Publishes pages to pages.<site>: *.txt and other files as plain text,
*.html/*.htm as HTML, *.jsonl/*.ndjson/*.json as page envelopes (one JSON
object per line). A page's id is its envelope id, else its file name
without extension (its path below DIR for files found in a DIR). "-" reads
stdin: envelopes if it starts with "{", else one text page (--id). The
server is --nats, else $NATS_URL, else the natscli context (--context,
$NATS_CONTEXT or the selected one), else 127.0.0.1:4222; the first line on
stderr names it. --wait prints each page's result as it is stored, and the
stored result of a page scored before (a duplicate); it exits 1 if a page
was dead-lettered or got no result within --timeout.`,
			examples: `slant publish --wait classify/testdata/pages
slant publish --site example.com page.html
echo 'The minister said the plan works.' | slant publish --id p1 -`,
		},
		"tail": {
			usage: "slant tail [flags]",
			details: `Prints results (SCORES) and alerts (ALERTS) as they are stored, and with
--dead the dead letters too; by default only new ones. The server is
chosen as for publish, and named on stderr.`,
			examples: `slant tail --format text
slant tail --format text --all --dead
slant tail --site example.com --since 1h -n 10`,
		},
		"train": {
			usage: "slant train [--data DIR] [--out DIR] [--exclude SOURCE]...",
			details: `Rebuilds every model artifact (subjectivity.bin, bias.bin, loaded.bin,
attribution.bin) from the shared data sets, deterministically: the same data
gives the same bytes. Rebuild the binary afterwards to embed them
(models/README.md). --exclude checkthat|babe|polnear leaves a data source
out, so that the artifacts carry only the licences you accept: what derives
only from it is not written (and an old copy in --out is removed), and the
product runs without that model (the lexicon alone for subjectivity, the
rules alone for attribution).`,
			examples: `slant train --data ../shared/data --out models
slant train --exclude babe --exclude polnear --out /tmp/m`,
		},
		"eval": {
			usage: "slant eval [--data DIR] [--models DIR]",
			details: `Prints the development figures of the models: subjectivity macro-F1 on
CheckThat dev (the model alone and as classify blends it with the rules),
bias macro-F1 and loaded-term F1 on BABE's fixed held-out fold, AUC beside
each sentence figure, subjectivity trained on CheckThat alone and on BABE
alone (in memory, on the current code) scored in domain and across, exact-span
and word-overlap F1 for attribution source, cue and content on PolNeAR dev
(the tagger alone, classify with it, and the rules alone), page genre on
PolNeAR and on real HTML pages, and the block kinds of PolNeAR's news
articles composed with real page furniture (both analyses).`,
			examples: `slant eval --data ../shared/data`,
		},
		"version": {
			usage:    "slant version   (or slant --version)",
			details:  `Prints the version (git describe of the release, set at build time) and the VCS revision.`,
			examples: `slant --version`,
		},
		"probe": {
			usage: "slant probe URL",
			details: `Fetches URL and exits 0 if it answers 2xx within 3 s, 1 otherwise: a
health check for images that have no shell, curl or wget.`,
			examples: `slant probe http://127.0.0.1:9479/readyz`,
		},
	}
}

// writeHelp prints `slant NAME -h`: summary, usage, details, examples,
// then the flags, if any.
func writeHelp(w io.Writer, name string, fs *flag.FlagSet) {
	h := helps()[name]
	fmt.Fprintf(w, "slant %s: %s\n\nusage: %s\n", name, commands()[name].summary, h.usage)
	if h.details != "" {
		fmt.Fprintf(w, "\n%s\n", h.details)
	}
	if h.examples != "" {
		fmt.Fprintf(w, "\nexamples:\n  %s\n", strings.ReplaceAll(h.examples, "\n", "\n  "))
	}
	if fs != nil {
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
}

// parseFlags parses a command's flags, with the command's help for -h. A
// number or duration below zero is a usage error naming the flag, for
// every command: none of them means anything by one.
func parseFlags(fs *flag.FlagSet, e env, args []string) error {
	fs.SetOutput(e.stderr)
	fs.Usage = func() { writeHelp(e.stderr, fs.Name(), fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: 0}
		}
		return &exitError{code: 2}
	}
	var bad error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || bad != nil {
			return
		}
		negative := false
		switch v := g.Get().(type) {
		case int:
			negative = v < 0
		case int64:
			negative = v < 0
		case float64:
			negative = v < 0
		case time.Duration:
			negative = v < 0
		}
		if negative {
			bad = fmt.Errorf("%s %s: must not be negative", flagName(f.Name), f.Value)
		}
	})
	if bad != nil {
		return &exitError{2, bad}
	}
	return nil
}

// atLeast is a usage error unless the flag's value is at least min.
func atLeast(name string, v, min int) error {
	if v < min {
		return &exitError{2, fmt.Errorf("%s %d: must be at least %d", flagName(name), v, min)}
	}
	return nil
}

// flagName is how a flag is written in messages: -n, --max-bytes.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}
