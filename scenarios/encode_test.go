package scenarios

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// For every built-in scenario, Encode then Parse gives the same scenario
// (but for Extends), and encoding that gives the same bytes.
func TestEncodeRoundTrip(t *testing.T) {
	for _, info := range List() {
		t.Run(info.Name, func(t *testing.T) {
			s, err := Load(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			var b1 bytes.Buffer
			if err := Encode(&b1, s); err != nil {
				t.Fatal(err)
			}
			s2, err := Parse(b1.Bytes(), "")
			if err != nil {
				t.Fatalf("Parse(Encode(%s)): %v\n%s", info.Name, err, b1.Bytes())
			}
			if s2.Extends != "" {
				t.Errorf("encoded scenario extends %q", s2.Extends)
			}
			s2.Extends = s.Extends
			if !reflect.DeepEqual(s, s2) {
				t.Errorf("Parse(Encode(%s)) differs from it", info.Name)
			}
			var b2 bytes.Buffer
			if err := Encode(&b2, s2); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Errorf("Encode is not stable:\n%s\n---\n%s", b1.Bytes(), b2.Bytes())
			}
		})
	}
}

func TestEncodeContent(t *testing.T) {
	s, err := Load("reintegration")
	if err != nil {
		t.Fatal(err)
	}
	s.Groups.FLM.Label = "A \"quoted\"\tlabel\\ with\nnewline and \x7f"
	s.Groups.ISGS.Treasury = 1e21
	var b bytes.Buffer
	if err := Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"\nname = \"reintegration\"\n",
		"\nstart = 2017-01-01\n",
		"\n# length of one step [days]\nstep_days = 7\n",
		"\n[policy.reintegration]\n",
		"\nresolution = 0.5\n",
		"\nhome_km = 200.0\n",
		"\ntreasury = 1e+21\n",
		`label = "A \"quoted\"\tlabel\\ with\nnewline and \u007F"`,
		"\nleader_killed = 2017-06-01\n",
		"\nleader_killed = \"\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Encode output lacks %q", want)
		}
	}
	for _, bad := range []string{"extends", "[policy.disaggregation]", "[groups]\n", "[policy]\n"} {
		if strings.Contains(out, bad) {
			t.Errorf("Encode output has %q", bad)
		}
	}
	if strings.Index(out, "[zones.central_mali]") > strings.Index(out, "[zones.northern_mali]") {
		t.Error("zones are not sorted by id")
	}
	// The output is TOML whose floats are floats.
	var m map[string]any
	if _, err := toml.Decode(out, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m["map"].(map[string]any)["resolution"].(float64); !ok {
		t.Error("resolution is not a TOML float")
	}
}

func TestEncodeErrors(t *testing.T) {
	s, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	s.Groups.FLM.Political = math.NaN()
	if err := Encode(new(bytes.Buffer), s); err == nil || !strings.Contains(err.Error(), "groups.flm.political") {
		t.Errorf("Encode of NaN = %v, want an error naming the key", err)
	}
	if err := Encode(new(bytes.Buffer), nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}
