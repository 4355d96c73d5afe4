package calibrate

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
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
// of sc but the levers, the map, the calendar, the seed, the zones and
// each group's behaviour multipliers (GroupBehaviour): a morris design of spec.Trajectories
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
	fmt.Fprintf(bw, "# Each group's behaviour multipliers (groups.<id>.%s) are left out:\n", strings.Join(GroupBehaviour, ", "))
	fmt.Fprintln(bw, "# they stay at 1, so that differences between groups emerge from the rules.")
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

// GroupBehaviour are the keys of a group's table ([groups.<id>]) that
// multiply a shared rule of behaviour for that group alone: the weights
// of its targets (attacks on civilians, killings of leaders, attacks on
// forces, explosive devices, kidnappings, clashes with rivals). The
// model's second edition fixes them at 1 for every group on purpose:
// differences between groups must emerge from their aims, areas, kin,
// money and the rules, not be set group by group (issue #12). Fitting
// them per group would bring back the per-group output knobs that edition
// removed, so a template leaves them out (and says so in a comment); a
// calibration file may still free one, as a stated assumption.
var GroupBehaviour = []string{"civilians", "leaders", "security", "explosive", "kidnap", "rivals"}

// excludedKey reports whether path is left out of a template.
func excludedKey(path string) bool {
	for _, e := range excluded {
		if path == e || strings.HasSuffix(e, ".") && strings.HasPrefix(path, e) {
			return true
		}
	}
	return groupBehaviour(path)
}

// groupBehaviour reports whether path is groups.<id>.<a key of
// GroupBehaviour>.
func groupBehaviour(path string) bool {
	parts := strings.Split(path, ".")
	return len(parts) == 3 && parts[0] == "groups" && slices.Contains(GroupBehaviour, parts[2])
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
