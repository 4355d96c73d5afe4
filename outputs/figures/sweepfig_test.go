package figures

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A sweepPoint is a point of a synthetic sweep.
type sweepPoint struct {
	scenario string
	params   []string
}

// writeSweep writes a sweep directory of points (two runs each, twelve
// weekly steps) with parameters params, and, if compare, a comparison of
// every point but the first with the first.
func writeSweep(t *testing.T, params []string, points []sweepPoint, compare bool) string {
	t.Helper()
	dir := t.TempDir()
	var runs, ts, cmp strings.Builder
	fmt.Fprintf(&runs, "run,scenario,point,replicate,seed,%s,events_total,fatalities_total,jnim_share_events\n", strings.Join(params, ","))
	ts.WriteString("run,step,date,zone,group,metric,value\n")
	cmp.WriteString("reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n\n")
	run := 0
	for i, p := range points {
		for rep := range 2 {
			fmt.Fprintf(&runs, "%d,%s,%d,%d,1,%s,%d,%d,0.6\n", run, p.scenario, i, rep, strings.Join(p.params, ","), 100+i, 500+i)
			for s := range 12 {
				date := time.Date(2017, 1, 1+7*s, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				fmt.Fprintf(&ts, "%d,%d,%s,all,all,events,%d\n%d,%d,%s,all,all,fatalities,%d\n", run, s, date, i+s, run, s, date, 5*(i+s))
			}
			run++
		}
		if i > 0 {
			for _, ind := range []string{"events_total", "fatalities_total", "jnim_share_events"} {
				fmt.Fprintf(&cmp, "0,%s,%d,%s,100,%d,%d,%d,%d,2\n", p.scenario, i, ind, 100+i, i, i-3, i+3)
			}
		}
	}
	files := map[string]string{"runs.csv": runs.String(), "timeseries.csv": ts.String()}
	if compare {
		files["compare.csv"] = cmp.String()
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func figureNamed(t *testing.T, figs []*Figure, name string) *Figure {
	t.Helper()
	i := slices.IndexFunc(figs, func(f *Figure) bool { return f.Name == name })
	if i < 0 {
		t.Fatalf("no figure %s", name)
	}
	return figs[i]
}

// TestByPointLegend checks that events_by_point names every line it
// draws: one panel of named lines for a few points, small multiples for a
// grid of two parameters, and a colour scale for a design with many
// values.
func TestByPointLegend(t *testing.T) {
	var grid []sweepPoint
	for _, start := range []string{"2018-01-01", "2019-01-01", "2020-01-01"} {
		for _, x := range []string{"0", "0.25", "0.5", "0.75", "1"} {
			grid = append(grid, sweepPoint{"disaggregation", []string{x, start}})
		}
	}
	var lhs []sweepPoint
	for i := range 30 {
		lhs = append(lhs, sweepPoint{"baseline", []string{strconv.FormatFloat(float64(i)/29, 'f', 3, 64), strconv.Itoa(i)}})
	}
	levers := []sweepPoint{{"baseline", nil}, {"disaggregation", nil}, {"counterinsurgency", nil}, {"illicit_networks", nil},
		{"community_protection", nil}, {"political_settlement", nil}, {"reintegration", nil}, {"combined", nil}}
	tests := []struct {
		name   string
		params []string
		points []sweepPoint
		texts  []string // every one present
		panels int      // panel titles among texts
	}{
		{"levers", nil, levers, []string{"baseline", "disaggregation", "counterinsurgency", "illicit_networks", "community_protection",
			"political_settlement", "reintegration", "combined"}, 0},
		{"grid", []string{"policy.disaggregation.intensity", "policy.disaggregation.start"}, grid,
			[]string{"start=2018-01-01", "start=2019-01-01", "start=2020-01-01",
				"intensity=0", "intensity=0.25", "intensity=0.5", "intensity=0.75", "intensity=1"}, 3},
		{"lhs", []string{"groups.flm.recruitment", "seed.offset"}, lhs, []string{"recruitment = 0.000", "recruitment = 1.000"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Load(writeSweep(t, tt.params, tt.points, false))
			if err != nil {
				t.Fatal(err)
			}
			f := figureNamed(t, Figures(d, Options{}), "events_by_point")
			doc := renderSVG(t, f)
			for _, s := range tt.texts {
				if !doc.hasText(s) {
					t.Errorf("no %q in events_by_point; texts %q", s, doc.texts)
				}
			}
			// Every line is named: count the distinct line colours against
			// the legend's entries (a scale's three name its range).
			colours := map[string]bool{}
			for _, p := range doc.paths {
				if m := regexp.MustCompile(`^fill:none;stroke:(#[0-9A-F]{6})$`).FindStringSubmatch(p.style); m != nil { // width 1: the data
					colours[m[1]] = true
				}
			}
			if tt.name != "lhs" && len(colours) > len(tt.points) {
				t.Errorf("%d line colours for %d points", len(colours), len(tt.points))
			}
			if tt.name == "grid" && len(colours) != 5 {
				t.Errorf("%d line colours, want one for each of 5 intensities", len(colours))
			}
		})
	}
}

// TestForestFew checks the forest plot of two and three scenarios: their
// names do not overlap, and the legend names the reference.
func TestForestFew(t *testing.T) {
	for _, n := range []int{2, 3} {
		points := []sweepPoint{{"baseline", nil}}
		names := []string{"disaggregation", "counterinsurgency", "community_protection"}[:n]
		for _, s := range names {
			points = append(points, sweepPoint{s, nil})
		}
		d, err := Load(writeSweep(t, nil, points, true))
		if err != nil {
			t.Fatal(err)
		}
		f := figureNamed(t, Figures(d, Options{}), "compare_forest")
		out, err := f.Render(SVG)
		if err != nil {
			t.Fatal(err)
		}
		doc := parseSVG(t, out[SVG])
		if !doc.hasText("Difference from baseline") || !doc.hasText("No effect (baseline)") {
			t.Errorf("%d scenarios: the reference is not named; texts %q", n, doc.texts)
		}
		// The names' text elements, by their baseline.
		re := regexp.MustCompile(`<text x="([-\d.]+)" y="([-\d.]+)"[^>]*font-size:([\d.]+)px">([^<]*)</text>`)
		var ys []float64
		size := 0.0
		for _, m := range re.FindAllStringSubmatch(string(out[SVG]), -1) {
			if slices.Contains(names, m[4]) {
				y, _ := strconv.ParseFloat(m[2], 64)
				size, _ = strconv.ParseFloat(m[3], 64)
				ys = append(ys, y)
			}
		}
		if len(ys) != n { // in the first panel (of the one row of three indicators)
			t.Fatalf("%d scenarios: %d name labels, want %d", n, len(ys), n)
		}
		slices.Sort(ys)
		for i := 1; i < len(ys); i++ {
			if gap := ys[i] - ys[i-1]; gap < 1.5*size {
				t.Errorf("%d scenarios: names %.1f pt apart, under 1.5 lines of %.1f pt: they overlap", n, gap, size)
			}
		}
	}
}
