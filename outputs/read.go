package outputs

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// This file is the reader of output directories, the inverse of the
// writers: ReadRun reads what WriteRun wrote, ReadSweep what a sweep
// wrote, into the model's own types (agents.Event, scenarios.Scenario,
// the grid and zones of agents.Zones), so that no view parses the
// model's meaning out of strings.

// A Kind is what an output directory holds.
type Kind int

// Kinds of output directories.
const (
	// A RunDir holds the replicates of one scenario, as written by
	// WriteRun: summary.csv, timeseries.csv, events.csv and
	// manifest.json.
	RunDir Kind = iota + 1
	// A SweepDir holds the runs of a sweep: runs.csv, one row per run
	// (a replicate of a scenario at one point of the sweep), and
	// timeseries.csv keyed by run rather than replicate, unless the sweep
	// recorded no time series.
	SweepDir
)

func (k Kind) String() string {
	switch k {
	case RunDir:
		return "run"
	case SweepDir:
		return "sweep"
	}
	return "unknown"
}

// Results is what ReadRun or ReadSweep read from an output directory.
type Results struct {
	Dir  string
	Kind Kind

	// Manifest is manifest.json, nil if the directory has none (read as
	// a run's: a sweep's manifest fills the fields they share);
	// ManifestJSON is its text. SweepManifest is a sweep's manifest.
	Manifest      *Manifest
	ManifestJSON  []byte
	SweepManifest *SweepManifest
	// Scenario is the run's scenario, parsed from the manifest's
	// scenario_toml; nil if there is none.
	Scenario *scenarios.Scenario
	// Sweep is what a sweep's manifest says of it: its name, description
	// and sweep file.
	Sweep struct{ Name, Description, TOML string }

	// Summary is summary.csv (a run) or runs.csv (a sweep).
	Summary Summary
	// Comparisons are the rows of compare.csv, if the directory has one.
	Comparisons []Comparison

	// The run's calendar and map, as the run had them: its clock, the
	// grid at the scenario's resolution (nil for a model without one),
	// its zones on that grid and the groups of the JNIM coalition.
	Clock sim.Clock
	Grid  *sim.Grid
	Zones agents.ZoneMap
	JNIM  [agents.NumGroups]bool

	// The time series of timeseries.csv: the date of each step, the days
	// of a step, the zones in the order of the file ("all" excluded),
	// and the series kept (see ReadOptions), by SeriesKey.
	// SeriesLevel is the level of the rows timeseries.csv holds (a run's
	// manifest says; a sweep's is read from its manifest by ReadSweep's
	// callers); a run's counts it lacks are derived from its events.
	Dates       []sim.Date
	StepDays    int
	SeriesZones []string
	Series      map[SeriesKey]*Series
	SeriesLevel SeriesLevel

	// Events are the events of events.csv, by replicate, in the order of
	// the file; nil unless read.
	Events [][]agents.Event

	// bounds the files' indexes must respect, from the manifest: no row
	// of a file, however damaged or hostile, makes the reader allocate
	// beyond what the run or sweep it claims to be holds.
	bounds bounds
}

// ReadOptions say which files of an output directory to read beside its
// manifest.
type ReadOptions struct {
	Summary bool // summary.csv or runs.csv, and compare.csv
	Events  bool // a run's events.csv
	// Series, if not nil, says which time series of timeseries.csv to
	// keep, by zone and group ("all" for totals); nil reads none.
	Series func(zone, group string) bool
}

// Everything reads every file and keeps every time series.
var Everything = ReadOptions{Summary: true, Events: true, Series: func(zone, group string) bool { return true }}

// bounds are the largest indexes the rows of a directory's files may
// hold; 0 where the manifest does not say.
type bounds struct {
	reps  int // replicates of a run, or runs of a sweep
	steps int // steps of a run
	years [2]int
}

// check returns an error if rep or step is out of b.
func (b bounds) check(rep, step int, first string) error {
	switch {
	case rep < 0 || b.reps > 0 && rep >= b.reps:
		return fmt.Errorf("%s %d: the manifest has %d", first, rep, b.reps)
	case step < 0 || b.steps > 0 && step >= b.steps:
		return fmt.Errorf("step %d: the run has %d", step, b.steps)
	}
	return nil
}

// Summary is the table of headline indicators of a run (one row per

// replicate) or a sweep (one row per run).
type Summary struct {
	Columns []string    // indicator names, as Indicators expands them
	Values  [][]float64 // Values[row][column]; NaN where undefined
	// Runs only: the seed of each replicate, its own (sim.ReplicateSeed).
	Seeds []uint64
	// Sweeps only: the row's run, and the names of the parameter columns.
	Runs   []SweepRun
	Params []string
}

// A SweepRun is a row of runs.csv: one replicate of a scenario at one point of
// a sweep, with the values of the swept parameters.
type SweepRun struct {
	Run       int
	Scenario  string
	Point     int
	Replicate int
	Seed      uint64
	Params    []string // in the order of Summary.Params
}

// A Point is a scenario at one point of a sweep and the rows of its runs.
type Point struct {
	Scenario string
	Point    int
	Label    string   // display name, as Results.Label
	Params   []string // in the order of Summary.Params
	Rows     []int    // indices into Summary.Values
}

// Column returns the values of indicator name in every row, or nil if the
// table has no such column.
func (s *Summary) Column(name string) []float64 {
	i := slices.Index(s.Columns, name)
	if i < 0 {
		return nil
	}
	out := make([]float64, len(s.Values))
	for r, row := range s.Values {
		out[r] = row[i]
	}
	return out
}

// Points returns the rows of a sweep grouped by scenario and point, in the
// order they first appear, with their display names; nil for a run.
func (d *Results) Points() []Point {
	var out []Point
	for i, r := range d.Summary.Runs {
		j := slices.IndexFunc(out, func(p Point) bool { return p.Scenario == r.Scenario && p.Point == r.Point })
		if j < 0 {
			out = append(out, Point{Scenario: r.Scenario, Point: r.Point, Label: d.Label(r.Scenario, r.Point), Params: r.Params})
			j = len(out) - 1
		}
		out[j].Rows = append(out[j].Rows, i)
	}
	return out
}

// ReferenceLabel returns the display name of the reference point of a
// comparison: its Label if runs.csv has a run of it, else its number.
func (d *Results) ReferenceLabel(ref int) string {
	for _, r := range d.Summary.Runs {
		if r.Point == ref {
			return d.Label(r.Scenario, r.Point)
		}
	}
	return strconv.Itoa(ref)
}

// Label returns the display name of a scenario at a point of a sweep: the
// scenario's name alone if it has one point, else with the values of the
// parameters that vary among its points ("disaggregation (intensity=0.5)"),
// or the point's number if none does.
func (d *Results) Label(scenario string, point int) string {
	var pts []SweepRun // one run per point of the scenario
	for _, r := range d.Summary.Runs {
		if r.Scenario == scenario && !slices.ContainsFunc(pts, func(q SweepRun) bool { return q.Point == r.Point }) {
			pts = append(pts, r)
		}
	}
	npts := len(pts)
	for _, c := range d.Comparisons {
		if c.Scenario == scenario && c.Point != point && !slices.ContainsFunc(pts, func(q SweepRun) bool { return q.Point == c.Point }) {
			npts++
			pts = append(pts, SweepRun{Point: c.Point})
		}
	}
	if npts <= 1 {
		return scenario
	}
	i := slices.IndexFunc(pts, func(q SweepRun) bool { return q.Point == point })
	var parts []string
	if i >= 0 && pts[i].Params != nil {
		for k, name := range d.Summary.Params {
			varies := false
			for _, q := range pts {
				if q.Params != nil && q.Params[k] != pts[i].Params[k] {
					varies = true
				}
			}
			if varies {
				short := name[strings.LastIndex(name, ".")+1:]
				parts = append(parts, short+"="+pts[i].Params[k])
			}
		}
	}
	if len(parts) == 0 {
		return scenario + " #" + strconv.Itoa(point)
	}
	return scenario + " (" + strings.Join(parts, ", ") + ")"
}

// Replicates returns the number of replicates of a run, or of runs of a
// sweep.
func (d *Results) Replicates() int {
	n := len(d.Summary.Values)
	if d.Manifest != nil && d.Kind == RunDir {
		n = max(n, d.Manifest.Replicates)
	}
	n = max(n, len(d.Events))
	return n
}

// Name returns the name of the run's scenario, or of the sweep.
func (d *Results) Name() string {
	switch {
	case d.Kind == SweepDir && d.Sweep.Name != "":
		return d.Sweep.Name
	case d.Scenario != nil && d.Scenario.Name != "":
		return d.Scenario.Name
	case d.Manifest != nil && d.Manifest.Scenario != "":
		return d.Manifest.Scenario
	}
	return filepath.Base(d.Dir)
}

// Detect returns the kind of output directory dir is: a run
// (summary.csv, timeseries.csv and events.csv) or a sweep (runs.csv, and
// timeseries.csv if the sweep recorded time series).
func Detect(dir string) (Kind, error) {
	has := func(name string) bool {
		fi, err := os.Stat(filepath.Join(dir, name))
		return err == nil && fi.Mode().IsRegular()
	}
	if fi, err := os.Stat(dir); err != nil {
		return 0, fmt.Errorf("outputs: %w", err)
	} else if !fi.IsDir() {
		return 0, fmt.Errorf("outputs: %s is not a directory", dir)
	}
	switch {
	case has(SummaryFile) && has(TimeSeriesFile) && has(EventsFile):
		return RunDir, nil
	case has(RunsFile):
		return SweepDir, nil
	}
	return 0, fmt.Errorf("outputs: %s holds neither a run (%s, %s, %s) nor a sweep (%s)", dir,
		SummaryFile, TimeSeriesFile, EventsFile, RunsFile)
}

// Read reads the output directory dir, a run or a sweep (see Detect).
func Read(dir string, o ReadOptions) (*Results, error) {
	kind, err := Detect(dir)
	if err != nil {
		return nil, err
	}
	return read(dir, kind, o)
}

// ReadRun reads the run directory dir: its manifest, with the run's
// scenario placed on its grid, and the files o asks for. It streams
// timeseries.csv, in blocks parsed in parallel, keeping only the series
// o asks for; events.csv is read into agents.Event values.
func ReadRun(dir string, o ReadOptions) (*Results, error) { return read(dir, RunDir, o) }

// ReadSweep reads the sweep directory dir: its manifest, if it has one,
// and the files o asks for (runs.csv, compare.csv, timeseries.csv keyed by
// run).
func ReadSweep(dir string, o ReadOptions) (*Results, error) { return read(dir, SweepDir, o) }

func read(dir string, kind Kind, o ReadOptions) (*Results, error) {
	d := &Results{Dir: dir, Kind: kind}
	if err := d.readManifest(); err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	var tsErr, evErr, sumErr error
	if o.Series != nil {
		if _, err := os.Stat(filepath.Join(dir, TimeSeriesFile)); err == nil || kind == RunDir {
			wg.Go(func() { tsErr = d.readTimeSeries(o.Series) })
		}
	}
	// A run's time series of counts that timeseries.csv lacks are
	// derived from its events.
	derive := kind == RunDir && o.Series != nil && d.SeriesLevel != SeriesFull
	if kind == RunDir && (o.Events || derive) {
		wg.Go(func() { evErr = d.readEvents() })
	}
	if o.Summary {
		switch kind {
		case RunDir:
			sumErr = d.readSummary(SummaryFile)
		case SweepDir:
			sumErr = d.readSummary(RunsFile)
		}
		if sumErr == nil {
			sumErr = d.readComparisons()
		}
	}
	wg.Wait()
	if (kind == SweepDir || d.SeriesLevel == SeriesNone) && errors.Is(tsErr, errNoRows) {
		tsErr = nil // run with --series none: no time series
	}
	if err := errors.Join(tsErr, evErr, sumErr); err != nil {
		return nil, err
	}
	if derive {
		d.deriveCounts(o.Series)
		if !o.Events {
			d.Events = nil
		}
	}
	return d, nil
}

// readManifest reads manifest.json, if any, parses its scenario and
// places it on its grid.
func (d *Results) readManifest() error {
	path := filepath.Join(d.Dir, ManifestFile)
	b, err := input.ReadFile(path, input.MaxManifest)
	if errors.Is(err, fs.ErrNotExist) {
		if d.Kind == RunDir {
			return fmt.Errorf("outputs: %s: a run directory needs its manifest", path)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("outputs: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("outputs: %s: %w", path, err)
	}
	d.Manifest, d.ManifestJSON = &m, b
	if d.Kind == RunDir {
		if m.Format != RunFormat {
			return fmt.Errorf("outputs: %s: a run of format %d, and this program reads format %d (one row per event in events.csv, defections.csv, displacement.csv, cells.csv): rerun it", path, m.Format, RunFormat)
		}
		if d.SeriesLevel, err = ParseSeries(m.Series); err != nil {
			return fmt.Errorf("outputs: %s: series: %w", path, err)
		}
	}
	if d.Kind == SweepDir {
		var sw SweepManifest
		if err := json.Unmarshal(b, &sw); err == nil {
			d.SweepManifest = &sw
			d.Sweep.Name, d.Sweep.Description, d.Sweep.TOML = sw.Sweep, sw.Description, sw.SweepTOML
			d.bounds.reps = max(sw.Runs, 0)
		}
	}
	if m.ScenarioTOML == "" {
		if d.Kind == RunDir {
			return fmt.Errorf("outputs: %s: no scenario_toml", path)
		}
		return nil
	}
	sc, err := scenarios.Parse([]byte(m.ScenarioTOML), "")
	if err != nil {
		return fmt.Errorf("outputs: %s: scenario: %w", path, err)
	}
	d.Scenario = sc
	d.StepDays = sc.StepDays
	if d.Kind != RunDir {
		return nil
	}
	if m.Replicates < 1 {
		return fmt.Errorf("outputs: %s: %d replicates", path, m.Replicates)
	}
	c := sim.NewClock(sc.Start, sc.End, sc.StepDays)
	if sc.Model == "epstein" {
		c.Steps = sc.EpsteinParams().Steps
	}
	d.Clock = c
	d.bounds = bounds{reps: m.Replicates, steps: c.Steps, years: [2]int{sc.Start.Year(), c.Date(c.Steps - 1).Year()}}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		return fmt.Errorf("outputs: grid of %s: %w", d.Dir, err)
	}
	d.Grid = g
	d.Zones = agents.Zones(&sc.Params, g)
	d.JNIM = agents.Coalition(&sc.Params)
	return nil
}

// readSummary reads summary.csv or runs.csv.
func (d *Results) readSummary(name string) error {
	path := filepath.Join(d.Dir, name)
	header, rows, err := readTable(path)
	if err != nil {
		return fmt.Errorf("outputs: %w", err)
	}
	var lead []string // columns before the indicators
	switch d.Kind {
	case RunDir:
		lead = []string{"rep", "seed"}
	default:
		lead = []string{"run", "scenario", "point", "replicate", "seed"}
	}
	if len(header) < len(lead) || !slices.Equal(header[:len(lead)], lead) {
		return fmt.Errorf("outputs: %s: header starts %q, want %q", path, header[:min(len(lead), len(header))], lead)
	}
	first := len(lead)
	if d.Kind == SweepDir {
		// Parameters run from after seed: as many as the manifest
		// lists, their names checked; without a manifest, to the first
		// indicator of either model.
		i := len(lead)
		if m := d.SweepManifest; m != nil && m.Parameters != nil {
			i += len(m.Parameters)
			if len(header) < i {
				return fmt.Errorf("outputs: %s: %d columns, and the manifest lists %d parameters", path, len(header), len(m.Parameters))
			}
			for k, p := range m.Parameters {
				if header[len(lead)+k] != p.Path {
					return fmt.Errorf("outputs: %s: column %d is %q, and the manifest's parameter %d is %q", path, len(lead)+k+1, header[len(lead)+k], k+1, p.Path)
				}
			}
		} else if j := slices.IndexFunc(header, isFirstIndicator); j >= 0 {
			i = j
		}
		d.Summary.Params = slices.Clone(header[len(lead):i])
		first = i
	}
	s := &d.Summary
	s.Columns = slices.Clone(header[first:])
	for ri, rec := range rows {
		line := ri + 2
		if len(rec) != len(header) {
			return fmt.Errorf("outputs: %s:%d: %d fields, want %d", path, line, len(rec), len(header))
		}
		vals := make([]float64, len(s.Columns))
		for j := range vals {
			v, err := parseValue([]byte(rec[first+j]))
			if err != nil {
				return fmt.Errorf("outputs: %s:%d: %s: %q is not a number", path, line, header[first+j], rec[first+j])
			}
			vals[j] = v
		}
		s.Values = append(s.Values, vals)
		if d.Kind == RunDir {
			seed, err := strconv.ParseUint(rec[1], 10, 64)
			if err != nil {
				return fmt.Errorf("outputs: %s:%d: seed %q: want an integer", path, line, rec[1])
			}
			s.Seeds = append(s.Seeds, seed)
		}
		if d.Kind == SweepDir {
			r := SweepRun{Scenario: rec[1], Params: slices.Clone(rec[len(lead):first])}
			var err1, err2, err3, err4 error
			r.Run, err1 = strconv.Atoi(rec[0])
			r.Point, err2 = strconv.Atoi(rec[2])
			r.Replicate, err3 = strconv.Atoi(rec[3])
			r.Seed, err4 = strconv.ParseUint(rec[4], 10, 64)
			if err := errors.Join(err1, err2, err3, err4); err != nil {
				return fmt.Errorf("outputs: %s:%d: %w", path, line, err)
			}
			s.Runs = append(s.Runs, r)
		}
	}
	return nil
}

// isFirstIndicator reports whether column is the first indicator column
// of summary.csv and runs.csv, of either model.
func isFirstIndicator(column string) bool {
	return column == indicatorTable()[0].name || column == EpsteinColumns()[0]
}

// A Series is one time series of timeseries.csv: its value at each step
// of each replicate (or run, in a sweep).
type Series struct {
	Values [][]float64 // Values[rep][step]
}

// lineKey returns the key of the series of metric in zone for group, as
// the fields appear in a line of timeseries.csv.
func lineKey(zone, group, metric string) string { return zone + "," + group + "," + metric }

// seriesKey returns the SeriesKey of a lineKey.
func seriesKey(key string) SeriesKey {
	f := strings.SplitN(key, ",", 3)
	for len(f) < 3 {
		f = append(f, "")
	}
	return SeriesKey{f[0], f[1], f[2]}
}

// unsetBits are the bits of a value a part of timeseries.csv did not
// hold: a quiet NaN, told apart from math.NaN (the NaN of empty fields) by
// its payload.
const unsetBits uint64 = 0x7ff8_0000_0000_dead

// A tsBlock is a run of whole lines of timeseries.csv.
type tsBlock struct {
	data  []byte
	index int // blocks before it
	line  int // line number of its first line
}

// A tsPart is what one worker reads from the blocks it is given.
type tsPart struct {
	series map[string]*Series
	dates  []sim.Date
	zones  map[string]int64 // zone → where first seen: block index << 32 | line in block
	err    error

	bounds      bounds
	keep        func(zone, group string) bool
	rows, cells int // rows parsed, and values (and replicate slots) allocated
}

// A part may allocate at most maxCellsPerRow values per row it has
// parsed, plus slackCells: a dense file allocates about one per row, so
// that a row whose step or replicate lies far beyond the rows read (a
// damaged or hostile file) is refused instead of exhausting memory.
const (
	maxCellsPerRow = 16
	slackCells     = 1 << 22
)

// grew counts n values allocated, and fails past the budget.
func (p *tsPart) grew(n int, lr *lineReader) error {
	p.cells += n
	if p.cells > maxCellsPerRow*p.rows+slackCells {
		return fmt.Errorf("outputs: %w", lr.errorf("step %q or replicate %q far beyond the rows before it: not a time series of this directory (damaged?)", lr.field(1), lr.field(0)))
	}
	return nil
}

// readTimeSeries streams timeseries.csv in blocks of lines, parsed in
// parallel, keeping the series keepSeries asks for.
// errNoRows is the error of a time-series file with a header and no rows.
var errNoRows = errors.New("no rows")

func (d *Results) readTimeSeries(keep func(zone, group string) bool) error {
	path := filepath.Join(d.Dir, TimeSeriesFile)
	f, err := input.Open(path, input.MaxData)
	if err != nil {
		return fmt.Errorf("outputs: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, err := br.ReadString('\n')
	if err != nil && (err != io.EOF || head == "") {
		if err == io.EOF {
			return fmt.Errorf("outputs: %s: empty file", path)
		}
		return fmt.Errorf("outputs: %w", err)
	}
	first := "rep"
	if d.Kind == SweepDir {
		first = "run"
	}
	want := first + ",step,date,zone,group,metric,value"
	if h := strings.TrimRight(strings.TrimPrefix(head, "\ufeff"), "\r\n"); h != want {
		return fmt.Errorf("outputs: %s: header is %q, want %q", path, h, want)
	}

	workers := max(1, runtime.GOMAXPROCS(0))
	blocks := make(chan tsBlock, workers)
	free := make(chan []byte, 2*workers+1) // blocks' buffers, reused
	parts := make([]*tsPart, workers)
	var wg sync.WaitGroup
	for w := range workers {
		p := &tsPart{series: map[string]*Series{}, zones: map[string]int64{}, bounds: d.bounds, keep: keep}
		parts[w] = p
		wg.Go(func() {
			for b := range blocks {
				if p.err == nil {
					p.err = p.parse(b, path, first)
				}
				select {
				case free <- b.data[:0]:
				default:
				}
			}
		})
	}
	// Read blocks of about 1 MB, each ending at the end of a line.
	var readErr error
	line := 2
	const blockSize = 1 << 20
	for index := 0; ; index++ {
		var buf []byte
		select {
		case buf = <-free:
		default:
			buf = make([]byte, 0, blockSize+4096)
		}
		buf = buf[:blockSize]
		n, err := io.ReadFull(br, buf)
		buf = buf[:n]
		if err == nil {
			rest, err2 := br.ReadSlice('\n')
			for errors.Is(err2, bufio.ErrBufferFull) {
				buf = append(buf, rest...)
				rest, err2 = br.ReadSlice('\n')
			}
			buf = append(buf, rest...)
			if err2 != nil && err2 != io.EOF {
				readErr = err2
				break
			}
		} else if err != io.EOF && err != io.ErrUnexpectedEOF {
			readErr = err
			break
		}
		if len(buf) == 0 {
			break
		}
		blocks <- tsBlock{data: buf, index: index, line: line}
		line += bytes.Count(buf, []byte{'\n'})
	}
	close(blocks)
	wg.Wait()
	if readErr != nil {
		return fmt.Errorf("outputs: read %s: %w", path, readErr)
	}
	for _, p := range parts {
		if p.err != nil {
			return p.err
		}
	}
	d.mergeTimeSeries(parts)
	if len(d.Dates) == 0 {
		return fmt.Errorf("outputs: %s: %w", path, errNoRows)
	}
	if len(d.Dates) > 1 {
		d.StepDays = d.Dates[1].DaysSince(d.Dates[0])
	}
	if d.StepDays <= 0 {
		d.StepDays = 7
	}
	return nil
}

// parse reads the lines of block b into p.
func (p *tsPart) parse(b tsBlock, path, first string) error {
	lr := newBytesLineReader(b.data, path)
	lr.line = b.line - 1
	// Rows come in the same order at every step: the series of the k-th
	// row of a step is most likely that of the k-th row of the previous
	// one, which a comparison of the keys confirms faster than a map.
	type cached struct {
		key []byte
		s   *Series
	}
	var cache []cached
	prevRep, prevStep, k := -1, -1, 0
	for line := 0; ; line++ {
		err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("outputs: %w", err)
		}
		if n := lr.nfields(); n != 7 {
			return fmt.Errorf("outputs: %w", lr.errorf("%d fields, want 7", n))
		}
		rep, ok1 := atoi(lr.field(0))
		step, ok2 := atoi(lr.field(1))
		if !ok1 || !ok2 {
			return fmt.Errorf("outputs: %w", lr.errorf("bad %s or step %q, %q", first, lr.field(0), lr.field(1)))
		}
		if err := p.bounds.check(rep, step, first); err != nil {
			return fmt.Errorf("outputs: %w", lr.errorf("%v", err))
		}
		p.rows++
		if rep == prevRep && step == prevStep {
			k++
		} else {
			prevRep, prevStep, k = rep, step, 0
			if step >= len(p.dates) || p.dates[step].IsZero() {
				dt, err := sim.ParseDate(string(lr.field(2)))
				if err != nil {
					return fmt.Errorf("outputs: %w", lr.errorf("date: %v", err))
				}
				if err := p.grew(max(0, step+1-len(p.dates)), lr); err != nil {
					return err
				}
				for len(p.dates) <= step {
					p.dates = append(p.dates, sim.Date{})
				}
				p.dates[step] = dt
			}
		}
		key, ok := lr.span(3, 5) // zone,group,metric
		if !ok {
			key = []byte(lineKey(string(lr.field(3)), string(lr.field(4)), string(lr.field(5))))
		}
		var s *Series
		if k < len(cache) && bytes.Equal(cache[k].key, key) {
			s = cache[k].s
		} else {
			var seen bool
			s, seen = p.series[string(key)]
			if !seen {
				if zone := lr.field(3); string(zone) != All {
					if _, ok := p.zones[string(zone)]; !ok {
						p.zones[string(zone)] = int64(b.index)<<32 | int64(line)
					}
				}
				if p.keep(string(lr.field(3)), string(lr.field(4))) {
					s = &Series{}
				}
				p.series[string(key)] = s // nil: a series not kept
			}
			for len(cache) <= k {
				cache = append(cache, cached{})
			}
			cache[k] = cached{append(cache[k].key[:0], key...), s}
		}
		if s == nil {
			continue
		}
		v, err := parseValue(lr.field(6))
		if err != nil {
			return fmt.Errorf("outputs: %w", lr.errorf("value %q: not a number", lr.field(6)))
		}
		if err := p.grew(max(0, rep+1-len(s.Values)), lr); err != nil {
			return err
		}
		for len(s.Values) <= rep {
			s.Values = append(s.Values, nil)
		}
		r := s.Values[rep]
		if err := p.grew(max(0, step+1-len(r)), lr); err != nil {
			return err
		}
		for len(r) <= step {
			r = append(r, math.Float64frombits(unsetBits))
		}
		r[step] = v
		s.Values[rep] = r
	}
}

// mergeTimeSeries puts the parts' series, dates and zones together.
func (d *Results) mergeTimeSeries(parts []*tsPart) {
	d.Series = map[SeriesKey]*Series{}
	firstSeen := map[string]int64{}
	for _, p := range parts {
		for i, dt := range p.dates {
			for len(d.Dates) <= i {
				d.Dates = append(d.Dates, sim.Date{})
			}
			if !dt.IsZero() {
				d.Dates[i] = dt
			}
		}
		for z, at := range p.zones {
			if old, ok := firstSeen[z]; !ok || at < old {
				firstSeen[z] = at
			}
		}
		for key, s := range p.series {
			if s == nil {
				continue
			}
			m := d.Series[seriesKey(key)]
			if m == nil {
				d.Series[seriesKey(key)] = s
				continue
			}
			for r, vals := range s.Values {
				for len(m.Values) <= r {
					m.Values = append(m.Values, nil)
				}
				for len(m.Values[r]) < len(vals) {
					m.Values[r] = append(m.Values[r], math.Float64frombits(unsetBits))
				}
				for st, v := range vals {
					if math.Float64bits(v) != unsetBits {
						m.Values[r][st] = v
					}
				}
			}
		}
	}
	for z := range firstSeen {
		d.SeriesZones = append(d.SeriesZones, z)
	}
	slices.SortFunc(d.SeriesZones, func(a, b string) int { return cmp.Compare(firstSeen[a], firstSeen[b]) })
}

// readEvents reads the events of events.csv, defections.csv and
// displacement.csv into d.Events: by replicate, in step order, and
// within a step those of events.csv, then the defections, then the
// displacement (each file in its own order).
func (d *Results) readEvents() error {
	var files [3][][]agents.Event
	var errs [3]error
	var wg sync.WaitGroup
	for i, f := range []struct {
		name   string
		header []string
		parse  func(lr *lineReader, e *agents.Event) error
	}{
		{EventsFile, eventsHeader, parseEventFields},
		{DefectionsFile, defectionsHeader, parseDefectionFields},
		{DisplacementFile, displacementHeader, parseDisplacementFields},
	} {
		wg.Go(func() { files[i], errs[i] = d.readEventFile(f.name, f.header, f.parse) })
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return err
	}
	n := max(len(files[0]), len(files[1]), len(files[2]))
	d.Events = make([][]agents.Event, n)
	for rep := range n {
		var all []agents.Event
		for _, f := range files {
			if rep < len(f) {
				all = append(all, f[rep]...)
			}
		}
		slices.SortStableFunc(all, func(a, b agents.Event) int { return cmp.Compare(a.Step, b.Step) })
		d.Events[rep] = all
	}
	return nil
}

// Columns of events.csv, defections.csv and displacement.csv: every file
// starts with rep, step and date and ends with the cell.
const (
	cRep = iota
	cStep
	cDate
	cFirst // the first of a file's own fields
)

// readEventFile reads one of the files of events, whose header is header
// and whose own fields parse sets, into events by replicate, checking
// every row against the run's manifest and grid.
func (d *Results) readEventFile(name string, header []string, parse func(lr *lineReader, e *agents.Event) error) ([][]agents.Event, error) {
	path := filepath.Join(d.Dir, name)
	f, err := input.Open(path, input.MaxData)
	if err != nil {
		return nil, fmt.Errorf("outputs: %w", err)
	}
	defer f.Close()
	lr := newLineReader(f, path)
	err = lr.next()
	if err == io.EOF {
		return nil, fmt.Errorf("outputs: %s: empty file", path)
	}
	if err != nil {
		return nil, fmt.Errorf("outputs: %w", err)
	}
	if head := lr.strings(); !slices.Equal(head, header) {
		return nil, fmt.Errorf("outputs: %s: header %q, want %q", path, strings.Join(head, ","), strings.Join(header, ","))
	}
	nf := len(header)
	cCell := nf - 1
	events := make([][]agents.Event, d.bounds.reps)
	for {
		err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("outputs: %w", err)
		}
		if n := lr.nfields(); n != nf {
			return nil, fmt.Errorf("outputs: %w", lr.errorf("%d fields, want %d", n, nf))
		}
		rep, ok := atoi(lr.field(cRep))
		if !ok {
			return nil, fmt.Errorf("outputs: %w", lr.errorf("rep %q", lr.field(cRep)))
		}
		step, ok := atoi(lr.field(cStep))
		if !ok {
			return nil, fmt.Errorf("outputs: %w", lr.errorf("step %q", lr.field(cStep)))
		}
		if err := d.bounds.check(rep, step, "rep"); err != nil {
			return nil, fmt.Errorf("outputs: %w", lr.errorf("%v", err))
		}
		e := agents.Event{Step: int32(step), Perpetrator: agents.ActorNone, Label: agents.ActorNone, Against: -1, Target: agents.TargetNone}
		if err := parse(lr, &e); err != nil {
			return nil, fmt.Errorf("outputs: %w", err)
		}
		cell, ok := atoi(lr.field(cCell))
		if !ok || d.Grid != nil && cell >= len(d.Grid.Cells) {
			return nil, fmt.Errorf("outputs: %w", lr.errorf("cell %q: not a cell of the run's grid", lr.field(cCell)))
		}
		e.Cell = int32(cell)
		if date := lr.field(cDate); d.bounds.steps > 0 && string(date) != d.Clock.Date(step).String() {
			return nil, fmt.Errorf("outputs: %w", lr.errorf("date %q: not the first day of step %d (%s)", date, step, d.Clock.Date(step)))
		}
		for len(events) <= rep {
			events = append(events, nil)
		}
		events[rep] = append(events[rep], e)
	}
	return events, nil
}

// parseActor parses the actor or label field i of lr: Missing is no actor
// (agents.ActorNone), what parses the empty field to.
func parseActor(lr *lineReader, i int, what string) (int8, error) {
	f := lr.field(i)
	if len(f) == 0 {
		return agents.ActorNone, nil
	}
	if a, ok := agents.ParseActor(string(f)); ok && a != agents.ActorNone {
		return a, nil
	}
	return 0, lr.errorf("%s %q: not one of the model's (a group id, forces, militia, criminal, JNIM, ambiguous, unknown, or empty)", what, f)
}

// parseBool parses the field i of lr, true or false.
func parseBool(lr *lineReader, i int, what string) (bool, error) {
	switch string(lr.field(i)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, lr.errorf("%s %q: want true or false", what, lr.field(i))
}

// parseCount parses the field i of lr, a count.
func parseCount(lr *lineReader, i int, what string) (int32, error) {
	n, ok := atoi(lr.field(i))
	if !ok || n > math.MaxInt32 {
		return 0, lr.errorf("%s %q: want a count", what, lr.field(i))
	}
	return int32(n), nil
}

// parseEventFields parses the fields of a row of events.csv from type to
// fatalities into e: "type,militant,perpetrator,label,against,
// against_label,target,claimed,fatalities". An operation's label is its
// perpetrator; the label of the group it engaged, its against_label, is
// what e.Label holds (RecordedLabel, AgainstLabel).
func parseEventFields(lr *lineReader, e *agents.Event) error {
	const (
		cType = cFirst + iota
		cMilitant
		cPerp
		cLabel
		cAgainst
		cAgainstLabel
		cTarget
		cClaimed
		cFat
	)
	var ok bool
	if e.Type, ok = agents.ParseEventType(string(lr.field(cType))); !ok || !InEventsFile(e) {
		return lr.errorf("type %q: not an event type of events.csv (defections and displacement have their own files)", lr.field(cType))
	}
	var err error
	var label, againstLabel int8
	var militant bool
	if militant, err = parseBool(lr, cMilitant, "militant"); err != nil {
		return err
	}
	if e.Perpetrator, err = parseActor(lr, cPerp, "perpetrator"); err != nil {
		return err
	}
	if label, err = parseActor(lr, cLabel, "label"); err != nil {
		return err
	}
	if e.Against, err = parseActor(lr, cAgainst, "against"); err != nil {
		return err
	}
	if e.Against == agents.ActorNone {
		e.Against = -1
	}
	if againstLabel, err = parseActor(lr, cAgainstLabel, "against_label"); err != nil {
		return err
	}
	e.Label = label
	if e.Type == agents.Operation {
		if againstLabel == agents.ActorNone {
			return lr.errorf("against_label: an operation names the label of the group it engaged")
		}
		e.Label = againstLabel
	}
	if t := lr.field(cTarget); len(t) > 0 {
		if e.Target, ok = agents.ParseTarget(string(t)); !ok || e.Target == agents.TargetNone {
			return lr.errorf("target %q: not a target of the model", t)
		}
	}
	if e.Claimed, err = parseBool(lr, cClaimed, "claimed"); err != nil {
		return err
	}
	if e.Fatalities, err = parseCount(lr, cFat, "fatalities"); err != nil {
		return err
	}
	if _, m := e.Militant(); m != militant {
		return lr.errorf("militant %t: a %s event by %s against %q is %s", militant, e.Type, lr.field(cPerp), lr.field(cAgainst), map[bool]string{true: "militant", false: "not militant"}[m])
	}
	return nil
}

// parseDefectionFields parses the group of a row of defections.csv.
func parseDefectionFields(lr *lineReader, e *agents.Event) error {
	e.Type, e.Target = agents.Defection, agents.TargetNone
	g, err := parseActor(lr, cFirst, "group")
	if err != nil {
		return err
	}
	if !agents.IsGroup(g) {
		return lr.errorf("group %q: not a group of the model", lr.field(cFirst))
	}
	e.Perpetrator, e.Label = g, g
	return nil
}

// parseDisplacementFields parses the people displaced of a row of
// displacement.csv.
func parseDisplacementFields(lr *lineReader, e *agents.Event) error {
	e.Type, e.Target = agents.Displacement, agents.TargetNone
	n, err := parseCount(lr, cFirst, "displaced")
	e.Displaced = n
	return err
}

// Years returns the calendar years of the time series, in order.
func (d *Results) Years() []int {
	var out []int
	for _, dt := range d.Dates {
		if y := dt.Year(); len(out) == 0 || out[len(out)-1] != y {
			out = append(out, y)
		}
	}
	return out
}

// End returns the last day simulated: the scenario's end, or the last
// step's last day.
func (d *Results) End() time.Time {
	if d.Scenario != nil && !d.Scenario.End.IsZero() {
		return d.Scenario.End.Time()
	}
	if len(d.Dates) == 0 {
		return time.Time{}
	}
	return d.Dates[len(d.Dates)-1].Time().AddDate(0, 0, d.StepDays-1)
}
