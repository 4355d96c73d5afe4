package sweep

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

func TestRanges(t *testing.T) {
	tests := []struct {
		in   []int
		max  int
		want string
	}{
		{nil, 5, ""},
		{[]int{3}, 5, "3"},
		{[]int{3, 7, 8, 9, 12}, 5, "3, 7-9, 12"},
		{[]int{0, 1, 3, 5, 7, 9}, 3, "0-1, 3, 5, …"},
	}
	for _, tt := range tests {
		if got := ranges(tt.in, tt.max); got != tt.want {
			t.Errorf("ranges(%v, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestPartEncoding(t *testing.T) {
	p := &part{
		partHeader: partHeader{Run: 12, Scenario: "s", Point: 2, Replicate: 1, Seed: 99, Params: []string{"0.5"},
			Columns: []string{"a", "b"}, Start: sim.NewDate(2017, 1, 1), StepDays: 7, Steps: 2,
			Keys: [][3]string{{"all", "all", "events"}}},
		Summary: []float64{1.5, math.NaN()},
		Series:  []float64{3, 4},
	}
	b, err := p.encode()
	if err != nil {
		t.Fatal(err)
	}
	q, err := decodePart(b)
	if err != nil {
		t.Fatal(err)
	}
	if q.Run != 12 || q.Start != p.Start || !slices.Equal(q.Series, p.Series) || q.Summary[0] != 1.5 || !math.IsNaN(q.Summary[1]) {
		t.Errorf("decoded %+v", q)
	}
	// Any truncation or changed byte is detected.
	for _, bad := range [][]byte{b[:len(b)-1], b[:len(b)/2], append(slices.Clone(b[:40]), append([]byte{b[40] ^ 4}, b[41:]...)...), nil} {
		if _, err := decodePart(bad); !errors.Is(err, errCorrupt) {
			t.Errorf("a damaged part of %d bytes decodes: %v", len(bad), err)
		}
	}
}

func TestBitset(t *testing.T) {
	b := newBitset(130)
	for _, i := range []int{0, 63, 64, 129} {
		b.set(i)
	}
	for i := range 130 {
		if b.has(i) != slices.Contains([]int{0, 63, 64, 129}, i) {
			t.Errorf("has(%d) = %t", i, b.has(i))
		}
	}
}
