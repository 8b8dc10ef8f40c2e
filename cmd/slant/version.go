package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"
)

// buildVersion is the release, set when the binary is linked:
//
//	go build -ldflags "-X main.buildVersion=$(git describe --tags --always --dirty)" ./cmd/slant
//
// `make build` and `make image` (deploy/Dockerfile) do this. It is a
// variable only because the linker can set nothing else; nothing assigns it.
var buildVersion string

// version reports the release the binary was built as (buildVersion, else
// the module version `go install` records, else "devel") and the VCS
// revision it was built from.
func version() (ver, revision string) {
	ver, revision = "devel", "unknown"
	info, ok := debug.ReadBuildInfo()
	if ok {
		if info.Main.Version != "" && info.Main.Version != "(devel)" {
			ver = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	if buildVersion != "" {
		ver = buildVersion
	}
	return ver, revision
}

func runVersion(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	v, r := version()
	fmt.Fprintf(e.stdout, "slant %s (%s)\n", v, r)
	return nil
}

// runProbe is the health check of the image, which has no shell or wget.
func runProbe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{2, fmt.Errorf("want one URL, have %d arguments", fs.NArg())}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fs.Arg(0), nil)
	if err != nil {
		return &exitError{2, err}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s: %s", fs.Arg(0), resp.Status)
	}
	return nil
}
