package outputs

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/csvrow"
)

// Names of the files of a run, in the order WriteRun writes them.
const (
	SummaryFile      = "summary.csv"
	TimeSeriesFile   = "timeseries.csv"
	EventsFile       = "events.csv"       // one row per event (violence, operations, reprisals, banditry)
	DefectionsFile   = "defections.csv"   // one row per fighter who left his group
	DisplacementFile = "displacement.csv" // one row per cell and step people fled
	CellsFile        = "cells.csv"        // one row per cell of the grid: where it is, its zone
	ManifestFile     = "manifest.json"
)

// RunFormat is the version of the layout of a run directory, recorded in
// its manifest: format 2 has one row per event in events.csv, defections
// and displacement in their own files, cells.csv, and the time series
// level of Manifest.Series. ReadRun reads format 2 only.
const RunFormat = 2

// Names of the files the acled commands add to a run directory.
const (
	ACLEDExportFile  = "events_acled.csv"  // the run's events in ACLED's layout
	ACLEDCompareFile = "acled_compare.csv" // an ACLED export compared with the run
)

// Headers of the CSV files, before the indicator columns for summary.csv.
var (
	summaryHeader    = []string{"rep", "seed"}
	timeSeriesHeader = []string{"rep", "step", "date", "zone", "group", "metric", "value"}
	eventsHeader     = []string{"rep", "step", "date", "type", "militant", "perpetrator", "label", "against",
		"against_label", "target", "claimed", "fatalities", "cell"}
	defectionsHeader   = []string{"rep", "step", "date", "group", "cell"}
	displacementHeader = []string{"rep", "step", "date", "displaced", "cell"}
	cellsHeader        = []string{"cell", "latitude", "longitude", "country", "admin1", "zone", "population"}
)

// RunsDir is the directory under which output directories go by
// default: runs/<name>-seed<seed>, runs/<sweep name>, …
const RunsDir = "runs"

// DefaultDir returns the default output directory RunsDir/name. name is
// a scenario or sweep name with a suffix, which never holds a path
// separator or "..": DefaultDir checks it all the same, so that a default
// directory is always under RunsDir.
func DefaultDir(name string) (string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) {
		return "", fmt.Errorf("output directory %q: a name must stay under %s/ (give --out)", name, RunsDir)
	}
	return filepath.Join(RunsDir, name), nil
}

// DefaultRunDir returns the default directory of a run of the scenario
// name (or "scenario" if it has none) from seed: RunsDir/NAME-seedSEED.
func DefaultRunDir(name string, seed uint64) (string, error) {
	if name == "" {
		name = "scenario"
	}
	return DefaultDir(fmt.Sprintf("%s-seed%d", name, seed))
}

// ErrExists is wrapped by the error of CheckOutDir and WriteRun when the
// output directory exists and force is false.
var ErrExists = errors.New("output directory exists")

// WriteRun writes the files of a run to dir, in the order of RunFiles:
// summary.csv, timeseries.csv (the rows of the level m.Series), events.csv,
// defections.csv, displacement.csv, cells.csv, and their Parquet twins if
// m.Formats lists "parquet", then manifest.json, and sets m.Files to their
// names. It writes into a new temporary directory beside dir, then renames
// it to dir, so dir holds either a complete run or nothing new: on error
// the temporary directory is removed. If dir exists WriteRun fails as
// CheckOutDir does: wrapping ErrExists unless force is true, and wrapping
// ErrNotOurs if force is true but sahelsim did not write dir. The parent
// of dir is created if needed.
func WriteRun(dir string, force bool, m *Manifest, reps []*Replicate) error {
	return WriteRunContext(context.Background(), dir, force, m, reps, nil)
}

// A runFile is a file of a run and its writer.
type runFile struct {
	name  string
	write func(io.Writer) error
}

// runFiles returns the files of a run of reps as m describes it, the
// manifest last.
func runFiles(m *Manifest, reps []*Replicate) ([]runFile, error) {
	level, err := ParseSeries(m.Series)
	if err != nil {
		return nil, fmt.Errorf("outputs: manifest: %w", err)
	}
	files := []runFile{
		{SummaryFile, func(w io.Writer) error { return WriteSummary(w, reps) }},
		{TimeSeriesFile, func(w io.Writer) error { return WriteTimeSeries(w, reps, level) }},
		{EventsFile, func(w io.Writer) error { return WriteEvents(w, reps) }},
		{DefectionsFile, func(w io.Writer) error { return WriteDefections(w, reps) }},
		{DisplacementFile, func(w io.Writer) error { return WriteDisplacement(w, reps) }},
		{CellsFile, func(w io.Writer) error { return WriteCells(w, reps[0]) }},
	}
	for _, f := range m.Formats {
		switch f {
		case FormatCSV:
		case FormatParquet:
			files = append(files, parquetFiles(reps, level)...)
		default:
			return nil, fmt.Errorf("outputs: format %q: want %s", f, strings.Join(Formats(), " or "))
		}
	}
	return append(files, runFile{ManifestFile, m.Write}), nil
}

// WriteRunContext is WriteRun stopping with ctx's error, leaving nothing,
// once ctx is done; more, if not nil, writes further files into the
// run's temporary directory once the run's own files are there (the
// figures, tables and report), so that they too are in place at once or
// not at all.
func WriteRunContext(ctx context.Context, dir string, force bool, m *Manifest, reps []*Replicate, more func(tmp string) error) (err error) {
	if err := CheckOutDir(dir, force); err != nil {
		return err
	}
	if err := checkReplicates(reps); err != nil {
		return err
	}
	m.Format = RunFormat
	if m.Series == "" {
		m.Series = SeriesOverall.String()
	}
	if len(m.Formats) == 0 {
		m.Formats = []string{FormatCSV}
	}
	files, err := runFiles(m, reps)
	if err != nil {
		return err
	}
	m.Files = m.Files[:0]
	for _, f := range files {
		m.Files = append(m.Files, f.name)
	}
	return ReplaceDir(dir, force, func(tmp string) error {
		for _, f := range files {
			if err := WriteFileContext(ctx, filepath.Join(tmp, f.name), f.write); err != nil {
				return err
			}
		}
		if more != nil {
			if err := more(tmp); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
}

// ReplaceDir makes dir atomically: it fills a new temporary directory
// beside dir (named with TempPrefix) with fill, then renames it to dir,
// so dir holds either the complete result or what it held before; on
// error the temporary directory is removed. If dir holds more than
// sahelsim's lock and temporary files, ReplaceDir fails as CheckOutDir
// does unless force is true and sahelsim wrote dir, in which case the
// old directory is moved aside and removed once the new one is in place.
// The parent of dir is created if needed. Runs and validations are
// written this way.
func ReplaceDir(dir string, force bool, fill func(tmp string) error) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create parent of %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, tempDirPrefix(base))
	if err != nil {
		return fmt.Errorf("create temporary directory for %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp, err)
	}
	if err := fill(tmp); err != nil {
		return err
	}
	return replaceDir(tmp, dir, force)
}

// replaceDir renames the complete directory tmp to dir. An existing dir
// (checked again: another process may have written it meanwhile) is
// first moved aside and removed only once tmp is in place.
func replaceDir(tmp, dir string, force bool) error {
	if _, err := os.Lstat(dir); err == nil {
		if err := CheckOutDir(dir, force); err != nil {
			return err
		}
		o, err := os.MkdirTemp(filepath.Dir(dir), tempDirPrefix(filepath.Base(dir)))
		if err != nil {
			return fmt.Errorf("replace %s: %w", dir, err)
		}
		old := filepath.Join(o, "old")
		if err := os.Rename(dir, old); err != nil {
			os.Remove(o)
			return fmt.Errorf("replace %s: %w", dir, err)
		}
		defer os.RemoveAll(o)
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir) // put the old directory back
			return fmt.Errorf("move the new directory into %s: %w", dir, err)
		}
		return nil
	}
	if err := os.Rename(tmp, dir); err != nil {
		if errors.Is(err, fs.ErrExist) || isNotEmpty(err) {
			return fmt.Errorf("%w: %s (use --force to replace it)", ErrExists, dir)
		}
		return fmt.Errorf("move the new directory into %s: %w", dir, err)
	}
	return nil
}

// isNotEmpty reports whether err is a rename failing on a non-empty
// directory in the way.
func isNotEmpty(err error) bool {
	var le *os.LinkError
	return errors.Is(err, syscall.ENOTEMPTY) || errors.As(err, &le) && strings.Contains(le.Err.Error(), "not empty")
}

// WriteFile creates path, which must not exist, and writes it with write,
// buffered.
func WriteFile(path string, write func(io.Writer) error) error {
	return WriteFileContext(context.Background(), path, write)
}

// WriteFileContext is WriteFile stopping with ctx's error once ctx is
// done.
func WriteFileContext(ctx context.Context, path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeBuffered(ctx, f, write); err != nil {
		f.Close()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeBuffered writes f with write through a buffer, checking ctx at
// each flush of the buffer.
func writeBuffered(ctx context.Context, f *os.File, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(ctxWriter{ctx, f}, 1<<16)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// checkReplicates checks that reps are replicates of one run: at least
// one, in order, with the same clock, zones and indicators.
func checkReplicates(reps []*Replicate) error {
	if len(reps) == 0 {
		return errors.New("outputs: no replicate to write")
	}
	r0 := reps[0]
	for i, r := range reps {
		if r == nil || r.layout == nil {
			return fmt.Errorf("outputs: replicate %d was not recorded", i)
		}
		if r.Clock != r0.Clock || !slices.Equal(r.Zones, r0.Zones) || !slices.Equal(r.Columns, r0.Columns) {
			return fmt.Errorf("outputs: replicate %d is not of the same run as replicate %d", r.Rep, r0.Rep)
		}
	}
	return nil
}

// FormatFloat formats v as the CSV files do: the shortest representation
// that parses back to v, and "" for NaN.
func FormatFloat(v float64) string { return string(csvrow.AppendFloat(nil, v)) }

// WriteSummary writes summary.csv: "rep,seed" and the indicator columns,
// one row per replicate.
func WriteSummary(w io.Writer, reps []*Replicate) error {
	if err := checkReplicates(reps); err != nil {
		return err
	}
	rw := csvrow.NewWriter(w)
	rw.Header(summaryHeader, reps[0].Columns)
	for _, r := range reps {
		rw.Int(int64(r.Rep))
		rw.Uint(r.Seed)
		for _, v := range r.Summary {
			rw.Float(v)
		}
		rw.End()
	}
	return rw.Err()
}

// WriteTimeSeries writes timeseries.csv: "rep,step,date,zone,group,metric,value",
// by replicate, step, metric (in the order of Metrics), zone and group,
// the rows level keeps.
func WriteTimeSeries(w io.Writer, reps []*Replicate, level SeriesLevel) error {
	if err := checkReplicates(reps); err != nil {
		return err
	}
	rw := csvrow.NewWriter(w)
	rw.Header(timeSeriesHeader)
	keys := reps[0].SeriesKeys(level)
	var vals []float64
	for _, r := range reps {
		for s := range r.Steps {
			date := r.Clock.Date(s).String()
			vals = r.SeriesStep(s, level, vals[:0])
			for i, k := range keys {
				rw.Int(int64(r.Rep))
				rw.Int(int64(s))
				rw.Text(date)
				rw.Text(k.Zone)
				rw.Text(k.Group)
				rw.Text(k.Metric)
				rw.Float(vals[i])
				rw.End()
			}
			if rw.Err() != nil {
				return rw.Err()
			}
		}
	}
	return rw.Err()
}

// Missing is how the CSV files write a missing value: an empty field,
// which pandas, R and DuckDB read as missing (NaN or NA). No file writes
// "none", "NA" or "NaN".
const Missing = ""

// actorField returns the field of actor or label code a: its output
// name (agents.ActorID), or Missing for no actor.
func actorField(a int8) string {
	if a == agents.ActorNone || a < 0 {
		return Missing
	}
	return agents.ActorID(a)
}

// InEventsFile reports whether e is written to events.csv: every event
// but defections (defections.csv) and displacement (displacement.csv).
func InEventsFile(e *agents.Event) bool {
	return e.Type != agents.Defection && e.Type != agents.Displacement
}

// RecordedLabel returns what the record names the perpetrator of e, as
// events.csv's label: the observer's label of the militant group, the
// criminals or the unknown perpetrator of an attack (agents.Event.Label),
// and for security operations and reprisals the forces or militia who
// carried them out, whose actions are recorded by who did them.
// AgainstLabel returns the label the record gives the group an operation
// engaged: the label the observed-label series and the attribution
// indicators count it under (agents.Event.Label of an operation).
func RecordedLabel(e *agents.Event) int8 {
	if e.Type == agents.Operation {
		return e.Perpetrator
	}
	return e.Label
}

// AgainstLabel returns the observed label of the group an operation
// engaged, or agents.ActorNone for any other event (see RecordedLabel).
func AgainstLabel(e *agents.Event) int8 {
	if e.Type == agents.Operation {
		return e.Label
	}
	return agents.ActorNone
}

// eventRows writes the rows of the events of every replicate that keep
// selects, each as the replicate, step and date, the fields of fields,
// then the cell: where the cell is, and its zone, are in cells.csv.
func eventRows(w io.Writer, reps []*Replicate, header []string, keep func(*agents.Event) bool, fields func(*csvrow.Writer, *agents.Event)) error {
	if err := checkReplicates(reps); err != nil {
		return err
	}
	rw := csvrow.NewWriter(w)
	rw.Header(header)
	for _, r := range reps {
		date, dateStep := "", int32(-1)
		for i := range r.Events {
			e := &r.Events[i]
			if !keep(e) {
				continue
			}
			if e.Step != dateStep {
				date, dateStep = r.Clock.Date(int(e.Step)).String(), e.Step
			}
			rw.Int(int64(r.Rep))
			rw.Int(int64(e.Step))
			rw.Text(date)
			fields(rw, e)
			rw.Int(int64(e.Cell))
			rw.End()
			if rw.Err() != nil {
				return rw.Err()
			}
		}
	}
	return rw.Err()
}

// WriteEvents writes events.csv, one row per event of every replicate but
// defections and displacement: "rep,step,date,type,militant,perpetrator,
// label,against,against_label,target,claimed,fatalities,cell".
// militant says whether the headline indicators and the time series
// count the event (agents.Event.Militant); label is RecordedLabel,
// against_label AgainstLabel; missing values are empty fields (Missing).
func WriteEvents(w io.Writer, reps []*Replicate) error {
	return eventRows(w, reps, eventsHeader, InEventsFile, func(rw *csvrow.Writer, e *agents.Event) {
		_, militant := e.Militant()
		rw.Text(e.Type.String())
		rw.Text(strconv.FormatBool(militant))
		rw.Text(actorField(e.Perpetrator))
		rw.Text(actorField(RecordedLabel(e)))
		rw.Text(actorField(e.Against))
		rw.Text(actorField(AgainstLabel(e)))
		if e.Target == agents.TargetNone {
			rw.Text(Missing)
		} else {
			rw.Text(e.Target.String())
		}
		rw.Text(strconv.FormatBool(e.Claimed))
		rw.Int(int64(e.Fatalities))
	})
}

// WriteDefections writes defections.csv, one row per fighter who left his
// group (every path out: realigned, criminal, into a programme, home):
// "rep,step,date,group,cell".
func WriteDefections(w io.Writer, reps []*Replicate) error {
	return eventRows(w, reps, defectionsHeader, func(e *agents.Event) bool { return e.Type == agents.Defection },
		func(rw *csvrow.Writer, e *agents.Event) { rw.Text(actorField(e.Perpetrator)) })
}

// WriteDisplacement writes displacement.csv, one row per cell and step
// people fled: "rep,step,date,displaced,cell", displaced being the
// people who fled.
func WriteDisplacement(w io.Writer, reps []*Replicate) error {
	return eventRows(w, reps, displacementHeader, func(e *agents.Event) bool { return e.Type == agents.Displacement },
		func(rw *csvrow.Writer, e *agents.Event) { rw.Int(int64(e.Displaced)) })
}

// WriteCells writes cells.csv, one row per cell of r's grid: "cell,
// latitude,longitude,country,admin1,zone,population" (the centre of the
// cell in degrees, its country's ISO 3166-1 alpha-3 code, its admin-1
// region, the run's zone of it, its inhabitants in its country's census
// year). Every file with a cell column joins it on cell. A model without
// a grid has no cells: the file holds its header.
func WriteCells(w io.Writer, r *Replicate) error {
	rw := csvrow.NewWriter(w)
	rw.Header(cellsHeader)
	if g := r.Grid; g != nil {
		for i := range g.Cells {
			c := &g.Cells[i]
			rw.Int(int64(i))
			rw.Float(c.Lat)
			rw.Float(c.Lon)
			rw.Text(g.Country(i))
			rw.Text(g.Regions[c.Region].Name)
			rw.Text(r.Zones[r.CellZone[i]])
			rw.Float(c.Population)
			rw.End()
		}
	}
	return rw.Err()
}

// Write writes m as indented JSON.
func (m *Manifest) Write(w io.Writer) error { return writeJSON(w, m) }

// writeJSON writes the manifest m as indented JSON, ending in a newline.
func writeJSON(w io.Writer, m any) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
