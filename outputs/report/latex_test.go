package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/latextest"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// writeWideSweep writes a sweep directory whose tables are as wide as
// they come: long scenario names with underscores, two parameters that
// vary, six-digit counts, millions, negative effects.
func writeWideSweep(t *testing.T, dir string) {
	t.Helper()
	scens := []string{"baseline", "community_protection", "political_settlement", "illicit_networks_and_reintegration"}
	inds := append([]string{"events_total", "attribution_correct_share"}, outputs.HeadlineIndicators()...)
	big := func(name string, k int) float64 {
		switch figures.IndicatorUnit(name) {
		case "share":
			return 0.123 + 0.1*float64(k%7)
		case "year":
			return 2017 + float64(k%4)
		case "ratio":
			return 12.345 + float64(k)
		case "USD a year":
			return 123.4e6 + 1e6*float64(k)
		case "people":
			return 12.3e6 + 1e5*float64(k)
		}
		return 123456 + 1111*float64(k)
	}
	var runs, cmp strings.Builder
	fmt.Fprintf(&runs, "run,scenario,point,replicate,seed,policy.lever.intensity,policy.lever.start,%s\n", strings.Join(inds, ","))
	cmp.WriteString("reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n\n")
	var ts strings.Builder
	ts.WriteString("run,step,date,zone,group,metric,value\n")
	run := 0
	for s, sc := range scens {
		for p, par := range [][2]string{{"0.25", "2018-01-01"}, {"1.0", "2019-07-01"}} {
			point := fmt.Sprint(2*s + p)
			for rep := range 3 {
				var vals []string
				for _, ind := range inds {
					vals = append(vals, fmt.Sprint(big(ind, run)))
				}
				fmt.Fprintf(&runs, "%d,%s,%s,%d,9204231305586737256,%s,%s,%s\n", run, sc, point, rep, par[0], par[1], strings.Join(vals, ","))
				fmt.Fprintf(&ts, "%d,0,2017-01-01,all,all,events,10\n", run)
				run++
			}
			if sc == "baseline" && p == 0 {
				continue
			}
			for _, ind := range inds {
				v, d := big(ind, s), -0.8*big(ind, s)
				if figures.IndicatorUnit(ind) == "year" {
					d = 1.5
				}
				fmt.Fprintf(&cmp, "0,%s,%s,%s,%g,%g,%g,%g,%g,60\n", sc, point, ind, v, v+d, d, min(1.3*d, -0.3*d), max(1.3*d, -0.3*d))
			}
		}
	}
	for name, text := range map[string]string{"runs.csv": runs.String(), "compare.csv": cmp.String(), "timeseries.csv": ts.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLaTeXFits compiles every table the report writes (a run's headline
// table, a sweep's headline table and its comparison, and the same for a
// sweep of long names and large numbers) with pdflatex in a standard
// article, each in a table environment at the width of the text, and
// fails on any overfull box or error.
func TestLaTeXFits(t *testing.T) {
	latextest.Need(t)
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	wide := t.TempDir()
	writeWideSweep(t, wide)
	dirs := map[string]string{
		"run":   makeRun(t, t.TempDir()),
		"sweep": filepath.Join("..", "figures", "testdata", "sweep"),
		"wide":  wide,
	}
	var names []string
	var tables []latextest.Table
	for _, kind := range []string{"run", "sweep", "wide"} {
		d, err := figures.Load(dirs[kind])
		if err != nil {
			t.Fatal(err)
		}
		ts := []*Table{HeadlineTable(d, targets)}
		if c := CompareTable(d); c != nil {
			ts = append(ts, c)
		}
		if kind != "run" && len(ts) != 2 {
			t.Fatalf("%s: %d tables, want a headline table and a comparison", kind, len(ts))
		}
		for _, tab := range ts {
			names = append(names, kind+"-"+tab.Name)
			tables = append(tables, tab)
		}
	}
	latextest.CheckFits(t, names, tables)
}
