package figures

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/sim"
)

// editRun writes a copy of the shared run into a new directory, each of
// its files passed through edit, and returns the directory.
func editRun(t *testing.T, edit func(name string, b []byte) []byte) string {
	t.Helper()
	src := sharedRun(t)
	dir := filepath.Join(t.TempDir(), "run")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"manifest.json", "summary.csv", "timeseries.csv", "events.csv", "defections.csv", "displacement.csv"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), edit(name, b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// emptyRun writes a copy of the shared run with nothing happening: no
// events, and every count of the time series and the summary zero.
func emptyRun(t *testing.T) string {
	t.Helper()
	return editRun(t, func(name string, b []byte) []byte {
		switch name {
		case "events.csv", "defections.csv", "displacement.csv": // the header only
			return b[:bytes.IndexByte(b, '\n')+1]
		case "timeseries.csv", "summary.csv": // every value zero
			var out bytes.Buffer
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 1<<20)
			for first := true; sc.Scan(); first = false {
				line := sc.Text()
				if first {
					out.WriteString(line + "\n")
					continue
				}
				f := strings.Split(line, ",")
				lead := 2 // rep, seed
				if name == "timeseries.csv" {
					lead = 6 // rep, step, date, zone, group, metric
				}
				for i := lead; i < len(f); i++ {
					f[i] = "0"
				}
				out.WriteString(strings.Join(f, ",") + "\n")
			}
			return out.Bytes()
		}
		return b
	})
}

// TestEmptyData draws every figure of runs where nothing happens (no
// events, no fighters) and of a run of one step, in every format, within
// a time limit: each draws its axes, with a note where there is nothing
// to show, rather than hanging or failing.
func TestEmptyData(t *testing.T) {
	oneStep, err := makeRun(t.TempDir(), "baseline", 2, sim.NewDate(2017, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	// A sweep of a parameter where nothing could be measured.
	sweep := t.TempDir()
	for name, text := range map[string]string{
		"runs.csv": "run,scenario,point,replicate,seed,policy.x,events_total,fatalities_total\n" +
			"0,baseline,0,0,1,0,NaN,NaN\n1,baseline,1,0,1,1,NaN,NaN\n",
		"timeseries.csv": "run,step,date,zone,group,metric,value\n0,0,2017-01-01,all,all,events,0\n1,0,2017-01-01,all,all,events,0\n",
		"compare.csv": "reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n\n" +
			"0,baseline,1,events_total,NaN,NaN,NaN,NaN,NaN,0\n",
	} {
		if err := os.WriteFile(filepath.Join(sweep, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name  string
		dir   string
		min   int
		notes map[string]string // figure: the note it must show
	}{
		{"nothing happens", emptyRun(t), 15, map[string]string{
			"events_by_zone": "None in this run", "events_observed": "None in this run", "fighters_by_group": "None in this run",
			"map_events": "None in this run: every cell is 0", "map_events_by_group": "None in this run: every cell is 0",
			"attribution": "None in this run", "shares_by_group": "No militant event in this run", "flows": "No fighter defected"}},
		{"one step", oneStep, 15, nil},
		{"sweep of nothing", sweep, 3, map[string]string{"compare_forest": "No effect could be estimated", "sweep_policy_x": "No indicator has a value",
			"events_by_point": "None in this run"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Load(tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			var figs []*Figure
			go func() {
				figs = Figures(d, Options{})
				_, err := Write(t.Context(), filepath.Join(t.TempDir(), "figures"), figs)
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("drawing the figures did not end within a minute")
			}
			if len(figs) < tt.min {
				t.Errorf("%d figures, want %d or more", len(figs), tt.min)
			}
			for name, want := range tt.notes {
				i := slices.IndexFunc(figs, func(f *Figure) bool { return f.Name == name })
				if i < 0 {
					t.Errorf("no figure %s", name)
					continue
				}
				if doc := parseSVG(t, figs[i].SVG()); !doc.hasText(want) {
					t.Errorf("%s: no note %q; texts %q", name, want, doc.texts)
				}
			}
		})
	}
}
