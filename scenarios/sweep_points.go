package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/internal/design"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/schema"
	"github.com/sahelsim/sahelsim/sim"
)

// This file reads the explicit parameter sets of a points design and the
// design keys that go with it.
//
// A points design:
//
//	[design]
//	kind = "points"
//	file = "posterior.csv"   # relative to the sweep file
//	draws = 200              # optional: draw 200 rows by weight
//	streams = "point"        # optional, any design: each design point its own random numbers
//
// The file is a CSV file with a header. Each column is a parameter of the
// sweep, named by its dotted path in the scenario (as in [parameters],
// which a points design does not have), or one of PointsMeta, which name
// no parameter: draw, particle, weight, distance, generation. Each row is
// a design point, in the order of the file; each value must be allowed
// for its key, as in a scenario file (integers written as integers, dates
// as YYYY-MM-DD). With draws = N, N rows are drawn with probabilities
// proportional to the weight column (equal without one), by systematic
// resampling with a random offset from the sweep seed, and kept in the
// order of the file (a row may be drawn more than once): how a sweep draws
// parameter sets from a weighted posterior sample such as the one 'sahelsim
// calibrate' writes.

// PointsMeta are the columns of a points file that name no parameter.
var PointsMeta = []string{"draw", "particle", "weight", "distance", "generation"}

// pointsTag separates the random offset of draws from the other streams.
const pointsTag = 0x504f4e // "PON"

// designExtras reads the keys file, draws and streams of the design table
// t.
func (sp *sweepParser) designExtras(t map[string]any, sw *Sweep) error {
	key := func(k string) []string { return []string{"design", k} }
	if v, ok := t["streams"]; ok {
		s, isStr := v.(string)
		switch {
		case !isStr:
			return sp.fail(key("streams"), "design.streams", v, errorf(ErrType, "want a string, got %s", schema.Describe(v)), "")
		case s != StreamsCommon && s != StreamsPoint:
			return sp.fail(key("streams"), "design.streams", s, errorf(ErrRange, "want %q or %q, got %q", StreamsCommon, StreamsPoint, s), "")
		}
		if s == StreamsPoint {
			sw.Design.Streams = s
		}
	}
	if sw.Design.Kind != Points {
		for _, k := range []string{"file", "draws"} {
			if _, has := t[k]; has {
				return sp.fail(key(k), "design."+k, t[k], errorf(ErrInvalid, "%s is for kind = %q", k, Points), "")
			}
		}
		return nil
	}
	f, hasFile := t["file"]
	d, hasDraws := t["draws"]
	s, isStr := f.(string)
	switch {
	case !hasFile:
		return sp.fail(key("kind"), "design.file", nil, errorf(ErrInvalid, "kind %q needs the file of its points", Points), `add file = "points.csv" to [design]`)
	case !isStr || s == "":
		return sp.fail(key("file"), "design.file", f, errorf(ErrType, "want the path of a CSV file, got %s", schema.Describe(f)), "")
	}
	sw.Design.File = s
	if hasDraws {
		n, isInt := d.(int64)
		switch {
		case !isInt:
			return sp.fail(key("draws"), "design.draws", d, errorf(ErrType, "want an integer, got %s", schema.Describe(d)), "")
		case n < 1 || n > MaxDesignPoints:
			return sp.fail(key("draws"), "design.draws", d, errorf(ErrRange, "want a value from 1 to %d, got %d", MaxDesignPoints, n), "")
		}
		sw.Design.Draws = int(n)
	}
	return nil
}

// pointsFile reads the file of a points design: its parameters and its
// rows, or Design.Draws rows drawn by weight.
func (sp *sweepParser) pointsFile(raw map[string]any, sw *Sweep) error {
	table := "design"
	if sw.Design.Posterior {
		table = "posterior"
	}
	line := lookupLine(sp.lines, []string{table, "file"})
	fail := func(err error, hint string) error {
		return &Error{File: sp.file, Line: line, Key: table + ".file", Value: sw.Design.File, Err: err, Hint: hint}
	}
	var r io.Reader
	var path string
	if sw.Design.Posterior && isSampleName(sw.Design.File) {
		data, ok := PosteriorSample(sw.Design.File)
		if !ok {
			return fail(errorf(fs.ErrNotExist, "no built-in posterior sample %q", sw.Design.File), posteriorHint(sw.Design.File))
		}
		path, r = "scenarios/posterior/"+sw.Design.File+".csv", bytes.NewReader(data)
	} else {
		if sp.builtin || sp.dir == "" {
			return fail(errorf(ErrInvalid, "a built-in sweep, or one without a file name, cannot read a points file"), "")
		}
		path = filepath.FromSlash(sw.Design.File)
		if !filepath.IsAbs(path) {
			path = filepath.Join(sp.dir, path)
		}
		f, err := input.OpenCSV(path, input.MaxData)
		if err != nil {
			if input.IsRefused(err) {
				return fail(err, "")
			}
			return fail(errorf(unwrapPath(err), "%s: %v", path, unwrapPath(err)), "")
		}
		defer f.Close()
		r = f
	}
	rows, weights, err := readPoints(r, path, sw)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return fail(errorf(ErrInvalid, "%s has no row", path), "")
	}
	if n := sw.Design.Draws; n > 0 {
		idx, err := systematic(weights, n, design.Rand(sw.Seed, pointsTag).Float64())
		if err != nil {
			return fail(errorf(ErrInvalid, "%s: %v", path, err), "")
		}
		drawn := make([][]any, n)
		for k, i := range idx {
			drawn[k] = rows[i]
		}
		rows = drawn
	}
	sw.points = rows
	// Each parameter's range over the rows, for the manifest.
	for j := range sw.Parameters {
		par := &sw.Parameters[j]
		switch par.Kind {
		case KindInt, KindFloat, KindDate:
			par.Min, par.Max = rows[0][j], rows[0][j]
			for _, r := range rows {
				if less(r[j], par.Min) {
					par.Min = r[j]
				}
				if less(par.Max, r[j]) {
					par.Max = r[j]
				}
			}
		default:
			for _, r := range rows {
				if !slices.Contains(par.Values, r[j]) {
					par.Values = append(par.Values, r[j])
				}
			}
		}
	}
	return nil
}

// readPoints reads the points file r (at path) of sw: it sets
// sw.Parameters from its header and returns its rows, and the weight of
// each row (1 without a weight column).
func readPoints(r io.Reader, path string, sw *Sweep) (rows [][]any, weights []float64, err error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &Error{File: path, Err: errorf(ErrInvalid, "empty file: want a header of parameter paths")}
	}
	if err != nil {
		return nil, nil, &Error{File: path, Err: errorf(ErrSyntax, "%v", err)}
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	weightCol := -1
	cols := make([]int, len(head)) // parameter index of each column, -1 for metadata
	for i, name := range head {
		name = strings.TrimSpace(name)
		cols[i] = -1
		if slices.Contains(PointsMeta, name) {
			if name == "weight" {
				weightCol = i
			}
			continue
		}
		if why, ok := notSweepable[name]; ok {
			return nil, nil, &Error{File: path, Line: 1, Key: name, Err: errorf(ErrInvalid, "%s is not a sweep parameter", name), Hint: why}
		}
		if slices.ContainsFunc(sw.Parameters, func(p Parameter) bool { return p.Path == name }) {
			return nil, nil, &Error{File: path, Line: 1, Key: name, Err: errorf(ErrInvalid, "column %s twice", name)}
		}
		var kind string
		for _, sc := range sw.Scenarios {
			if e := checkPath(sc, name); e != nil {
				e.File, e.Line = path, 1
				if errors.Is(e, ErrUnknownKey) && e.Hint == "" {
					e.Hint = "a column is a parameter's dotted path, or one of " + strings.Join(PointsMeta, ", ")
				}
				return nil, nil, e
			}
			v, err := sc.Clone().Get(name)
			if err == nil {
				_, kind = normalizeValue(v)
			}
		}
		if kind == "" {
			return nil, nil, &Error{File: path, Line: 1, Key: name, Err: errorf(ErrInvalid, "%s holds a list: only keys with a single value can be swept", name)}
		}
		cols[i] = len(sw.Parameters)
		sw.Parameters = append(sw.Parameters, Parameter{Path: name, Kind: kind, line: 1})
	}
	if len(sw.Parameters) == 0 {
		return nil, nil, &Error{File: path, Line: 1, Err: errorf(ErrInvalid, "no column names a parameter"),
			Hint: "name each parameter's column by its dotted path, e.g. recruitment.rate"}
	}
	cr.FieldsPerRecord = len(head)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, weights, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, &Error{File: path, Line: pe.Line, Err: errorf(ErrSyntax, "%v", pe.Err)}
			}
			return nil, nil, &Error{File: path, Err: err}
		}
		if len(rows) == MaxDesignPoints || int64(len(rows)+1)*int64(len(sw.Parameters)) > MaxDesignValues {
			return nil, nil, &Error{File: path, Err: errorf(ErrRange, "more than %d rows, or more than %d values (rows × parameters)", MaxDesignPoints, MaxDesignValues)}
		}
		ln, _ := cr.FieldPos(0)
		row := make([]any, len(sw.Parameters))
		w := 1.0
		for i, s := range rec {
			s = strings.TrimSpace(s)
			if i == weightCol {
				if w, err = strconv.ParseFloat(s, 64); err != nil || !(w >= 0) || math.IsInf(w, 0) {
					return nil, nil, &Error{File: path, Line: ln, Key: "weight", Value: s, Err: errorf(ErrType, "want a weight, a number 0 or more")}
				}
				continue
			}
			j := cols[i]
			if j < 0 {
				continue
			}
			par := &sw.Parameters[j]
			v, perr := parseKind(s, par.Kind)
			if perr != nil {
				return nil, nil, &Error{File: path, Line: ln, Key: par.Path, Value: s, Err: errorf(ErrType, "want %s", kindWords(par.Kind))}
			}
			for _, sc := range sw.Scenarios {
				if err := sc.Clone().Set(par.Path, v); err != nil {
					var e *Error
					if errors.As(err, &e) {
						return nil, nil, &Error{File: path, Line: ln, Key: par.Path, Value: s, Err: e.Err, Hint: e.Hint}
					}
					return nil, nil, &Error{File: path, Line: ln, Key: par.Path, Value: s, Err: err}
				}
			}
			row[j] = v
		}
		rows = append(rows, row)
		weights = append(weights, w)
	}
}

// parseKind parses s as a value of kind.
func parseKind(s, kind string) (any, error) {
	switch kind {
	case KindInt:
		return strconv.ParseInt(s, 10, 64)
	case KindFloat:
		v, err := strconv.ParseFloat(s, 64)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			err = errors.New("not finite")
		}
		return v, err
	case KindDate:
		return sim.ParseDate(s)
	case KindBool:
		return strconv.ParseBool(s)
	}
	return s, nil
}

// kindWords describes a kind of value in errors.
func kindWords(kind string) string {
	switch kind {
	case KindInt:
		return "an integer"
	case KindFloat:
		return "a number"
	case KindDate:
		return "a date YYYY-MM-DD"
	case KindBool:
		return "true or false"
	}
	return "a string"
}

// systematic returns n indices drawn with probabilities proportional to
// weights by systematic resampling (Kitagawa 1996): the points (u+k)/n,
// k = 0…n−1, with u in [0, 1), through the cumulative weights. The
// indices come in ascending order.
func systematic(weights []float64, n int, u float64) ([]int, error) {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil, errors.New("the weights add up to nothing: no row can be drawn")
	}
	out := make([]int, 0, n)
	i, cum := 0, weights[0]
	for k := range n {
		x := (u + float64(k)) / float64(n) * total
		for cum <= x && i < len(weights)-1 {
			i++
			cum += weights[i]
		}
		out = append(out, i)
	}
	return out, nil
}
