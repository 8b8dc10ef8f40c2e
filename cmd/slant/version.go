package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version reports the module version and VCS revision the binary was built from.
func version() (ver, revision string) {
	ver, revision = "devel", "unknown"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		ver = info.Main.Version
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			revision = s.Value
		}
	}
	return
}

func runVersion(_ context.Context, e env, _ []string) error {
	v, r := version()
	fmt.Fprintf(e.stdout, "slant %s (%s)\n", v, r)
	return nil
}
