package scenarios

import (
	"bytes"
	"io"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/schema"
	"github.com/sahelsim/sahelsim/internal/textdist"

	"github.com/BurntSushi/toml"

	"github.com/sahelsim/sahelsim/sim"
)

// This file reads sweep files; the format is documented on Sweep.

// Design kinds: how the points of a sweep are chosen.
const (
	Grid  = "grid"  // every combination of the parameters' values
	LHS   = "lhs"   // a Latin hypercube of Design.Points points
	Sobol = "sobol" // the first Design.Points points of a Sobol' sequence
	// Morris is a Morris screening design of Design.Points trajectories
	// of k+1 points each (k parameters, 4 levels); Saltelli is the
	// Saltelli design of Design.Points base points, k+2 points each, for
	// Sobol' indices. 'sahelsim sensitivity' analyses them
	// (internal/sensitivity).
	Morris   = "morris"
	Saltelli = "saltelli"
	// Points is an explicit list of parameter sets: the rows of a CSV
	// file (Design.File), one design point each, or Design.Draws of them
	// drawn by weight. It reads a posterior sample of 'sahelsim
	// calibrate', and is how calibrate runs the generations of ABC.
	Points = "points"
)

// Random streams of the runs (Design.Streams).
const (
	// StreamsCommon: replicate r of every point draws the same random
	// numbers (common random numbers), the default.
	StreamsCommon = "common"
	// StreamsPoint: each design point draws its own random numbers;
	// the base scenarios of a sweep still share them at the same design
	// point.
	StreamsPoint = "point"
)

// MorrisLevels is the number of levels of a Morris design.
const MorrisLevels = design.MorrisLevels

// Limits of a sweep file.
const (
	// MaxReplicates bounds the replicates of a sweep's points, and of a
	// run ('sahelsim run --reps'): the manifest lists every replicate's
	// seed.
	MaxReplicates = 100_000
	// MaxDesignValues bounds the values a sampled design holds in memory:
	// its points times its parameters.
	MaxDesignValues    = 10_000_000
	MaxSobolDimensions = design.MaxSobolDimensions // parameters of a Sobol' design
	MaxDesignPoints    = 1_000_000                 // points of a Latin hypercube or Sobol' design
	MaxRuns            = 100_000_000               // points × replicates

	// DefaultSteps is the number of values of a range in a grid without
	// steps: min, the quartiles and max.
	DefaultSteps = 5

	// MaxChecked is the number of points whose scenarios LoadSweep
	// builds and validates: every point of a sweep with at most
	// MaxChecked points, and MaxChecked points spread evenly over a larger
	// one. The scenario of every point is validated again when it runs.
	MaxChecked = 1000
)

// Kinds of parameter values, as in Parameter.Kind.
const (
	KindInt    = "int"
	KindFloat  = "float"
	KindDate   = "date"
	KindString = "string"
	KindBool   = "bool"
)

//go:embed sweeps/*.toml
var sweepFS embed.FS

// A Sweep is a sweep file, loaded: the base scenarios, resolved, the
// parameters and their values, the design that combines them into
// points, and the number of replicates of each point.
//
// # Sweep files
//
// A sweep file is a TOML file:
//
//	scenario = "reintegration"   # a built-in name, or a path relative to this file
//	replicates = 10              # of each point (default 10)
//	seed = 1                     # the sweep seed (default 1)
//	patterns = true              # record the ACLED patterns of every run (default false)
//	[design]
//	kind = "grid"                # grid (default), lhs, sobol, morris, saltelli or points
//	streams = "common"           # common (default) or point
//	[parameters]
//	"policy.reintegration.intensity" = [0.25, 0.5, 1.0]
//	"groups.flm.fighters" = { min = 1000, max = 4000 }
//
// scenarios = ["baseline", "reintegration", …] in place of scenario
// compares scenarios: every design point is run in each, so they compare
// point by point. over = "history" lays every base scenario over that
// scenario in place of the baseline (LoadOver): the levers in the world
// as it happened. name and description describe the sweep (name defaults
// to the file name without .toml).
//
// A parameter is a key of the scenario, by its dotted path (quoted, or
// written as dotted keys), that holds one value: an integer, a number, a
// date, a string or a boolean; it must exist in every base scenario
// (setting a key of a lever that is off turns the lever on with its
// defaults). name, description, extends, model and seed are not
// parameters. Its values are a list (dates as TOML dates or strings), or
// a range { min, max } of numbers or dates; every value must be allowed
// for the key, as in a scenario file.
//
// The design combines the parameters into design points:
//
//   - grid: every combination of the parameters' values, the first
//     parameter varying slowest. A range takes steps = k evenly spaced
//     values from min to max (DefaultSteps without steps), integers and
//     dates rounded.
//
//   - lhs: a Latin hypercube of points = N points: in every dimension,
//     one point in each of N equal strata, at a random place.
//
//   - sobol: the first points = N points of a Sobol' sequence (Joe–Kuo
//     direction numbers, up to MaxSobolDimensions parameters) with a
//     random digital shift; N a power of 2 stratifies each parameter
//     exactly.
//
//   - points: the rows of a CSV file (file = "…", relative to the sweep
//     file), whose columns name the parameters; no [parameters] table.
//     draws = N draws N rows by their weight column (see the file
//     sweep_points.go): how a sweep draws from the posterior sample of
//     'sahelsim calibrate'.
//
// A [posterior] table (file = "baseline" or a posterior.csv, draws = N)
// in place of [design] and [parameters] makes the sweep a points design
// over N draws of a posterior sample, each run in every base scenario
// (see sweep_posterior.go): how the robustness sweep draws its worlds.
//
// In lhs and sobol a point u in [0, 1) of a dimension gives min + u·(max −
// min) for a range of numbers, min + ⌊u·(max − min + 1)⌋ for integers and
// dates (each value equally likely), and the value ⌊u·n⌋ of a list of n.
// The random designs depend only on the sweep seed.
//
// streams = "point" gives each design point its own random numbers
// (PointSeed) instead of common random numbers: runs of different points
// are then independent, as approximate Bayesian computation needs. The
// base scenarios of a sweep still share them at the same design point.
//
// patterns = true makes every run record the patterns of the training
// window (package evidence: ACLED's events counted in the run as ACLED
// counts them) as extra columns of runs.csv, named by the patterns' ids
// (acled_events_2017h1, …). 'sahelsim calibrate' fits them.
//
// Errors are *Error, with the file, the line and the key (the parameter's
// path), and an unknown path names the nearest valid one:
//
//	sweep.toml:7: policy.reintegration.intensty: unknown key (did you mean "policy.reintegration.intensity"?)
//	sweep.toml:7: policy.reintegration.intensity: value 2 (1.5): want a value from 0 to 1, got 1.5
//
// # Points and runs
//
// The points are numbered from 0: point p is design point p % D of base
// scenario p / D, where D is the number of design points (the scenarios
// vary slowest, so every scenario sees the same design points). The runs
// are numbered replicate-major: run = replicate × NumPoints() + point, and
// run seeds come from sim.ReplicateSeed: the same for every point of a
// replicate, and those of 'sahelsim run --seed SEED' with the sweep's seed
// (from PointSeed with streams = "point").
type Sweep struct {
	Name        string // the file's name key, or the file name without .toml
	Description string
	File        string // the file as given to LoadSweep or ParseSweep; "scenarios/sweeps/NAME.toml" for a built-in
	Text        []byte // the text of the file

	// Refs are the base scenarios as the file names them (scenario, or
	// each of scenarios) and Scenarios the same, loaded and resolved.
	Refs      []string
	Scenarios []*Scenario
	// Over is the file's over key: the scenario every base scenario is
	// laid over in place of the baseline (LoadOver), "" for none.
	Over string

	Replicates int    // replicates of each point
	Seed       uint64 // the sweep seed: the seeds of the runs and the random design derive from it
	Design     Design
	Parameters []Parameter
	// Patterns says whether each run records the patterns of the
	// training window (package evidence) beside its headline indicators,
	// as columns of runs.csv: the sweep file's patterns = true.
	Patterns bool

	units  [][]float64 // lhs and sobol: the design points in [0, 1)^len(Parameters)
	points [][]any     // points: the values of each design point
}

// A Design says how the parameters' values combine into points.
type Design struct {
	Kind   string // Grid, LHS, Sobol, Morris, Saltelli or Points
	Points int    // LHS and Sobol: the number of design points (0 for Grid)

	// File is the CSV file of a Points design, as the sweep file names it
	// (relative to the sweep file); Draws, if not 0, the number of its
	// rows drawn by weight.
	File  string `json:"file,omitempty"`
	Draws int    `json:"draws,omitempty"`
	// Posterior says the points are draws of a posterior sample: the
	// sweep file's [posterior] table (sweep_posterior.go), which sets
	// Kind = Points, File and Draws. File is then a built-in sample's
	// name (PosteriorSamples) or a path.
	Posterior bool `json:"posterior,omitempty"`
	// Streams is StreamsCommon (written as "") or StreamsPoint.
	Streams string `json:"streams,omitempty"`
}

// A Parameter is a key of the scenario that the sweep varies: a list of
// values, or a range from Min to Max.
type Parameter struct {
	Path string // dotted path of the key in the scenario, e.g. "groups.flm.fighters"
	Kind string // KindInt, KindFloat, KindDate, KindString or KindBool

	// Values is the list of values, or nil for a range. Values, Min and
	// Max hold int64 for KindInt, float64, sim.Date, string or bool.
	Values   []any
	Min, Max any
	// Steps is the number of evenly spaced values of a range in a grid,
	// ends included (integers and dates rounded): the range's steps key,
	// DefaultSteps without it; 0 in other designs.
	Steps int

	line int // of the parameter in the file
}

// A Point is one combination of a base scenario and parameter values.
type Point struct {
	Index    int   // from 0
	Scenario int   // index of the base scenario in Sweep.Scenarios
	Values   []any // one per parameter, of its kind
}

// A Run is one replicate of one point.
type Run struct {
	ID        int // Replicate × NumPoints() + Point
	Point     int
	Replicate int
	// Seed is the run's own seed, sim.ReplicateSeed(sweep seed,
	// Replicate): the run draws from sim.Stream(Seed), as replicate
	// Replicate of 'sahelsim run --seed SWEEPSEED' and replicate 0 of
	// 'sahelsim run --seed Seed' do. It does not depend on the point, by
	// design: every point's replicate r draws the same random numbers
	// (common random numbers), so differences between points are
	// differences of the parameters, not of luck.
	Seed uint64
}

// SetReplicates sets the replicates of each point to n (a command's
// --reps, over the file's replicates): from 1 to MaxReplicates, and at
// most MaxRuns runs in all.
func (sw *Sweep) SetReplicates(n int) error {
	if n < 1 || n > MaxReplicates {
		return errorf(ErrRange, "%d replicates: want 1 to %d", n, MaxReplicates)
	}
	if p := sw.NumPoints(); p > MaxRuns/n {
		return errorf(ErrRange, "%d points × %d replicates: more than %d runs", p, n, MaxRuns)
	}
	sw.Replicates = n
	return nil
}

// NumDesignPoints returns the number of design points: the product of the
// numbers of values of the parameters for a grid (1 with no parameter),
// Design.Points otherwise.
func (sw *Sweep) NumDesignPoints() int {
	switch sw.Design.Kind {
	case Morris:
		return sw.Design.Points * (len(sw.Parameters) + 1)
	case Saltelli:
		return sw.Design.Points * (len(sw.Parameters) + 2)
	case LHS, Sobol:
		return sw.Design.Points
	case Points:
		return len(sw.points)
	}
	n := 1
	for i := range sw.Parameters {
		n *= sw.Parameters[i].gridSize()
	}
	return n
}

// NumPoints returns the number of points: base scenarios × design points.
func (sw *Sweep) NumPoints() int { return len(sw.Scenarios) * sw.NumDesignPoints() }

// NumRuns returns the number of runs: points × replicates.
func (sw *Sweep) NumRuns() int { return sw.NumPoints() * sw.Replicates }

// Run returns run id: its point, replicate and seed.
func (sw *Sweep) Run(id int) Run {
	p := sw.NumPoints()
	run := Run{ID: id, Point: id % p, Replicate: id / p, Seed: sim.ReplicateSeed(sw.Seed, id/p)}
	if sw.Design.Streams == StreamsPoint {
		run.Seed = PointSeed(sw.Seed, run.Point%sw.NumDesignPoints(), run.Replicate)
	}
	return run
}

// PointSeed returns the seed of replicate rep of design point dp in a
// sweep seeded with seed whose design has streams = "point": a SplitMix64
// hash of sim.ReplicateSeed(seed, rep) and dp, cut to 53 bits (sim.MaxSeed)
// so that every tool reads it exactly. Each design point draws its own
// random numbers; the base scenarios of the sweep share them at the same
// design point.
func PointSeed(seed uint64, dp, rep int) uint64 {
	return sim.Mix(sim.ReplicateSeed(seed, rep)^sim.Mix(uint64(dp)+0x706f696e74)) & sim.MaxSeed
}

// Point returns point p.
func (sw *Sweep) Point(p int) Point {
	d := sw.NumDesignPoints()
	pt := Point{Index: p, Scenario: p / d, Values: make([]any, len(sw.Parameters))}
	i := p % d
	if sw.Design.Kind == Points {
		copy(pt.Values, sw.points[i])
		return pt
	}
	if sw.Design.Kind == Grid {
		for j := len(sw.Parameters) - 1; j >= 0; j-- {
			par := &sw.Parameters[j]
			n := par.gridSize()
			pt.Values[j] = par.gridValue(i % n)
			i /= n
		}
		return pt
	}
	for j := range sw.Parameters {
		pt.Values[j] = sw.Parameters[j].unitValue(sw.units[i][j])
	}
	return pt
}

// PointScenario returns the scenario of point p: a copy of its base
// scenario with the point's values set, validated.
func (sw *Sweep) PointScenario(p int) (*Scenario, error) {
	pt := sw.Point(p)
	sc := sw.Scenarios[pt.Scenario].Clone()
	for j, v := range pt.Values {
		if err := sc.Set(sw.Parameters[j].Path, v); err != nil {
			return nil, err
		}
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

// Describe returns the parameters of point p as "path = value, …", with
// its scenario first if the sweep has several.
func (sw *Sweep) Describe(p int) string {
	pt := sw.Point(p)
	var parts []string
	if len(sw.Scenarios) > 1 {
		parts = append(parts, sw.Scenarios[pt.Scenario].Name)
	}
	for j, v := range pt.Values {
		parts = append(parts, sw.Parameters[j].Path+" = "+FormatValue(v))
	}
	return strings.Join(parts, ", ")
}

// FormatValue formats a parameter value as the sweep's tables do:
// integers in decimal, floats in their shortest round-trip form, dates
// as YYYY-MM-DD, booleans as true or false.
func FormatValue(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case sim.Date:
		return x.String()
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// gridSize returns the number of values of the parameter in a grid.
func (p *Parameter) gridSize() int {
	if p.Values != nil {
		return len(p.Values)
	}
	return p.Steps
}

// gridValue returns value i of the parameter in a grid.
func (p *Parameter) gridValue(i int) any {
	if p.Values != nil {
		return p.Values[i]
	}
	if i == p.Steps-1 {
		return p.Max
	}
	f := float64(i) / float64(p.Steps-1)
	switch lo := p.Min.(type) {
	case int64:
		return lo + int64(math.Round(f*float64(p.Max.(int64)-lo)))
	case sim.Date:
		return lo.AddDays(int(math.Round(f * float64(p.Max.(sim.Date).DaysSince(lo)))))
	}
	lo, hi := p.Min.(float64), p.Max.(float64)
	return lo + f*(hi-lo)
}

// unitValue returns the value of the parameter at u in [0, 1): for a list,
// the value of stratum floor(u·len); for a range of integers or dates,
// each of the max-min+1 values with equal probability; for floats,
// min + u·(max-min).
func (p *Parameter) unitValue(u float64) any {
	if p.Values != nil {
		return p.Values[min(int(u*float64(len(p.Values))), len(p.Values)-1)]
	}
	switch lo := p.Min.(type) {
	case int64:
		hi := p.Max.(int64)
		return min(lo+int64(math.Floor(u*float64(hi-lo+1))), hi)
	case sim.Date:
		days := p.Max.(sim.Date).DaysSince(lo)
		return lo.AddDays(min(int(math.Floor(u*float64(days+1))), days))
	}
	lo, hi := p.Min.(float64), p.Max.(float64)
	return lo + u*(hi-lo)
}

// SweepInfo describes a built-in sweep.
type SweepInfo = Info

// ListSweeps returns the built-in sweeps (the files of scenarios/sweeps),
// in alphabetical order.
func ListSweeps() []SweepInfo { return listFiles(sweepFS, "sweeps") }

// BuiltinSweep returns the text of the built-in sweep name.
func BuiltinSweep(name string) ([]byte, bool) {
	if !isBuiltinName(name) || name == "" {
		return nil, false
	}
	data, err := sweepFS.ReadFile("sweeps/" + name + ".toml")
	return data, err == nil
}

// IsSweep reports whether nameOrPath names a sweep rather than a
// scenario: a built-in sweep that is no built-in scenario, or a file
// whose top level names its base scenario (scenario or scenarios), which
// no scenario file has. A file that cannot be read or parsed is not.
func IsSweep(nameOrPath string) bool {
	if isBuiltinName(nameOrPath) {
		_, sweep := BuiltinSweep(nameOrPath)
		_, scenario := builtinFS.ReadFile(nameOrPath + ".toml")
		return sweep && scenario != nil
	}
	data, err := readFile(nameOrPath)
	if err != nil {
		return false
	}
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err != nil {
		return false
	}
	_, one := top["scenario"]
	_, several := top["scenarios"]
	return one || several
}

// Show writes what 'sahelsim show' prints of nameOrPath: a scenario
// fully resolved (Encode), or a sweep's file (PrintSweep) if it names a
// sweep (IsSweep). Its errors are those of Load and LoadSweep.
func Show(w io.Writer, nameOrPath string) error {
	if IsSweep(nameOrPath) {
		sw, err := LoadSweep(nameOrPath)
		if err != nil {
			return err
		}
		return PrintSweep(w, sw)
	}
	sc, err := Load(nameOrPath)
	if err != nil {
		return err
	}
	return Encode(w, sc)
}

// PrintSweep writes the text of sw's file, as it is (a built-in sweep's
// is a sweep file to copy and edit), after a comment saying what it runs.
func PrintSweep(w io.Writer, sw *Sweep) error {
	var refs []string
	for _, sc := range sw.Scenarios {
		refs = append(refs, sc.Name)
	}
	run := sw.File
	if name, ok := strings.CutPrefix(sw.File, "scenarios/sweeps/"); ok {
		run = strings.TrimSuffix(name, ".toml")
	}
	_, err := fmt.Fprintf(w, "# Sweep %s: %d points (%s design over %s) × %d replicates = %d runs, seed %d.\n"+
		"# Run it with 'sahelsim sweep %s --out DIR' (--reps R for fewer or more replicates),\n"+
		"# or save this text as a .toml file, edit it and run that.\n%s",
		sw.File, sw.NumPoints(), sw.Design.Kind, strings.Join(refs, ", "), sw.Replicates, sw.NumRuns(), sw.Seed, run, sw.Text)
	if err == nil && !bytes.HasSuffix(sw.Text, []byte("\n")) {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

// LoadSweep loads a sweep file: the built-in sweep of that name if
// nameOrPath has no path separator and no .toml suffix (e.g. "levers"),
// otherwise the file at that path. The base scenarios are loaded (paths
// relative to the file), and every point's scenario is built and
// validated, so that a sweep that loads runs.
func LoadSweep(nameOrPath string) (*Sweep, error) {
	if isBuiltinName(nameOrPath) {
		data, ok := BuiltinSweep(nameOrPath)
		if !ok {
			var names []string
			for _, s := range ListSweeps() {
				names = append(names, s.Name)
			}
			hint := "built-in sweeps: " + strings.Join(names, ", ")
			if c, ok := textdist.Nearest(nameOrPath, names); ok {
				hint = fmt.Sprintf("did you mean %q?", c)
			}
			return nil, &Error{Value: nameOrPath, Err: errorf(fs.ErrNotExist, "no built-in sweep %q", nameOrPath), Hint: hint}
		}
		return parseSweep(data, "scenarios/sweeps/"+nameOrPath+".toml", "", true)
	}
	data, err := readFile(nameOrPath)
	if err != nil {
		return nil, &Error{File: nameOrPath, Err: unwrapPath(err)}
	}
	return parseSweep(data, nameOrPath, filepath.Dir(nameOrPath), false)
}

// ParseSweep parses data, the text of a sweep file, as LoadSweep does.
// file names the file in errors, and scenario paths are relative to its
// directory; if file is "", only built-in scenarios may be named.
func ParseSweep(data []byte, file string) (*Sweep, error) {
	dir := ""
	if file != "" {
		dir = filepath.Dir(file)
	}
	return parseSweep(data, file, dir, false)
}

// sweepKeys are the keys of a sweep file, and designKeys and rangeKeys
// those of its design table and of a range.
var (
	sweepKeys  = []string{"name", "description", "scenario", "scenarios", "over", "replicates", "seed", "patterns", "design", "parameters", "posterior"}
	designKeys = []string{"kind", "points", "file", "draws", "streams"}
	rangeKeys  = []string{"min", "max", "steps"}
)

// notSweepable are the scenario keys a sweep may not vary.
var notSweepable = map[string]string{
	"name":        "a point keeps the name of its base scenario",
	"description": "a point keeps the description of its base scenario",
	"extends":     "list the scenarios to compare in scenarios = [...]",
	"model":       "every run of a sweep runs the Sahel model",
	"seed":        "the sweep's seed sets the seeds of the runs",
}

// A sweepParser parses one sweep file.
type sweepParser struct {
	file    string // as shown in errors
	dir     string // for relative scenario paths; "" if none
	builtin bool
	lines   map[string]int
	over    string // the over key (LoadOver), "" for none
}

// fail returns an error at the key path of the file.
func (sp *sweepParser) fail(path []string, key string, value any, err error, hint string) *Error {
	return &Error{File: sp.file, Line: lookupLine(sp.lines, path), Key: key, Value: value, Err: err, Hint: hint}
}

func parseSweep(data []byte, file, dir string, builtin bool) (*Sweep, error) {
	sp := &sweepParser{file: file, dir: dir, builtin: builtin}
	raw, md, derr := decode(data, file)
	if derr != nil {
		return nil, derr
	}
	sp.lines = keyLines(string(data))

	sw := &Sweep{File: file, Text: data, Replicates: 10, Seed: 1, Design: Design{Kind: Grid}}
	sw.Name = defaultName(source{name: file, builtin: builtin})
	if builtin {
		sw.Name = strings.TrimSuffix(filepath.Base(file), ".toml")
	}
	for _, k := range slices.Sorted(mapKeys(raw)) {
		if !slices.Contains(sweepKeys, k) {
			return nil, sp.fail([]string{k}, k, raw[k], ErrUnknownKey, textdist.Suggest(k, sweepKeys))
		}
	}
	str := func(key string) (string, error) {
		v, ok := raw[key]
		if !ok {
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", sp.fail([]string{key}, key, v, errorf(ErrType, "want a string, got %s", schema.Describe(v)), "")
		}
		return s, nil
	}
	if s, err := str("name"); err != nil {
		return nil, err
	} else if s != "" {
		if err := CheckName(s); err != nil {
			return nil, sp.fail([]string{"name"}, "name", s, err, "")
		}
		sw.Name = s
	}
	var err error
	if sw.Description, err = str("description"); err != nil {
		return nil, err
	}
	if err := sp.integers(raw, sw); err != nil {
		return nil, err
	}
	if err := sp.design(raw, sw); err != nil {
		return nil, err
	}
	if sw.Over, err = str("over"); err != nil {
		return nil, err
	}
	sp.over = sw.Over
	if err := sp.scenarios(raw, sw); err != nil {
		return nil, err
	}
	if err := sp.posterior(raw, sw); err != nil { // sweep_posterior.go
		return nil, err
	}
	if v, ok := raw["patterns"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return nil, sp.fail([]string{"patterns"}, "patterns", v, errorf(ErrType, "want true or false, got %s", schema.Describe(v)), "")
		}
		sw.Patterns = b
	}
	if sw.Design.Posterior {
		if err := sp.posteriorPoints(raw, md.Keys(), sw); err != nil { // sweep_posterior.go
			return nil, err
		}
	} else if sw.Design.Kind == Points {
		if _, ok := raw["parameters"]; ok {
			return nil, sp.fail([]string{"parameters"}, "parameters", nil,
				errorf(ErrInvalid, "a points design takes its parameters from the columns of its file"), "remove [parameters]")
		}
		if err := sp.pointsFile(raw, sw); err != nil {
			return nil, err
		}
	} else if err := sp.parameters(raw, md.Keys(), sw); err != nil {
		return nil, err
	}
	if sw.Design.Kind != Grid && len(sw.Parameters) == 0 {
		return nil, sp.fail([]string{"design", "kind"}, "design.kind", sw.Design.Kind,
			errorf(ErrInvalid, "kind %q samples parameters, and the sweep has none", sw.Design.Kind), "add [parameters], or use kind = \"grid\"")
	}
	if sw.Design.Kind == Sobol && len(sw.Parameters) > MaxSobolDimensions {
		return nil, sp.fail([]string{"parameters"}, "parameters", nil,
			errorf(ErrRange, "a Sobol' design takes at most %d parameters, got %d", MaxSobolDimensions, len(sw.Parameters)), "use kind = \"lhs\"")
	}
	if sw.Design.Kind == Saltelli && sw.Design.Points < design.MinSaltelliPoints {
		return nil, sp.fail([]string{"design", "points"}, "design.points", sw.Design.Points,
			errorf(ErrRange, "a Saltelli design of %d base points is too small for stable Sobol indices: want at least %d", sw.Design.Points, design.MinSaltelliPoints),
			"points = 64, 128, 256, …; or kind = \"morris\" to screen with fewer runs")
	}
	if sw.Design.Kind != Grid {
		rows := int64(sw.Design.Points) * int64(len(sw.Parameters)+2)
		if rows*int64(len(sw.Parameters)) > MaxDesignValues {
			return nil, sp.fail([]string{"design", "points"}, "design.points", sw.Design.Points,
				errorf(ErrRange, "%d points of %d parameters: a design holds at most %d values (points × parameters)", sw.Design.Points, len(sw.Parameters), MaxDesignValues), "")
		}
	}
	if err := sp.points(sw); err != nil {
		return nil, err
	}
	return sw, nil
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// integers reads replicates and seed.
func (sp *sweepParser) integers(raw map[string]any, sw *Sweep) error {
	if v, ok := raw["replicates"]; ok {
		n, isInt := v.(int64)
		switch {
		case !isInt:
			return sp.fail([]string{"replicates"}, "replicates", v, errorf(ErrType, "want an integer, got %s", schema.Describe(v)), "")
		case n < 1 || n > MaxReplicates:
			return sp.fail([]string{"replicates"}, "replicates", v, errorf(ErrRange, "want a value from 1 to %d, got %d", MaxReplicates, n), "")
		}
		sw.Replicates = int(n)
	}
	if v, ok := raw["seed"]; ok {
		n, isInt := v.(int64)
		switch {
		case !isInt:
			return sp.fail([]string{"seed"}, "seed", v, errorf(ErrType, "want an integer, got %s", schema.Describe(v)), "")
		case n < 0 || n > sim.MaxSeed:
			return sp.fail([]string{"seed"}, "seed", v, errorf(ErrRange, "want an integer from 0 to %d (2^53 − 1, which every tool reads exactly), got %d", int64(sim.MaxSeed), n), "")
		}
		sw.Seed = uint64(n)
	}
	return nil
}

// design reads the design table.
func (sp *sweepParser) design(raw map[string]any, sw *Sweep) error {
	v, ok := raw["design"]
	if !ok {
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		return sp.fail([]string{"design"}, "design", v, errorf(ErrType, "want a table, got %s", schema.Describe(v)), "")
	}
	for _, k := range slices.Sorted(mapKeys(t)) {
		if !slices.Contains(designKeys, k) {
			return sp.fail([]string{"design", k}, "design."+k, t[k], ErrUnknownKey, textdist.Suggest(k, designKeys))
		}
	}
	if k, ok := t["kind"]; ok {
		s, ok := k.(string)
		if !ok {
			return sp.fail([]string{"design", "kind"}, "design.kind", k, errorf(ErrType, "want a string, got %s", schema.Describe(k)), "")
		}
		kinds := []string{Grid, LHS, Sobol, Morris, Saltelli, Points}
		if !slices.Contains(kinds, s) {
			hint := ""
			if c, ok := textdist.Nearest(s, kinds); ok {
				hint = fmt.Sprintf("did you mean %q?", c)
			}
			return sp.fail([]string{"design", "kind"}, "design.kind", s, errorf(ErrRange, "want one of %s, got %q", quoteAll(kinds...), s), hint)
		}
		sw.Design.Kind = s
	}
	if err := sp.designExtras(t, sw); err != nil {
		return err
	}
	p, hasPoints := t["points"]
	switch {
	case sw.Design.Kind == Points && hasPoints:
		return sp.fail([]string{"design", "points"}, "design.points", p,
			errorf(ErrInvalid, "a points design has one point per row of its file"), "remove points, or give draws = N to draw N rows by weight")
	case sw.Design.Kind == Points:
	case hasPoints && sw.Design.Kind == Grid:
		return sp.fail([]string{"design", "points"}, "design.points", p,
			errorf(ErrInvalid, "a grid has one point per combination of the values: points is for lhs, sobol, morris (trajectories) and saltelli (base points)"), "remove points, or set kind = \"lhs\" or \"sobol\"")
	case !hasPoints && sw.Design.Kind != Grid:
		return sp.fail([]string{"design", "kind"}, "design.points", nil,
			errorf(ErrInvalid, "kind %q needs the number of points", sw.Design.Kind), "add points = N to [design]")
	case hasPoints:
		n, isInt := p.(int64)
		switch {
		case !isInt:
			return sp.fail([]string{"design", "points"}, "design.points", p, errorf(ErrType, "want an integer, got %s", schema.Describe(p)), "")
		case n < 1 || n > MaxDesignPoints:
			return sp.fail([]string{"design", "points"}, "design.points", p, errorf(ErrRange, "want a value from 1 to %d, got %d", MaxDesignPoints, n), "")
		}
		sw.Design.Points = int(n)
	}
	return nil
}

// scenarios reads scenario or scenarios and loads them.
func (sp *sweepParser) scenarios(raw map[string]any, sw *Sweep) error {
	one, hasOne := raw["scenario"]
	many, hasMany := raw["scenarios"]
	key := "scenario"
	switch {
	case hasOne && hasMany:
		return sp.fail([]string{"scenarios"}, "scenarios", nil,
			errorf(ErrInvalid, "a sweep names either one scenario or a list of scenarios, not both"), "remove scenario, or scenarios")
	case !hasOne && !hasMany:
		return &Error{File: sp.file, Err: errorf(ErrInvalid, "no scenario: name the base scenario"),
			Hint: `add scenario = "baseline" (a built-in name or a path relative to the file), or scenarios = [...]`}
	case hasOne:
		s, ok := one.(string)
		if !ok {
			return sp.fail([]string{key}, key, one, errorf(ErrType, "want a string, got %s", schema.Describe(one)), "")
		}
		sw.Refs = []string{s}
	default:
		key = "scenarios"
		arr, ok := many.([]any)
		if !ok || len(arr) == 0 {
			return sp.fail([]string{key}, key, many, errorf(ErrType, "want a non-empty array of strings, got %s", schema.Describe(many)), "")
		}
		for i, x := range arr {
			s, ok := x.(string)
			if !ok {
				return sp.fail([]string{key}, key, x, errorf(ErrType, "element %d: want a string, got %s", i+1, schema.Describe(x)), "")
			}
			if slices.Contains(sw.Refs, s) {
				return sp.fail([]string{key}, key, s, errorf(ErrInvalid, "%q is listed twice", s), "")
			}
			sw.Refs = append(sw.Refs, s)
		}
	}
	for _, ref := range sw.Refs {
		sc, err := sp.loadScenario(ref)
		if err != nil {
			return sp.scenarioError(key, ref, err)
		}
		if slices.ContainsFunc(sw.Scenarios, func(o *Scenario) bool { return o.Name == sc.Name }) {
			return sp.fail([]string{key}, key, ref, errorf(ErrInvalid, "two scenarios are named %q", sc.Name),
				"give each scenario file its own name key: the name tells the runs apart")
		}
		sw.Scenarios = append(sw.Scenarios, sc)
	}
	return nil
}

// loadScenario loads the scenario ref: a built-in name, or a path
// relative to the sweep file.
func (sp *sweepParser) loadScenario(ref string) (*Scenario, error) {
	if sp.over != "" {
		over, err := sp.resolveRef(sp.over)
		if err != nil {
			return nil, err
		}
		if ref, err = sp.resolveRef(ref); err != nil {
			return nil, err
		}
		return LoadOver(ref, over)
	}
	if isBuiltinName(ref) {
		return Load(ref)
	}
	if sp.builtin {
		return nil, errorf(ErrExtends, "a built-in sweep may name only built-in scenarios, not %q", ref)
	}
	if sp.dir == "" {
		return nil, errorf(ErrExtends, "cannot resolve %q: the sweep has no file name, so it may name only built-in scenarios", ref)
	}
	p := filepath.FromSlash(ref)
	if !filepath.IsAbs(p) {
		p = filepath.Join(sp.dir, p)
	}
	return Load(p)
}

// resolveRef returns the scenario ref as Load takes it: a built-in name,
// or a path relative to the sweep file.
func (sp *sweepParser) resolveRef(ref string) (string, error) {
	if isBuiltinName(ref) {
		return ref, nil
	}
	if sp.builtin {
		return "", errorf(ErrExtends, "a built-in sweep may name only built-in scenarios, not %q", ref)
	}
	if sp.dir == "" {
		return "", errorf(ErrExtends, "cannot resolve %q: the sweep has no file name, so it may name only built-in scenarios", ref)
	}
	p := filepath.FromSlash(ref)
	if !filepath.IsAbs(p) {
		p = filepath.Join(sp.dir, p)
	}
	return p, nil
}

// scenarioError places the error of loading the scenario ref at the key
// that names it. An error within the scenario file keeps its own place.
func (sp *sweepParser) scenarioError(key, ref string, err error) error {
	var e *Error
	if errors.As(err, &e) && e.File == "" {
		return sp.fail([]string{key}, key, ref, e.Err, e.Hint)
	}
	if errors.As(err, &e) && e.Line == 0 && e.Key == "" {
		// The file itself is missing or unreadable.
		return sp.fail([]string{key}, key, ref, errorf(e.Err, "%s: %v", e.File, e.Err), e.Hint)
	}
	if e != nil {
		return err
	}
	return sp.fail([]string{key}, key, ref, err, "")
}

// parameters reads the parameters table, in the order of the file.
func (sp *sweepParser) parameters(raw map[string]any, order []toml.Key, sw *Sweep) error {
	v, ok := raw["parameters"]
	if !ok {
		return nil
	}
	if _, ok := v.(map[string]any); !ok {
		return sp.fail([]string{"parameters"}, "parameters", v, errorf(ErrType, "want a table, got %s", schema.Describe(v)), "")
	}
	seen := map[string]bool{}
	for _, k := range order {
		if len(k) < 2 || k[0] != "parameters" {
			continue
		}
		// Skip the keys of a range already read.
		if slices.ContainsFunc(sw.Parameters, func(p Parameter) bool {
			return len(k) > 2 && strings.Join(k[1:len(k)-1], ".") == p.Path
		}) {
			continue
		}
		val := lookupRaw(raw, k)
		path := strings.Join(k[1:], ".")
		if t, ok := val.(map[string]any); ok && !isRange(t) {
			continue // a table of dotted keys: its keys come next
		}
		if seen[path] {
			continue
		}
		seen[path] = true
		par, err := sp.parameter(k, path, val, sw)
		if err != nil {
			return err
		}
		sw.Parameters = append(sw.Parameters, par)
	}
	// Nested tables that are empty, or hold keys that are no parameter.
	var walk func(prefix []string, m map[string]any) error
	walk = func(prefix []string, m map[string]any) error {
		for _, k := range slices.Sorted(mapKeys(m)) {
			p := append(slices.Clip(prefix), k)
			if t, ok := m[k].(map[string]any); ok && !isRange(t) {
				if len(t) == 0 {
					return sp.fail(append([]string{"parameters"}, p...), strings.Join(p, "."), nil,
						errorf(ErrType, "want an array of values or a range {min, max}, got an empty table"), "")
				}
				if err := walk(p, t); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(nil, v.(map[string]any)); err != nil {
		return err
	}
	return nil
}

// isRange reports whether the table t is a range: it has a key min, max
// or steps.
func isRange(t map[string]any) bool {
	for _, k := range rangeKeys {
		if _, ok := t[k]; ok {
			return true
		}
	}
	return false
}

// lookupRaw returns the decoded value at the key path k of raw.
func lookupRaw(raw map[string]any, k toml.Key) any {
	var v any = raw
	for _, part := range k {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[part]
	}
	return v
}

// parameter reads the parameter path, written at the key k, with the
// decoded value val.
func (sp *sweepParser) parameter(k toml.Key, path string, val any, sw *Sweep) (Parameter, error) {
	par := Parameter{Path: path, line: lookupLine(sp.lines, k)}
	fail := func(value any, err error, hint string) (Parameter, error) {
		return par, &Error{File: sp.file, Line: par.line, Key: path, Value: value, Err: err, Hint: hint}
	}
	if why, ok := notSweepable[path]; ok {
		return fail(nil, errorf(ErrInvalid, "%s is not a sweep parameter", path), why)
	}
	// The key must exist in every base scenario, and be a single value.
	for _, sc := range sw.Scenarios {
		if err := checkPath(sc, path); err != nil {
			return fail(nil, err.Err, err.Hint)
		}
	}
	// typed converts x as the key's value, checking its range in every
	// base scenario, and returns it with its kind.
	typed := func(x any) (any, string, *Error) {
		var out any
		var kind string
		for _, sc := range sw.Scenarios {
			c := sc.Clone()
			if err := c.Set(path, x); err != nil {
				var e *Error
				errors.As(err, &e)
				return nil, "", e
			}
			got, err := c.Get(path)
			if err != nil {
				var e *Error
				errors.As(err, &e)
				return nil, "", e
			}
			out, kind = normalizeValue(got)
		}
		if kind == "" {
			return nil, "", &Error{Err: errorf(ErrInvalid, "%s holds a list: only keys with a single value can be swept", path)}
		}
		return out, kind, nil
	}

	switch x := val.(type) {
	case []any:
		if len(x) == 0 {
			return fail(nil, errorf(ErrInvalid, "no values"), "list at least one value")
		}
		for i, e := range x {
			v, kind, err := typed(e)
			if err != nil {
				return fail(e, errorf(err.Err, "value %d (%s): %v", i+1, describeShort(e), err.Err), err.Hint)
			}
			if par.Kind != "" && kind != par.Kind {
				return fail(e, errorf(ErrType, "value %d: want %s like the others, got %s", i+1, par.Kind, schema.Describe(e)), "")
			}
			par.Kind = kind
			if slices.ContainsFunc(par.Values, func(o any) bool { return o == v }) {
				return fail(e, errorf(ErrInvalid, "value %d (%s) is listed twice", i+1, FormatValue(v)), "")
			}
			par.Values = append(par.Values, v)
		}
		return par, nil
	case map[string]any:
		for _, rk := range slices.Sorted(mapKeys(x)) {
			if !slices.Contains(rangeKeys, rk) {
				return fail(x[rk], errorf(ErrUnknownKey, "unknown key %s in a range", rk), textdist.Suggest(rk, rangeKeys))
			}
		}
		lo, hasLo := x["min"]
		hi, hasHi := x["max"]
		if !hasLo || !hasHi {
			return fail(nil, errorf(ErrInvalid, "a range needs both min and max"), "write { min = …, max = … }")
		}
		var err *Error
		var kLo, kHi string
		if par.Min, kLo, err = typed(lo); err != nil {
			return fail(lo, errorf(err.Err, "min: %v", err.Err), err.Hint)
		}
		if par.Max, kHi, err = typed(hi); err != nil {
			return fail(hi, errorf(err.Err, "max: %v", err.Err), err.Hint)
		}
		if kLo != kHi || !(kLo == KindInt || kLo == KindFloat || kLo == KindDate) {
			return fail(nil, errorf(ErrType, "a range needs numbers or dates, and %s holds %s", path, kLo),
				"list the values instead: [a, b, …]")
		}
		par.Kind = kLo
		if !less(par.Min, par.Max) {
			return fail(hi, errorf(ErrInvalid, "min %s is not below max %s", FormatValue(par.Min), FormatValue(par.Max)), "")
		}
		steps, hasSteps := x["steps"]
		switch {
		case sw.Design.Kind == Grid && !hasSteps:
			par.Steps = DefaultSteps
		case sw.Design.Kind != Grid && hasSteps:
			return fail(steps, errorf(ErrInvalid, "steps is for grids: %s samples the range", sw.Design.Kind), "remove steps")
		case hasSteps:
			n, isInt := steps.(int64)
			if !isInt {
				return fail(steps, errorf(ErrType, "steps: want an integer, got %s", schema.Describe(steps)), "")
			}
			if n < 2 || n > MaxDesignPoints {
				return fail(steps, errorf(ErrRange, "steps: want a value from 2 to %d, got %d", MaxDesignPoints, n), "")
			}
			par.Steps = int(n)
		}
		return par, nil
	}
	return fail(val, errorf(ErrType, "want an array of values or a range {min, max}, got %s", schema.Describe(val)),
		fmt.Sprintf("write [%s] for a single value", describeShort(val)))
}

// checkPath reports whether path is a key that sc can set, naming the
// nearest valid path if not.
func checkPath(sc *Scenario, path string) *Error {
	_, err := sc.Clone().Get(path)
	var e *Error
	if err == nil || !errors.As(err, &e) || errors.Is(err, ErrOff) {
		return nil
	}
	if errors.Is(err, ErrUnknownKey) {
		if c, ok := nearestPath(path, sc.Paths()); ok {
			e.Hint = fmt.Sprintf("did you mean %q?", c)
		}
		if e.Key != path {
			e.Err = errorf(ErrUnknownKey, "unknown key %s", e.Key)
		}
	}
	return e
}

// nearestPath returns the path of paths closest to path: by edit distance
// over the whole dotted path, if close enough to be a typo.
func nearestPath(path string, paths []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range paths {
		if d := textdist.Levenshtein(path, c); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD >= 0 && bestD <= max(2, len(path)/4)
}

// normalizeValue returns the value x of a key as a sweep holds it, with
// its kind; kind is "" for a value that cannot be swept (a list).
func normalizeValue(x any) (any, string) {
	switch v := x.(type) {
	case sim.Date:
		return v, KindDate
	case time.Time:
		return sim.DateOf(v), KindDate
	case string:
		return v, KindString
	case bool:
		return v, KindBool
	}
	switch n := schema.Normalize(x).(type) {
	case int64:
		return n, KindInt
	case float64:
		return n, KindFloat
	}
	return nil, ""
}

// less reports whether a < b, for two values of the same numeric or date
// kind.
func less(a, b any) bool {
	switch x := a.(type) {
	case int64:
		return x < b.(int64)
	case float64:
		return x < b.(float64)
	case sim.Date:
		return x.Before(b.(sim.Date))
	}
	return false
}

// describeShort describes a decoded value in a few characters, for errors.
func describeShort(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case time.Time:
		if x.Location().String() == "date-local" {
			return x.Format(time.DateOnly)
		}
	case int64, float64, bool:
		return fmt.Sprint(x)
	}
	return schema.Describe(v)
}

// sensitivityUnits returns the Morris or Saltelli design of sw in the unit
// cube, from the sweep seed: sahelsim sensitivity computes the indices from
// the points in this order.
func sensitivityUnits(sw *Sweep) ([][]float64, error) {
	factors := make([]design.Factor, len(sw.Parameters))
	for j, p := range sw.Parameters {
		factors[j] = design.Factor{Name: p.Path, Low: 0, High: 1}
	}
	var x *mat.Dense
	var err error
	if sw.Design.Kind == Morris {
		x, err = design.MorrisDesign(factors, sw.Design.Points, MorrisLevels, rand.New(rand.NewPCG(sw.Seed, 0x6d6f72726973)))
	} else {
		x, err = design.SaltelliDesign(factors, sw.Design.Points, design.Halton(sw.Seed))
	}
	if err != nil {
		return nil, err
	}
	r, c := x.Dims()
	units := make([][]float64, r)
	for i := range units {
		units[i] = make([]float64, c)
		mat.Row(units[i], i, x)
	}
	return units, nil
}

// points builds the design and checks that every point's scenario is
// valid.
func (sp *sweepParser) points(sw *Sweep) error {
	d := sw.NumDesignPoints()
	if d > MaxRuns || d*len(sw.Scenarios) > MaxRuns || sw.NumPoints()*sw.Replicates > MaxRuns || sw.NumPoints()*sw.Replicates < 0 {
		return sp.fail([]string{"replicates"}, "replicates", nil,
			errorf(ErrRange, "the sweep has more than %d runs (points × replicates)", MaxRuns), "")
	}
	switch sw.Design.Kind {
	case LHS:
		sw.units = design.LatinHypercube(sw.Design.Points, len(sw.Parameters), sw.Seed)
	case Sobol:
		sw.units = design.SobolPoints(sw.Design.Points, len(sw.Parameters), sw.Seed)
	case Morris, Saltelli:
		units, err := sensitivityUnits(sw)
		if err != nil {
			return sp.fail([]string{"design", "kind"}, "design.kind", sw.Design.Kind, errorf(ErrInvalid, "%v", err), "")
		}
		sw.units = units
	}
	// Check the points in parallel, and report the lowest that fails, so
	// that the error does not depend on scheduling.
	n := sw.NumPoints()
	check := min(n, MaxChecked)
	errs := make([]error, check)
	sim.Replicate(context.Background(), check, 0, func(i int) error {
		p := int(int64(i) * int64(n) / int64(check))
		if _, err := sw.PointScenario(p); err != nil {
			errs[i] = sp.pointError(sw, p, err)
			return err
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// pointError places the error of building point p's scenario at the
// parameter it concerns, or at the parameters table.
func (sp *sweepParser) pointError(sw *Sweep, p int, err error) error {
	e := &Error{File: sp.file, Line: lookupLine(sp.lines, []string{"parameters"}), Err: err}
	var se *Error
	if errors.As(err, &se) {
		e.Key, e.Value, e.Err, e.Hint = se.Key, se.Value, se.Err, se.Hint
		for _, par := range sw.Parameters {
			if se.Key == par.Path || strings.HasPrefix(se.Key, strings.TrimSuffix(par.Path, lastKey(par.Path))) {
				e.Line = par.line
				if se.Key == par.Path {
					break
				}
			}
		}
	}
	e.Err = errorf(e.Err, "point %d (%s): %v", p, sw.Describe(p), e.Err)
	return e
}

// lastKey returns the last key of a dotted path.
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// quoteAll quotes each of ss and joins them with commas.
func quoteAll(ss ...string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
