//go:build race

package classify

// raceEnabled: the race detector slows every memory access several times,
// so wall-clock budgets do not apply.
const raceEnabled = true
