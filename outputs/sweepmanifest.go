package outputs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/scenarios"
)

// SweepFormat is the version of the layout of a sweep directory: of its
// manifest and part files. Format 2 parts carry the hash of their sweep;
// format 3 runs draw the streams of sim.ReplicateSeed (those of 'sahelsim
// run' with the sweep's seed), and its Parquet files hold counts as
// integers.
const SweepFormat = 3

// Files of a sweep directory beside timeseries.csv and manifest.json, as
// the sweep command writes them.
const (
	RunsFile    = "runs.csv"    // run,scenario,point,replicate,seed,<parameters>,<indicators>
	CompareFile = "compare.csv" // reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n
)

// ErrNotSweep is wrapped by the error of ReadSweepManifest for a
// directory that holds no sweep, or a sweep of another format.
var ErrNotSweep = errors.New("the directory is not a sweep directory")

// A SweepManifest describes a sweep directory: what the sweep is, how its runs
// and seeds are numbered, and what Assemble needs to write its tables. Its
// JSON keys come in the order of the fields. It holds nothing that
// depends on when or where the sweep ran, so that it is the same for
// every shard.
type SweepManifest struct {
	Format      int              `json:"format"`
	Sweep       string           `json:"sweep"` // the sweep's name
	Hash        string           `json:"sweep_hash"`
	Description string           `json:"description,omitempty"`
	Scenarios   []SweepScenario  `json:"scenarios"`
	Design      scenarios.Design `json:"design"`
	Parameters  []SweepParam     `json:"parameters"`
	Points      int              `json:"points"`
	Replicates  int              `json:"replicates"`
	Runs        int              `json:"runs"`
	Seed        uint64           `json:"seed"`
	// Seeds[r] is the seed of replicate r's runs, the same at every point
	// (the base of them with streams = "point": see RunSeed).
	Seeds    []uint64 `json:"seeds"`
	Streams  string   `json:"streams"`
	RunOrder string   `json:"run_order"`
	Series   string   `json:"series"`
	// Patterns says whether the runs record the patterns of the training
	// window (the sweep file's patterns = true): they are the last
	// columns of Indicators.
	Patterns   bool     `json:"patterns,omitempty"`
	Indicators []string `json:"indicators"` // the indicator columns of runs.csv
	Files      []string `json:"files"`
	Build      Build    `json:"build"`
	SweepTOML  string   `json:"sweep_toml"` // the sweep file as written
}

// RunSeed returns the seed of the runs of point at replicate rep, as
// scenarios.Sweep.Run gives it.
func (m *SweepManifest) RunSeed(point, rep int) uint64 {
	if m.Design.Streams == scenarios.StreamsPoint {
		return scenarios.PointSeed(m.Seed, point%(m.Points/max(1, len(m.Scenarios))), rep)
	}
	return m.Seeds[rep]
}

// A SweepScenario is a base scenario of a sweep.
type SweepScenario struct {
	Name string `json:"name"`
	Ref  string `json:"ref"`  // as the sweep file names it
	TOML string `json:"toml"` // resolved, as 'sahelsim show' prints it
}

// A SweepParam is a parameter of a sweep, with its values formatted.
type SweepParam struct {
	Path   string   `json:"path"`
	Kind   string   `json:"kind"`
	Values []string `json:"values,omitempty"`
	Min    string   `json:"min,omitempty"`
	Max    string   `json:"max,omitempty"`
	Steps  int      `json:"steps,omitempty"`
}

// ReadSweepManifest reads the manifest of the sweep directory dir. It
// fails, wrapping ErrNotSweep, if dir has no manifest or one of another
// format.
func ReadSweepManifest(dir string) (*SweepManifest, error) {
	b, err := input.ReadFile(filepath.Join(dir, ManifestFile), input.MaxManifest)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no %s: %w", dir, ManifestFile, ErrNotSweep)
		}
		return nil, err
	}
	var m SweepManifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Format != SweepFormat {
		return nil, fmt.Errorf("%w: %s: a sweep of format %d, and this program reads format %d (its parts say which sweep they belong to): run the sweep into a new directory",
			ErrNotSweep, filepath.Join(dir, ManifestFile), m.Format, SweepFormat)
	}
	if err := scenarios.CheckName(m.Sweep); err != nil {
		return nil, fmt.Errorf("%s: sweep: %w", filepath.Join(dir, ManifestFile), err)
	}
	for _, sc := range m.Scenarios {
		if err := scenarios.CheckName(sc.Name); err != nil {
			return nil, fmt.Errorf("%s: scenario: %w", filepath.Join(dir, ManifestFile), err)
		}
	}
	if m.Runs != m.Points*m.Replicates || len(m.Seeds) != m.Replicates {
		return nil, fmt.Errorf("%s: inconsistent: %d runs, %d points, %d replicates, %d seeds",
			filepath.Join(dir, ManifestFile), m.Runs, m.Points, m.Replicates, len(m.Seeds))
	}
	return &m, nil
}

// Write writes m as indented JSON.
func (m *SweepManifest) Write(w io.Writer) error { return writeJSON(w, m) }
