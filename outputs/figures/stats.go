package figures

import (
	"math"
	"slices"
	"time"

	"github.com/sahelsim/sahelsim/outputs"
	"gonum.org/v1/gonum/stat"
)

// A binning groups the steps of a run into the periods a time series is
// drawn by: calendar months when steps are at most 16 days long, else the
// steps themselves.
type binning struct {
	step  []int       // bin of each step
	start []time.Time // first day of each bin
	x     []float64   // middle of each bin, Unix seconds
	days  []float64   // days in each bin
	count []int       // steps in each bin
	unit  string      // "month", or "7 days" and the like
}

// binning returns the binning of d's steps.
func (d *Data) binning() binning {
	var b binning
	monthly := d.StepDays <= 16
	if monthly {
		b.unit = "month"
	} else {
		b.unit = formatDays(d.StepDays)
	}
	b.step = make([]int, len(d.Dates))
	for s, dt := range d.Dates {
		t := dt.Time()
		start, end := t, t.AddDate(0, 0, d.StepDays)
		if monthly {
			start = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
			end = start.AddDate(0, 1, 0)
		}
		if n := len(b.start); n == 0 || !b.start[n-1].Equal(start) {
			b.start = append(b.start, start)
			b.x = append(b.x, float64(start.Unix()+end.Unix())/2)
			b.days = append(b.days, end.Sub(start).Hours()/24)
			b.count = append(b.count, 0)
		}
		b.step[s] = len(b.start) - 1
		b.count[len(b.start)-1]++
	}
	return b
}

func formatDays(n int) string {
	if n == 1 {
		return "day"
	}
	return itoa(n) + " days"
}

// A band is a time series by bin: its mean across replicates and the 5th
// and 95th percentiles (the 90 % band).
type band struct {
	x, mean, lo, hi []float64
}

// A seriesKind says how steps add up into a bin.
type seriesKind int

const (
	// flow: counts during each step (events, fatalities). A bin's value
	// is the rate over the bin: the sum of its steps scaled to the bin's
	// length (events per month: 4 or 5 weekly steps scaled to the
	// month's days).
	flow seriesKind = iota
	// stock: levels at the end of each step (fighters). A bin's value is
	// the mean of its steps.
	stock
)

// band returns the band of the sum of the series keys, over the
// replicates reps (indices in timeseries.csv's rep or run column; every
// replicate with data if nil). Missing series count as zero; replicates
// with none of them are left out.
func (d *Data) band(b binning, kind seriesKind, reps []int, keys ...outputs.SeriesKey) band {
	var ss []*outputs.Series
	nrep := 0
	for _, k := range keys {
		if s := d.Series[k]; s != nil {
			ss = append(ss, s)
			nrep = max(nrep, len(s.Values))
		}
	}
	if reps == nil {
		for r := range nrep {
			reps = append(reps, r)
		}
	}
	nb := len(b.start)
	per := make([][]float64, 0, len(reps)) // per replicate, by bin
	for _, r := range reps {
		var vals []float64
		for _, s := range ss {
			if r >= len(s.Values) || s.Values[r] == nil {
				continue
			}
			if vals == nil {
				vals = make([]float64, nb)
			}
			for st, v := range s.Values[r] {
				if st < len(b.step) && !math.IsNaN(v) {
					vals[b.step[st]] += v
				}
			}
		}
		if vals == nil {
			continue
		}
		for i := range vals {
			if kind == flow {
				vals[i] *= b.days[i] / (float64(b.count[i]) * float64(d.StepDays))
			} else {
				vals[i] /= float64(b.count[i])
			}
		}
		per = append(per, vals)
	}
	out := band{x: b.x, mean: make([]float64, nb), lo: make([]float64, nb), hi: make([]float64, nb)}
	col := make([]float64, len(per))
	for i := range nb {
		for r, vals := range per {
			col[r] = vals[i]
		}
		out.mean[i], out.lo[i], out.hi[i] = summarize(col)
	}
	return out
}

// summarize returns the mean of vals and their 5th and 95th percentiles
// (empirical, as outputs.Headline), leaving out NaNs; NaN if none is left.
// vals is reordered.
func summarize(vals []float64) (mean, lo, hi float64) {
	v := vals[:0:0]
	for _, x := range vals {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	slices.Sort(v)
	return stat.Mean(v, nil), stat.Quantile(0.05, stat.Empirical, v, nil), stat.Quantile(0.95, stat.Empirical, v, nil)
}

// meanCI returns the mean of vals (NaNs left out) and its 95 % confidence
// interval, mean ± t(0.975, n−1) s/√n; the interval is NaN for fewer
// than two values.
func meanCI(vals []float64) (mean, lo, hi float64) {
	var v []float64
	for _, x := range vals {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	m, sd := stat.MeanStdDev(v, nil)
	if len(v) < 2 {
		return m, math.NaN(), math.NaN()
	}
	h := tQuantile975(len(v)-1) * sd / math.Sqrt(float64(len(v)))
	return m, m - h, m + h
}
