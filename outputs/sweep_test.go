package outputs_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/sim"
)

func TestIndicatorColumns(t *testing.T) {
	base := baselineParams(t)
	base.End = sim.NewDate(2017, 6, 30)
	long := *base
	long.End = sim.NewDate(2019, 2, 1)
	few := *base
	few.Zones = nil

	for _, p := range []*agents.Params{base, &long, &few} {
		rep := simulate(t, p, 1, 1, 1)[0]
		if got := outputs.IndicatorColumns(p); !slices.Equal(got, rep.Columns) {
			t.Errorf("end %s, %d zones: IndicatorColumns\n%v\nwant the recorded columns\n%v", p.End, len(p.Zones), got, rep.Columns)
		}
	}

	// The union has every column of each, and the years of both.
	union := outputs.IndicatorColumns(base, &long, &few)
	for _, p := range []*agents.Params{base, &long, &few} {
		for _, c := range outputs.IndicatorColumns(p) {
			if !slices.Contains(union, c) {
				t.Errorf("union lacks %s", c)
			}
		}
	}
	if !slices.Contains(union, "events_2019") || !slices.Contains(union, "events_central_mali") {
		t.Errorf("union lacks a year or a zone: %v", union)
	}
	if i, j := slices.Index(union, "events_2017"), slices.Index(union, "events_2019"); i < 0 || j != i+2 {
		t.Errorf("years not in calendar order in the union: %v", union)
	}
}

func TestSeriesKeys(t *testing.T) {
	p := baselineParams(t)
	p.End = sim.NewDate(2017, 3, 31)
	rep := simulate(t, p, 7, 1, 1)[0]

	// The full series, step by step, is timeseries.csv row by row.
	var buf bytes.Buffer
	if err := outputs.WriteTimeSeries(&buf, []*outputs.Replicate{rep}, outputs.SeriesFull); err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[1:]
	var got []string
	keys := rep.SeriesKeys(outputs.SeriesFull)
	for s := range rep.Steps {
		vals := rep.SeriesStep(s, outputs.SeriesFull, nil)
		if len(vals) != len(keys) {
			t.Fatalf("step %d: %d values for %d keys", s, len(vals), len(keys))
		}
		for i, k := range keys {
			got = append(got, fmt.Sprintf("0,%d,%s,%s,%s,%s,%s", s, rep.Clock.Date(s), k.Zone, k.Group, k.Metric, outputs.FormatFloat(vals[i])))
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("full series: %d rows, timeseries.csv has %d", len(got), len(want))
	}

	// Totals: a subset of the full rows with the same values, and every
	// total of the full series.
	totals := rep.SeriesKeys(outputs.SeriesTotals)
	if len(totals) == 0 || len(totals) >= len(keys)/2 {
		t.Errorf("totals keep %d of %d rows", len(totals), len(keys))
	}
	index := map[outputs.SeriesKey]int{}
	for i, k := range keys {
		index[k] = i
	}
	for s := range rep.Steps {
		full := rep.SeriesStep(s, outputs.SeriesFull, nil)
		for i, v := range rep.SeriesStep(s, outputs.SeriesTotals, nil) {
			j, ok := index[totals[i]]
			if !ok || !(full[j] == v || v != v && full[j] != full[j]) {
				t.Fatalf("step %d: total %v = %v, full series has %v", s, totals[i], v, full[j])
			}
		}
	}
	for _, k := range keys {
		isTotal := k.Zone == outputs.All || k.Group == outputs.All ||
			!slices.Contains([]string{"events", "fatalities", "civilian_events", "events_observed"}, k.Metric)
		if isTotal != slices.Contains(totals, k) {
			t.Errorf("%v: in totals %t, want %t", k, !isTotal, isTotal)
		}
	}
}
