package figures

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
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Files of a sweep directory, as the sweep command writes them, beside
// timeseries.csv and manifest.json.
const (
	RunsFile    = "runs.csv"    // run,scenario,point,replicate,seed,<parameters>,<indicators>
	CompareFile = "compare.csv" // reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n
)

// A Kind is what an output directory holds.
type Kind int

// Kinds of output directories.
const (
	// A RunDir holds the replicates of one scenario, as written by
	// outputs.WriteRun: summary.csv, timeseries.csv, events.csv and
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

// Data is what Load reads from an output directory: everything the
// figures and the report draw on.
type Data struct {
	Dir  string
	Kind Kind

	// Manifest is manifest.json, nil if the directory has none;
	// ManifestJSON is its text.
	Manifest     *outputs.Manifest
	ManifestJSON []byte
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

	stepDays int
	dates    []sim.Date         // date of each step
	zones    []string           // zone ids, in the order of the file, "all" excluded
	series   map[string]*series // time series by seriesKey
	events   *eventStats        // events.csv; nil in a sweep
	grid     *sim.Grid          // the run's grid; nil without events
}

// Summary is the table of headline indicators of a run (one row per
// replicate) or a sweep (one row per run).
type Summary struct {
	Columns []string    // indicator names, as outputs.Indicators expands them
	Values  [][]float64 // Values[row][column]; NaN where undefined
	// Sweeps only: the row's run, and the names of the parameter columns.
	Runs   []Run
	Params []string
}

// A Run is a row of runs.csv: one replicate of a scenario at one point of
// a sweep, with the values of the swept parameters.
type Run struct {
	Run       int
	Scenario  string
	Point     string
	Replicate int
	Seed      uint64
	Params    []string // in the order of Summary.Params
}

// A Point is a scenario at one point of a sweep and the rows of its runs.
type Point struct {
	Scenario, Point string
	Label           string   // display name, as Data.Label
	Params          []string // in the order of Summary.Params
	Rows            []int    // indices into Summary.Values
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
func (d *Data) Points() []Point {
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

// ReferenceLabel returns the display name of the reference of a
// comparison: the point of that number if runs.csv has one (the sweep's
// compare writes the reference point's number), else ref itself.
func (d *Data) ReferenceLabel(ref string) string {
	for _, r := range d.Summary.Runs {
		if r.Point == ref {
			return d.Label(r.Scenario, r.Point)
		}
	}
	return ref
}

// Label returns the display name of a scenario at a point of a sweep: the
// scenario's name alone if it has one point, else with the values of the
// parameters that vary among its points ("disaggregation (intensity=0.5)"),
// or the point's number if none does.
func (d *Data) Label(scenario, point string) string {
	var pts []Run // one run per point of the scenario
	for _, r := range d.Summary.Runs {
		if r.Scenario == scenario && !slices.ContainsFunc(pts, func(q Run) bool { return q.Point == r.Point }) {
			pts = append(pts, r)
		}
	}
	npts := len(pts)
	for _, c := range d.Comparisons {
		if c.Scenario == scenario && c.Point != point && !slices.ContainsFunc(pts, func(q Run) bool { return q.Point == c.Point }) {
			npts++
			pts = append(pts, Run{Point: c.Point})
		}
	}
	if npts <= 1 {
		return scenario
	}
	i := slices.IndexFunc(pts, func(q Run) bool { return q.Point == point })
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
		return scenario + " #" + point
	}
	return scenario + " (" + strings.Join(parts, ", ") + ")"
}

// A Comparison is a row of compare.csv: the effect of a scenario (at a
// point of a sweep) on an indicator against a reference scenario, with its
// 95 % interval.
type Comparison struct {
	Reference, Scenario, Point, Indicator string
	ReferenceMean, Mean, Difference       float64
	Low, High                             float64 // 95 % interval of Difference
	N                                     int     // replicates
}

// Replicates returns the number of replicates of a run, or of runs of a
// sweep.
func (d *Data) Replicates() int {
	n := len(d.Summary.Values)
	if d.Manifest != nil && d.Kind == RunDir {
		n = max(n, d.Manifest.Replicates)
	}
	if d.events != nil {
		n = max(n, d.events.reps)
	}
	return n
}

// Name returns the name of the run's scenario, or of the sweep.
func (d *Data) Name() string {
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
		return 0, fmt.Errorf("figures: %w", err)
	} else if !fi.IsDir() {
		return 0, fmt.Errorf("figures: %s is not a directory", dir)
	}
	switch {
	case has(outputs.SummaryFile) && has(outputs.TimeSeriesFile) && has(outputs.EventsFile):
		return RunDir, nil
	case has(RunsFile):
		return SweepDir, nil
	}
	return 0, fmt.Errorf("figures: %s holds neither a run (%s, %s, %s) nor a sweep (%s)", dir,
		outputs.SummaryFile, outputs.TimeSeriesFile, outputs.EventsFile, RunsFile)
}

// Load reads the output directory dir, a run or a sweep (see Detect). It
// streams timeseries.csv and events.csv, keeping the time series and the
// tallies by cell the figures need, not the rows.
func Load(dir string) (*Data, error) {
	kind, err := Detect(dir)
	if err != nil {
		return nil, err
	}
	d := &Data{Dir: dir, Kind: kind}
	if err := d.readManifest(); err != nil {
		return nil, err
	}

	var wg sync.WaitGroup
	var tsErr, evErr error
	if _, err := os.Stat(filepath.Join(dir, outputs.TimeSeriesFile)); err == nil || kind == RunDir {
		wg.Go(func() { tsErr = d.readTimeSeries() })
	}
	if kind == RunDir {
		wg.Go(func() { evErr = d.readEvents() })
	}
	var err2 error
	switch kind {
	case RunDir:
		err2 = d.readSummary(outputs.SummaryFile)
	case SweepDir:
		err2 = d.readSummary(RunsFile)
	}
	if err2 == nil {
		err2 = d.readComparisons()
	}
	if err2 == nil && kind == RunDir {
		err2 = d.buildGrid()
	}
	wg.Wait()
	if kind == SweepDir && errors.Is(tsErr, errNoRows) {
		tsErr = nil // a sweep run with --series none: no time-series figures
	}
	if err := errors.Join(tsErr, evErr, err2); err != nil {
		return nil, err
	}
	if d.events != nil && d.grid != nil && d.events.cells > len(d.grid.Cells) {
		return nil, fmt.Errorf("figures: %s: cell %d is beyond the %d cells of the %g° grid",
			filepath.Join(dir, outputs.EventsFile), d.events.cells-1, len(d.grid.Cells), d.grid.Resolution)
	}
	return d, nil
}

// readManifest reads manifest.json, if any, and parses its scenario.
func (d *Data) readManifest() error {
	path := filepath.Join(d.Dir, outputs.ManifestFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if d.Kind == RunDir {
			return fmt.Errorf("figures: %s: a run directory needs its manifest", path)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	var m outputs.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("figures: %s: %w", path, err)
	}
	d.Manifest, d.ManifestJSON = &m, b
	if d.Kind == SweepDir {
		var sw struct {
			Sweep       string `json:"sweep"`
			Description string `json:"description"`
			SweepTOML   string `json:"sweep_toml"`
		}
		if err := json.Unmarshal(b, &sw); err == nil {
			d.Sweep.Name, d.Sweep.Description, d.Sweep.TOML = sw.Sweep, sw.Description, sw.SweepTOML
		}
	}
	if m.ScenarioTOML == "" {
		if d.Kind == RunDir {
			return fmt.Errorf("figures: %s: no scenario_toml", path)
		}
		return nil
	}
	sc, err := scenarios.Parse([]byte(m.ScenarioTOML), "")
	if err != nil {
		return fmt.Errorf("figures: %s: scenario: %w", path, err)
	}
	d.Scenario = sc
	d.stepDays = sc.StepDays
	return nil
}

// buildGrid rebuilds the run's grid at the scenario's resolution.
func (d *Data) buildGrid() error {
	if d.Scenario == nil {
		return nil
	}
	g, err := geo.Build(d.Scenario.Map.Resolution)
	if err != nil {
		return fmt.Errorf("figures: grid of %s: %w", d.Dir, err)
	}
	d.grid = g
	return nil
}

// readSummary reads summary.csv or runs.csv.
func (d *Data) readSummary(name string) error {
	path := filepath.Join(d.Dir, name)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	defer f.Close()
	header, rows, err := readTable(f, path)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	var lead []string // columns before the indicators
	switch d.Kind {
	case RunDir:
		lead = []string{"rep", "seed"}
	default:
		lead = []string{"run", "scenario", "point", "replicate", "seed"}
	}
	if len(header) < len(lead) || !slices.Equal(header[:len(lead)], lead) {
		return fmt.Errorf("figures: %s: header starts %q, want %q", path, header[:min(len(lead), len(header))], lead)
	}
	first := len(lead)
	if d.Kind == SweepDir {
		// Parameters run from after seed to the first indicator,
		// events_total (the first column of outputs.Indicators).
		i := slices.Index(header, firstIndicator)
		if i < 0 {
			i = len(lead)
		}
		d.Summary.Params = slices.Clone(header[len(lead):i])
		first = i
	}
	s := &d.Summary
	s.Columns = slices.Clone(header[first:])
	for ri, rec := range rows {
		line := ri + 2
		if len(rec) != len(header) {
			return fmt.Errorf("figures: %s:%d: %d fields, want %d", path, line, len(rec), len(header))
		}
		vals := make([]float64, len(s.Columns))
		for j := range vals {
			v, err := parseValue([]byte(rec[first+j]))
			if err != nil {
				return fmt.Errorf("figures: %s:%d: %s: %q is not a number", path, line, header[first+j], rec[first+j])
			}
			vals[j] = v
		}
		s.Values = append(s.Values, vals)
		if d.Kind == SweepDir {
			r := Run{Scenario: rec[1], Point: rec[2], Params: slices.Clone(rec[len(lead):first])}
			var err1, err2, err3 error
			r.Run, err1 = strconv.Atoi(rec[0])
			r.Replicate, err2 = strconv.Atoi(rec[3])
			r.Seed, err3 = strconv.ParseUint(rec[4], 10, 64)
			if err := errors.Join(err1, err2, err3); err != nil {
				return fmt.Errorf("figures: %s:%d: %w", path, line, err)
			}
			s.Runs = append(s.Runs, r)
		}
	}
	return nil
}

// firstIndicator is the first indicator column of summary.csv and runs.csv.
const firstIndicator = "events_total"

// readComparisons reads compare.csv, if the directory has one.
func (d *Data) readComparisons() error {
	path := filepath.Join(d.Dir, CompareFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	defer f.Close()
	header, rows, err := readTable(f, path)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	want := []string{"reference", "scenario", "point", "indicator", "reference_mean", "mean", "difference", "ci_low", "ci_high", "n"}
	if !slices.Equal(header, want) {
		return fmt.Errorf("figures: %s: header is %q, want %q", path, header, want)
	}
	for i, rec := range rows {
		c := Comparison{Reference: rec[0], Scenario: rec[1], Point: rec[2], Indicator: rec[3]}
		var errs [6]error
		for k, p := range []*float64{&c.ReferenceMean, &c.Mean, &c.Difference, &c.Low, &c.High} {
			*p, errs[k] = parseValue([]byte(rec[4+k]))
		}
		c.N, errs[5] = strconv.Atoi(rec[9])
		if err := errors.Join(errs[:]...); err != nil {
			return fmt.Errorf("figures: %s:%d: %w", path, i+2, err)
		}
		d.Comparisons = append(d.Comparisons, c)
	}
	return nil
}

// A series is one time series of timeseries.csv: its value at each step
// of each replicate (or run, in a sweep).
type series struct {
	vals [][]float64 // vals[rep][step]
}

// seriesKey returns the key of the series of metric in zone for group,
// as the fields appear in a line of timeseries.csv.
func seriesKey(zone, group, metric string) string { return zone + "," + group + "," + metric }

// keepSeries reports whether the figures draw on a time series: totals
// over zones or over groups, not the zone × group detail.
func keepSeries(zone, group []byte) bool {
	return string(zone) == outputs.All || string(group) == outputs.All
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
	series map[string]*series
	dates  []sim.Date
	zones  map[string]int64 // zone → where first seen: block index << 32 | line in block
	err    error
}

// readTimeSeries streams timeseries.csv in blocks of lines, parsed in
// parallel, keeping the series keepSeries asks for.
// errNoRows is the error of a time-series file with a header and no rows.
var errNoRows = errors.New("no rows")

func (d *Data) readTimeSeries() error {
	path := filepath.Join(d.Dir, outputs.TimeSeriesFile)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, err := br.ReadString('\n')
	if err != nil && (err != io.EOF || head == "") {
		if err == io.EOF {
			return fmt.Errorf("figures: %s: empty file", path)
		}
		return fmt.Errorf("figures: %w", err)
	}
	first := "rep"
	if d.Kind == SweepDir {
		first = "run"
	}
	want := first + ",step,date,zone,group,metric,value"
	if h := strings.TrimRight(strings.TrimPrefix(head, "\ufeff"), "\r\n"); h != want {
		return fmt.Errorf("figures: %s: header is %q, want %q", path, h, want)
	}

	workers := max(1, runtime.GOMAXPROCS(0))
	blocks := make(chan tsBlock, workers)
	free := make(chan []byte, 2*workers+1) // blocks' buffers, reused
	parts := make([]*tsPart, workers)
	var wg sync.WaitGroup
	for w := range workers {
		p := &tsPart{series: map[string]*series{}, zones: map[string]int64{}}
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
		return fmt.Errorf("figures: read %s: %w", path, readErr)
	}
	for _, p := range parts {
		if p.err != nil {
			return p.err
		}
	}
	d.mergeTimeSeries(parts)
	if len(d.dates) == 0 {
		return fmt.Errorf("figures: %s: %w", path, errNoRows)
	}
	if len(d.dates) > 1 {
		d.stepDays = d.dates[1].DaysSince(d.dates[0])
	}
	if d.stepDays <= 0 {
		d.stepDays = 7
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
		s   *series
	}
	var cache []cached
	prevRep, prevStep, k := -1, -1, 0
	for line := 0; ; line++ {
		err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("figures: %w", err)
		}
		if n := lr.nfields(); n != 7 {
			return fmt.Errorf("figures: %w", lr.errorf("%d fields, want 7", n))
		}
		rep, ok1 := atoi(lr.field(0))
		step, ok2 := atoi(lr.field(1))
		if !ok1 || !ok2 {
			return fmt.Errorf("figures: %w", lr.errorf("bad %s or step %q, %q", first, lr.field(0), lr.field(1)))
		}
		if rep == prevRep && step == prevStep {
			k++
		} else {
			prevRep, prevStep, k = rep, step, 0
			if step >= len(p.dates) || p.dates[step].IsZero() {
				dt, err := sim.ParseDate(string(lr.field(2)))
				if err != nil {
					return fmt.Errorf("figures: %w", lr.errorf("date: %v", err))
				}
				for len(p.dates) <= step {
					p.dates = append(p.dates, sim.Date{})
				}
				p.dates[step] = dt
			}
		}
		key, ok := lr.span(3, 5) // zone,group,metric
		if !ok {
			key = []byte(seriesKey(string(lr.field(3)), string(lr.field(4)), string(lr.field(5))))
		}
		var s *series
		if k < len(cache) && bytes.Equal(cache[k].key, key) {
			s = cache[k].s
		} else {
			var seen bool
			s, seen = p.series[string(key)]
			if !seen {
				if zone := lr.field(3); string(zone) != outputs.All {
					if _, ok := p.zones[string(zone)]; !ok {
						p.zones[string(zone)] = int64(b.index)<<32 | int64(line)
					}
				}
				if keepSeries(lr.field(3), lr.field(4)) {
					s = &series{}
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
			return fmt.Errorf("figures: %w", lr.errorf("value %q: not a number", lr.field(6)))
		}
		for len(s.vals) <= rep {
			s.vals = append(s.vals, nil)
		}
		r := s.vals[rep]
		for len(r) <= step {
			r = append(r, math.Float64frombits(unsetBits))
		}
		r[step] = v
		s.vals[rep] = r
	}
}

// mergeTimeSeries puts the parts' series, dates and zones together.
func (d *Data) mergeTimeSeries(parts []*tsPart) {
	d.series = map[string]*series{}
	firstSeen := map[string]int64{}
	for _, p := range parts {
		for i, dt := range p.dates {
			for len(d.dates) <= i {
				d.dates = append(d.dates, sim.Date{})
			}
			if !dt.IsZero() {
				d.dates[i] = dt
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
			m := d.series[key]
			if m == nil {
				d.series[key] = s
				continue
			}
			for r, vals := range s.vals {
				for len(m.vals) <= r {
					m.vals = append(m.vals, nil)
				}
				for len(m.vals[r]) < len(vals) {
					m.vals[r] = append(m.vals[r], math.Float64frombits(unsetBits))
				}
				for st, v := range vals {
					if math.Float64bits(v) != unsetBits {
						m.vals[r][st] = v
					}
				}
			}
		}
	}
	for z := range firstSeen {
		d.zones = append(d.zones, z)
	}
	slices.SortFunc(d.zones, func(a, b string) int { return cmp.Compare(firstSeen[a], firstSeen[b]) })
}

// Observed label columns: the groups, then "JNIM", "ambiguous" and
// "unknown", as in timeseries.csv.
const (
	labelJNIM      = agents.NumGroups
	labelAmbiguous = agents.NumGroups + 1
	labelUnknown   = agents.NumGroups + 2
	numLabels      = agents.NumGroups + 3
)

// Event targets, as events.csv names them, in the order of agents.Target.
var targetIDs = [agents.NumTargets]string{"security_forces", "civilians", "local_leader", "militants", "none"}

// eventStats are the tallies of events.csv the figures draw: sums over
// replicates.
type eventStats struct {
	reps  int // replicates (the largest rep seen + 1)
	cells int // cells (the largest cell seen + 1)

	// By cell: militant events (violent events by a group and operations
	// against one, as agents.Event.Militant), their fatalities, and
	// attacks on civilians and targeted killings.
	events, fatalities, civilian []float64
	byGroup                      [agents.NumGroups][]float64 // militant events by cell and true group
	byYear                       map[int][]float64           // militant events by calendar year and cell

	// Violent events by perpetrator and observed label column, and by
	// perpetrator and target.
	labels  [agents.NumGroups][numLabels]float64
	targets [agents.NumGroups][agents.NumTargets]float64

	// perRep[rep][0][g] counts militant events by true group g,
	// perRep[rep][1][l] by observed label column l.
	perRep [][2][numLabels]float64
}

// grow returns s extended with zeros to hold index i.
func grow(s []float64, i int) []float64 {
	if i < len(s) {
		return s
	}
	return append(s, make([]float64, i+1-len(s))...)
}

// eventType classifies an event type name: violent (by a group), an
// operation, or neither.
func eventType(b []byte) (violent, operation, civilian bool) {
	switch string(b) {
	case "attack_civilians", "targeted_killing":
		return true, false, true
	case "attack_forces", "explosive_device", "kidnapping", "clash":
		return true, false, false
	case "operation":
		return false, true, false
	}
	return false, false, false
}

// groupIndex returns the index of group id b, or -1.
func groupIndex(b []byte) int {
	for i, id := range agents.GroupIDs {
		if string(b) == id {
			return i
		}
	}
	return -1
}

// labelColumn returns the observed-label column of label b.
func labelColumn(b []byte) int {
	if g := groupIndex(b); g >= 0 {
		return g
	}
	switch string(b) {
	case agents.NameJNIM:
		return labelJNIM
	case agents.NameAmbiguous:
		return labelAmbiguous
	}
	return labelUnknown
}

// readEvents streams events.csv into eventStats.
func (d *Data) readEvents() error {
	path := filepath.Join(d.Dir, outputs.EventsFile)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	defer f.Close()
	lr := newLineReader(f, path)
	err = lr.next()
	if err == io.EOF {
		return fmt.Errorf("figures: %s: empty file", path)
	}
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	head := lr.strings()
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	need := []string{"rep", "date", "type", "perpetrator", "label", "target", "against", "fatalities", "cell"}
	idx := make([]int, len(need))
	for i, n := range need {
		j, ok := col[n]
		if !ok {
			return fmt.Errorf("figures: %s: no %q column", path, n)
		}
		idx[i] = j
	}
	cRep, cDate, cType, cPerp, cLabel, cTarget, cAgainst, cFat, cCell := idx[0], idx[1], idx[2], idx[3], idx[4], idx[5], idx[6], idx[7], idx[8]
	nf := len(head)

	es := &eventStats{byYear: map[int][]float64{}}
	for {
		err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("figures: %w", err)
		}
		if n := lr.nfields(); n != nf {
			return fmt.Errorf("figures: %w", lr.errorf("%d fields, want %d", n, nf))
		}
		rep, ok := atoi(lr.field(cRep))
		if !ok {
			return fmt.Errorf("figures: %w", lr.errorf("rep %q", lr.field(cRep)))
		}
		for len(es.perRep) <= rep {
			es.perRep = append(es.perRep, [2][numLabels]float64{})
		}
		es.reps = max(es.reps, rep+1)
		violent, operation, civ := eventType(lr.field(cType))
		if !violent && !operation {
			continue
		}
		g := -1
		if violent {
			g = groupIndex(lr.field(cPerp))
		} else {
			g = groupIndex(lr.field(cAgainst))
		}
		if g < 0 {
			continue
		}
		cell, ok := atoi(lr.field(cCell))
		if !ok {
			return fmt.Errorf("figures: %w", lr.errorf("cell %q", lr.field(cCell)))
		}
		fat, err := parseValue(lr.field(cFat))
		if err != nil || math.IsNaN(fat) {
			return fmt.Errorf("figures: %w", lr.errorf("fatalities %q", lr.field(cFat)))
		}
		if len(lr.field(cDate)) < 4 {
			return fmt.Errorf("figures: %w", lr.errorf("date %q", lr.field(cDate)))
		}
		year, ok := atoi(lr.field(cDate)[:4])
		if !ok {
			return fmt.Errorf("figures: %w", lr.errorf("date %q", lr.field(cDate)))
		}
		lb := labelColumn(lr.field(cLabel))

		es.cells = max(es.cells, cell+1)
		es.events = grow(es.events, cell)
		es.events[cell]++
		es.fatalities = grow(es.fatalities, cell)
		es.fatalities[cell] += fat
		if civ {
			es.civilian = grow(es.civilian, cell)
			es.civilian[cell]++
		}
		es.byGroup[g] = grow(es.byGroup[g], cell)
		es.byGroup[g][cell]++
		y := grow(es.byYear[year], cell)
		y[cell]++
		es.byYear[year] = y
		es.perRep[rep][0][g]++
		es.perRep[rep][1][lb]++
		if violent {
			es.labels[g][lb]++
			t := slices.Index(targetIDs[:], string(lr.field(cTarget)))
			if t < 0 {
				t = int(agents.TargetNone)
			}
			es.targets[g][t]++
		}
	}
	if d.Manifest != nil {
		es.reps = max(es.reps, d.Manifest.Replicates)
	}
	for len(es.perRep) < es.reps {
		es.perRep = append(es.perRep, [2][numLabels]float64{})
	}
	d.events = es
	return nil
}

// cellValues returns v extended with zeros to n cells (v may be short: the
// tallies grow with the cells seen).
func cellValues(v []float64, n int) []float64 {
	if len(v) >= n {
		return v[:n]
	}
	return append(slices.Clone(v), make([]float64, n-len(v))...)
}

// years returns the calendar years with at least one step, in order.
func (d *Data) years() []int {
	var out []int
	for _, dt := range d.dates {
		if y := dt.Year(); len(out) == 0 || out[len(out)-1] != y {
			out = append(out, y)
		}
	}
	return out
}

// end returns the last day simulated: the scenario's end, or the last
// step's last day.
func (d *Data) end() time.Time {
	if d.Scenario != nil && !d.Scenario.End.IsZero() {
		return d.Scenario.End.Time()
	}
	if len(d.dates) == 0 {
		return time.Time{}
	}
	return d.dates[len(d.dates)-1].Time().AddDate(0, 0, d.stepDays-1)
}
