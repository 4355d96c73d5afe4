// Package textdist measures how far apart two strings are, to suggest the
// name a user probably meant ("did you mean …?") in error messages:
// [Levenshtein] is the distance, [Nearest] the plausible typo's intended
// name, [Suggest] the hint an error shows.
package textdist

import (
	"fmt"
	"strings"
)

// Levenshtein returns the edit distance between a and b, in runes: the
// fewest insertions, deletions and substitutions that turn a into b.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Nearest returns the candidate closest to key by edit distance, if it is
// close enough to be a plausible typo: within a third of key's length (at
// least 1), or half the candidate's length when one is a prefix of the
// other, and less than key's length.
func Nearest(key string, candidates []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range candidates {
		d := Levenshtein(key, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return "", false
	}
	n := len([]rune(key))
	limit := max(1, (n+1)/3)
	if key != "" && (strings.HasPrefix(best, key) || strings.HasPrefix(key, best)) {
		limit = max(limit, len(best)/2)
	}
	return best, bestD <= limit && bestD < n
}

// Suggest returns a hint for an unknown key among candidates: the Nearest
// one (`did you mean "fighters"?`), or the list of them if it is short
// (at most 12), or "".
func Suggest(key string, candidates []string) string {
	if c, ok := Nearest(key, candidates); ok {
		return fmt.Sprintf("did you mean %q?", c)
	}
	if len(candidates) > 0 && len(candidates) <= 12 {
		return "valid keys: " + strings.Join(candidates, ", ")
	}
	return ""
}
