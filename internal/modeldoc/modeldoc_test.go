package modeldoc

import (
	"os"
	"strings"
	"testing"
)

// TestDocsUpToDate fails when the committed tables of agents/MODEL.md
// (parameters) or README.md (outputs) differ from the code.
func TestDocsUpToDate(t *testing.T) {
	for _, f := range []struct{ path, fix string }{
		{"../../agents/MODEL.md", "go generate ./agents"},
		{"../../README.md", "go generate ./outputs"},
	} {
		b, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Replace(string(b))
		if err != nil {
			t.Fatal(err)
		}
		if want != string(b) {
			t.Errorf("%s: generated tables are stale: run `%s` and commit the result", f.path, f.fix)
		}
	}
}

func TestTablesCoverSchema(t *testing.T) {
	s := Tables()
	for _, k := range []string{"`fighters`", "flm", "isgs", "`fighters.defection`", "`policy.reintegration.capacity`",
		"`policy.counterinsurgency.interdiction`", "`map.resolution`", "mali_army", "`illicit.gold_kg`",
		"`map.local_km`", "`violence.commit`", "`recruitment.rate`", "`rivalry.competition`", "`crime.rate`",
		"`communities.flight_max`", "`attribution.reporting`", "`policy.counterinsurgency.mechanisms.presence`",
		"`policy.community_protection.mechanisms.regularise_mining`", "`kin`"} {
		if !strings.Contains(s, k) {
			t.Errorf("tables lack %s", k)
		}
	}
}
