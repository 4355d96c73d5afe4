package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"

	"github.com/sahelsim/sahelsim/internal/csvrow"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// ErrMissing is wrapped by the error of Assemble when runs have neither a
// part nor a failure record.
var ErrMissing = errors.New("runs missing")

// A Summary is what Assemble wrote.
type Summary struct {
	Runs     int       // runs of the sweep
	Written  int       // successful runs, in the tables
	Failures []Failure // failed runs, in run order
}

// Headers of the CSV files, before the parameter and indicator columns for
// runs.csv.
var (
	runsHeader     = []string{"run", "scenario", "point", "replicate", "seed"}
	seriesHeader   = []string{"run", "step", "date", "zone", "group", "metric", "value"}
	failuresHeader = []string{"run", "scenario", "point", "replicate", "seed", "error"}
)

// Merge assembles the sweep directory dir, whose shards have run: it is
// Assemble with the manifest that dir holds.
func Merge(dir string) (*Summary, error) {
	_, sum, err := MergeContext(context.Background(), dir)
	return sum, err
}

// MergeContext is Merge stopping with ctx's error, writing nothing, once
// ctx is done; it returns the manifest too.
func MergeContext(ctx context.Context, dir string) (*Manifest, *Summary, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	sum, err := AssembleContext(ctx, dir, m)
	return m, sum, err
}

// Assemble writes the tables of the sweep directory dir, made by Prepare
// with the manifest m, from its part files: runs.csv, timeseries.csv,
// runs.parquet and timeseries.parquet, and failures.csv if runs failed
// (an old one is removed if none did). Every run must have a part or a
// failure record: if not, Assemble writes nothing and fails, wrapping
// ErrMissing, with the list of the missing runs. Each file is written to a
// temporary file and renamed into place once all are complete. The parts
// are streamed in run order, so memory does not grow with the number of
// runs; the CSV and Parquet files are written by two goroutines.
func Assemble(dir string, m *Manifest) (*Summary, error) {
	return AssembleContext(context.Background(), dir, m)
}

// AssembleContext is Assemble stopping with ctx's error, writing
// nothing, once ctx is done.
func AssembleContext(ctx context.Context, dir string, m *Manifest) (*Summary, error) {
	st, err := scan(dir, m.Runs, Shard{}, false)
	if err != nil {
		return nil, fmt.Errorf("assemble: %w", err)
	}
	var failures []*Failure
	var missing []int // the first ones
	nmissing := 0
	for run := range m.Runs {
		switch {
		case st.done.has(run):
		case st.failed.has(run):
			f, err := readFailure(dir, run)
			if err != nil {
				return nil, fmt.Errorf("assemble: %w", err)
			}
			failures = append(failures, f)
		default:
			if nmissing++; len(missing) < 1000 {
				missing = append(missing, run)
			}
		}
	}
	if nmissing > 0 {
		list := ranges(missing, 20)
		if nmissing > len(missing) && !strings.HasSuffix(list, "…") {
			list += ", …"
		}
		return nil, fmt.Errorf("%w: %d of %d runs have no result: %s (run the sweep, or the shards that hold them, again)",
			ErrMissing, nmissing, m.Runs, list)
	}
	a, err := newAssembler(dir, m)
	if err != nil {
		return nil, err
	}
	for run := range m.Runs {
		var f *Failure
		if !st.done.has(run) {
			f, failures = failures[0], failures[1:]
		}
		if err := ctx.Err(); err != nil {
			a.abort()
			return nil, err
		}
		if err := a.add(run, f); err != nil {
			a.abort()
			return nil, err
		}
	}
	return a.finish()
}

// An assembler writes the tables of a sweep from its runs, given in run
// order: it reads each part once and hands it to two goroutines, one for
// the CSV files and one for the Parquet files.
type assembler struct {
	dir   string
	m     *Manifest
	files []*outputs.AtomicFile
	sum   *Summary

	toCSV, toParquet chan *part
	wg               sync.WaitGroup
	csvErr, pqErr    error
}

// newAssembler creates the temporary files of the tables of the sweep in
// dir and starts the writers.
func newAssembler(dir string, m *Manifest) (a *assembler, err error) {
	a = &assembler{dir: dir, m: m, sum: &Summary{Runs: m.Runs}}
	defer func() {
		if err != nil {
			a.discard()
			err = fmt.Errorf("assemble: %w", err)
		}
	}()
	names := []string{RunsCSV, SeriesCSV, RunsParquet, SeriesParquet}
	for _, n := range names {
		f, err := outputs.CreateAtomic(context.Background(), filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		a.files = append(a.files, f)
	}
	csvw := newCSVWriter(m, a.files[0], a.files[1])
	pqw, err := newParquetWriter(m, a.files[2], a.files[3])
	if err != nil {
		return nil, err
	}
	// The goroutines get the channels now: stop sets the fields to nil,
	// possibly before a goroutine has started.
	toCSV, toParquet := make(chan *part, 4), make(chan *part, 4)
	a.toCSV, a.toParquet = toCSV, toParquet
	a.wg.Add(2)
	go func() {
		defer a.wg.Done()
		a.csvErr = drain(toCSV, csvw.write, csvw.close)
	}()
	go func() {
		defer a.wg.Done()
		a.pqErr = drain(toParquet, pqw.write, pqw.close)
	}()
	return a, nil
}

// add adds the next run: its part, or its failure f.
func (a *assembler) add(run int, f *Failure) error {
	if f != nil {
		a.sum.Failures = append(a.sum.Failures, *f)
		return nil
	}
	p, err := readPart(a.dir, run)
	if err == nil {
		if err = checkPart(a.m, p); err != nil {
			err = fmt.Errorf("%s: %w", partPath(a.dir, run), err)
		}
	}
	if err != nil {
		return fmt.Errorf("assemble: %w", err)
	}
	a.sum.Written++
	a.toCSV <- p
	a.toParquet <- p
	return nil
}

// stop closes the writers' channels and waits for them.
func (a *assembler) stop() error {
	if a.toCSV != nil {
		close(a.toCSV)
		close(a.toParquet)
		a.toCSV, a.toParquet = nil, nil
		a.wg.Wait()
	}
	return errors.Join(a.csvErr, a.pqErr)
}

// abort stops the writers and removes the temporary files.
func (a *assembler) abort() {
	a.stop()
	a.discard()
}

// discard removes the temporary files that are not committed.
func (a *assembler) discard() {
	for _, f := range a.files {
		f.Discard()
	}
}

// finish completes the tables, writes or removes failures.csv, and renames
// every file into place.
func (a *assembler) finish() (sum *Summary, err error) {
	defer func() {
		if err != nil {
			a.discard()
		}
	}()
	if err := a.stop(); err != nil {
		return nil, err
	}
	if len(a.sum.Failures) > 0 {
		f, err := outputs.CreateAtomic(context.Background(), filepath.Join(a.dir, FailuresCSV))
		if err != nil {
			return nil, fmt.Errorf("assemble: %w", err)
		}
		a.files = append(a.files, f)
		if err := writeFailures(f, a.sum.Failures); err != nil {
			return nil, fmt.Errorf("assemble: %w", err)
		}
	} else if err := os.Remove(filepath.Join(a.dir, FailuresCSV)); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("assemble: %w", err)
	}
	for _, f := range a.files {
		if err := f.Commit(); err != nil {
			return nil, fmt.Errorf("assemble: %w", err)
		}
	}
	return a.sum, nil
}

// drain calls write with each part of ch, then close; after an error it
// only empties ch.
func drain(ch <-chan *part, write func(*part) error, close func() error) error {
	var err error
	for p := range ch {
		if err == nil {
			err = write(p)
		}
	}
	if err == nil {
		err = close()
	}
	return err
}

// checkPart checks that p is a run of the sweep of m.
func checkPart(m *Manifest, p *part) error {
	switch {
	case p.Sweep != m.Hash:
		var names []string
		for _, sc := range m.Scenarios {
			names = append(names, sc.Name)
		}
		return fmt.Errorf("%w: the part of another sweep (hash %.12s, scenario %q), not of sweep %q (hash %.12s, scenarios %s): remove it, or run that sweep in its own directory",
			ErrOtherSweep, p.Sweep, p.Scenario, m.Sweep, m.Hash, strings.Join(names, ", "))
	case p.Point != p.Run%m.Points || p.Replicate != p.Run/m.Points:
		return fmt.Errorf("part of run %d: point %d, replicate %d: %w", p.Run, p.Point, p.Replicate, errCorrupt)
	case p.Seed != m.RunSeed(p.Point, p.Replicate):
		return fmt.Errorf("part of run %d: seed %d, the sweep's is %d: %w", p.Run, p.Seed, m.RunSeed(p.Point, p.Replicate), errCorrupt)
	case len(p.Params) != len(m.Parameters):
		return fmt.Errorf("part of run %d: %d parameters, the sweep has %d: %w", p.Run, len(p.Params), len(m.Parameters), errCorrupt)
	}
	return nil
}

// writeHeader writes a CSV header of the columns cols.
func writeHeader(w io.Writer, cols ...[]string) error {
	cw := csvrow.NewWriter(w)
	cw.Header(cols...)
	return cw.Err()
}

// A columnMap maps the indicator columns of a part to those of the sweep.
type columnMap struct {
	cols  []string // of the last part
	index []int    // in the sweep's columns, of each of cols
}

// of returns, for each indicator of the sweep m, its index in the summary
// of p, or -1.
func (c *columnMap) of(m *Manifest, p *part) []int {
	if c.index != nil && slices.Equal(c.cols, p.Columns) {
		return c.index
	}
	pos := make(map[string]int, len(p.Columns))
	for i, name := range p.Columns {
		pos[name] = i
	}
	c.cols, c.index = p.Columns, make([]int, len(m.Indicators))
	for i, name := range m.Indicators {
		j, ok := pos[name]
		if !ok {
			j = -1
		}
		c.index[i] = j
	}
	return c.index
}

// value returns indicator i of the sweep in the summary of p, NaN if p
// has none.
func value(p *part, index []int, i int) float64 {
	if j := index[i]; j >= 0 {
		return p.Summary[j]
	}
	return math.NaN()
}

// A csvWriter writes runs.csv and timeseries.csv.
type csvWriter struct {
	m            *Manifest
	runs, series io.Writer
	cols         columnMap
	r            *csvrow.Writer // of runs
	buf          []byte         // a block of timeseries.csv
	started      bool
	err          error
}

func newCSVWriter(m *Manifest, runs, series io.Writer) *csvWriter {
	return &csvWriter{m: m, runs: runs, series: series, r: csvrow.NewWriter(runs)}
}

func (c *csvWriter) header() error {
	var params []string
	for _, p := range c.m.Parameters {
		params = append(params, p.Path)
	}
	if err := writeHeader(c.runs, runsHeader, params, c.m.Indicators); err != nil {
		return err
	}
	return writeHeader(c.series, seriesHeader)
}

func (c *csvWriter) write(p *part) error {
	if !c.started {
		c.started = true
		if err := c.header(); err != nil {
			return err
		}
	}
	r := c.r
	r.Int(int64(p.Run))
	r.Text(p.Scenario)
	r.Int(int64(p.Point))
	r.Int(int64(p.Replicate))
	r.Uint(p.Seed)
	for _, v := range p.Params {
		r.Text(v)
	}
	index := c.cols.of(c.m, p)
	for i := range c.m.Indicators {
		r.Float(value(p, index, i))
	}
	r.End()
	if err := r.Err(); err != nil {
		return err
	}
	if len(p.Keys) == 0 {
		return nil
	}
	// The time series: the fields that repeat are formatted once.
	keys := make([][]byte, len(p.Keys))
	for i, k := range p.Keys {
		var b []byte
		b = csvrow.AppendText(b, k[0])
		b = append(b, ',')
		b = csvrow.AppendText(b, k[1])
		b = append(b, ',')
		b = csvrow.AppendText(b, k[2])
		keys[i] = b
	}
	run := strconv.Itoa(p.Run)
	buf := c.buf[:0]
	for s := range p.Steps {
		date := p.Start.AddDays(s * p.StepDays).String()
		vals := p.Series[s*len(p.Keys) : (s+1)*len(p.Keys)]
		for i, v := range vals {
			buf = append(buf, run...)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(s), 10)
			buf = append(buf, ',')
			buf = append(buf, date...)
			buf = append(buf, ',')
			buf = append(buf, keys[i]...)
			buf = append(buf, ',')
			buf = csvrow.AppendFloat(buf, v)
			buf = append(buf, '\n')
			if len(buf) > 1<<16 {
				if _, err := c.series.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
	}
	_, err := c.series.Write(buf)
	c.buf = buf[:0]
	return err
}

func (c *csvWriter) close() error {
	if !c.started {
		c.started = true
		return c.header()
	}
	return nil
}

// seriesRow is a row of timeseries.parquet.
type seriesRow struct {
	Run    int64    `parquet:"run"`
	Step   int32    `parquet:"step"`
	Date   int32    `parquet:"date,date"`
	Zone   string   `parquet:"zone,dict"`
	Group  string   `parquet:"group,dict"`
	Metric string   `parquet:"metric,dict"`
	Count  *int64   `parquet:"count,optional"` // the value of a count metric (outputs.IntegerMetric), as an integer
	Value  *float64 `parquet:"value,optional"`
}

// Rows per row group of the Parquet files: they bound the memory the
// writers use.
const (
	runsRowGroup   = 1 << 10
	seriesRowGroup = 1 << 20
)

// A parquetWriter writes runs.parquet and timeseries.parquet.
type parquetWriter struct {
	m      *Manifest
	cols   columnMap
	runs   *parquet.Writer
	series *parquet.GenericWriter[seriesRow]

	rowType reflect.Type // of a row of runs.parquet
	row     reflect.Value
	batch   []seriesRow
	values  []float64
	counts  []int64 // the values of count metrics, as integers
}

func newParquetWriter(m *Manifest, runs, series io.Writer) (*parquetWriter, error) {
	// runs.parquet: a struct type made for the sweep's columns, in the
	// order of runs.csv (a Go struct keeps its field order).
	tag := outputs.ParquetTag
	fields := []reflect.StructField{
		{Name: "Run", Type: reflect.TypeFor[int64](), Tag: tag("run", "")},
		{Name: "Scenario", Type: reflect.TypeFor[string](), Tag: tag("scenario", ",dict")},
		{Name: "Point", Type: reflect.TypeFor[int64](), Tag: tag("point", "")},
		{Name: "Replicate", Type: reflect.TypeFor[int64](), Tag: tag("replicate", "")},
		{Name: "Seed", Type: reflect.TypeFor[int64](), Tag: tag("seed", "")},
	}
	for i, p := range m.Parameters {
		f := reflect.StructField{Name: fmt.Sprintf("P%d", i), Tag: tag(p.Path, "")}
		switch p.Kind {
		case scenarios.KindInt:
			f.Type = reflect.TypeFor[int64]()
		case scenarios.KindFloat:
			f.Type = reflect.TypeFor[float64]()
		case scenarios.KindDate:
			f.Type, f.Tag = reflect.TypeFor[int32](), tag(p.Path, ",date")
		case scenarios.KindBool:
			f.Type = reflect.TypeFor[bool]()
		default:
			f.Type, f.Tag = reflect.TypeFor[string](), tag(p.Path, ",dict")
		}
		fields = append(fields, f)
	}
	fields = append(fields, outputs.IndicatorFields(m.Indicators, "I")...)
	w := &parquetWriter{m: m, rowType: reflect.StructOf(fields)}
	w.row = reflect.New(w.rowType)
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("runs.parquet schema: %v", p)
			}
		}()
		schema := parquet.SchemaOf(w.row.Interface())
		w.runs = parquet.NewWriter(runs, append(outputs.ParquetOptions(runsRowGroup), schema)...)
	}()
	if err != nil {
		return nil, err
	}
	w.series = parquet.NewGenericWriter[seriesRow](series, outputs.ParquetOptions(seriesRowGroup)...)
	return w, nil
}

func (w *parquetWriter) write(p *part) error {
	r := w.row.Elem()
	r.Field(0).SetInt(int64(p.Run))
	r.Field(1).SetString(p.Scenario)
	r.Field(2).SetInt(int64(p.Point))
	r.Field(3).SetInt(int64(p.Replicate))
	r.Field(4).SetInt(int64(p.Seed))
	for i, mp := range w.m.Parameters {
		f, s := r.Field(5+i), p.Params[i]
		var err error
		switch mp.Kind {
		case scenarios.KindInt:
			var v int64
			v, err = strconv.ParseInt(s, 10, 64)
			f.SetInt(v)
		case scenarios.KindFloat:
			var v float64
			v, err = strconv.ParseFloat(s, 64)
			f.SetFloat(v)
		case scenarios.KindDate:
			var d sim.Date
			d, err = sim.ParseDate(s)
			f.SetInt(int64(outputs.EpochDay(d)))
		case scenarios.KindBool:
			var v bool
			v, err = strconv.ParseBool(s)
			f.SetBool(v)
		default:
			f.SetString(s)
		}
		if err != nil {
			return fmt.Errorf("part of run %d: parameter %s: %w", p.Run, mp.Path, err)
		}
	}
	index := w.cols.of(w.m, p)
	base := 5 + len(w.m.Parameters)
	for i := range w.m.Indicators {
		outputs.SetIndicator(r.Field(base+i), value(p, index, i))
	}
	if err := w.runs.Write(w.row.Interface()); err != nil {
		return fmt.Errorf("write %s: %w", RunsParquet, err)
	}

	if len(p.Keys) == 0 {
		return nil
	}
	n := p.Steps * len(p.Keys)
	w.batch = slices.Grow(w.batch[:0], n)[:n]
	w.values = append(w.values[:0], p.Series...)
	w.counts = slices.Grow(w.counts[:0], n)[:n]
	i := 0
	for s := range p.Steps {
		date := outputs.EpochDay(p.Start.AddDays(s * p.StepDays))
		for _, k := range p.Keys {
			row := seriesRow{Run: int64(p.Run), Step: int32(s), Date: date, Zone: k[0], Group: k[1], Metric: k[2]}
			if v := w.values[i]; !math.IsNaN(v) {
				row.Value = &w.values[i]
				if w.counts[i] = int64(math.Round(v)); outputs.IntegerMetric(k[2]) {
					row.Count = &w.counts[i]
				}
			}
			w.batch[i] = row
			i++
		}
	}
	if _, err := w.series.Write(w.batch); err != nil {
		return fmt.Errorf("write %s: %w", SeriesParquet, err)
	}
	return nil
}

func (w *parquetWriter) close() error {
	if err := w.runs.Close(); err != nil {
		return fmt.Errorf("write %s: %w", RunsParquet, err)
	}
	if err := w.series.Close(); err != nil {
		return fmt.Errorf("write %s: %w", SeriesParquet, err)
	}
	return nil
}

// writeFailures writes failures.csv.
func writeFailures(w io.Writer, fs []Failure) error {
	r := csvrow.NewWriter(w)
	r.Header(failuresHeader)
	for _, f := range fs {
		r.Int(int64(f.Run))
		r.Text(f.Scenario)
		r.Int(int64(f.Point))
		r.Int(int64(f.Replicate))
		r.Uint(f.Seed)
		r.Text(f.Error)
		r.End()
	}
	return r.Err()
}
