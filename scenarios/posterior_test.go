package scenarios_test

import (
	"encoding/csv"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/scenarios"
)

// TestBaselineIsPosteriorMedian checks that the baseline's value of every
// parameter of the shipped posterior sample (posterior/baseline.csv, the
// calibration of agents/MODEL.md 3.6) is the sample's median, to the
// three significant figures the defaults keep (the median as sahelsim
// calibrate computes it: the empirical quantile of the equal-weight
// particles).
func TestBaselineIsPosteriorMedian(t *testing.T) {
	f, err := os.Open("posterior/baseline.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	first := slices.Index(header, "particle") + 1
	if first == 0 || len(header) <= first || len(rows) < 100 {
		t.Fatalf("posterior/baseline.csv: header %v, %d rows", header, len(rows)-1)
	}
	for j := first; j < len(header); j++ {
		vals := make([]float64, 0, len(rows)-1)
		for _, r := range rows[1:] {
			v, err := strconv.ParseFloat(r[j], 64)
			if err != nil {
				t.Fatalf("%s: %v", header[j], err)
			}
			vals = append(vals, v)
		}
		slices.Sort(vals)
		median := stat.Quantile(0.5, stat.Empirical, vals, nil) // as calibrate's parameters.csv
		got, err := sc.Get(header[j])
		if err != nil {
			t.Fatalf("%s: %v", header[j], err)
		}
		var x float64
		switch v := got.(type) {
		case float64:
			x = v
		case int:
			x = float64(v)
		default:
			t.Fatalf("%s: a %T", header[j], got)
		}
		if math.Abs(x-median) > 0.005*math.Abs(median) {
			t.Errorf("%s: the baseline has %g, the posterior's median is %.4g", header[j], x, median)
		}
	}
}
