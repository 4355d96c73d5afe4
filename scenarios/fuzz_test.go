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
