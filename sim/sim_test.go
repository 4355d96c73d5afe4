package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
)

func TestClock(t *testing.T) {
	c := NewClock(NewDate(2017, 1, 1), NewDate(2020, 9, 30), 7)
	if c.Steps != 196 {
		t.Errorf("steps = %d, want 196 (1368 days of 7-day steps, the last partial)", c.Steps)
	}
	tests := []struct {
		date Date
		step int
	}{
		{NewDate(2017, 1, 1), 0},
		{NewDate(2017, 1, 7), 0},
		{NewDate(2017, 1, 8), 1},
		{NewDate(2016, 12, 31), -1},
		{NewDate(2016, 12, 25), -1},
		{NewDate(2016, 12, 24), -2},
		{NewDate(2020, 9, 30), 195},
	}
	for _, tt := range tests {
		if got := c.Step(tt.date); got != tt.step {
			t.Errorf("Step(%v) = %d, want %d", tt.date, got, tt.step)
		}
		if tt.step >= 0 && c.Date(tt.step).After(tt.date) {
			t.Errorf("Date(%d) = %v is after %v", tt.step, c.Date(tt.step), tt.date)
		}
	}
}

func TestParseDate(t *testing.T) {
	d, err := ParseDate("2018-10-01")
	if err != nil || d != NewDate(2018, 10, 1) || d.String() != "2018-10-01" {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	if _, err := ParseDate("2018-13-01"); err == nil {
		t.Error("ParseDate accepted month 13")
	}
}

func TestNewRandStreams(t *testing.T) {
	a, b := NewRand(1, 0), NewRand(1, 0)
	for range 100 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("NewRand(1, 0) is not reproducible")
		}
	}
	seen := map[uint64]string{}
	for seed := range uint64(4) {
		for rep := range 50 {
			v := NewRand(seed, rep).Uint64()
			key := fmt.Sprint(seed, rep)
			if k, ok := seen[v]; ok {
				t.Fatalf("streams %s and %s start with the same number", k, key)
			}
			seen[v] = key
		}
	}
}

// TestDistributions checks the samplers' means and variances.
func TestDistributions(t *testing.T) {
	r := NewRand(7, 0)
	const n = 200000
	for _, lambda := range []float64{0.01, 0.3, 4, 50} {
		var s, ss float64
		for range n {
			k := float64(Poisson(r, lambda))
			s += k
			ss += k * k
		}
		mean, v := s/n, ss/n-(s/n)*(s/n)
		if math.Abs(mean-lambda) > 5*math.Sqrt(lambda/n) || math.Abs(v-lambda) > 0.05*lambda+0.01 {
			t.Errorf("Poisson(%v): mean %v variance %v", lambda, mean, v)
		}
	}
	for _, c := range []struct {
		n int
		p float64
	}{{10, 0.3}, {100, 0.02}, {1000, 0.5}, {60, 0.97}} {
		var s float64
		for range n / 10 {
			k := Binomial(r, c.n, c.p)
			if k < 0 || k > c.n {
				t.Fatalf("Binomial(%d, %v) = %d", c.n, c.p, k)
			}
			s += float64(k)
		}
		want := float64(c.n) * c.p
		if mean := s / (n / 10); math.Abs(mean-want) > 0.02*want+0.05 {
			t.Errorf("Binomial(%d, %v): mean %v, want %v", c.n, c.p, mean, want)
		}
	}
	if Poisson(r, 0) != 0 || Poisson(r, math.NaN()) != 0 || Binomial(r, 5, 0) != 0 || Binomial(r, 5, 1) != 5 {
		t.Error("edge cases of Poisson and Binomial")
	}
	for _, p := range []float64{0.003, 0.2, 0.9} {
		var s, ss float64
		for range n {
			k := float64(Geometric(r, p))
			s += k
			ss += k * k
		}
		// Failures before the first success: mean (1−p)/p, variance (1−p)/p².
		mean, v := s/n, ss/n-(s/n)*(s/n)
		wantM, wantV := (1-p)/p, (1-p)/(p*p)
		if math.Abs(mean-wantM) > 5*math.Sqrt(wantV/n)+1e-9 || math.Abs(v-wantV) > 0.05*wantV+0.01 {
			t.Errorf("Geometric(%v): mean %v variance %v, want %v and %v", p, mean, v, wantM, wantV)
		}
	}
	if Geometric(r, 0) != math.MaxInt32 || Geometric(r, 1) != 0 {
		t.Error("edge cases of Geometric")
	}
}

func TestReplicate(t *testing.T) {
	var calls atomic.Int64
	out := make([]int, 9)
	err := Replicate(context.Background(), 9, 4, func(rep int) error {
		calls.Add(1)
		out[rep] = rep * rep
		return nil
	})
	if err != nil || calls.Load() != 9 || out[8] != 64 {
		t.Fatalf("Replicate: err %v, calls %d, out %v", err, calls.Load(), out)
	}
	// The error reported is the lowest-numbered replicate's, and panics
	// become errors.
	errBoom := errors.New("boom")
	err = Replicate(context.Background(), 6, 3, func(rep int) error {
		switch rep {
		case 1:
			panic("kaput")
		case 2:
			return errBoom
		}
		return nil
	})
	if err == nil || errors.Is(err, errBoom) {
		t.Fatalf("want replicate 1's panic first, got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Replicate(ctx, 100, 2, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Replicate returned %v", err)
	}
}

func TestGrid(t *testing.T) {
	g := NewGrid(0.5, 10, -5, 3, 4)
	for r := range 3 {
		for c := range 4 {
			if r == 1 && c == 1 {
				continue // a hole
			}
			g.AddCell(Cell{Row: r, Col: c, Lat: 10.25 + 0.5*float64(r), Lon: -4.75 + 0.5*float64(c)})
		}
	}
	g.Link()
	if i := g.Locate(10.3, -4.9); i != 0 {
		t.Errorf("Locate = %d, want 0", i)
	}
	if g.Locate(10.9, -4.4) != -1 || g.At(5, 5) != -1 {
		t.Error("Locate or At found a cell in a hole or outside")
	}
	for i, c := range g.Cells {
		for _, j := range c.Neighbours {
			if int(j) == i {
				t.Fatalf("cell %d is its own neighbour", i)
			}
			found := false
			for _, k := range g.Cells[j].Neighbours {
				found = found || int(k) == i
			}
			if !found {
				t.Fatalf("neighbours of %d and %d are not symmetric", i, j)
			}
		}
	}
	if n := len(g.Cells[0].Neighbours); n != 2 {
		t.Errorf("corner cell next to the hole has %d neighbours, want 2", n)
	}
	// ApproxKm is within 1 % of the great-circle distance at these scales.
	a, b := 0, len(g.Cells)-1
	if h, e := g.DistanceKm(a, b), g.ApproxKm(a, b); math.Abs(h-e) > 0.01*h {
		t.Errorf("ApproxKm %v vs Haversine %v", e, h)
	}
}

func TestLog(t *testing.T) {
	var l Log[int]
	l.Emit(1)
	l.Emit(2)
	if l.Len() != 2 || l.Events()[1] != 2 {
		t.Fatal("Emit")
	}
	c := cap(l.Events())
	l.Reset()
	l.Emit(3)
	if l.Len() != 1 || cap(l.Events()) != c {
		t.Error("Reset must keep the backing array")
	}
}

func ExampleClock() {
	c := NewClock(NewDate(2017, 1, 1), NewDate(2020, 9, 30), 7)
	fmt.Println(c.Steps, c.Date(52), c.Step(NewDate(2019, 1, 1)))
	// Output: 196 2017-12-31 104
}

// TestDaysSinceLongRanges checks the date arithmetic over ranges longer
// than a time.Duration holds (292 years): every day counted, both ways,
// and a clock over them as long as it should be.
func TestDaysSinceLongRanges(t *testing.T) {
	tests := []struct {
		from, to Date
		days     int
	}{
		{NewDate(2017, 1, 1), NewDate(2017, 1, 14), 13},
		{NewDate(2017, 1, 1), NewDate(2317, 1, 1), 300*365 + 72},             // 300 years: 75 years divisible by 4, less 2100, 2200, 2300
		{NewDate(1, 1, 1), NewDate(9999, 12, 31), 3652058},                   // the whole proleptic calendar of TOML dates
		{NewDate(0, 1, 1), NewDate(9999, 12, 31), 3652058 + 366},             // year 0 is a leap year
		{NewDate(1900, 3, 1), NewDate(2300, 3, 1), 400*365 + 97},             // one Gregorian cycle
		{NewDate(2017, 1, 1), NewDate(2017, 1, 1).AddDays(3000000), 3000000}, // AddDays and DaysSince agree
	}
	for _, tt := range tests {
		if got := tt.to.DaysSince(tt.from); got != tt.days {
			t.Errorf("%v − %v = %d days, want %d", tt.to, tt.from, got, tt.days)
		}
		if got := tt.from.DaysSince(tt.to); got != -tt.days {
			t.Errorf("%v − %v = %d days, want %d", tt.from, tt.to, got, -tt.days)
		}
		if got := tt.from.AddDays(tt.days); got != tt.to {
			t.Errorf("%v + %d days = %v, want %v", tt.from, tt.days, got, tt.to)
		}
	}
	// A 300-year clock of weeks: its last step holds the end.
	start, end := NewDate(2017, 1, 1), NewDate(2317, 1, 1)
	c := NewClock(start, end, 7)
	if want := (300*365+72)/7 + 1; c.Steps != want {
		t.Errorf("300-year clock: %d steps, want %d", c.Steps, want)
	}
	if last := c.Date(c.Steps - 1); last.After(end) || !last.AddDays(7).After(end) {
		t.Errorf("300-year clock: last step starts %v, which does not hold %v", last, end)
	}
}

// TestFast checks the fast generator's uniform draws: mean, variance, the
// share in each tenth, and that rand.New over it draws the same stream.
func TestFast(t *testing.T) {
	f := NewFast(NewRand(3, 0))
	g := *f
	const n = 400000
	var s, ss float64
	var bins [10]int
	for range n {
		u := f.Float64()
		if u < 0 || u >= 1 {
			t.Fatalf("Float64 = %v, want [0, 1)", u)
		}
		s += u
		ss += u * u
		bins[int(u*10)]++
	}
	mean, v := s/n, ss/n-(s/n)*(s/n)
	if math.Abs(mean-0.5) > 0.003 || math.Abs(v-1.0/12) > 0.002 {
		t.Errorf("mean %v variance %v, want 0.5 and 1/12", mean, v)
	}
	for i, b := range bins {
		if math.Abs(float64(b)/n-0.1) > 0.003 {
			t.Errorf("tenth %d holds %v of the draws", i, float64(b)/n)
		}
	}
	r := rand.New(&g)
	h := NewFast(NewRand(3, 0))
	for range 10 {
		if a, b := r.Uint64(), h.Uint64(); a != b {
			t.Fatalf("rand.New(f) drew %x, f drew %x", a, b)
		}
	}
}

// TestReplicateSeed checks the seeds of replicates: replicate 0's is the
// run's seed, every one fits in 53 bits, and a run seeded with a
// replicate's seed draws that replicate's stream as its replicate 0.
func TestReplicateSeed(t *testing.T) {
	for _, seed := range []uint64{0, 1, 7, 12345, MaxSeed} {
		if got := ReplicateSeed(seed, 0); got != seed {
			t.Errorf("ReplicateSeed(%d, 0) = %d", seed, got)
		}
		seen := map[uint64]int{}
		for rep := range 1000 {
			s := ReplicateSeed(seed, rep)
			if s > MaxSeed || float64(s) != float64(int64(s)) || uint64(float64(s)) != s {
				t.Fatalf("ReplicateSeed(%d, %d) = %d: not exact as a double", seed, rep, s)
			}
			if r, ok := seen[s]; ok {
				t.Fatalf("replicates %d and %d of seed %d share seed %d", r, rep, seed, s)
			}
			seen[s] = rep
			a, b := NewRand(seed, rep), NewRand(s, 0)
			for range 4 {
				if a.Uint64() != b.Uint64() {
					t.Fatalf("replicate %d of seed %d is not replicate 0 of its own seed %d", rep, seed, s)
				}
			}
		}
	}
}
