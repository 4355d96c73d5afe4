package textdist

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"flm", "flm", 0}, {"flmm", "flm", 1}, {"fightrs", "fighters", 1},
		{"Segou", "Ségou", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	} {
		if got := Levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
