package scenarios

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics and returns a scenario or an
// error, never both; that its errors are *Error; and that a scenario it
// returns survives Encode and Parse unchanged (but for Extends), with
// Encode stable.
func FuzzParse(f *testing.F) {
	for _, info := range List() {
		data, _ := Builtin(info.Name)
		f.Add(data)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.toml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data, "")
		if (s == nil) == (err == nil) {
			t.Fatalf("Parse returned %v and %v", s, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Err == nil || err.Error() == "" {
				t.Fatalf("Parse error %q is not a complete *Error", err)
			}
			return
		}
		var b1 bytes.Buffer
		if err := Encode(&b1, s); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		s2, err := Parse(b1.Bytes(), "")
		if err != nil {
			t.Fatalf("Parse(Encode(s)): %v\n%s", err, b1.Bytes())
		}
		s2.Extends = s.Extends
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("Parse(Encode(s)) differs from s\n%s", b1.Bytes())
		}
		var b2 bytes.Buffer
		if err := Encode(&b2, s2); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Fatal("Encode is not stable")
		}
	})
}

// FuzzParseSweep checks that ParseSweep never panics or hangs and
// returns a sweep or an error, never both; that its errors are *Error;
// and that a sweep it returns is consistent: every point and run can be
// asked for, within the limits.
func FuzzParseSweep(f *testing.F) {
	for _, info := range ListSweeps() {
		data, _ := BuiltinSweep(info.Name)
		f.Add(data)
	}
	for _, s := range []string{
		"scenario = \"baseline\"\nreplicates = 2\n[parameters]\nend = [2017-02-01, 2017-03-01]\n",
		"scenarios = [\"baseline\", \"reintegration\"]\n[design]\nkind = \"lhs\"\npoints = 3\n[parameters]\n\"groups.flm.fighters\" = { min = 100, max = 200 }\n",
		"scenario = \"epstein\"\n[parameters]\n\"epstein.legitimacy\" = { min = 0.5, max = 0.9, steps = 3 }\n",
		"name = \"a\\nb\"\nscenario = \"baseline\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sw, err := ParseSweep(data, "")
		if (sw == nil) == (err == nil) {
			t.Fatalf("ParseSweep returned %v and %v", sw, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Err == nil || err.Error() == "" {
				t.Fatalf("ParseSweep error %q is not a complete *Error", err)
			}
			return
		}
		if CheckName(sw.Name) != nil || sw.Replicates < 1 || sw.Replicates > MaxReplicates || sw.NumRuns() < 1 || sw.NumRuns() > MaxRuns {
			t.Fatalf("sweep %q of %d replicates and %d runs", sw.Name, sw.Replicates, sw.NumRuns())
		}
		last := sw.NumRuns() - 1
		if r := sw.Run(last); r.Point != last%sw.NumPoints() {
			t.Fatalf("run %d is at point %d", last, r.Point)
		}
		sw.Point(sw.NumPoints() - 1)
	})
}
