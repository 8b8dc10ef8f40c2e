package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// logFlags are --log-format and --log-level, for every command that logs
// (serve, publish, tail).
type logFlags struct {
	format, level string
}

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.format, "log-format", "text", "log format: text (key=value) or json (one object per line)")
	fs.StringVar(&l.level, "log-level", "info", "least severe messages logged: debug, info, warn or error")
}

// logger builds the logger the flags ask for, writing to w. debug forces
// the debug level (serve's -v).
func (l logFlags) logger(w io.Writer, debug bool) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(l.level)); err != nil || strings.ContainsAny(l.level, "+-") {
		return nil, &exitError{2, fmt.Errorf("--log-level %q: want debug, info, warn or error", l.level)}
	}
	if debug {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch l.format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, &exitError{2, fmt.Errorf("--log-format %q: want text or json", l.format)}
}
