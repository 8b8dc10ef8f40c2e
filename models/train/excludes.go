package train

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/slantwire/slant/models/internal/linear"
)

// Data sources slant train can leave out (--exclude), so that a user can
// build artifacts under the licences they accept: CheckThat (CC BY-NC-SA
// 4.0), BABE (AGPL-3.0), PolNeAR (research corpus).
const (
	SourceCheckThat = "checkthat"
	SourceBABE      = "babe"
	SourcePolNeAR   = "polnear"
)

// Sources are the data sources, in the order slant train reads them.
func Sources() []string { return []string{SourceCheckThat, SourceBABE, SourcePolNeAR} }

// What each artifact derives from:
//
//	subjectivity.bin  CheckThat train, BABE opinion labels (and, stacked, loaded.bin)
//	bias.bin          BABE
//	loaded.bin        BABE
//	attribution.bin   PolNeAR
//
// Without a source, the artifacts that derive only from it are not written
// (a stale one in the output folder is removed); subjectivity.bin is
// trained on what is left: CheckThat alone (without stacked loaded-term
// features), or BABE's opinion labels alone.

// parseExclude checks the names and returns them as a set.
func parseExclude(names []string) (map[string]bool, error) {
	ex := map[string]bool{}
	for _, n := range names {
		switch n {
		case SourceCheckThat, SourceBABE, SourcePolNeAR:
			ex[n] = true
		default:
			return nil, fmt.Errorf("train: unknown data source %q to exclude (one of %s, %s, %s)", n, SourceCheckThat, SourceBABE, SourcePolNeAR)
		}
	}
	return ex, nil
}

// writeOrRemove writes m to path, or, when m is nil (its data excluded),
// removes a file left at path by an earlier training.
func writeOrRemove(path string, m *linear.Model, logf func(string, ...any)) error {
	if m != nil {
		return write(path, m)
	}
	err := os.Remove(path)
	switch {
	case err == nil:
		logf("%s: not trained (its data is excluded); the earlier file was removed", filepath.Base(path))
	case errors.Is(err, fs.ErrNotExist):
		logf("%s: not trained (its data is excluded)", filepath.Base(path))
	default:
		return fmt.Errorf("train: %w", err)
	}
	return nil
}
