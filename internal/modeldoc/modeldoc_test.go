package modeldoc

import (
	"os"
	"strings"
	"testing"
)

// TestMODELUpToDate fails when the committed parameter tables of
// agents/MODEL.md differ from the schema and defaults in the code.
func TestMODELUpToDate(t *testing.T) {
	b, err := os.ReadFile("../../agents/MODEL.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Replace(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if want != string(b) {
		t.Fatal("agents/MODEL.md parameter tables are stale: run `go generate ./agents` and commit the result")
	}
}

func TestTablesCoverSchema(t *testing.T) {
	s := Tables()
	for _, k := range []string{"`fighters`", "flm", "isgs", "`fighters.defection`", "`policy.reintegration.capacity`",
		"`policy.counterinsurgency.interdiction`", "`map.resolution`", "mali_army", "`illicit.gold_kg`"} {
		if !strings.Contains(s, k) {
			t.Errorf("tables lack %s", k)
		}
	}
}
