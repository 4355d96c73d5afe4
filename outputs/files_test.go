package outputs_test

import (
	"cmp"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/parquettest"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// writeBaseline runs reps replicates of the baseline cut to end (if not
// zero) with seed, and writes them to a new directory with the time
// series level and formats given.
func writeBaseline(t *testing.T, seed uint64, reps int, end sim.Date, level outputs.SeriesLevel, formats ...string) (string, []*outputs.Replicate) {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	if !end.IsZero() {
		sc.End = end
	}
	rs, err := runner.Run(t.Context(), sc, seed, reps, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, seed, reps, outputs.ReadBuild("test", "test"), []string{"sahelsim", "run"}, rs[0].Clock.Start.Time())
	if err != nil {
		t.Fatal(err)
	}
	m.Series = level.String()
	if len(formats) > 0 {
		m.Formats = formats
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := outputs.WriteRun(dir, false, m, rs); err != nil {
		t.Fatal(err)
	}
	return dir, rs
}

// TestLeanDefault checks the size budget of a run's default outputs: the
// CSV files of a 20-replicate baseline under 10 MB in all (they were 74 MB
// before the time series had levels and events.csv one row per event).
func TestLeanDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("20 replicates of the baseline")
	}
	dir, _ := writeBaseline(t, 1, 20, sim.Date{}, outputs.SeriesOverall)
	var total int64
	for _, name := range []string{outputs.SummaryFile, outputs.TimeSeriesFile, outputs.EventsFile,
		outputs.DefectionsFile, outputs.DisplacementFile, outputs.CellsFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %.2f MB", name, float64(fi.Size())/1e6)
		total += fi.Size()
	}
	if total >= 10e6 {
		t.Errorf("the default CSV files of a 20-replicate baseline take %.2f MB, over the budget of 10 MB", float64(total)/1e6)
	}
}

// TestDerivedSeries checks that the counts of events that a run's
// default time series leaves out, which ReadRun derives from its events,
// are those the full series holds, and that the reader gives back the
// model's events.
func TestDerivedSeries(t *testing.T) {
	end := sim.NewDate(2018, 3, 31)
	full, reps := writeBaseline(t, 5, 2, end, outputs.SeriesFull)
	lean, _ := writeBaseline(t, 5, 2, end, outputs.SeriesOverall)
	a, err := outputs.ReadRun(full, outputs.Everything)
	if err != nil {
		t.Fatal(err)
	}
	b, err := outputs.ReadRun(lean, outputs.Everything)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.SeriesZones, b.SeriesZones) || len(a.SeriesZones) < 6 {
		t.Errorf("zones: full %v, derived %v", a.SeriesZones, b.SeriesZones)
	}
	counted := 0
	for k, s := range a.Series {
		d := b.Series[k]
		switch {
		case outputs.Counted(k.Metric):
			counted++
			if d == nil {
				t.Fatalf("%v: not derived", k)
			}
			for r := range s.Values {
				if !slices.Equal(s.Values[r], d.Values[r]) {
					t.Fatalf("%v, replicate %d: derived %v, recorded %v", k, r, d.Values[r][:8], s.Values[r][:8])
				}
			}
		case k.Zone == outputs.All && (k.Group == outputs.All || k.Metric == "fighters"):
			if d == nil || !slices.EqualFunc(s.Values[0], d.Values[0], func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }) {
				t.Errorf("%v: not kept by the default level", k)
			}
		default:
			if d != nil {
				t.Errorf("%v: kept by the default level", k)
			}
		}
	}
	if counted < 200 {
		t.Errorf("only %d series of counts", counted)
	}

	// The events read back are the model's: those of events.csv, then the
	// defections, then the displacement, within a step.
	file := func(e agents.Event) int {
		switch e.Type {
		case agents.Defection:
			return 1
		case agents.Displacement:
			return 2
		}
		return 0
	}
	for r, rep := range reps {
		want := slices.Clone(rep.Events)
		slices.SortStableFunc(want, func(x, y agents.Event) int {
			return cmp.Or(cmp.Compare(x.Step, y.Step), cmp.Compare(file(x), file(y)))
		})
		if !slices.Equal(b.Events[r], want) {
			t.Fatalf("replicate %d: %d events read back differ from the %d recorded", r, len(b.Events[r]), len(want))
		}
	}
}

// TestSeedsExact checks that every seed of a run's files reads back
// exactly as a double, as R's readr, JSON readers and spreadsheets read
// integers, and that summary.csv names each replicate's own seed.
func TestSeedsExact(t *testing.T) {
	dir, reps := writeBaseline(t, sim.MaxSeed, 4, sim.NewDate(2017, 2, 28), outputs.SeriesOverall, outputs.FormatCSV, outputs.FormatParquet)
	rows := readCSV(t, filepath.Join(dir, outputs.SummaryFile))
	for i, row := range rows[1:] {
		f, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		want := sim.ReplicateSeed(sim.MaxSeed, i)
		if uint64(f) != want || strconv.FormatFloat(f, 'f', -1, 64) != row[1] || reps[i].Seed != want {
			t.Errorf("replicate %d: seed %s read as the double %v, want %d", i, row[1], f, want)
		}
	}
	var m map[string]any // numbers as float64, as JSON readers do
	b, err := os.ReadFile(filepath.Join(dir, outputs.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if s, ok := m["seed"].(float64); !ok || uint64(s) != sim.MaxSeed {
		t.Errorf("manifest.json: seed %v reads as %v", sim.MaxSeed, m["seed"])
	}
	_, prows := parquettest.Read(t, filepath.Join(dir, outputs.SummaryParquet))
	for i, row := range prows {
		if row[1] != rows[1+i][1] {
			t.Errorf("summary.parquet: replicate %d has seed %s, summary.csv %s", i, row[1], rows[1+i][1])
		}
	}
}

// TestParquetRun checks the Parquet twins of a run's CSV files: the same
// rows and values, counts as integers.
func TestParquetRun(t *testing.T) {
	dir, _ := writeBaseline(t, 3, 2, sim.NewDate(2017, 6, 30), outputs.SeriesTotals, outputs.FormatCSV, outputs.FormatParquet)
	for _, f := range [][2]string{
		{outputs.SummaryParquet, outputs.SummaryFile},
		{outputs.TimeSeriesParquet, outputs.TimeSeriesFile},
		{outputs.EventsParquet, outputs.EventsFile},
		{outputs.DefectionsParquet, outputs.DefectionsFile},
		{outputs.DisplacementParquet, outputs.DisplacementFile},
		{outputs.CellsParquet, outputs.CellsFile},
	} {
		header, rows := parquettest.Read(t, filepath.Join(dir, f[0]))
		want := readCSV(t, filepath.Join(dir, f[1]))
		if c := slices.Index(header, "count"); c >= 0 {
			for _, r := range rows {
				if r[c] != "" && r[c] != r[len(r)-1] {
					t.Fatalf("%s: count %s, value %s", f[0], r[c], r[len(r)-1])
				}
				r = slices.Delete(r, c, c+1)
			}
			header = slices.Delete(header, c, c+1)
			for i := range rows {
				rows[i] = rows[i][:len(header)]
			}
		}
		if !slices.Equal(header, want[0]) {
			t.Errorf("%s: columns %v, want those of %s %v", f[0], header, f[1], want[0])
			continue
		}
		if len(rows) != len(want)-1 || len(rows) == 0 {
			t.Errorf("%s: %d rows, %s has %d", f[0], len(rows), f[1], len(want)-1)
			continue
		}
		for i, r := range rows {
			if !slices.Equal(r, want[i+1]) {
				t.Errorf("%s row %d: %v, want %v", f[0], i, r, want[i+1])
				break
			}
		}
	}
	for _, tt := range []struct {
		file, column string
		kind         parquet.Kind
	}{
		{outputs.SummaryParquet, "events_total", parquet.Int64},
		{outputs.SummaryParquet, "fighters_flm", parquet.Int64},
		{outputs.SummaryParquet, "jnim_share_events", parquet.Double},
		{outputs.SummaryParquet, "seed", parquet.Int64},
		{outputs.TimeSeriesParquet, "count", parquet.Int64},
		{outputs.EventsParquet, "fatalities", parquet.Int64},
		{outputs.EventsParquet, "militant", parquet.Boolean},
		{outputs.DisplacementParquet, "displaced", parquet.Int64},
	} {
		if k, _, ok := parquettest.Column(t, filepath.Join(dir, tt.file), tt.column); !ok || k != tt.kind {
			t.Errorf("%s: %s is %v, want %v", tt.file, tt.column, k, tt.kind)
		}
	}
}
