package textdist

import (
	"fmt"
	"testing"
)

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

func TestSuggest(t *testing.T) {
	keys := []string{"label", "fighters", "leader", "map", "seed", "flm", "enabled"}
	tests := []struct{ key, want string }{
		{"fightrs", `did you mean "fighters"?`},
		{"lable", `did you mean "label"?`},
		{"sed", `did you mean "seed"?`},
		{"flmm", `did you mean "flm"?`},
		{"fight", `did you mean "fighters"?`},
		{"a", "valid keys: label, fighters, leader, map, seed, flm, enabled"},
		{"zzzzzz", "valid keys: label, fighters, leader, map, seed, flm, enabled"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.key, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if got := Suggest("x", nil); got != "" {
		t.Errorf("Suggest with no candidates = %q, want none", got)
	}
}

func ExampleSuggest() {
	fmt.Println(Suggest("fightrs", []string{"fighters", "label", "leader"}))
	// Output: did you mean "fighters"?
}
