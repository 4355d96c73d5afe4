package scenarios

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/internal/schema"
	"github.com/sahelsim/sahelsim/internal/textdist"
)

// This file reads the [posterior] table of a sweep file: the points of
// the sweep are draws of a posterior sample, each run in every base
// scenario with common random numbers:
//
//	scenarios = ["baseline", "reintegration"]
//	replicates = 10             # of each draw, in each scenario
//	[posterior]
//	file = "baseline"           # a built-in sample (PosteriorSamples), or a path (with a / or .csv) relative to the sweep file
//	draws = 50                  # drawn by weight (default DefaultPosteriorDraws)
//
// It is a points design (sweep_points.go) whose file is a posterior
// sample, the calibration/posterior.csv that 'sahelsim calibrate' writes
// (columns draw, weight, distance, generation, particle and one per
// parameter), always drawn by weight: the draws are then equally likely,
// which the analyses of the effects over the posterior (internal/effects)
// assume. The draws depend only on the sweep seed. Each draw has its own
// random numbers, shared by the base scenarios at that draw (streams =
// "point", the default of a posterior sweep; [design] streams = "common"
// gives every draw the same). A posterior sweep has no [parameters] of its
// own (its parameters are the sample's columns), and no [design] but
// streams.

// DefaultPosteriorDraws is the number of draws of a [posterior] table
// without draws.
const DefaultPosteriorDraws = 100

// posteriorKeys are the keys of the [posterior] table.
var posteriorKeys = []string{"file", "draws"}

//go:embed posterior/*.csv
var posteriorFS embed.FS

// PosteriorSamples returns the built-in posterior samples (the files of
// scenarios/posterior), a [posterior] table's file = NAME, in
// alphabetical order, each described by its rows and parameters.
func PosteriorSamples() []Info {
	entries, _ := posteriorFS.ReadDir("posterior")
	var out []Info
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".csv")
		if !ok {
			continue
		}
		data, _ := posteriorFS.ReadFile("posterior/" + e.Name())
		head, _, _ := strings.Cut(string(data), "\n")
		params := 0
		for c := range strings.SplitSeq(head, ",") {
			if !slices.Contains(PointsMeta, strings.TrimSpace(c)) {
				params++
			}
		}
		rows := strings.Count(strings.TrimRight(string(data), "\n"), "\n")
		out = append(out, Info{Name: name, Description: fmt.Sprintf("(not a sweep) a posterior sample for a sweep's [posterior] file = %q: %d rows over %d parameters", name, rows, params)})
	}
	return out
}

// isSampleName reports whether a [posterior] table's file names a
// built-in sample rather than a path: no path separator, no .csv suffix.
func isSampleName(s string) bool { return isBuiltinName(s) && !strings.HasSuffix(s, ".csv") }

// PosteriorSample returns the text of the built-in posterior sample name.
func PosteriorSample(name string) ([]byte, bool) {
	if !isSampleName(name) || name == "" {
		return nil, false
	}
	data, err := posteriorFS.ReadFile("posterior/" + name + ".csv")
	return data, err == nil
}

// posteriorHint names the built-in posterior samples, or the nearest to
// name.
func posteriorHint(name string) string {
	var names []string
	for _, s := range PosteriorSamples() {
		names = append(names, s.Name)
	}
	if c, ok := textdist.Nearest(name, names); ok {
		return fmt.Sprintf("did you mean %q? (a path needs a / or a .csv suffix)", c)
	}
	return "built-in samples: " + strings.Join(names, ", ") + "; or the path of a posterior.csv, relative to the sweep file"
}

// posterior reads the [posterior] table, if the file has one: it makes
// the design a points design drawing Design.Draws rows of the sample by
// weight. pointsFile reads the sample.
func (sp *sweepParser) posterior(raw map[string]any, sw *Sweep) error {
	v, ok := raw["posterior"]
	if !ok {
		return nil
	}
	key := func(k string) []string { return []string{"posterior", k} }
	t, ok := v.(map[string]any)
	if !ok {
		return sp.fail([]string{"posterior"}, "posterior", v, errorf(ErrType, "want a table, got %s", schema.Describe(v)), `[posterior] with file = "baseline" and draws = N`)
	}
	for _, k := range slices.Sorted(mapKeys(t)) {
		if !slices.Contains(posteriorKeys, k) {
			return sp.fail(key(k), "posterior."+k, t[k], ErrUnknownKey, textdist.Suggest(k, posteriorKeys))
		}
	}
	if sw.Design.Kind != Grid || sw.Design.Points != 0 {
		return sp.fail([]string{"design", "kind"}, "design.kind", sw.Design.Kind,
			errorf(ErrInvalid, "a sweep with [posterior] draws its points from the posterior sample: it takes no design kind"),
			"remove [design] (streams = \"point\" may stay), or remove [posterior]")
	}
	if _, ok := raw["parameters"]; ok {
		return sp.fail([]string{"parameters"}, "parameters", nil,
			errorf(ErrInvalid, "a sweep with [posterior] takes its parameters from the columns of the sample"),
			"remove [parameters]: set what differs between settings in the base scenarios (scenarios = [...]), or sweep them in a sweep of their own")
	}
	f, hasFile := t["file"]
	s, isStr := f.(string)
	switch {
	case !hasFile:
		return sp.fail([]string{"posterior"}, "posterior.file", nil, errorf(ErrInvalid, "[posterior] needs the file of its sample"),
			`add file = "baseline" (the shipped sample) or the path of a calibration's posterior.csv`)
	case !isStr || s == "":
		return sp.fail(key("file"), "posterior.file", f, errorf(ErrType, "want a built-in sample's name or the path of a CSV file, got %s", schema.Describe(f)), posteriorHint(""))
	}
	draws := int64(DefaultPosteriorDraws)
	if d, ok := t["draws"]; ok {
		n, isInt := d.(int64)
		switch {
		case !isInt:
			return sp.fail(key("draws"), "posterior.draws", d, errorf(ErrType, "want an integer, got %s", schema.Describe(d)), "")
		case n < 1 || n > MaxDesignPoints:
			return sp.fail(key("draws"), "posterior.draws", d, errorf(ErrRange, "want a value from 1 to %d, got %d", MaxDesignPoints, n), "")
		}
		draws = n
	}
	sw.Design.Kind, sw.Design.File, sw.Design.Draws, sw.Design.Posterior = Points, s, int(draws), true
	// Each draw its own random numbers, shared by the scenarios at that
	// draw, unless the file asks for common streams: the draws are then
	// independent samples of (parameters, noise), as the variance split
	// and the intervals over the draws assume, and a row drawn twice is
	// two draws, not one run twice.
	sw.Design.Streams = StreamsPoint
	if d, ok := raw["design"].(map[string]any); ok && d["streams"] == StreamsCommon {
		sw.Design.Streams = ""
	}
	return nil
}
