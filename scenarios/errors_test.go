package scenarios

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
)

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file string // in testdata
		kind error
		key  string
		line int
		in   string // also in the message
	}{
		{"unknown_key.toml", ErrUnknownKey, "groups.flm.fightrs", 7, `unknown key (did you mean "fighters"?)`},
		{"unknown_group.toml", ErrUnknownKey, "groups.flmm", 3, `did you mean "flm"?`},
		{"unknown_dotted.toml", ErrUnknownKey, "groups.flm.leder", 3, `did you mean "leader"?`},
		{"wrong_type.toml", ErrType, "groups.flm.fighters", 5, `want an integer, got string "many"`},
		{"float_for_int.toml", ErrType, "groups.isgs.fighters", 2, "want an integer, got float 450.5"},
		{"table_for_value.toml", ErrType, "seed.value", 4, "not a table"},
		{"bad_date.toml", ErrType, "start", 2, `want a TOML date, written without quotes as YYYY-MM-DD (e.g. 2022-12-31), got the string "2018-13-01"`},
		{"quoted_date.toml", ErrType, "end", 2, `want a TOML date, written without quotes (2022-12-31, not "2022-12-31"), got a string`},
		{"impossible_date.toml", ErrSyntax, "", 2, `invalid datetime: "2022-02-30" (a date is a TOML local date written without quotes, YYYY-MM-DD, with a month from 01 to 12 and a day that month has`},
		{"out_of_range.toml", ErrRange, "groups.ansar_dine.succession", 4, "want a value from 0 to 1, got 1.5"},
		{"bad_enum.toml", ErrRange, "forces.mali_army.posture", 5, `want one of "blunt", "discriminating", "protective", got "aggressive"`},
		{"missing_extends.toml", ErrExtends, "extends", 2, "missing parent " + filepath.Join("testdata", "sub", "nowhere.toml")},
		{"missing_builtin.toml", ErrExtends, "extends", 1, `no built-in scenario "baselin"`},
		{"cycle_a.toml", ErrExtends, "extends", 3, "cycle_a.toml → " + filepath.Join("testdata", "cycle_b.toml") + " → " + filepath.Join("testdata", "cycle_a.toml")},
		{"self_extends.toml", ErrExtends, "extends", 1, "cyclic extends"},
		{"syntax.toml", ErrSyntax, "", 5, "syntax error"},
		{"dates_out_of_order.toml", ErrInvalid, "end", 3, "end 2018-06-30 is before start 2019-01-01"},
		{"lever_dates.toml", ErrInvalid, "policy.reintegration.end", 5, "before start"},
		{"off_and_on.toml", ErrInvalid, "policy.reintegration.enabled", 4, "turns the table off"},
		{"bad_zone_id.toml", ErrInvalid, "zones.Western_Niger", 3, "snake_case"},
		{"unknown_zone.toml", ErrInvalid, "policy.community_protection.zones", 5, "element 2: unknown zone"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			s, err := Load(path)
			if err == nil {
				t.Fatalf("Load(%q) = %+v, want an error", path, s)
			}
			if s != nil {
				t.Errorf("Load(%q) returned a scenario with its error", path)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %q is %T, not *Error", err, err)
			}
			if e.Key != tt.key {
				t.Errorf("Key = %q, want %q", e.Key, tt.key)
			}
			if e.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", e.Line, tt.line, err)
			}
			if !strings.HasPrefix(e.File, "testdata") || !strings.HasPrefix(err.Error(), e.File+":") {
				t.Errorf("message %q does not name the file", err)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("message %q does not contain %q", err, tt.in)
			}
		})
	}
}

// The model's errors keep their type and are located in the file that set
// the key.
func TestModelError(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "unknown_zone.toml"))
	var fe *agents.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v does not wrap an *agents.FieldError", err)
	}
	if fe.Value != "northern_burkna" {
		t.Errorf("FieldError.Value = %v, want northern_burkna", fe.Value)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		kind error
		key  string
		line int
	}{
		{"no file, path extends", `extends = "other.toml"`, ErrExtends, "extends", 1},
		{"extends not a string", "extends = 3", ErrType, "extends", 1},
		{"builtin-like name", `extends = "no_such_scenario"`, ErrExtends, "extends", 1},
		{"int out of range", "step_days = 0", ErrRange, "step_days", 1},
		{"negative seed", "seed = -1", ErrRange, "seed", 1},
		{"float above max", "[map]\nresolution = 2", ErrRange, "map.resolution", 2},
		{"semantic", "[map]\nresolution = 0.3", ErrInvalid, "map.resolution", 2},
		{"model", `model = "lorenz"`, ErrRange, "model", 1},
		{"nan", "[groups.flm]\npolitical = nan", ErrRange, "groups.flm.political", 2},
		{"datetime for date", "start = 2018-01-01T10:00:00", ErrType, "start", 1},
		{"array length", "[groups.flm]\nhome = [1.0, 2.0, 3.0]", ErrType, "groups.flm.home", 2},
		{"array element", "[groups.flm]\nareas = [\"Mopti\",\n  3]", ErrType, "groups.flm.areas", 2},
		{"enabled not bool", "[policy.reintegration]\nenabled = \"no\"", ErrType, "policy.reintegration.enabled", 2},
		{"value for table", "groups = 3", ErrType, "groups", 1},
		{"array of tables", "[[groups]]\nx = 1", ErrType, "groups", 1},
		{"unknown top-level", "sed = 3", ErrUnknownKey, "sed", 1},
		{"unknown in lever", "[policy.reintegration]\ncapacty = 3", ErrUnknownKey, "policy.reintegration.capacty", 2},
		{"unknown lever", "[policy.reintegraton]\ncapacity = 3", ErrUnknownKey, "policy.reintegraton", 1},
		{"unknown in zone", "[zones.north]\nlable = \"x\"", ErrUnknownKey, "zones.north.lable", 2},
		{"inline table", "groups.flm = { fighters = 1, figters = 2 }", ErrUnknownKey, "groups.flm.figters", 1},
		{"quoted key", "[groups.\"flm\"]\n'fighters' = \"x\"", ErrType, "groups.flm.fighters", 2},
		{"duplicate key", "seed = 1\nseed = 2", ErrSyntax, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.text), "x.toml")
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.text, s)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %q is %T, not *Error", err, err)
			}
			if e.Key != tt.key || e.Line != tt.line || e.File != "x.toml" {
				t.Errorf("error %q: File, Line, Key = %q, %d, %q, want x.toml, %d, %q", err, e.File, e.Line, e.Key, tt.line, tt.key)
			}
			if !strings.HasPrefix(err.Error(), "x.toml:") {
				t.Errorf("message %q does not start with the file", err)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "my.toml", Line: 12, Key: "groups.flm.fightrs", Err: ErrUnknownKey, Hint: `did you mean "fighters"?`},
			`my.toml:12: groups.flm.fightrs: unknown key (did you mean "fighters"?)`},
		{&Error{File: "my.toml", Key: "seed", Err: ErrRange}, "my.toml: seed: out of range"},
		{&Error{Key: "seed", Err: ErrType}, "seed: wrong type"},
		{&Error{File: "my.toml", Line: 3, Err: ErrSyntax}, "my.toml:3: syntax error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
