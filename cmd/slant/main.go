// Command slant classifies news pages and serves that as a NATS service.
//
// Usage: slant <command> [flags] [args]. Run "slant help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// env is what a subcommand may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"classify": {"classify pages and print results as JSON lines or a report", runClassify},
		"serve":    {"run workers on NATS JetStream (embedded server by default)", runServe},
		"publish":  {"publish pages to the input stream", runPublish},
		"tail":     {"print scores and alerts as they arrive", runTail},
		"train":    {"rebuild the model artifacts from the shared data", runTrain},
		"eval":     {"print the models' development figures", runEval},
		"version":  {"print the version", runVersion},
		"probe":    {"exit 0 if a URL answers 2xx (health checks in the image)", runProbe},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

// exitError carries a process exit code other than 1.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func run(ctx context.Context, e env, args []string) int {
	cmds := commands()
	switch {
	case len(args) > 0 && (args[0] == "--version" || args[0] == "-version"):
		args = []string{"version"}
	case len(args) == 2 && args[0] == "help":
		args = []string{args[1], "-h"} // slant help CMD is slant CMD -h
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "slant: unknown command %q\n", args[0])
		usage(e.stderr, cmds)
		return 2
	}
	if err := cmd.run(ctx, e, args[1:]); err != nil {
		var xe *exitError
		if errors.As(err, &xe) {
			if xe.err != nil {
				fmt.Fprintf(e.stderr, "slant %s: %v\n", args[0], xe.err)
			}
			return xe.code
		}
		fmt.Fprintf(e.stderr, "slant %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: slant <command> [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"slant <command> -h\" (or \"slant help <command>\") for a command's flags and examples,")
	fmt.Fprintln(w, "\"slant --version\" for the version.")
}
