package scenarios

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/schema"
	"github.com/sahelsim/sahelsim/internal/textdist"
	"github.com/sahelsim/sahelsim/sim"
)

// A Shock is one [timeline.<id>] table of a scenario: a dated exogenous
// event that sets or scales some of the scenario's keys from the first
// step on or after its date:
//
//	[timeline.barkhane_ends]
//	date = 2022-11-09
//	note = "Operation Barkhane ends"
//	source = "https://…"
//	set = { "forces.international.units" = 0 }
//	scale = { "forces.burkina_army.strength" = 1.5 }
//
// set gives keys their new value; scale multiplies the value in force at
// the shock's date (an integer key is rounded to the nearest integer). The
// keys are dotted paths of the scenario's parameters, quoted in an inline
// table as above or written as dotted keys (set.forces.international.units
// = 0). A shock with a note and no keys is a marker: it changes nothing,
// but is recorded with the run and drawn on its figures like the others.
// Shocks of the same date apply in alphabetical order of id. A file
// that extends another merges its timeline by id: it may change a
// shock's date or values, add keys to it, or turn it off with
// enabled = false alone in its table.
type Shock struct {
	Date    sim.Date `toml:"date" doc:"the shock applies at the first step whose first day is on or after this date"`
	Note    string   `toml:"note" doc:"what happened"`
	Source  string   `toml:"source" doc:"a public source for the event and its date"`
	Enabled bool     `toml:"enabled" doc:"false turns the shock off"`

	// Set and Scale are the keys it sets or scales, by dotted path.
	Set   []Assignment `toml:"-"`
	Scale []Assignment `toml:"-"`
}

// An Assignment is one key a shock sets or scales: its dotted path and
// the value (for scale, the factor), as Scenario.Get returns values.
type Assignment struct {
	Path  string
	Value any
}

// MaxShocks bounds the shocks of a timeline, its extends chain included:
// the world keeps the parameters in force after each.
const MaxShocks = 1000

// timelineKeys are the keys of a [timeline.<id>] table.
var timelineKeys = []string{"date", "note", "source", schema.EnabledKey, "set", "scale"}

// scenarioOnly are top-level keys of a scenario that are not the model's
// parameters: a shock cannot change them.
var scenarioOnly = []string{"name", "description", "extends", "model", "epstein"}

// setTimeline sets the key path (which starts with "timeline") of s to the
// raw value, as decoded from a file (decoded) or given from Go. Its errors
// are *schema.KeyError values naming the key.
func (s *Scenario) setTimeline(path []string, raw any, decoded bool) error {
	fail := func(n int, value any, err error, hint string) error {
		return &schema.KeyError{Path: slices.Clip(path[:n]), Value: value, Err: err, Hint: hint}
	}
	if len(path) == 1 {
		if _, ok := raw.(schema.Table); ok {
			return nil
		}
		return fail(1, raw, errorf(ErrType, "want a table of shocks [timeline.<id>], got %s", schema.Describe(raw)), "")
	}
	id := path[1]
	if !schema.ValidID(id) {
		return fail(2, id, errorf(ErrInvalid, "shock id %q: want snake_case, [a-z][a-z0-9_]*", id), "")
	}
	if s.Shocks == nil {
		s.Shocks = map[string]*Shock{}
	}
	sh := s.Shocks[id]
	if sh == nil {
		if len(s.Shocks) >= MaxShocks {
			return fail(2, id, errorf(ErrRange, "more than %d shocks in the timeline", MaxShocks), "")
		}
		sh = &Shock{Enabled: true}
	}
	if len(path) == 2 {
		if _, ok := raw.(schema.Table); !ok {
			return fail(2, raw, errorf(ErrType, "want a table [timeline.%s], got %s", id, schema.Describe(raw)), "")
		}
		s.Shocks[id] = sh
		return nil
	}
	switch k := path[2]; k {
	case "date", "note", "source", schema.EnabledKey:
		if len(path) > 3 {
			return fail(3, raw, errorf(ErrType, "%s is a value, not a table", k), "")
		}
		var err error
		if decoded {
			err = schema.SetDecoded(sh, path[2:], raw)
		} else {
			err = schema.Set(sh, path[2:], raw)
		}
		if err != nil {
			var ke *schema.KeyError
			if errors.As(err, &ke) {
				return fail(3, ke.Value, ke.Err, ke.Hint)
			}
			return err
		}
	case "set", "scale":
		if len(path) == 3 {
			if _, ok := raw.(schema.Table); ok {
				s.Shocks[id] = sh
				return nil
			}
			return fail(3, raw, errorf(ErrType, "want a table of keys, such as %s = { \"forces.international.units\" = 0 }, got %s", k, schema.Describe(raw)), "")
		}
		a, err := s.assignment(path, raw, decoded, k == "scale")
		if err != nil {
			return err
		}
		list := &sh.Set
		other := sh.Scale
		if k == "scale" {
			list, other = &sh.Scale, sh.Set
		}
		if slices.ContainsFunc(other, func(b Assignment) bool { return b.Path == a.Path }) {
			return fail(len(path), raw, errorf(ErrInvalid, "%s is both set and scaled by the shock", a.Path), "set it or scale it, not both")
		}
		if i := slices.IndexFunc(*list, func(b Assignment) bool { return b.Path == a.Path }); i >= 0 {
			(*list)[i] = a
		} else {
			*list = append(*list, a)
			slices.SortFunc(*list, func(a, b Assignment) int { return cmp.Compare(a.Path, b.Path) })
		}
	default:
		return fail(3, nil, errorf(ErrUnknownKey, "unknown key %s in a shock (keys: %s)", k, strings.Join(timelineKeys, ", ")), textdist.Suggest(k, timelineKeys))
	}
	s.Shocks[id] = sh
	return nil
}

// assignment checks the key a shock sets or scales (path is
// timeline.<id>.set|scale.<key…>) and its value.
func (s *Scenario) assignment(path []string, raw any, decoded, scale bool) (Assignment, error) {
	key := slices.Clip(path[3:])
	target := strings.Join(key, ".")
	fail := func(err error, hint string) (Assignment, error) {
		return Assignment{}, &schema.KeyError{Path: slices.Clip(path), Value: raw, Err: err, Hint: hint}
	}
	parts := strings.Split(target, ".")
	if slices.Contains(scenarioOnly, parts[0]) {
		return fail(errorf(ErrInvalid, "%s describes the scenario, not the model: a shock cannot change it", target), "")
	}
	// The key must exist: read it from (a copy of) the scenario so far.
	scratch := schema.Clone(&s.Params)
	cur, err := schema.Get(scratch, parts)
	if err != nil && !errors.Is(err, ErrOff) {
		hint := ""
		if c, ok := textdist.Nearest(target, schema.Paths(scratch)); ok {
			hint = fmt.Sprintf("did you mean %q?", c)
		}
		return fail(errorf(ErrUnknownKey, "%s is not a key of the model's parameters", target), hint)
	}
	if ok, why := agents.CanChange(target); !ok {
		return fail(errorf(ErrInvalid, "%s: a timeline cannot change it", why), "a shock can change "+agents.ChangeableTables)
	}
	if scale {
		var f float64
		switch x := schema.Normalize(raw).(type) {
		case int64:
			f = float64(x)
		case float64:
			f = x
		default:
			return fail(errorf(ErrType, "want a number (the factor), got %s", schema.Describe(raw)), "")
		}
		if f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
			return fail(errorf(ErrRange, "want a factor of 0 or more, got %v", f), "")
		}
		if cur != nil {
			switch cur.(type) {
			case int, float64:
			default:
				return fail(errorf(ErrType, "%s holds %s: only numbers can be scaled", target, describeShort(cur)), "set it instead")
			}
		}
		return Assignment{Path: target, Value: f}, nil
	}
	// The value's type and range: set it on the copy.
	if decoded {
		err = schema.SetDecoded(scratch, parts, raw)
	} else {
		err = schema.Set(scratch, parts, raw)
	}
	if err != nil {
		var ke *schema.KeyError
		if errors.As(err, &ke) {
			return fail(ke.Err, ke.Hint)
		}
		return fail(err, "")
	}
	v, err := schema.Get(scratch, parts)
	if err != nil {
		return fail(err, "")
	}
	return Assignment{Path: target, Value: v}, nil
}

// shockChange applies a shock's assignments to parameters.
type shockChange struct {
	id         string
	set, scale []Assignment
}

// ApplyTo sets and scales the keys of p.
func (c shockChange) ApplyTo(p *agents.Params) error {
	for _, a := range c.set {
		parts := strings.Split(a.Path, ".")
		if err := checkOn(p, parts); err != nil {
			return &assignError{c.id, "set", a, err}
		}
		if err := schema.Set(p, parts, a.Value); err != nil {
			return &assignError{c.id, "set", a, err}
		}
	}
	for _, a := range c.scale {
		parts := strings.Split(a.Path, ".")
		if err := checkOn(p, parts); err != nil {
			return &assignError{c.id, "scale", a, err}
		}
		v, err := schema.Get(p, parts)
		if err != nil {
			return &assignError{c.id, "scale", a, err}
		}
		f := a.Value.(float64)
		var nv any
		switch x := v.(type) {
		case int:
			y := math.Round(float64(x) * f)
			if y > math.MaxInt32 {
				return &assignError{c.id, "scale", a, errorf(ErrRange, "%d × %v is too large", x, f)}
			}
			nv = int64(y)
		case float64:
			nv = x * f
		default:
			return &assignError{c.id, "scale", a, errorf(ErrType, "only numbers can be scaled")}
		}
		if err := schema.Set(p, parts, nv); err != nil {
			return &assignError{c.id, "scale", a, errorf(errors.Unwrap(err), "after scaling by %v: %v", f, unwrapKey(err))}
		}
	}
	return nil
}

// checkOn fails if the key at parts lies under a lever that is off: a
// shock changes a lever the scenario turns on, it does not turn one on.
func checkOn(p *agents.Params, parts []string) error {
	if len(parts) < 2 || parts[0] != "policy" {
		return nil
	}
	on, err := schema.Get(p, []string{"policy", parts[1], schema.EnabledKey})
	if err != nil {
		return err
	}
	if on != true {
		return errorf(ErrInvalid, "the lever %s is off in the scenario: a shock changes a lever that is on, it does not turn one on", parts[1])
	}
	return nil
}

func unwrapKey(err error) error {
	var ke *schema.KeyError
	if errors.As(err, &ke) {
		return ke.Err
	}
	return err
}

// An assignError is the failure of one key of a shock.
type assignError struct {
	id, op string
	a      Assignment
	err    error
}

func (e *assignError) Error() string { return unwrapKey(e.err).Error() }
func (e *assignError) Unwrap() error { return unwrapKey(e.err) }

// key returns the dotted path of the assignment's key, as written with
// dotted keys; an error found there is placed on the line of the key
// itself, or, for an inline table, of its set or scale.
func (e *assignError) key() string {
	return schema.JoinKey(append([]string{"timeline", e.id, e.op}, strings.Split(e.a.Path, ".")...))
}

// resolveTimeline sets s.Params.Timeline from s.Shocks: the shocks that
// are on, by id.
func (s *Scenario) resolveTimeline() {
	s.Params.Timeline = agents.Timeline{}
	for _, id := range slices.Sorted(maps.Keys(s.Shocks)) {
		sh := s.Shocks[id]
		if !sh.Enabled {
			continue
		}
		var keys []string
		for _, a := range sh.Set {
			keys = append(keys, a.Path)
		}
		for _, a := range sh.Scale {
			keys = append(keys, a.Path)
		}
		slices.Sort(keys)
		s.Params.Timeline.Shocks = append(s.Params.Timeline.Shocks, agents.Shock{
			ID: id, Date: sh.Date, Note: sh.Note, Source: sh.Source, Keys: keys,
			Change: shockChange{id: id, set: sh.Set, scale: sh.Scale},
		})
	}
}

// validateTimeline checks every shock that is on: its date (inside the
// run, before the last step starts), that it changes something, and the
// parameters after it, applied in order from the scenario's.
func (s *Scenario) validateTimeline() *Error {
	s.resolveTimeline()
	if len(s.Params.Timeline.Shocks) == 0 {
		return nil
	}
	if s.Model == "epstein" {
		return &Error{Key: "timeline", Err: errorf(ErrInvalid, "a timeline is for the Sahel model: Epstein's model has no dated shocks")}
	}
	clock := sim.NewClock(s.Start, s.End, s.StepDays)
	last := clock.Date(clock.Steps - 1)
	for _, sh := range s.Params.Timeline.Shocks {
		key := "timeline." + sh.ID
		switch {
		case sh.Date.IsZero():
			return &Error{Key: key, Err: errorf(ErrInvalid, "the shock has no date"), Hint: "add date = YYYY-MM-DD, from start to end"}
		case sh.Date.Before(s.Start) || sh.Date.After(s.End):
			return &Error{Key: key + ".date", Value: sh.Date, Err: errorf(ErrRange, "want a date from start (%s) to end (%s), got %s", s.Start, s.End, sh.Date),
				Hint: "move the shock, or the scenario's start or end"}
		case agents.ShockStep(clock, sh.Date) >= clock.Steps:
			return &Error{Key: key + ".date", Value: sh.Date, Err: errorf(ErrRange, "%s is after the first day of the last step (%s): the shock would never apply", sh.Date, last),
				Hint: fmt.Sprintf("date it on or before %s", last)}
		case len(sh.Keys) == 0 && sh.Note == "":
			return &Error{Key: key, Err: errorf(ErrInvalid, "the shock changes nothing and has no note"), Hint: `add set = { "path.of.key" = value } or scale = { … }; a shock that only marks an event needs a note`}
		}
	}
	shocks, params, err := s.Params.Timeline.Resolve(&s.Params)
	if err != nil {
		var ae *assignError
		if errors.As(err, &ae) {
			return &Error{Key: ae.key(), Value: ae.a.Value, Err: ae.Unwrap(), Hint: "the keys' ranges hold after each shock, applied in date order"}
		}
		return &Error{Key: "timeline", Err: err}
	}
	for i := range params {
		if err := agents.Validate(&params[i]); err != nil {
			msg := err.Error()
			var fe *agents.FieldError
			if errors.As(err, &fe) {
				msg = fmt.Sprintf("%s: %s", fe.Key, fe.Msg)
			}
			return &Error{Key: "timeline." + shocks[i].ID, Err: errorf(errors.Join(ErrInvalid, err), "after the shock of %s: %s", shocks[i].Date, msg)}
		}
	}
	return nil
}

// getTimeline reads a key under timeline.
func (s *Scenario) getTimeline(path []string) (any, error) {
	fail := func(n int, err error, hint string) error {
		return &schema.KeyError{Path: slices.Clip(path[:n]), Err: err, Hint: hint}
	}
	if len(path) < 3 {
		return nil, fail(len(path), errorf(ErrType, "%s is a table", schema.JoinKey(path)), "")
	}
	sh, ok := s.Shocks[path[1]]
	if !ok {
		return nil, fail(2, errorf(ErrUnknownKey, "no shock %s in the timeline", path[1]), textdist.Suggest(path[1], slices.Sorted(maps.Keys(s.Shocks))))
	}
	switch path[2] {
	case "date", "note", "source", schema.EnabledKey:
		if len(path) > 3 {
			return nil, fail(4, errorf(ErrUnknownKey, "%s is a value, not a table", path[2]), "")
		}
		return schema.Get(sh, path[2:])
	case "set", "scale":
		list := sh.Set
		if path[2] == "scale" {
			list = sh.Scale
		}
		target := strings.Join(path[3:], ".")
		for _, a := range list {
			if a.Path == target {
				return a.Value, nil
			}
		}
		var paths []string
		for _, a := range list {
			paths = append(paths, a.Path)
		}
		return nil, fail(len(path), errorf(ErrUnknownKey, "the shock does not %s %s", path[2], target), textdist.Suggest(target, paths))
	}
	return nil, fail(3, errorf(ErrUnknownKey, "unknown key %s in a shock", path[2]), textdist.Suggest(path[2], timelineKeys))
}

// timelinePaths lists the keys of the timeline that Set accepts.
func (s *Scenario) timelinePaths() []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(s.Shocks)) {
		sh := s.Shocks[id]
		p := "timeline." + id + "."
		out = append(out, p+"date", p+"note", p+"source", p+schema.EnabledKey)
		for _, a := range sh.Set {
			out = append(out, p+"set."+a.Path)
		}
		for _, a := range sh.Scale {
			out = append(out, p+"scale."+a.Path)
		}
	}
	return out
}

// encodeTimeline writes the shocks that are on as [timeline.<id>] tables.
func encodeTimeline(b *bytes.Buffer, s *Scenario) {
	ids := slices.Sorted(maps.Keys(s.Shocks))
	first := true
	for _, id := range ids {
		sh := s.Shocks[id]
		if !sh.Enabled {
			continue
		}
		if first {
			b.WriteString("\n# Dated shocks: each sets or scales keys from the first step on or after its date;\n# shocks of the same date apply in alphabetical order of id.\n")
			first = false
		}
		fmt.Fprintf(b, "\n[timeline.%s]\ndate = %s\n", id, sh.Date)
		if sh.Note != "" {
			fmt.Fprintf(b, "note = %s\n", tomlQuote(sh.Note))
		}
		if sh.Source != "" {
			fmt.Fprintf(b, "source = %s\n", tomlQuote(sh.Source))
		}
		for _, t := range []struct {
			name string
			list []Assignment
		}{{"set", sh.Set}, {"scale", sh.Scale}} {
			if len(t.list) == 0 {
				continue
			}
			var parts []string
			for _, a := range t.list {
				parts = append(parts, tomlQuote(a.Path)+" = "+tomlValue(a.Value))
			}
			fmt.Fprintf(b, "%s = { %s }\n", t.name, strings.Join(parts, ", "))
		}
	}
}

// tomlValue formats a value as Get returns it as TOML.
func tomlValue(v any) string {
	switch x := v.(type) {
	case string:
		return tomlQuote(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case sim.Date:
		if x.IsZero() {
			return `""`
		}
		return x.String()
	case []string:
		var q []string
		for _, e := range x {
			q = append(q, tomlQuote(e))
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return tomlQuote(fmt.Sprint(v))
}

// tomlQuote returns s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
