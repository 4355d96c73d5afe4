package sweep

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Format is the version of the layout of a sweep directory: of its
// manifest and part files (outputs.SweepFormat).
const Format = outputs.SweepFormat

// Names of the files of a sweep directory.
const (
	ManifestFile   = outputs.ManifestFile
	RunsCSV        = outputs.RunsFile
	SeriesCSV      = "timeseries.csv"
	RunsParquet    = "runs.parquet"
	SeriesParquet  = "timeseries.parquet"
	FailuresCSV    = "failures.csv"
	PartsDir       = "parts"
	SlurmDir       = "slurm"
	CompareCSV     = outputs.CompareFile
	partsPerBucket = 1000
)

// Errors of Prepare, tested with errors.Is.
var (
	// ErrOtherSweep: the directory holds the results of another sweep.
	ErrOtherSweep = errors.New("the directory holds another sweep")
	// ErrNotSweep: the directory holds files that are not a sweep's.
	ErrNotSweep = outputs.ErrNotSweep
)

// Series says which time series a sweep records for each run: the levels
// of outputs.SeriesLevel (a sweep's default is SeriesTotals).
type Series = outputs.SeriesLevel

// Levels of time series (outputs.SeriesLevel).
const (
	SeriesTotals  = outputs.SeriesTotals  // the zone and group totals (the default)
	SeriesFull    = outputs.SeriesFull    // every breakdown
	SeriesNone    = outputs.SeriesNone    // none
	SeriesOverall = outputs.SeriesOverall // each metric over every zone and group
)

// ParseSeries returns the Series named s (outputs.ParseSeries).
func ParseSeries(s string) (Series, error) { return outputs.ParseSeries(s) }

// A Shard is one of Count disjoint parts of a sweep: the runs with
// run % Count == Index. The zero Shard is the whole sweep.
type Shard struct {
	Index, Count int
}

// Whole reports whether s is the whole sweep (not sharded).
func (s Shard) Whole() bool { return s.Count == 0 }

// Has reports whether run belongs to s.
func (s Shard) Has(run int) bool { return s.Count == 0 || run%s.Count == s.Index }

// String formats s as "i/n", or "all".
func (s Shard) String() string {
	if s.Whole() {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// ParseShard parses "i/n": shard i of n, 0 ≤ i < n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: want i/n, e.g. 0/4", s)
	}
	if n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want 0 ≤ i < n", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// SlurmShard returns the shard of this process if it is a task of a
// Slurm job array: task SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of
// SLURM_ARRAY_TASK_COUNT. ok is false outside a job array. getenv is
// os.Getenv, or a stand-in.
func SlurmShard(getenv func(string) string) (s Shard, ok bool, err error) {
	id := getenv("SLURM_ARRAY_TASK_ID")
	if id == "" {
		return Shard{}, false, nil
	}
	num := func(name string) (int, error) {
		v, err := strconv.Atoi(getenv(name))
		if err != nil {
			return 0, fmt.Errorf("slurm job array: %s=%q: want an integer", name, getenv(name))
		}
		return v, nil
	}
	var task, lo, hi, count int
	if task, err = num("SLURM_ARRAY_TASK_ID"); err == nil {
		if lo, err = num("SLURM_ARRAY_TASK_MIN"); err == nil {
			if hi, err = num("SLURM_ARRAY_TASK_MAX"); err == nil {
				count, err = num("SLURM_ARRAY_TASK_COUNT")
			}
		}
	}
	if err != nil {
		return Shard{}, true, err
	}
	if hi-lo+1 != count || task < lo || task > hi {
		return Shard{}, true, fmt.Errorf("slurm job array %d-%d of %d tasks: the task ids must run from min to max in steps of 1 (or give --shard i/n)", lo, hi, count)
	}
	return Shard{Index: task - lo, Count: count}, true, nil
}

// DefaultWorkers returns the number of runs to run at once: the CPUs this
// process may use (sim.Workers, which follows the CPU affinity that Slurm
// sets), or SLURM_CPUS_PER_TASK if it is set and smaller. getenv is
// os.Getenv, or a stand-in.
func DefaultWorkers(getenv func(string) string) int {
	w := sim.Workers()
	if n, err := strconv.Atoi(getenv("SLURM_CPUS_PER_TASK")); err == nil && n > 0 {
		w = min(w, n)
	}
	return max(w, 1)
}

// Manifest, ManifestScenario and ManifestParam are the manifest of a
// sweep directory and its parts, which package outputs reads
// (outputs.ReadSweep) and this package writes.
type (
	Manifest         = outputs.SweepManifest
	ManifestScenario = outputs.SweepScenario
	ManifestParam    = outputs.SweepParam
)

// Streams and RunOrder are the manifest's explanations of the seeds and
// of the numbering of runs.
const (
	Streams = "run (point, replicate) draws from sim.Stream(seeds[replicate]), with seeds[replicate] = sim.ReplicateSeed(seed, replicate): the same at every point (common random numbers), and the same as replicate r of 'sahelsim run SCENARIO --seed SEED'; 'sahelsim run POINT.toml --seed seeds[replicate] --reps 1' reproduces one run"
	// StreamsPoint is Streams for a design with streams = "point".
	StreamsPoint = "run (point, replicate) draws from sim.Stream(scenarios.PointSeed(seed, point mod design points, replicate)): each design point its own random numbers, shared by the base scenarios at the same design point; seeds[replicate] = sim.ReplicateSeed(seed, replicate) is the base of replicate's seeds; 'sahelsim run POINT.toml --seed SEED --reps 1' reproduces a run, its seed in runs.csv"
	RunOrder     = "run = replicate × points + point; point = scenario × design points + design point"
)

// NewManifest returns the manifest of sw recording the given time series,
// made by build b.
func NewManifest(sw *scenarios.Sweep, series Series, b outputs.Build) (*Manifest, error) {
	m := &Manifest{
		Format:      Format,
		Sweep:       sw.Name,
		Description: sw.Description,
		Design:      sw.Design,
		Points:      sw.NumPoints(),
		Replicates:  sw.Replicates,
		Runs:        sw.NumRuns(),
		Seed:        sw.Seed,
		Streams:     Streams,
		RunOrder:    RunOrder,
		Series:      series.String(),
		Patterns:    sw.Patterns,
		Files:       []string{ManifestFile, RunsCSV, SeriesCSV, RunsParquet, SeriesParquet},
		Build:       b,
		SweepTOML:   string(sw.Text),
	}
	for r := range sw.Replicates {
		m.Seeds = append(m.Seeds, sim.ReplicateSeed(sw.Seed, r))
	}
	for i, sc := range sw.Scenarios {
		var buf bytes.Buffer
		if err := scenarios.Encode(&buf, sc); err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		m.Scenarios = append(m.Scenarios, ManifestScenario{Name: sc.Name, Ref: sw.Refs[i], TOML: buf.String()})
	}
	for _, p := range sw.Parameters {
		mp := ManifestParam{Path: p.Path, Kind: p.Kind, Steps: p.Steps}
		for _, v := range p.Values {
			mp.Values = append(mp.Values, scenarios.FormatValue(v))
		}
		if p.Values == nil {
			mp.Min, mp.Max = scenarios.FormatValue(p.Min), scenarios.FormatValue(p.Max)
		}
		m.Parameters = append(m.Parameters, mp)
	}
	// The indicator columns: for the zones of the base scenarios (a
	// parameter can change a zone, not add one) and the calendar years of
	// every point's clock.
	type clock struct {
		scenario   int
		start, end sim.Date
		stepDays   int
	}
	seen := map[clock]bool{}
	var ps []*agents.Params
	for p := range sw.NumPoints() {
		pt := sw.Point(p)
		base := &sw.Scenarios[pt.Scenario].Params
		c := clock{pt.Scenario, base.Start, base.End, base.StepDays}
		for j, par := range sw.Parameters {
			switch par.Path {
			case "start":
				c.start = pt.Values[j].(sim.Date)
			case "end":
				c.end = pt.Values[j].(sim.Date)
			case "step_days":
				c.stepDays = int(pt.Values[j].(int64))
			}
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		q := *base // the fields IndicatorColumns reads: the zones and the clock
		q.Start, q.End, q.StepDays = c.start, c.end, c.stepDays
		ps = append(ps, &q)
	}
	epsteins := 0
	for _, sc := range sw.Scenarios {
		if sc.Model == "epstein" {
			epsteins++
		}
	}
	if sw.Design.Streams == scenarios.StreamsPoint {
		m.Streams = StreamsPoint
	}
	if sw.Patterns && epsteins > 0 {
		return nil, &scenarios.Error{Key: "patterns", Err: fmt.Errorf("the patterns of the training window are the Sahel model's, not Epstein's: %w", scenarios.ErrInvalid)}
	}
	switch epsteins {
	case 0:
		m.Indicators = outputs.IndicatorColumns(ps...)
		if sw.Patterns {
			m.Indicators = append(m.Indicators, evidence.PatternIDs()...)
		}
	case len(sw.Scenarios):
		m.Indicators = outputs.EpsteinColumns() // the reference model: one engine, two models
	default:
		return nil, &scenarios.Error{Key: "scenarios", Err: fmt.Errorf("a sweep runs one model: the Sahel model or Epstein's, not both: %w", scenarios.ErrInvalid)}
	}
	m.Hash = manifestHash(m, sw)
	return m, nil
}

// hash returns the hash of what determines the results of the sweep: the
// format, the base scenarios, the parameters, every point, the replicates
// and seeds, the time series and the columns.
func manifestHash(m *Manifest, sw *scenarios.Sweep) string {
	h := sha256.New()
	id := *m
	id.Sweep, id.Description, id.Hash, id.Build, id.SweepTOML = "", "", "", outputs.Build{}, ""
	for i := range id.Scenarios {
		id.Scenarios[i].Ref = ""
	}
	b, _ := json.Marshal(&id)
	h.Write(b)
	for p := range sw.NumPoints() {
		fmt.Fprintf(h, "\n%d: %s", p, sw.Describe(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ReadManifest reads the manifest of the sweep directory dir
// (outputs.ReadSweepManifest).
func ReadManifest(dir string) (*Manifest, error) { return outputs.ReadSweepManifest(dir) }

// Prepare makes dir the directory of the sweep of m: it creates it with
// m's manifest, or checks that the manifest it holds is of the same sweep
// (the same hash) and returns that one. It fails, wrapping ErrOtherSweep,
// if dir holds another sweep, and wrapping ErrNotSweep if dir holds files
// that are not a sweep's. Shards may call it at the same time.
func Prepare(dir string, m *Manifest) (*Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	path := filepath.Join(dir, ManifestFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		// Without its manifest, nothing in the directory can be checked
		// against this sweep: its parts may be another sweep's.
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.Name() == outputs.LockFile || strings.HasPrefix(e.Name(), outputs.TempPrefix) {
				continue
			}
			what := "a file that is not a sweep's"
			if slices.Contains([]string{RunsCSV, SeriesCSV, RunsParquet, SeriesParquet, FailuresCSV, PartsDir, SlurmDir, CompareCSV}, e.Name()) {
				what = "the results of a sweep whose manifest is missing: they cannot be checked against this sweep"
			}
			return nil, fmt.Errorf("%w: %s has no %s and holds %s, %s (restore its manifest, or use another --out)",
				ErrNotSweep, dir, ManifestFile, e.Name(), what)
		}
		// Link, not rename: of shards starting together, one writes the
		// manifest and the others read it.
		f, err := outputs.CreateAtomic(context.Background(), path)
		if err != nil {
			return nil, err
		}
		if err := m.Write(f); err != nil {
			f.Discard()
			return nil, err
		}
		if err := f.CommitNew(); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
	old, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if old.Hash != m.Hash {
		return nil, fmt.Errorf("%w: %s holds sweep %q (hash %.12s), not this one (hash %.12s): use another --out, or remove it",
			ErrOtherSweep, dir, old.Sweep, old.Hash, m.Hash)
	}
	return old, nil
}
