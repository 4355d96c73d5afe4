package scenarios

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/sahelsim/sahelsim/internal/design"
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
// gives every draw the same). A posterior sweep has no [design] but
// streams.
//
// Its [parameters], if any, are assumptions the sample does not hold: each
// a range { min = …, max = … } of a parameter that is not a column of the
// sample, drawn by a Latin hypercube over the draws (from the sweep seed),
// independently of the sample's columns:
//
//	[parameters]
//	"communities.reprisal_harm" = { min = 0.15, max = 0.45 }
//
// A parameter the calibration's screening left out moves the distance to
// the data no more than noise, so its posterior is its prior: drawing it
// uniformly over its prior range beside the sample's columns extends the
// posterior to it. The analyses of the effects (internal/effects) then
// weigh it as a driver like any column of the sample.

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

// posteriorPoints reads the points of a posterior sweep: the draws of the
// sample (pointsFile), then the assumptions of its [parameters], each
// drawn by a Latin hypercube over the draws and appended to every point.
func (sp *sweepParser) posteriorPoints(raw map[string]any, order []toml.Key, sw *Sweep) error {
	if err := sp.parameters(raw, order, sw); err != nil {
		return err
	}
	assumed := sw.Parameters
	sw.Parameters = nil
	fail := func(par Parameter, err error, hint string) error {
		return &Error{File: sp.file, Line: par.line, Key: par.Path, Err: err, Hint: hint}
	}
	for _, par := range assumed {
		if par.Values != nil || par.Min == nil {
			return fail(par, errorf(ErrInvalid, "an assumption of a posterior sweep is a range, drawn over the draws"),
				"write it as { min = …, max = … }")
		}
	}
	if err := sp.pointsFile(raw, sw); err != nil {
		return err
	}
	if len(assumed) == 0 {
		return nil
	}
	for _, par := range assumed {
		if slices.ContainsFunc(sw.Parameters, func(p Parameter) bool { return p.Path == par.Path }) {
			return fail(par, errorf(ErrInvalid, "%s is a column of the posterior sample, which gives its values", par.Path),
				"remove it from [parameters]")
		}
	}
	units := design.LatinHypercube(len(sw.points), len(assumed), sw.Seed)
	for i, row := range sw.points {
		// A row drawn twice shares its slice: each point gets its own.
		pt := slices.Clone(row)
		for j := range assumed {
			pt = append(pt, assumed[j].unitValue(units[i][j]))
		}
		sw.points[i] = pt
	}
	sw.Parameters = append(sw.Parameters, assumed...)
	return nil
}
