package outputs_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// baselineParams returns the model's defaults with the baseline's zones.
func baselineParams(t testing.TB) *agents.Params {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	p := agents.Default()
	p.Zones = sc.Zones
	return &p
}

// simulate runs n replicates of p with the given seed on workers
// goroutines, recording each.
func simulate(t testing.TB, p *agents.Params, seed uint64, n, workers int) []*outputs.Replicate {
	t.Helper()
	g, err := geo.Build(0.5)
	if err != nil {
		t.Fatal(err)
	}
	reps := make([]*outputs.Replicate, n)
	err = sim.Replicate(context.Background(), n, workers, func(rep int) error {
		w := agents.New(p, g, sim.NewRand(seed, rep))
		rec := outputs.NewRecorder(w)
		if err := w.Run(rec.Observe); err != nil {
			return err
		}
		reps[rep] = rec.Result()
		reps[rep].Rep, reps[rep].Seed = rep, sim.ReplicateSeed(seed, rep)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return reps
}

func manifest(t testing.TB, seed uint64, n int) *outputs.Manifest {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, seed, n, outputs.ReadBuild("", ""), []string{"sahelsim", "run"}, time.Unix(0, 0).UTC())
	if err != nil {
		t.Fatal(err)
	}
	m.End = time.Unix(60, 0).UTC()
	return m
}

// readCSV reads a CSV file whole.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestWriteRun(t *testing.T) {
	p := baselineParams(t)
	reps := simulate(t, p, 11, 3, 2)
	dir := filepath.Join(t.TempDir(), "run")
	m := manifest(t, 11, len(reps))
	if err := outputs.WriteRun(dir, false, m, reps); err != nil {
		t.Fatal(err)
	}

	// Files and headers.
	want := []string{"cells.csv", "defections.csv", "displacement.csv", "events.csv", "manifest.json", "summary.csv", "timeseries.csv"}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	if !slices.Equal(slices.Sorted(slices.Values(m.Files)), want) {
		t.Errorf("manifest lists %v, want %v", m.Files, want)
	}
	events := readCSV(t, filepath.Join(dir, "events.csv"))
	defections := readCSV(t, filepath.Join(dir, "defections.csv"))
	displacement := readCSV(t, filepath.Join(dir, "displacement.csv"))
	cells := readCSV(t, filepath.Join(dir, "cells.csv"))
	series := readCSV(t, filepath.Join(dir, "timeseries.csv"))
	summary := readCSV(t, filepath.Join(dir, "summary.csv"))
	headers := []struct {
		file string
		got  []string
		want string
	}{
		{"events.csv", events[0], "rep,step,date,type,militant,perpetrator,label,against,against_label,target,claimed,fatalities,cell"},
		{"defections.csv", defections[0], "rep,step,date,group,cell"},
		{"displacement.csv", displacement[0], "rep,step,date,displaced,cell"},
		{"cells.csv", cells[0], "cell,latitude,longitude,country,admin1,zone,population"},
		{"timeseries.csv", series[0], "rep,step,date,zone,group,metric,value"},
		{"summary.csv", summary[0][:4], "rep,seed,events_total,fatalities_total"},
	}
	for _, h := range headers {
		if g := strings.Join(h.got, ","); g != h.want {
			t.Errorf("%s header %q, want %q", h.file, g, h.want)
		}
	}
	if !slices.Equal(summary[0][2:], reps[0].Columns) {
		t.Errorf("summary.csv columns %v, want %v", summary[0][2:], reps[0].Columns)
	}

	// Row counts: one row per event, in one of three files; one per cell.
	var nEvents, nDefections, nDisplacement int
	for _, r := range reps {
		for _, e := range r.Events {
			switch e.Type {
			case agents.Defection:
				nDefections++
			case agents.Displacement:
				nDisplacement++
			default:
				nEvents++
			}
		}
	}
	for _, c := range []struct {
		file       string
		rows, want int
	}{
		{"events.csv", len(events) - 1, nEvents},
		{"defections.csv", len(defections) - 1, nDefections},
		{"displacement.csv", len(displacement) - 1, nDisplacement},
		{"cells.csv", len(cells) - 1, len(reps[0].Grid.Cells)},
	} {
		if c.rows != c.want || c.want == 0 {
			t.Errorf("%s has %d rows, want %d", c.file, c.rows, c.want)
		}
	}
	// One way of writing a missing value: an empty field.
	for _, f := range [][][]string{events, defections, displacement, cells, series, summary} {
		for _, row := range f {
			for _, v := range row {
				if v == "none" || v == "NA" || v == "NaN" || v == "null" {
					t.Fatalf("a missing value written %q in %v", v, row)
				}
			}
		}
	}
	if len(summary)-1 != len(reps) {
		t.Errorf("summary.csv has %d rows, want %d", len(summary)-1, len(reps))
	}
	if n := len(series) - 1; n%(len(reps)*reps[0].Steps) != 0 {
		t.Errorf("timeseries.csv has %d rows, not a multiple of %d replicates × %d steps", n, len(reps), reps[0].Steps)
	}

	// The manifest's scenario is runnable as it stands.
	var mf outputs.Manifest
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &mf); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Parse([]byte(mf.ScenarioTOML), "")
	if err != nil {
		t.Fatalf("manifest scenario does not parse: %v", err)
	}
	if sc.Seed != 11 || mf.Seed != 11 || mf.Replicates != 3 || mf.Scenario != "baseline" {
		t.Errorf("manifest: seed %d (scenario %d), %d replicates, scenario %q", mf.Seed, sc.Seed, mf.Replicates, mf.Scenario)
	}

	checkSummaryFromEvents(t, p, events, cells, summary)
}

// checkSummaryFromEvents recomputes indicators from the rows of events.csv
// and compares them with summary.csv.
func checkSummaryFromEvents(t *testing.T, p *agents.Params, events, cells, summary [][]string) {
	t.Helper()
	jnim := map[string]bool{}
	for gi, gp := range p.Groups.List() {
		jnim[agents.GroupIDs[gi]] = gp.Coalition == "JNIM"
	}
	violent := map[string]bool{}
	for et := agents.EventType(0); et < agents.NumEventTypes; et++ {
		violent[et.String()] = et.Violent()
	}
	col := func(rows [][]string, name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %q", name)
		}
		return i
	}
	typ, militant, perp, against, cell := col(events, "type"), col(events, "militant"), col(events, "perpetrator"), col(events, "against"), col(events, "cell")
	zoneOf := map[string]string{} // cell → zone, from cells.csv
	for _, row := range cells[1:] {
		zoneOf[row[col(cells, "cell")]] = row[col(cells, "zone")]
	}
	type counts struct{ all, jnim, flm, flmCentral, flmCiv, flmViol float64 }
	byRep := map[string]*counts{}
	for _, row := range events[1:] {
		c := byRep[row[0]]
		if c == nil {
			c = &counts{}
			byRep[row[0]] = c
		}
		// The militant column says which rows the indicators count,
		// and the group counted is the perpetrator of violence or the
		// group an operation engaged.
		group := ""
		switch {
		case violent[row[typ]]:
			group = row[perp]
		case row[typ] == "operation" && row[against] != "":
			group = row[against]
		}
		if (group != "") != (row[militant] == "true") {
			t.Fatalf("militant = %s in %v", row[militant], row)
		}
		if group == "" {
			continue
		}
		c.all++
		if jnim[group] {
			c.jnim++
			if z := zoneOf[row[cell]]; z == "central_mali" || z == "northern_burkina" {
				c.flmCentral++
			}
		}
		if group == "flm" {
			c.flm++
		}
	}
	for _, row := range summary[1:] {
		c := byRep[row[0]]
		for _, tt := range []struct {
			name string
			want float64
		}{
			{"events_total", c.all},
			{"jnim_share_events", c.jnim / c.all},
			{"flm_share_jnim_events", c.flm / c.jnim},
			{"flm_areas_share_jnim", c.flmCentral / c.jnim},
		} {
			got, err := strconv.ParseFloat(row[col(summary, tt.name)], 64)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("rep %s: %s = %v in summary.csv, %v from events.csv", row[0], tt.name, got, tt.want)
			}
		}
	}
}

func TestWriteRunIdenticalAcrossWorkers(t *testing.T) {
	p := baselineParams(t)
	dirs := make([]string, 2)
	for i, workers := range []int{1, 4} {
		reps := simulate(t, p, 5, 3, workers)
		dirs[i] = filepath.Join(t.TempDir(), "run")
		if err := outputs.WriteRun(dirs[i], false, manifest(t, 5, 3), reps); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"summary.csv", "timeseries.csv", "events.csv"} {
		a, err := os.ReadFile(filepath.Join(dirs[0], f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 4 workers", f)
		}
	}
}

func TestWriteRunExisting(t *testing.T) {
	reps := simulate(t, baselineParams(t), 1, 1, 1)
	parent := t.TempDir()
	dir := filepath.Join(parent, "run")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.txt")
	if err := os.WriteFile(old, []byte("old run"), 0o644); err != nil {
		t.Fatal(err)
	}

	err := outputs.WriteRun(dir, false, manifest(t, 1, 1), reps)
	if !errors.Is(err, outputs.ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("WriteRun over an existing directory: err = %v, want ErrExists mentioning --force", err)
	}
	if _, err := os.Stat(old); err != nil {
		t.Errorf("the old run was touched: %v", err)
	}
	checkOnly(t, parent, "run")

	// --force replaces only a directory sahelsim wrote: this one has no
	// manifest, and is left untouched.
	err = outputs.WriteRun(dir, true, manifest(t, 1, 1), reps)
	if !errors.Is(err, outputs.ErrNotOurs) || !strings.Contains(err.Error(), "untouched") {
		t.Errorf("WriteRun with force over a directory sahelsim did not write: %v, want ErrNotOurs", err)
	}
	if b, err := os.ReadFile(old); err != nil || string(b) != "old run" {
		t.Errorf("the directory was touched: %q, %v", b, err)
	}
	checkOnly(t, parent, "run")

	// A run sahelsim wrote is replaced with force, …
	os.Remove(old)
	if err := outputs.WriteRun(dir, true, manifest(t, 1, 1), reps); err != nil {
		t.Fatalf("WriteRun into an empty directory with force: %v", err)
	}
	if err := outputs.WriteRun(dir, true, manifest(t, 1, 1), reps); err != nil {
		t.Fatalf("WriteRun over a run with force: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.csv")); err != nil {
		t.Error(err)
	}
	checkOnly(t, parent, "run")
	// … but not once it holds a file sahelsim did not write.
	notes := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(notes, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = outputs.WriteRun(dir, true, manifest(t, 1, 1), reps)
	if !errors.Is(err, outputs.ErrNotOurs) || !strings.Contains(err.Error(), "notes.md") {
		t.Errorf("WriteRun with force over a run holding notes.md: %v, want ErrNotOurs naming it", err)
	}
	if _, err := os.Stat(notes); err != nil {
		t.Error(err)
	}
}

// checkOnly checks that dir holds exactly the entries names: no
// temporary directory is left behind.
func checkOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestWriteRunLeavesNothingOnError(t *testing.T) {
	reps := simulate(t, baselineParams(t), 1, 1, 1)
	tests := []struct {
		name  string
		setup func(t *testing.T, parent string) (dir string, m *outputs.Manifest)
		left  []string // entries of parent after the failure
	}{
		{"manifest fails to encode", func(t *testing.T, parent string) (string, *outputs.Manifest) {
			// The CSV files are written first; the manifest fails last.
			m := manifest(t, 1, 1)
			m.End = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
			return filepath.Join(parent, "run"), m
		}, nil},
		{"parent is a file", func(t *testing.T, parent string) (string, *outputs.Manifest) {
			if err := os.WriteFile(filepath.Join(parent, "file"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(parent, "file", "run"), manifest(t, 1, 1)
		}, []string{"file"}},
		{"unwritable parent", func(t *testing.T, parent string) (string, *outputs.Manifest) {
			if os.Geteuid() == 0 {
				t.Skip("root may write anywhere")
			}
			ro := filepath.Join(parent, "ro")
			if err := os.Mkdir(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(ro, "run"), manifest(t, 1, 1)
		}, []string{"ro"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir, m := tt.setup(t, parent)
			if err := outputs.WriteRun(dir, false, m, reps); err == nil {
				t.Fatal("WriteRun did not fail")
			}
			checkOnly(t, parent, tt.left...)
		})
	}
}

func TestCheckOutDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "dir")
	file := filepath.Join(parent, "file")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		force   bool
		wantErr bool
		exists  bool
	}{
		{filepath.Join(parent, "new"), false, false, false},
		{filepath.Join(parent, "new", "deeper"), false, false, false},
		{dir, false, true, true},
		{dir, true, false, false},
		{file, true, true, false},
	}
	for _, tt := range tests {
		err := outputs.CheckOutDir(tt.path, tt.force)
		if (err != nil) != tt.wantErr || errors.Is(err, outputs.ErrExists) != tt.exists {
			t.Errorf("CheckOutDir(%s, %v) = %v", tt.path, tt.force, err)
		}
	}
}

func TestMissingZonesAreNaN(t *testing.T) {
	p := agents.Default() // no zones: every cell is in "rest"
	reps := simulate(t, &p, 1, 1, 1)
	r := reps[0]
	for _, name := range []string{"flm_areas_share_jnim", "flm_areas_share_jnim_fatalities", "north_mali_civilian_share",
		"civilian_events_central_share", "east_bf_onset_year", "southwest_bf_onset_year"} {
		if v := r.Value(name); !math.IsNaN(v) {
			t.Errorf("%s = %v without its zones, want NaN", name, v)
		}
	}
	if r.Value("events_rest") != r.Value("events_total") {
		t.Errorf("events_rest = %v, events_total = %v", r.Value("events_rest"), r.Value("events_total"))
	}
	if slices.Contains(r.Columns, "events_central_mali") {
		t.Error("a column for a zone the scenario does not define")
	}
}

func TestSummaryConsistency(t *testing.T) {
	reps := simulate(t, baselineParams(t), 2, 1, 1)
	r := reps[0]
	sum := func(prefix string, keys []string) float64 {
		s := 0.0
		for _, k := range keys {
			s += r.Value(prefix + k)
		}
		return s
	}
	years := []string{"2017", "2018", "2019", "2020"}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"events by year", sum("events_", years), r.Value("events_total")},
		{"fatalities by year", sum("fatalities_", years), r.Value("fatalities_total")},
		{"events by zone", sum("events_", r.Zones), r.Value("events_total")},
		{"fighters by group", sum("fighters_", agents.GroupIDs[:]), r.Value("fighters_total")},
		{"surge ratio", r.Value("events_last_year") / r.Value("events_first_year"), r.Value("surge_ratio")},
		{"north Mali", r.Value("civilian_share_northern_mali"), r.Value("north_mali_civilian_share")},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-9*math.Abs(tt.want) || math.IsNaN(tt.got) {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	for _, name := range []string{"jnim_share_events", "attribution_correct_share", "sustained_presence_share", "civilian_share_flm"} {
		if v := r.Value(name); !(v >= 0 && v <= 1) {
			t.Errorf("%s = %v, want a share", name, v)
		}
	}
	if len(r.Columns) != len(r.Summary) {
		t.Fatalf("%d columns, %d values", len(r.Columns), len(r.Summary))
	}
	// Every indicator of the table has at least one column.
	for _, ind := range outputs.Indicators() {
		base, _, _ := strings.Cut(ind.Name, "<")
		if !slices.ContainsFunc(r.Columns, func(c string) bool { return strings.HasPrefix(c, base) }) {
			t.Errorf("indicator %s has no column", ind.Name)
		}
	}
}

func TestObserveAllocs(t *testing.T) {
	p := baselineParams(t)
	g, err := geo.Build(0.5)
	if err != nil {
		t.Fatal(err)
	}
	w := agents.New(p, g, sim.NewRand(1, 0))
	rec := outputs.NewRecorder(w)
	w.Advance()
	if err := rec.Observe(w); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(20, func() { rec.Observe(w) }); n != 0 {
		t.Errorf("a warm Observe allocates %v times, want 0", n)
	}
}

func TestObserveOutOfRange(t *testing.T) {
	p := baselineParams(t)
	g, err := geo.Build(0.5)
	if err != nil {
		t.Fatal(err)
	}
	w := agents.New(p, g, sim.NewRand(1, 0))
	rec := outputs.NewRecorder(w)
	if err := rec.Observe(w); err == nil {
		t.Error("Observe before the first step did not fail")
	}
}

func TestReadBuild(t *testing.T) {
	tests := []struct {
		version, commit         string
		wantVersion, wantCommit string
	}{
		{"v1.2.3", "abc123", "v1.2.3", "abc123"},
		{"v1.2.3", "", "v1.2.3", ""},
	}
	for _, tt := range tests {
		b := outputs.ReadBuild(tt.version, tt.commit)
		if b.Version != tt.wantVersion || tt.wantCommit != "" && b.Commit != tt.wantCommit || b.Commit == "" || b.GoVersion == "" {
			t.Errorf("ReadBuild(%q, %q) = %+v", tt.version, tt.commit, b)
		}
	}
}

func TestManifestKeyOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := manifest(t, 1, 2).Write(&buf); err != nil {
		t.Fatal(err)
	}
	keys := []string{`"scenario"`, `"seed"`, `"replicates"`, `"streams"`, `"build"`, `"command"`, `"start"`, `"end"`, `"files"`, `"scenario_toml"`}
	last := -1
	for _, k := range keys {
		i := strings.Index(buf.String(), k)
		if i <= last {
			t.Fatalf("key %s out of order in\n%s", k, buf.String()[:400])
		}
		last = i
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{2.5e7, "2.5e+07"},
		{math.NaN(), ""},
		{math.Inf(1), "+Inf"},
	}
	for _, tt := range tests {
		if got := outputs.FormatFloat(tt.in); got != tt.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHeadlines checks the one list of headline indicators: each is a
// scalar indicator of the table, once, with a title and a unit.
func TestHeadlines(t *testing.T) {
	names := map[string]bool{}
	for _, in := range outputs.Indicators() {
		names[in.Name] = true
	}
	units := []string{"share", "ratio", "year", "USD a year", "events", "fatalities", "fighters", "people"}
	seen := map[string]bool{}
	for _, h := range outputs.Headlines() {
		switch {
		case !names[h.Name]:
			t.Errorf("%s: not an indicator of summary.csv", h.Name)
		case seen[h.Name]:
			t.Errorf("%s: listed twice", h.Name)
		case h.Title == "" || h.Title == h.Name:
			t.Errorf("%s: no title", h.Name)
		case !slices.Contains(units, h.Unit):
			t.Errorf("%s: unit %q, want one of %q", h.Name, h.Unit, units)
		}
		seen[h.Name] = true
	}
	if got := outputs.HeadlineIndicators(); len(got) != len(outputs.Headlines()) || got[0] != outputs.Headlines()[0].Name {
		t.Errorf("HeadlineIndicators() = %q, not the names of outputs.Headlines()", got)
	}
}
