// Package featurehash is the hashing the models' feature extractors share:
// features are 64-bit hashes mixed from small integers and word hashes, then
// folded to the 32-bit index a weight table is addressed by (masked to its
// size).
//
// The artifacts' weights are addressed by these hashes: changing either
// function changes every feature, so it needs a retrain.
package featurehash

// Mix folds x into the hash h (a 64-bit multiply-xorshift step).
func Mix(h, x uint64) uint64 {
	h ^= x + 0x9e3779b97f4a7c15 + h<<6 + h>>2
	h *= 0xff51afd7ed558ccd
	return h ^ h>>33
}

// Fold reduces a hash to a 32-bit feature index.
func Fold(h uint64) uint32 { return uint32(h ^ h>>32) }
