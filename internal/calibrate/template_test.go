package calibrate_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/calibrate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// TestTemplate checks the template of the baseline: a calibration file
// that loads, screens the parameters of the rules and each group's data,
// and leaves out the levers, the map and each group's behaviour
// multipliers; and that the shipped calibrate_baseline is it.
func TestTemplate(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := calibrate.Template(&b, sc, calibrate.DefaultTemplate("baseline", sc, 0.5)); err != nil {
		t.Fatal(err)
	}
	sw, err := scenarios.ParseSweep(b.Bytes(), "")
	if err != nil {
		t.Fatalf("the template does not load: %v", err)
	}
	if sw.Design.Kind != scenarios.Morris || sw.Name != "calibrate_baseline" {
		t.Errorf("design %s, name %q", sw.Design.Kind, sw.Name)
	}
	var paths []string
	for _, p := range sw.Parameters {
		paths = append(paths, p.Path)
		parts := strings.Split(p.Path, ".")
		if strings.HasPrefix(p.Path, "policy.") || strings.HasPrefix(p.Path, "map.") ||
			len(parts) == 3 && parts[0] == "groups" && slices.Contains(calibrate.GroupBehaviour, parts[2]) {
			t.Errorf("the template frees %s", p.Path)
		}
	}
	for _, want := range []string{"violence.tempo", "recruitment.rate", "groups.flm.fighters", "groups.isgs.political", "violence.civilians"} {
		if !slices.Contains(paths, want) {
			t.Errorf("the template leaves out %s", want)
		}
	}

	// The list names every multiplier of a shared rule in a group's table,
	// and nothing else: a new one must be added to it.
	typ := reflect.TypeFor[agents.GroupParams]()
	var multipliers []string
	for f := range typ.Fields() {
		if strings.HasPrefix(f.Tag.Get("doc"), "multiplier of the shared weight") {
			multipliers = append(multipliers, f.Tag.Get("toml"))
		}
	}
	if !slices.Equal(multipliers, calibrate.GroupBehaviour) {
		t.Errorf("the groups' behaviour multipliers are %v; GroupBehaviour lists %v", multipliers, calibrate.GroupBehaviour)
	}

	shipped, ok := scenarios.BuiltinSweep("calibrate_baseline")
	if !ok || !bytes.Equal(shipped, b.Bytes()) {
		t.Error("scenarios/sweeps/calibrate_baseline.toml is not the template of today's baseline: " +
			"go run ./cmd/sahelsim calibrate --template baseline > scenarios/sweeps/calibrate_baseline.toml")
	}
}

// TestTimingCase checks that README's timing case still opens as a
// calibration of today's model.
func TestTimingCase(t *testing.T) {
	sw, err := scenarios.LoadSweep("testdata/timing20.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(sw.Parameters) != 20 {
		t.Errorf("%d parameters, want 20", len(sw.Parameters))
	}
	if _, err := calibrate.Open(sw, t.TempDir(), nil, calibrate.DefaultSettings(), outputs.Build{}); err != nil {
		t.Error(err)
	}
}
