package calibrate

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/sahelsim/sahelsim/scenarios"
)

// excluded are the prefixes of scenario keys a template leaves out: the
// levers (off in a calibration), the map, the calendar, the seed and the
// zones, which are not uncertain parameters of the rules.
var excluded = []string{"policy.", "map.", "zones.", "epstein.", "start", "end", "step_days", "seed", "name", "description", "extends", "model"}

// A TemplateSpec says what Template writes.
type TemplateSpec struct {
	Name         string  // of the calibration
	Scenario     string  // the base scenario as the file names it
	Spread       float64 // each range is the default × (1 ± Spread), within what the key allows
	Trajectories int     // of the Morris screening
	Replicates   int
	Seed         uint64
}

// Template writes a calibration file that screens every numeric parameter
// of sc (but the excluded keys): a morris design of spec.Trajectories
// trajectories over the range default × (1 ± spec.Spread) of each, cut to
// the values the key allows (integers rounded), so that a new edition of
// the model gets a calibration over all its parameters without writing
// each by hand. A parameter whose default is 0, or whose range would be
// empty, is listed in a comment and left out.
func Template(w io.Writer, sc *scenarios.Scenario, spec TemplateSpec) error {
	if !(spec.Spread > 0 && spec.Spread < 1) {
		return fmt.Errorf("%w: spread %v: want a share strictly between 0 and 1", ErrInput, spec.Spread)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# A calibration of every numeric parameter of %s: each over its default × (1 ± %g),\n", spec.Scenario, spec.Spread)
	fmt.Fprintln(bw, "# within the values it allows (uniform priors), screened by Morris elementary effects")
	fmt.Fprintln(bw, "# before the sequential method ('sahelsim calibrate'; internal/calibrate). Written by")
	fmt.Fprintln(bw, "# 'sahelsim calibrate --template': edit the ranges where better sources exist.")
	fmt.Fprintf(bw, "name = %q\n", spec.Name)
	fmt.Fprintf(bw, "description = %q\n", fmt.Sprintf("Calibration of %s: Morris screening of every numeric parameter (default × (1 ± %g)), then ABC-SMC over those that matter, fitted to the report's figures and the ACLED patterns of January 2017 – June 2019.", spec.Scenario, spec.Spread))
	fmt.Fprintf(bw, "scenario = %q\nreplicates = %d\nseed = %d\n\n[design]\nkind = \"morris\"\npoints = %d\n\n[parameters]\n",
		spec.Scenario, spec.Replicates, spec.Seed, spec.Trajectories)
	var skipped []string
	for _, path := range sc.Paths() {
		if excludedKey(path) {
			continue
		}
		v, err := sc.Get(path)
		if err != nil {
			return err
		}
		var d float64
		isInt := false
		switch x := v.(type) {
		case int64:
			d, isInt = float64(x), true
		case int:
			d, isInt = float64(x), true
		case float64:
			d = x
		default:
			continue
		}
		if d == 0 {
			skipped = append(skipped, path+" (default 0)")
			continue
		}
		lo, hi := d*(1-spec.Spread), d*(1+spec.Spread)
		if lo > hi {
			lo, hi = hi, lo
		}
		lo, hi = allowed(sc, path, d, lo, isInt), allowed(sc, path, d, hi, isInt)
		if isInt {
			lo, hi = math.Ceil(lo), math.Floor(hi)
		}
		if !(lo < hi) {
			skipped = append(skipped, path+" (no room around its default)")
			continue
		}
		f := func(x float64) string {
			if isInt {
				return fmt.Sprintf("%d", int64(x))
			}
			return formatRange(x)
		}
		fmt.Fprintf(bw, "%q = { min = %s, max = %s }\n", path, f(lo), f(hi))
	}
	if len(skipped) > 0 {
		fmt.Fprintln(bw, "\n# Left out:")
		for _, s := range skipped {
			fmt.Fprintf(bw, "#   %s\n", s)
		}
	}
	return bw.Flush()
}

// excludedKey reports whether path is left out of a template.
func excludedKey(path string) bool {
	for _, e := range excluded {
		if path == e || strings.HasSuffix(e, ".") && strings.HasPrefix(path, e) {
			return true
		}
	}
	return false
}

// allowed returns x if the key path of sc allows it, else the value
// closest to x between d (allowed) and x that it allows, found by
// bisection.
func allowed(sc *scenarios.Scenario, path string, d, x float64, isInt bool) float64 {
	ok := func(v float64) bool {
		var val any = v
		if isInt {
			val = int64(math.Round(v))
		}
		return sc.Clone().Set(path, val) == nil
	}
	if ok(x) {
		return x
	}
	good, bad := d, x
	for range 60 {
		mid := (good + bad) / 2
		if ok(mid) {
			good = mid
		} else {
			bad = mid
		}
	}
	return good
}

// formatRange formats a range's end with at most six significant digits:
// a file for people to read and edit.
func formatRange(x float64) string {
	s := fmt.Sprintf("%.6g", x)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
