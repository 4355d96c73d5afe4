package scenarios

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/sim"
)

const shockHead = "extends = \"baseline\"\nend = 2022-12-31\n"

// TestTimelineErrors feeds the loader invalid shocks: each is refused with
// an *Error naming the file, the line, the key and what is allowed.
func TestTimelineErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		want       []string
		kind       error
	}{
		{"unknown shock key", "[timeline.a]\ndate = 2020-01-01\ndat = 1\n", 5, []string{"timeline.a.dat", "unknown key dat", `did you mean "date"?`}, ErrUnknownKey},
		{"bad id", "[timeline.Barkhane]\ndate = 2020-01-01\n", 3, []string{"timeline.Barkhane", "snake_case"}, ErrInvalid},
		{"unknown path", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.international.unit\" = 0 }\n", 5, []string{"forces.international.unit", "not a key", `"forces.international.units"`}, ErrUnknownKey},
		{"wrong type", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.international.units\" = \"none\" }\n", 5, []string{"timeline.a.set.\"forces.international.units\"", "integer"}, ErrType},
		{"out of range", "[timeline.a]\ndate = 2020-01-01\nset.communities.arming = 2\n", 5, []string{"timeline.a.set.communities.arming", "0", "1"}, ErrRange},
		{"bad enum", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.mali_army.posture\" = \"gentle\" }\n", 5, []string{"posture", "blunt", "protective"}, ErrRange},
		{"range after scaling", "[timeline.a]\ndate = 2020-01-01\nscale = { \"communities.arming\" = 1000 }\n", 5, []string{"timeline.a.scale.communities.arming", "after scaling by 1000"}, ErrRange},
		{"negative factor", "[timeline.a]\ndate = 2020-01-01\nscale = { \"forces.mali_army.units\" = -1 }\n", 5, []string{"factor of 0 or more"}, ErrRange},
		{"scale a string", "[timeline.a]\ndate = 2020-01-01\nscale = { \"forces.mali_army.posture\" = 2 }\n", 5, []string{"only numbers can be scaled"}, ErrType},
		{"build-time key", "[timeline.a]\ndate = 2020-01-01\nset = { \"groups.isgs.fighters\" = 10 }\n", 5, []string{"groups.isgs.fighters", "only when the world is built", "a shock can change"}, ErrInvalid},
		{"build-time force key", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.mali_army.kind\" = \"international\" }\n", 5, []string{"forces.mali_army.kind", "units, strength, posture"}, ErrInvalid},
		{"unknown country", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.international.countries\" = [\"XXX\"] }\n", 3, []string{"timeline.a", "after the shock of 2020-01-01", "forces.international.countries", "MLI, BFA or NER"}, ErrInvalid},
		{"calendar", "[timeline.a]\ndate = 2020-01-01\nset = { \"end\" = 2021-01-01 }\n", 5, []string{"calendar"}, ErrInvalid},
		{"scenario key", "[timeline.a]\ndate = 2020-01-01\nset = { \"name\" = \"x\" }\n", 5, []string{"describes the scenario"}, ErrInvalid},
		{"lever off", "[timeline.a]\ndate = 2020-01-01\nset = { \"policy.reintegration.intensity\" = 0.5 }\n", 5, []string{"lever reintegration is off"}, ErrInvalid},
		{"lever timing", "[policy.reintegration]\nstart = 2018-01-01\n[timeline.a]\ndate = 2020-01-01\nset = { \"policy.reintegration.start\" = 2021-01-01 }\n", 7, []string{"policy.reintegration.start", "lever"}, ErrInvalid},
		{"set and scale", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.mali_army.units\" = 1 }\nscale = { \"forces.mali_army.units\" = 2 }\n", 6, []string{"both set and scaled"}, ErrInvalid},
		{"no date", "[timeline.a]\nset = { \"forces.mali_army.units\" = 1 }\n", 3, []string{"timeline.a", "no date"}, ErrInvalid},
		{"quoted date", "[timeline.a]\ndate = \"2020-01-01\"\nset = { \"forces.mali_army.units\" = 1 }\n", 4, []string{"without quotes"}, ErrType},
		{"before start", "[timeline.a]\ndate = 2016-01-01\nset = { \"forces.mali_army.units\" = 1 }\n", 4, []string{"timeline.a.date", "from start (2017-01-01) to end (2022-12-31)"}, ErrRange},
		{"after end", "[timeline.a]\ndate = 2023-01-01\nset = { \"forces.mali_army.units\" = 1 }\n", 4, []string{"to end (2022-12-31)"}, ErrRange},
		{"after last step", "[timeline.a]\ndate = 2022-12-31\nset = { \"forces.mali_army.units\" = 1 }\n", 4, []string{"never apply"}, ErrRange},
		{"changes nothing", "[timeline.a]\ndate = 2020-01-01\n", 3, []string{"changes nothing"}, ErrInvalid},
		{"off with keys", "[timeline.a]\nenabled = false\ndate = 2020-01-01\n", 4, []string{"enabled = false turns the table off"}, ErrInvalid},
		{"not a table", "timeline = 3\n", 3, []string{"timeline", "table"}, ErrType},
		{"too many", strings.Repeat("[timeline.s]\ndate = 2020-01-01\nnote = \"x\"\n", 1) + manyShocks(MaxShocks), 3 + 3*MaxShocks, []string{"more than 1000 shocks"}, ErrRange},
		{"set not a table", "[timeline.a]\ndate = 2020-01-01\nset = 3\n", 5, []string{"want a table of keys"}, ErrType},
		{"model check after shock", "[timeline.a]\ndate = 2020-01-01\nset = { \"forces.mali_army.units\" = 0, \"forces.mali_army.strength\" = 0 }\n", 3, []string{"timeline.a"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "s.toml")
			if err := os.WriteFile(file, []byte(shockHead+tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(file)
			if tt.name == "model check after shock" {
				// Zero units of zero soldiers is allowed: the scenario loads.
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want an *Error, got %v", err)
			}
			if e.File != file || e.Line != tt.line {
				t.Errorf("at %s:%d, want %s:%d (%v)", e.File, e.Line, file, tt.line, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
		})
	}
}

// manyShocks returns n marker shocks, t0 … tn-1.
func manyShocks(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("[timeline.t" + strconv.Itoa(i) + "]\ndate = 2020-01-01\nnote = \"x\"\n")
	}
	return b.String()
}

// TestTimelineRoundTrip checks that show's output is a valid scenario file
// that gives back the same timeline, and that the resolved shocks are in
// date order, then id order for equal dates.
func TestTimelineRoundTrip(t *testing.T) {
	text := shockHead + `
[timeline.b_second]
date = 2020-01-21
note = "a \"quoted\" note"
source = "https://example.org/a?b=1"
set = { "forces.international.units" = 0, "forces.mali_army.posture" = "discriminating" }

[timeline.a_first]
date = 2020-01-21
scale.forces.burkina_army.strength = 1.5
set.groups.isgs.leader_killed = 2021-08-17

[timeline.c_early]
date = 2019-06-01
set = { "rivalry.competition" = 0.01 }
`
	sc, err := Parse([]byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range sc.Params.Timeline.Ordered() {
		ids = append(ids, s.ID)
	}
	if want := []string{"c_early", "a_first", "b_second"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, sc); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(buf.Bytes(), "")
	if err != nil {
		t.Fatalf("show's output does not parse: %v\n%s", err, buf.String())
	}
	strip := func(m map[string]*Shock) map[string]*Shock {
		out := map[string]*Shock{}
		for id, s := range m {
			c := *s
			c.Set, c.Scale = nil, nil
			for _, a := range s.Set {
				c.Set = append(c.Set, Assignment{Path: a.Path, Value: a.Value})
			}
			for _, a := range s.Scale {
				c.Scale = append(c.Scale, Assignment{Path: a.Path, Value: a.Value})
			}
			out[id] = &c
		}
		return out
	}
	if got, want := strip(back.Shocks), strip(sc.Shocks); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

// TestTimelineExtends checks that a file extending another merges the
// timeline by id: it moves a shock, changes one of its values, and turns
// another off.
func TestTimelineExtends(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("parent.toml", shockHead+`
[timeline.a]
date = 2020-01-01
set = { "forces.international.units" = 0, "forces.international.strength" = 100 }
[timeline.b]
date = 2021-01-01
set = { "communities.arming" = 0.1 }
`)
	child := write("child.toml", `extends = "parent.toml"
[timeline.a]
date = 2020-06-01
set = { "forces.international.units" = 5 }
[timeline.b]
enabled = false
`)
	sc, err := Load(child)
	if err != nil {
		t.Fatal(err)
	}
	shocks := sc.Params.Timeline.Shocks
	if len(shocks) != 1 || shocks[0].ID != "a" {
		t.Fatalf("shocks %+v, want a only", shocks)
	}
	if d, _ := sc.Get("timeline.a.date"); d != sim.NewDate(2020, 6, 1) {
		t.Errorf("date %v", d)
	}
	if v, _ := sc.Get("timeline.a.set.forces.international.units"); v != 5 {
		t.Errorf("units %v, want 5", v)
	}
	if v, _ := sc.Get("timeline.a.set.forces.international.strength"); v != 100 {
		t.Errorf("strength %v, want 100 (inherited)", v)
	}
	if on, _ := sc.Get("timeline.b.enabled"); on != false {
		t.Errorf("b enabled %v", on)
	}
}

// TestTimelineSweep checks that a sweep can vary a shock's date and value.
func TestTimelineSweep(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.toml"), []byte(shockHead+`
[timeline.exit]
date = 2021-01-01
set = { "forces.international.units" = 0 }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	sweep := filepath.Join(dir, "sweep.toml")
	if err := os.WriteFile(sweep, []byte(`scenario = "s.toml"
replicates = 1
[design]
kind = "grid"
[parameters]
"timeline.exit.date" = [2020-01-01, 2022-06-01]
"timeline.exit.set.forces.international.units" = [0, 10]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	sw, err := LoadSweep(sweep)
	if err != nil {
		t.Fatal(err)
	}
	if n := sw.NumPoints(); n != 4 {
		t.Fatalf("%d points, want 4", n)
	}
	seen := map[string]bool{}
	for p := range sw.NumPoints() {
		sc, err := sw.PointScenario(p)
		if err != nil {
			t.Fatal(err)
		}
		sh := sc.Params.Timeline.Shocks[0]
		units, _ := sc.Get("timeline.exit.set.forces.international.units")
		seen[sh.Date.String()+"/"+FormatValue(units)] = true
	}
	for _, k := range []string{"2020-01-01/0", "2020-01-01/10", "2022-06-01/0", "2022-06-01/10"} {
		if !seen[k] {
			t.Errorf("point %s missing (%v)", k, seen)
		}
	}
	// A date outside the run is refused when the sweep is read.
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("scenario = \"s.toml\"\n[parameters]\n\"timeline.exit.date\" = [2030-01-01]\n"), 0o644)
	if _, err := LoadSweep(bad); err == nil || !strings.Contains(err.Error(), "to end") {
		t.Errorf("sweep of a date after the end: %v", err)
	}
}

// TestShockChangesExactlyItsKeys builds a world from a scenario with two
// shocks on the same date and checks the world's parameters step by step:
// before the date they are the scenario's; from the first step on or
// after it they differ in exactly the keys the shocks name, applied in id
// order; the international force's units are withdrawn and the Burkinabè
// army's strength rises.
func TestShockChangesExactlyItsKeys(t *testing.T) {
	sc, err := Parse([]byte(shockHead+`
[timeline.b_exit]
date = 2017-03-02
set = { "forces.international.units" = 0, "violence.tempo" = 0.5 }
[timeline.a_surge]
date = 2017-03-02
set = { "violence.tempo" = 0.25 }
scale = { "forces.burkina_army.strength" = 2 }
`), "")
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		t.Fatal(err)
	}
	before := sc.Params
	w := agents.New(&sc.Params, g, sim.NewRand(1, 0))
	step := agents.ShockStep(w.Clock, sim.NewDate(2017, 3, 2))
	if step != 9 { // 2017-03-05 is the first step day on or after 2 March
		t.Fatalf("shock step %d, want 9", step)
	}
	soldiers := func(force int) (units, strength int) {
		for _, u := range w.Units {
			if u.Force == force && u.Strength > 0 {
				units++
				strength += u.Strength
			}
		}
		return
	}
	intl0, _ := soldiers(agents.ForceInternational)
	if intl0 == 0 {
		t.Fatal("no international units at the start")
	}
	_, bfa0 := soldiers(agents.ForceBurkinaArmy)
	for !w.Done() && w.Step <= step+1 {
		w.Log.Reset()
		w.Advance()
		after := w.Step > step // the step that just ran applied the shocks
		want := before
		if after {
			want.Violence.Tempo = 0.5 // b_exit applies after a_surge
			want.Forces.International.Units = 0
			want.Forces.BurkinaArmy.Strength *= 2
		}
		got := *w.P
		got.Timeline, want.Timeline = agents.Timeline{}, agents.Timeline{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: parameters differ from the expected ones", w.Step-1)
		}
	}
	if n, _ := soldiers(agents.ForceInternational); n != 0 {
		t.Errorf("%d international units left after the withdrawal", n)
	}
	if _, s := soldiers(agents.ForceBurkinaArmy); s != 2*bfa0 {
		t.Errorf("Burkinabè soldiers %d, want %d", s, 2*bfa0)
	}
	// The scenario's parameters are untouched.
	if sc.Violence.Tempo != before.Violence.Tempo || sc.Forces.International.Units != intl0 && sc.Forces.International.Units != before.Forces.International.Units {
		t.Error("the world changed the scenario's parameters")
	}
}

// TestShockChangesLever changes a lever's intensity with a shock: the
// world's lever table changes from the shock's step on, the scenario's
// does not.
func TestShockChangesLever(t *testing.T) {
	sc, err := Parse([]byte(shockHead+`
[policy.reintegration]
start = 2017-01-01
intensity = 1.0
[timeline.cut]
date = 2017-02-01
scale = { "policy.reintegration.intensity" = 0.5 }
`), "")
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Build(sc.Map.Resolution)
	if err != nil {
		t.Fatal(err)
	}
	w := agents.New(&sc.Params, g, sim.NewRand(1, 0))
	for w.Step <= agents.ShockStep(w.Clock, sim.NewDate(2017, 2, 1)) {
		if got := w.P.Policy.Reintegration.Intensity; got != 1 {
			t.Fatalf("step %d: intensity %v before the shock", w.Step, got)
		}
		w.Log.Reset()
		w.Advance()
	}
	if got := w.P.Policy.Reintegration.Intensity; got != 0.5 {
		t.Errorf("intensity %v after the shock, want 0.5", got)
	}
	if sc.Policy.Reintegration.Intensity != 1 {
		t.Error("the world changed the scenario's lever")
	}
}
