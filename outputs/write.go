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
	SummaryFile    = "summary.csv"
	TimeSeriesFile = "timeseries.csv"
	EventsFile     = "events.csv"
	ManifestFile   = "manifest.json"
)

// Names of the files the acled commands add to a run directory.
const (
	ACLEDExportFile  = "events_acled.csv"  // the run's events in ACLED's layout
	ACLEDCompareFile = "acled_compare.csv" // an ACLED export compared with the run
)

// Headers of the CSV files, before the indicator columns for summary.csv.
var (
	summaryHeader    = []string{"rep", "seed"}
	timeSeriesHeader = []string{"rep", "step", "date", "zone", "group", "metric", "value"}
	eventsHeader     = []string{"rep", "step", "date", "type", "perpetrator", "label", "target", "against",
		"claimed", "fatalities", "displaced", "latitude", "longitude", "country", "admin1", "zone", "cell"}
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

// WriteRun writes the files of a run to dir: summary.csv, timeseries.csv,
// events.csv and manifest.json, in that order, and sets m.Files to their
// names. It writes into a new temporary directory beside dir, then renames
// it to dir, so dir holds either a complete run or nothing new: on error
// the temporary directory is removed. If dir exists WriteRun fails as
// CheckOutDir does: wrapping ErrExists unless force is true, and wrapping
// ErrNotOurs if force is true but sahelsim did not write dir. The parent
// of dir is created if needed.
func WriteRun(dir string, force bool, m *Manifest, reps []*Replicate) error {
	return WriteRunContext(context.Background(), dir, force, m, reps, nil)
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
	m.Files = []string{SummaryFile, TimeSeriesFile, EventsFile, ManifestFile}
	return ReplaceDir(dir, force, func(tmp string) error {
		for _, f := range []struct {
			name  string
			write func(io.Writer) error
		}{
			{SummaryFile, func(w io.Writer) error { return WriteSummary(w, reps) }},
			{TimeSeriesFile, func(w io.Writer) error { return WriteTimeSeries(w, reps) }},
			{EventsFile, func(w io.Writer) error { return WriteEvents(w, reps) }},
			{ManifestFile, m.Write},
		} {
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
// by replicate, step, metric (in the order of Metrics), zone and group.
func WriteTimeSeries(w io.Writer, reps []*Replicate) error {
	if err := checkReplicates(reps); err != nil {
		return err
	}
	rw := csvrow.NewWriter(w)
	rw.Header(timeSeriesHeader)
	l := reps[0].layout
	metrics := l.metrics
	for _, r := range reps {
		for s := range r.Steps {
			f := r.frame(s)
			date := r.Clock.Date(s).String()
			for m, md := range metrics {
				zs, gs := l.dims(md.by)
				for zi, z := range zs {
					for gi, g := range gs {
						rw.Int(int64(r.Rep))
						rw.Int(int64(s))
						rw.Text(date)
						rw.Text(z)
						rw.Text(g)
						rw.Text(md.name)
						rw.Float(f[l.at(m, zi, gi)])
						rw.End()
						if rw.Err() != nil {
							return rw.Err()
						}
					}
				}
			}
		}
	}
	return rw.Err()
}

// WriteEvents writes events.csv, one row per event of every replicate:
// "rep,step,date,type,perpetrator,label,target,against,claimed,fatalities,
// displaced,latitude,longitude,country,admin1,zone,cell". Actors and labels
// are named as by agents.ActorID; against is empty when no group was hit.
func WriteEvents(w io.Writer, reps []*Replicate) error {
	if err := checkReplicates(reps); err != nil {
		return err
	}
	rw := csvrow.NewWriter(w)
	rw.Header(eventsHeader)
	for _, r := range reps {
		g := r.Grid
		for i := range r.Events {
			e := &r.Events[i]
			c := &g.Cells[e.Cell]
			rw.Int(int64(r.Rep))
			rw.Int(int64(e.Step))
			rw.Text(r.Clock.Date(int(e.Step)).String())
			rw.Text(e.Type.String())
			rw.Text(agents.ActorID(e.Perpetrator))
			rw.Text(agents.ActorID(e.Label))
			rw.Text(e.Target.String())
			if e.Against >= 0 {
				rw.Text(agents.ActorID(e.Against))
			} else {
				rw.Text("")
			}
			rw.Text(strconv.FormatBool(e.Claimed))
			rw.Int(int64(e.Fatalities))
			rw.Int(int64(e.Displaced))
			rw.Float(c.Lat)
			rw.Float(c.Lon)
			rw.Text(g.Country(int(e.Cell)))
			rw.Text(g.Regions[c.Region].Name)
			rw.Text(r.Zones[r.CellZone[e.Cell]])
			rw.Int(int64(e.Cell))
			rw.End()
			if rw.Err() != nil {
				return rw.Err()
			}
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
