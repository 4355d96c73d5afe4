package calibrate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// Settings say how a calibration runs. calibration.json records them, and
// a calibration directory resumes only with the same settings.
type Settings struct {
	// Particles is the number N of particles of a generation: of
	// generation 0, drawn from the prior, when the calibration file's
	// design is a morris screening (otherwise the points of its lhs or
	// sobol design), and of the population the sequential method keeps
	// resampling.
	Particles int `json:"particles"`
	// Keep is the share α of the particles alive at each generation: the
	// N·α closest set the tolerance, and the N moves of the next
	// generation start from them.
	Keep float64 `json:"keep"`
	// MinAcceptance stops the method when fewer moves than this share are
	// accepted.
	MinAcceptance float64 `json:"min_acceptance"`
	// Budget is the most simulations (particles × replicates) the
	// sequential method may run, generation 0 included; the screening and
	// the posterior predictive check come on top.
	Budget int `json:"budget"`
	// ScreenKeep and MaxParameters select the parameters that matter: μ*
	// of the distance at least ScreenKeep times the largest, at most
	// MaxParameters of them.
	ScreenKeep    float64 `json:"screen_keep"`
	MaxParameters int     `json:"max_parameters"`
	// ScreenReplicates are the replicates of each point of the screening:
	// with 2 or more, the noise of the runs is measured, and a parameter
	// is kept only if its effect clearly exceeds it.
	ScreenReplicates int `json:"screen_replicates"`
	// Check is the number of posterior draws simulated for the posterior
	// predictive check (0: none).
	Check int `json:"check"`
}

// DefaultSettings returns the settings of 'sahelsim calibrate' without
// flags.
func DefaultSettings() Settings {
	return Settings{Particles: 1000, Keep: 0.75, MinAcceptance: 0.1, Budget: 20000, ScreenKeep: 0.1, MaxParameters: 20, ScreenReplicates: 2, Check: 100}
}

// check checks the settings.
func (s *Settings) check() error {
	switch {
	case s.Particles < 4:
		return fmt.Errorf("particles %d: want at least 4", s.Particles)
	case !(s.Keep > 0 && s.Keep < 1):
		return fmt.Errorf("keep %v: want a share strictly between 0 and 1", s.Keep)
	case !(s.MinAcceptance >= 0 && s.MinAcceptance < 1):
		return fmt.Errorf("min-acceptance %v: want a share from 0 to below 1", s.MinAcceptance)
	case s.Budget < 1:
		return fmt.Errorf("budget %d: want at least 1 simulation", s.Budget)
	case !(s.ScreenKeep >= 0 && s.ScreenKeep <= 1):
		return fmt.Errorf("screen-keep %v: want a share from 0 to 1", s.ScreenKeep)
	case s.MaxParameters < 1:
		return fmt.Errorf("max-parameters %d: want at least 1", s.MaxParameters)
	case s.ScreenReplicates < 1:
		return fmt.Errorf("screen-replicates %d: want at least 1", s.ScreenReplicates)
	case s.Check < 0:
		return fmt.Errorf("check %d: want 0 or more draws", s.Check)
	}
	return nil
}

// ErrInput is wrapped by the errors of Open for a calibration file or
// settings that cannot be calibrated (its message is "calibrate"): the
// user's to fix.
var ErrInput = errors.New("calibrate")

// ErrOtherCalibration is wrapped by the error of Open for a directory that
// holds another calibration.
var ErrOtherCalibration = errors.New("the directory holds another calibration")

// Names of the files and directories of a calibration directory.
const (
	ManifestFile   = "calibration.json"
	ScreeningDir   = "screening"
	GenerationsDir = "generations"
	CheckDir       = "check"
	OutputDir      = "calibration"
	ScenarioFile   = "calibrated.toml"
	PosteriorFile  = "posterior.csv"
)

// A Calibration is a calibration file opened in its directory.
type Calibration struct {
	Dir      string
	Sweep    *scenarios.Sweep // the calibration file
	Settings Settings
	Targets  []evidence.Target // every target to fit
	Build    outputs.Build

	params []param // the parameters of the calibration file
	n      int     // particles of a generation
	keep   int     // particles kept
}

// A param is a parameter of the calibration, with its prior range.
type param struct {
	path     string
	kind     string // scenarios.KindInt or KindFloat
	lo, hi   float64
	min, max string // the range as the file writes it
}

// A Manifest is calibration.json: what the calibration is, what it has
// done, and what made it. It holds nothing that depends on when or on how
// many workers it ran.
type Manifest struct {
	Format      int           `json:"format"`
	Calibration string        `json:"calibration"`
	Hash        string        `json:"calibration_hash"`
	Method      string        `json:"method"`
	Settings    Settings      `json:"settings"`
	Particles   int           `json:"particles_per_generation"`
	Kept        int           `json:"particles_kept"`
	Replicates  int           `json:"replicates"`
	Seed        uint64        `json:"seed"`
	Targets     []string      `json:"targets"`
	Stages      []Stage       `json:"stages"`
	Simulations int           `json:"simulations"`
	Finished    bool          `json:"finished"`
	Build       outputs.Build `json:"build"`
	FileTOML    string        `json:"calibration_toml"`
}

// A Stage is one sweep of a calibration: the screening, a generation of
// the sequential method, or the posterior predictive check.
type Stage struct {
	Name       string  `json:"name"`
	Dir        string  `json:"dir"` // relative to the calibration directory
	Runs       int     `json:"runs"`
	Epsilon    float64 `json:"epsilon,omitempty"`
	Acceptance float64 `json:"acceptance,omitempty"`
	Distinct   int     `json:"distinct,omitempty"` // distinct particles of the population
}

// Method and MethodNoScreening name the algorithm in calibration.json.
const (
	Method            = "Morris screening (Campolongo et al. 2007), then adaptive ABC-SMC with MCMC moves (Del Moral, Doucet and Jasra 2012)"
	MethodNoScreening = "adaptive ABC-SMC with MCMC moves (Del Moral, Doucet and Jasra 2012)"
)

// Open opens the calibration file sw in the directory dir, to fit
// targets (the report's figures and the patterns, with bands). It checks
// the calibration file: one base scenario of the Sahel model, numeric
// ranges as uniform priors, and a morris, lhs or sobol design. If dir
// holds a calibration, it must be this one (the same file, settings and
// targets), else Open fails wrapping ErrOtherCalibration.
func Open(sw *scenarios.Sweep, dir string, targets []evidence.Target, s Settings, b outputs.Build) (*Calibration, error) {
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	c := &Calibration{Dir: dir, Sweep: sw, Settings: s, Targets: targets, Build: b}
	if len(sw.Scenarios) != 1 {
		return nil, fmt.Errorf("%w: %s: a calibration has one base scenario, not %d", ErrInput, sw.File, len(sw.Scenarios))
	}
	if sw.Scenarios[0].Model != "" && sw.Scenarios[0].Model != "sahel" {
		return nil, fmt.Errorf("%w: %s: the targets are the Sahel model's, not the %q model's", ErrInput, sw.File, sw.Scenarios[0].Model)
	}
	switch sw.Design.Kind {
	case scenarios.Morris:
		c.n = s.Particles
	case scenarios.LHS, scenarios.Sobol:
		c.n = sw.Design.Points
		c.Settings.Particles = c.n // the file's sample is generation 0
	default:
		return nil, fmt.Errorf("%w: %s: design %q: want morris (screening first), lhs or sobol (the prior sample of generation 0)", ErrInput, sw.File, sw.Design.Kind)
	}
	for _, p := range sw.Parameters {
		if p.Values != nil || (p.Kind != scenarios.KindFloat && p.Kind != scenarios.KindInt) {
			return nil, fmt.Errorf("%w: %s: parameter %s: a calibration needs a numeric range { min = …, max = … }, its uniform prior", ErrInput, sw.File, p.Path)
		}
		lo, hi := toFloat(p.Min), toFloat(p.Max)
		c.params = append(c.params, param{path: p.Path, kind: p.Kind, lo: lo, hi: hi,
			min: scenarios.FormatValue(p.Min), max: scenarios.FormatValue(p.Max)})
	}
	c.keep = int(math.Round(s.Keep * float64(c.n)))
	if c.keep < 2 || c.keep >= c.n {
		return nil, fmt.Errorf("%w: %d particles, keep %v: want at least 2 kept and 1 new", ErrInput, c.n, s.Keep)
	}
	if c.n*sw.Replicates > s.Budget {
		return nil, fmt.Errorf("%w: generation 0 needs %d simulations (%d particles × %d replicates), over the budget of %d", ErrInput, c.n*sw.Replicates, c.n, sw.Replicates, s.Budget)
	}
	if err := c.checkDir(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkDir checks that the calibration may write into its directory: the
// directory does not exist, or holds nothing but what sahelsim processes
// leave (their lock and temporary files), or holds this calibration (its
// calibration.json, of the same hash). It fails wrapping
// ErrOtherCalibration for another calibration's directory and
// outputs.ErrNotOurs for a directory that is not a calibration's, which
// it leaves untouched.
func (c *Calibration) checkDir() error {
	fi, err := os.Lstat(c.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("calibrate: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("calibrate: %w: %s exists and is not a directory (use another --out)", outputs.ErrNotOurs, c.Dir)
	}
	path := filepath.Join(c.Dir, ManifestFile)
	b, err := input.ReadFile(path, input.MaxManifest)
	if errors.Is(err, fs.ErrNotExist) {
		entries, err := os.ReadDir(c.Dir)
		if err != nil {
			return fmt.Errorf("calibrate: %w", err)
		}
		for _, e := range entries {
			if e.Name() != outputs.LockFile && !strings.HasPrefix(e.Name(), outputs.TempPrefix) {
				return fmt.Errorf("calibrate: %w: %s holds %s and no %s: a calibration starts in a new or empty directory, or resumes its own, and leaves this one untouched (use another --out)",
					outputs.ErrNotOurs, c.Dir, e.Name(), ManifestFile)
			}
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	var old Manifest
	if err := json.Unmarshal(b, &old); err != nil || old.Format == 0 || old.Hash == "" || old.Method == "" {
		return fmt.Errorf("calibrate: %w: %s is not a calibration's manifest (use another --out)", outputs.ErrNotOurs, path)
	}
	if m := c.manifest(); old.Hash != m.Hash {
		return fmt.Errorf("%w: %s holds calibration %q (hash %.12s), not this one (hash %.12s): the calibration file, its settings and targets must be the same to resume; use another --out",
			ErrOtherCalibration, c.Dir, old.Calibration, old.Hash, m.Hash)
	}
	return nil
}

// lock locks the calibration's directory for this process, creating it,
// as every command that writes an output directory does
// (outputs.LockDir): shared with the processes running the other shards
// of a stage if shared, else alone, in which case what killed processes
// left in it (outputs.TempPrefix) is removed, in the directory, in
// calibration/ and in generations/. Under the lock it checks the
// directory again (checkDir) and writes calibration.json if it is new.
// The caller releases the lock.
func (c *Calibration) lock(shared bool) (*outputs.Lock, error) {
	l, err := outputs.LockDir(c.Dir, outputs.LockOptions{Create: true, Shared: shared})
	if err != nil {
		return nil, err
	}
	err = c.checkDir()
	if err == nil && !shared {
		err = outputs.CleanTemp(filepath.Join(c.Dir, GenerationsDir))
	}
	if err == nil {
		// Linked, not renamed, into place: of shards starting together,
		// one writes it.
		var f *outputs.AtomicFile
		if f, err = outputs.CreateAtomic(context.Background(), filepath.Join(c.Dir, ManifestFile)); err == nil {
			if err = writeManifest(f, c.manifest()); err == nil {
				if err = f.CommitNew(); errors.Is(err, fs.ErrExist) {
					err = nil
				}
			}
			f.Discard()
		}
	}
	if err != nil {
		l.Unlock()
		return nil, err
	}
	return l, nil
}

// writeManifest writes m as indented JSON.
func writeManifest(w io.Writer, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

// manifest returns the calibration's manifest, nothing done yet.
func (c *Calibration) manifest() *Manifest {
	method := Method
	if c.Sweep.Design.Kind != scenarios.Morris {
		method = MethodNoScreening
	}
	m := &Manifest{Format: 1, Calibration: c.Sweep.Name, Method: method, Settings: c.Settings, Particles: c.n, Kept: c.keep,
		Replicates: c.Sweep.Replicates, Seed: c.Sweep.Seed, Build: c.Build, FileTOML: string(c.Sweep.Text)}
	for _, t := range c.Targets {
		m.Targets = append(m.Targets, fmt.Sprintf("%s [%s, %s]", t.ID, outputs.FormatFloat(t.Low), outputs.FormatFloat(t.High)))
	}
	h := sha256.New()
	var sc bytes.Buffer
	scenarios.Encode(&sc, c.Sweep.Scenarios[0])
	fmt.Fprintf(h, "%d\n%s\n%s\n%+v\n%d %d %d\n", m.Format, c.Sweep.Text, sc.String(), c.Settings, c.n, c.keep, c.Sweep.Replicates)
	for _, t := range m.Targets {
		fmt.Fprintln(h, t)
	}
	m.Hash = hex.EncodeToString(h.Sum(nil))
	return m
}

// Options say how Run runs the stages of a calibration.
type Options struct {
	Workers int         // runs at once; sweep.DefaultWorkers if < 1
	Shard   sweep.Shard // run only this shard of the current stage, then return
	// Next prepares the stage to run next and returns without running it
	// (Result.Pending names its sweep file): for Slurm, where each stage
	// runs as a job array ('sahelsim slurm', 'merge').
	Next bool
	// Log, if not nil, gets a line per stage.
	Log io.Writer
	// Progress, if not nil, gets the progress of a stage's runs.
	Progress func(stage string, done, total int)
}

// A Result is what Run did and found.
type Result struct {
	Finished bool
	// Pending is the sweep file of the stage to run next, if Run returned
	// before the end (Options.Next or Shard, or a stage with failed runs).
	Pending     string
	Simulations int // simulations of the stages done: screening, generations and check
	Screening   *Screening
	Population  *Population
	Distance    *Distance
	Stages      []Stage
	// Params are the parameters of the sequential method (those kept by
	// the screening, or every parameter of the file).
	Params []string
	// Check is the table of the posterior predictive check, if run.
	Check *sweep.Table
	// Means are the means of the targets (over the replicates) of the
	// particles of the final population, by particle ID.
	Means map[int][]float64

	params []param
}

// Run runs the calibration's stages in order, resuming whatever is done:
// the screening (with a morris design), the generations of the sequential
// method until it stops, the posterior predictive check; a finished
// calibration's outputs are then written by WriteOutputs. Every stage is
// a sweep directory under Dir with its own sweep file, run by package
// sweep, so a stage interrupted in any way resumes where it stopped. What
// a stage runs depends only on the calibration file, its settings and the
// results of the stages before it, never on the workers, shards or
// interruptions. Run holds Dir's lock (outputs.LockDir; shared with the
// other shards if o.Shard is one) and each stage's while it runs: it
// fails at once, wrapping outputs.ErrLocked, if another process holds
// one.
func (c *Calibration) Run(ctx context.Context, o Options) (res *Result, err error) {
	lock, err := c.lock(!o.Shard.Whole())
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	res = &Result{}
	m := c.manifest()
	defer func() {
		m.Stages, m.Simulations, m.Finished = res.Stages, res.Simulations, res.Finished
		werr := outputs.WriteFileAtomic(context.Background(), filepath.Join(c.Dir, ManifestFile), func(w io.Writer) error { return writeManifest(w, m) })
		if err == nil {
			err = werr
		}
	}()
	params := c.params
	var dist *Distance
	distanceOf := func(tab *sweep.Table) error {
		if dist == nil {
			targets := Targets(c.Targets, tab.Indicators)
			if len(targets) == 0 {
				return errors.New("calibrate: no target is measured by the runs")
			}
			dist = NewDistance(targets)
			res.Distance = dist
		}
		return nil
	}

	// Screening.
	if c.Sweep.Design.Kind == scenarios.Morris {
		dir := filepath.Join(c.Dir, ScreeningDir)
		text, err := c.stageText(dir, "screening", c.Sweep.Seed, c.Settings.ScreenReplicates,
			fmt.Sprintf("kind = %q\npoints = %d", scenarios.Morris, c.Sweep.Design.Points), params, false)
		if err != nil {
			return res, err
		}
		tab, pending, err := c.stage(ctx, "screening", dir, text, "", o)
		if err != nil || pending != "" {
			res.Pending = pending
			return res, err
		}
		if err := distanceOf(tab); err != nil {
			return res, err
		}
		scr, err := Screen(tab, dist, c.Settings.ScreenKeep, c.Settings.MaxParameters)
		if err != nil {
			return res, err
		}
		res.Screening = scr
		runs := len(tab.Params) * c.Settings.ScreenReplicates
		res.Simulations += runs
		res.Stages = append(res.Stages, Stage{Name: "screening", Dir: ScreeningDir, Runs: runs})
		params = nil
		for _, j := range scr.Kept {
			params = append(params, c.params[j])
		}
		c.logf(o, "screening: %d runs; %d of %d parameters kept (noise floor of μ* %.3g)\n", runs, len(params), len(c.params), scr.NoiseFloor)
	}
	res.params = params
	for _, p := range params {
		res.Params = append(res.Params, p.path)
	}
	prior := Prior{}
	for _, p := range params {
		prior.Low, prior.High = append(prior.Low, p.lo), append(prior.High, p.hi)
	}

	// Generation 0: a sample of the prior.
	design := c.Sweep.Design.Kind
	if design == scenarios.Morris {
		design = scenarios.Sobol
	}
	dir := c.genDir(0)
	text, err := c.stageText(dir, "generation-000", c.stageSeed(0), c.Sweep.Replicates, fmt.Sprintf("kind = %q\npoints = %d\nstreams = %q", design, c.n, scenarios.StreamsPoint), params, false)
	if err != nil {
		return res, err
	}
	tab, pending, err := c.stage(ctx, "generation 0", dir, text, "", o)
	if err != nil || pending != "" {
		res.Pending = pending
		return res, err
	}
	if err := distanceOf(tab); err != nil {
		return res, err
	}
	thetas := make([][]float64, len(tab.Params))
	for i, row := range tab.Params {
		thetas[i] = make([]float64, len(row))
		for k, v := range row {
			if thetas[i][k], err = strconv.ParseFloat(v, 64); err != nil {
				return res, fmt.Errorf("calibrate: %s: point %d: %q is not a number", dir, i, v)
			}
		}
	}
	means := map[int][]float64{}
	remember := func(tab *sweep.Table, first int) []float64 {
		ms := Means(tab, dist.Targets)
		ds := make([]float64, len(ms))
		for i := range ms {
			means[first+i] = ms[i]
			ds[i] = dist.Of(ms[i])
		}
		return ds
	}
	forget := func(pop *Population) {
		kept := map[int]bool{}
		for _, p := range pop.Particles {
			kept[p.ID] = true
		}
		for id := range means {
			if !kept[id] {
				delete(means, id)
			}
		}
	}
	pop, err := Start(prior, thetas, remember(tab, 0), c.keep)
	if err != nil {
		return res, err
	}
	forget(pop)
	used := c.n * c.Sweep.Replicates
	res.Simulations += used
	res.Stages = append(res.Stages, c.genStage(pop, 0, c.n))
	c.logf(o, "generation 0: %d particles; tolerance %.4g\n", c.n, pop.Epsilon)

	// The sequential method: each generation moves every particle.
	newPer := c.n
	for pop.Acceptance >= c.Settings.MinAcceptance && used+newPer*c.Sweep.Replicates <= c.Settings.Budget {
		g := pop.Generation + 1
		rng := rand.New(rand.NewPCG(c.Sweep.Seed, uint64(g)))
		props := pop.Propose(rng)
		dir := c.genDir(g)
		particles := c.particlesCSV(props.Thetas, params, c.n+(g-1)*newPer)
		text, err := c.stageText(dir, fmt.Sprintf("generation-%03d", g), c.stageSeed(g), c.Sweep.Replicates,
			fmt.Sprintf("kind = %q\nfile = %q\nstreams = %q", scenarios.Points, fmt.Sprintf("%03d.csv", g), scenarios.StreamsPoint), nil, true)
		if err != nil {
			return res, err
		}
		tab, pending, err := c.stage(ctx, fmt.Sprintf("generation %d", g), dir, text, particles, o)
		if err != nil || pending != "" {
			res.Pending = pending
			return res, err
		}
		first := c.n + (g-1)*newPer
		if pop, err = pop.Next(props, remember(tab, first), first); err != nil {
			return res, err
		}
		forget(pop)
		used += newPer * c.Sweep.Replicates
		res.Simulations += newPer * c.Sweep.Replicates
		res.Stages = append(res.Stages, c.genStage(pop, g, newPer))
		c.logf(o, "generation %d: %d moves, %.3f accepted; %d distinct particles; next tolerance %.4g; %d of %d simulations\n",
			g, newPer, pop.Acceptance, pop.Distinct(), pop.Epsilon, used, c.Settings.Budget)
	}
	res.Population, res.Means = pop, means
	if err := c.writePosterior(pop, params); err != nil {
		return res, err
	}

	// The posterior predictive check.
	if c.Settings.Check > 0 {
		dir := filepath.Join(c.Dir, CheckDir)
		text, err := c.stageText(dir, "check", c.stageSeed(1<<20), c.Sweep.Replicates,
			fmt.Sprintf("kind = %q\nfile = %q\ndraws = %d\nstreams = %q", scenarios.Points, OutputDir+"/"+PosteriorFile, c.Settings.Check, scenarios.StreamsPoint), nil, true)
		if err != nil {
			return res, err
		}
		tab, pending, err := c.stage(ctx, "check", dir, text, "", o)
		if err != nil || pending != "" {
			res.Pending = pending
			return res, err
		}
		res.Check = tab
		runs := len(tab.Params) * c.Sweep.Replicates
		res.Simulations += runs
		res.Stages = append(res.Stages, Stage{Name: "check", Dir: CheckDir, Runs: runs})
		c.logf(o, "posterior predictive check: %d runs\n", runs)
	}
	res.Finished = true
	return res, nil
}

// logf writes a line to o.Log.
func (c *Calibration) logf(o Options, format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format, args...)
	}
}

// genDir returns the directory of generation g.
func (c *Calibration) genDir(g int) string {
	return filepath.Join(c.Dir, GenerationsDir, fmt.Sprintf("%03d", g))
}

// genStage returns the record of generation g.
func (c *Calibration) genStage(pop *Population, g, particles int) Stage {
	return Stage{Name: fmt.Sprintf("generation %d", g), Dir: filepath.ToSlash(filepath.Join(GenerationsDir, fmt.Sprintf("%03d", g))),
		Runs: particles * c.Sweep.Replicates, Epsilon: pop.Epsilon, Acceptance: pop.Acceptance, Distinct: pop.Distinct()}
}

// stageSeed returns the sweep seed of stage g: a hash of the
// calibration's seed, cut to 63 bits.
func (c *Calibration) stageSeed(g int) uint64 {
	return sim.Mix(c.Sweep.Seed^sim.Mix(uint64(g)+0xca1b)) & sim.MaxSeed
}

// baseRef returns how a sweep file in dir names the calibration's base
// scenario: its built-in name, or its path relative to dir.
func (c *Calibration) baseRef(dir string) (string, error) {
	ref := c.Sweep.Refs[0]
	if _, ok := scenarios.Builtin(ref); ok && !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml") {
		return ref, nil
	}
	abs, err := filepath.Abs(filepath.Join(filepath.Dir(c.Sweep.File), filepath.FromSlash(ref)))
	if err != nil {
		return "", err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absDir, abs)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// stageText returns the sweep file of a stage whose sweep directory is
// dir (the file is dir.toml, beside it): the base scenario,
// the replicates, the stage's seed, the patterns recorded, the design
// lines, and the ranges of params (unless points, whose file names them).
func (c *Calibration) stageText(dir, name string, seed uint64, replicates int, design string, params []param, points bool) (string, error) {
	ref, err := c.baseRef(filepath.Dir(dir))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Written by 'sahelsim calibrate' for the calibration %s: stage %s.\n", c.Sweep.Name, name)
	fmt.Fprintf(&b, "# Run it with 'sahelsim calibrate', or 'sahelsim sweep %s.toml --out %s' (or slurm).\n", filepath.Base(dir), filepath.Base(dir))
	fmt.Fprintf(&b, "name = %q\nscenario = %q\nreplicates = %d\nseed = %d\npatterns = true\n\n[design]\n%s\n", c.Sweep.Name+"-"+name, ref, replicates, seed, design)
	if !points {
		b.WriteString("\n[parameters]\n")
		for _, p := range params {
			fmt.Fprintf(&b, "%q = { min = %s, max = %s }\n", p.path, p.min, p.max)
		}
	}
	return b.String(), nil
}

// particlesCSV returns the points file of a generation: a column particle
// (the particles' numbers from first), then one column per parameter,
// integers rounded.
func (c *Calibration) particlesCSV(thetas [][]float64, params []param, first int) string {
	var b strings.Builder
	b.WriteString("particle")
	for _, p := range params {
		b.WriteString("," + p.path)
	}
	b.WriteString("\n")
	for i, th := range thetas {
		b.WriteString(strconv.Itoa(first + i))
		for k, p := range params {
			b.WriteString("," + formatParam(th[k], p.kind))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// formatParam formats a parameter's value as the model takes it: an
// integer parameter rounded.
func formatParam(v float64, kind string) string {
	if kind == scenarios.KindInt {
		return strconv.FormatInt(int64(math.Round(v)), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// stage makes dir the sweep directory of a stage whose sweep file, beside
// it as dir.toml, is text (and points file dir.csv particles, if not
// empty), and runs it as o says. It returns the stage's table once
// complete, or the path of its sweep file if it is to be run elsewhere
// (o.Next, o.Shard).
func (c *Calibration) stage(ctx context.Context, name, dir, text, particles string, o Options) (*sweep.Table, string, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, "", err
	}
	file := dir + ".toml"
	if particles != "" {
		if err := writeOnce(dir+".csv", particles); err != nil {
			return nil, "", err
		}
	}
	if err := writeOnce(file, text); err != nil {
		return nil, "", err
	}
	// A complete stage: its table, and no failed run.
	if _, err := os.Stat(filepath.Join(dir, sweep.RunsCSV)); err == nil {
		if _, err := os.Stat(filepath.Join(dir, sweep.FailuresCSV)); errors.Is(err, fs.ErrNotExist) {
			tab, err := sweep.ReadTable(dir)
			return tab, "", err
		}
	}
	sw, err := scenarios.LoadSweep(file)
	if err != nil {
		return nil, "", fmt.Errorf("calibrate: stage %s: %w", name, err)
	}
	m, err := sweep.NewManifest(sw, sweep.SeriesNone, c.Build)
	if err != nil {
		return nil, "", err
	}
	// The stage's directory is locked as 'sahelsim sweep' and 'merge' lock
	// it: a stage that a job array is running elsewhere is not merged.
	m, lock, err := sweep.Open(dir, m, !o.Shard.Whole())
	if err != nil {
		return nil, "", fmt.Errorf("calibrate: stage %s: %w", name, err)
	}
	defer lock.Unlock()
	var sum *sweep.Summary
	switch {
	case o.Next:
		sum, err = sweep.Assemble(dir, m)
		if errors.Is(err, sweep.ErrMissing) {
			return nil, file, nil
		}
		if err != nil {
			return nil, "", err
		}
	case !o.Shard.Whole():
		res, err := sweep.Run(ctx, dir, sw, m, sweep.Options{Workers: o.Workers, Shard: o.Shard})
		if err != nil {
			return nil, "", err
		}
		if len(res.Failures) > 0 {
			return nil, "", fmt.Errorf("calibrate: stage %s: %d runs failed: %s", name, len(res.Failures), sweep.FormatFailure(res.Failures[0]))
		}
		return nil, file, nil
	default:
		opts := sweep.Options{Workers: o.Workers, Assemble: true}
		if o.Progress != nil {
			opts.Progress = func(done, total int) { o.Progress(name, done, total) }
		}
		res, err := sweep.Run(ctx, dir, sw, m, opts)
		if err != nil {
			return nil, "", err
		}
		sum = res.Summary
	}
	if len(sum.Failures) > 0 {
		return nil, "", fmt.Errorf("calibrate: stage %s: %d of %d runs failed (%s): run again to retry them; first: %s",
			name, len(sum.Failures), sum.Runs, filepath.Join(dir, sweep.FailuresCSV), sweep.FormatFailure(sum.Failures[0]))
	}
	tab, err := sweep.ReadTable(dir)
	return tab, "", err
}

// writeOnce writes text to path, atomically, unless path holds it
// already; a path that holds something else is another calibration's.
func writeOnce(path, text string) error {
	old, err := input.ReadFile(path, int64(len(text)))
	switch {
	case err == nil && string(old) == text:
		return nil
	case err == nil || errors.Is(err, input.ErrTooLarge):
		return fmt.Errorf("%w: %s differs from what this calibration writes there: use another --out", ErrOtherCalibration, path)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return outputs.WriteFileAtomic(context.Background(), path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}
