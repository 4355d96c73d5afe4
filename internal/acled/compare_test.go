package acled_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// baselineRun returns the baseline placed on its grid, from a run
// directory holding only its manifest.
func baselineRun(t *testing.T) *acled.Run {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, 1, 3, outputs.Build{}, nil, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, outputs.ManifestFile), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run, err := acled.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func values(t *testing.T, tl *acled.Tally) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, v := range tl.Values() {
		if _, dup := out[v.Name]; dup {
			t.Errorf("indicator %s twice", v.Name)
		}
		out[v.Name] = v.Value
	}
	return out
}

// TestTallySample checks the aggregation of the hand-written file against
// values worked out by hand, row by row (see the notes of the file).
func TestTallySample(t *testing.T) {
	run := baselineRun(t)
	class, err := acled.NewClassifier("")
	if err != nil {
		t.Fatal(err)
	}
	tl := acled.NewTally(run, class)
	for _, e := range readAll(t, openFile(t, "testdata/acled_sahel_sample.csv")) {
		tl.Add(e)
	}
	// 22 rows: a strategic development, and two events with an
	// unidentified armed group only, are not militant Islamist political
	// violence; two fall outside the run's dates, two outside the study
	// area (Agadez, Maiduguri).
	if tl.Read != 22 || tl.NotMilitant != 3 || tl.OffWindow != 2 || tl.Outside != 2 || tl.Kept != 15 {
		t.Errorf("read %d, not militant %d, off window %d, outside %d, kept %d; want 22, 3, 2, 2, 15",
			tl.Read, tl.NotMilitant, tl.OffWindow, tl.Outside, tl.Kept)
	}
	if !slices.Equal(tl.OutsideIDs, []string{"NER2", "NGA1"}) {
		t.Errorf("outside: %v, want NER2 and NGA1", tl.OutsideIDs)
	}
	got := values(t, tl)
	want := map[string]float64{
		"events_total": 15, "fatalities_total": 81,
		// MLI11 (1 January 2018) falls in the step that starts on 31
		// December 2017: it counts in 2017, as the simulator counts.
		"events_2017": 4, "events_2018": 2, "events_2019": 5, "events_2020": 4,
		"fatalities_2017": 12, "fatalities_2018": 13, "fatalities_2019": 31, "fatalities_2020": 25,
		"events_central_mali": 3, "events_northern_mali": 5, "events_northern_burkina": 3,
		"events_eastern_burkina_niger": 2, "events_southwestern_burkina": 1, "events_rest": 1,
		"fatalities_central_mali": 17, "fatalities_eastern_burkina_niger": 26,
		// The first year is steps 0–51 (to 30 December 2017), the last
		// steps 144–195 (from 6 October 2019): BFA4 (3 October) is out.
		"events_first_year": 3, "events_last_year": 5, "surge_ratio": 5.0 / 3,
		// Every kept event names a group; all but two ISGS events name
		// JNIM or a member. A component named in assoc_actor_1 wins.
		"jnim_share_events_observed":               13.0 / 15,
		"flm_share_jnim_events_observed":           4.0 / 13,
		"flm_areas_share_jnim_observed":            5.0 / 13,
		"flm_areas_share_jnim_fatalities_observed": 25.0 / 53,
		// Attacks on civilians, not the abduction (MLI8).
		"civilian_share_jnim_observed":                      4.0 / 13,
		"civilian_share_jnim_observed_central_mali":         2.0 / 3,
		"civilian_share_jnim_observed_northern_mali":        0,
		"civilian_share_jnim_observed_southwestern_burkina": 1,

		// Each label's share of the 15 events.
		"label_share_flm": 4.0 / 15, "label_share_ansar_dine": 3.0 / 15, "label_share_katiba_serma": 0,
		"label_share_ansaroul_islam": 1.0 / 15, "label_share_aqim_sahara": 1.0 / 15, "label_share_al_mourabitoun": 0,
		"label_share_isgs": 2.0 / 15, "label_share_JNIM": 4.0 / 15,
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: missing", name)
			continue
		}
		if math.Abs(g-w) > 1e-12 {
			t.Errorf("%s = %g, want %g", name, g, w)
		}
	}
}

func TestTallyClassic(t *testing.T) {
	// Without a civilian_targeting column, violence against civilians
	// other than abduction counts as civilian targeting; the army's
	// operation names Katiba Macina second.
	run := baselineRun(t)
	class, _ := acled.NewClassifier("")
	tl := acled.NewTally(run, class)
	for _, e := range readAll(t, openFile(t, "testdata/acled_classic.csv")) {
		tl.Add(e)
	}
	got := values(t, tl)
	if got["events_total"] != 3 || got["civilian_share_jnim_observed"] != 1.0/3 || got["label_share_flm"] != 1 {
		t.Errorf("events %g, civilian share %g, FLM's share %g; want 3, 1/3, 1",
			got["events_total"], got["civilian_share_jnim_observed"], got["label_share_flm"])
	}
}

func TestClassifier(t *testing.T) {
	c, err := acled.NewClassifier("")
	if err != nil {
		t.Fatal(err)
	}
	run := baselineRun(t)
	tests := []struct {
		name                  string
		typ, a1, as1, a2, as2 string
		keep                  bool
		label                 string // label_share_ indicator that gets the event
	}{
		{"coalition", "Battles", acled.NameJNIM, "", "Military Forces of Mali (2013-2020)", "", true, "JNIM"},
		{"component in assoc", "Battles", acled.NameJNIM, "Katiba Macina; Ansar Dine", "Civilians (Mali)", "", true, "flm"},
		{"group second", "Battles", "Military Forces of Niger (2011-2021)", "", acled.NameISGS, "", true, "isgs"},
		{"first side wins", "Battles", "Ansar Dine", "", acled.NameISGS, "", true, "ansar_dine"},
		{"old name of FLM", "Violence against civilians", "FLM: Macina Liberation Front", "", "Civilians (Mali)", "", true, "flm"},
		{"al-Mourabitoun", "Explosions/Remote violence", "Al Mourabitoune Battalion", "", "", "", true, "al_mourabitoun"},
		{"and/or: ambiguous, not ISGS", "Battles", acled.NameAmbiguous, "", "Military Forces of Niger (2011-2021)", "", true, "ambiguous"},
		{"and/or second", "Violence against civilians", "Civilians (Burkina Faso)", "", acled.NameAmbiguous, "", true, "ambiguous"},
		{"a component beside and/or", "Battles", acled.NameAmbiguous, "Katiba Macina", "", "", true, "flm"},
		{"coalition alone beside and/or", "Battles", acled.NameJNIM, acled.NameAmbiguous, "", "", true, "JNIM"},
		{"pre-2019 type", "Battle-No change of territory", acled.NameISGS, "", "", "", true, "isgs"},
		{"unidentified", "Battles", "Unidentified Armed Group (Mali)", "", "Military Forces of Mali (2013-2020)", "", false, ""},
		{"militia", "Violence against civilians", "Dan Na Ambassagou", "", "Civilians (Mali)", "", false, ""},
		{"protest", "Protests", "Protesters (Mali)", "", acled.NameJNIM, "", false, ""},
		{"strategic development", "Strategic developments", acled.NameJNIM, "", "", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := acled.NewTally(run, c)
			tl.Add(&acled.Event{ID: "X1", Date: run.Clock.Start, EventType: tt.typ, Actor1: tt.a1, AssocActor1: tt.as1,
				Actor2: tt.a2, AssocActor2: tt.as2, Latitude: 14.49, Longitude: -4.2})
			if kept := tl.Kept == 1; kept != tt.keep {
				t.Fatalf("kept %v, want %v", kept, tt.keep)
			}
			if tt.keep {
				if v := values(t, tl)["label_share_"+tt.label]; v != 1 {
					t.Errorf("label_share_%s = %g, want 1", tt.label, v)
				}
			}
		})
	}
	if _, err := acled.NewClassifier("(unclosed"); err == nil {
		t.Error("a bad pattern was accepted")
	}
	// A user's pattern can take in unidentified armed groups: they count
	// as events with an unknown label.
	wide, _ := acled.NewClassifier(`JNIM|Unidentified Armed Group`)
	tl := acled.NewTally(run, wide)
	tl.Add(&acled.Event{EventType: "Battles", Actor1: "Unidentified Armed Group (Mali)", Date: run.Clock.Start, Latitude: 14.49, Longitude: -4.2})
	if v := values(t, tl); v["events_total"] != 1 || !math.IsNaN(v["jnim_share_events_observed"]) {
		t.Errorf("an unidentified group's event: %g events, JNIM share %g; want 1 and undefined", v["events_total"], v["jnim_share_events_observed"])
	}
}

// TestExportRoundTrip exports a replicate of a real run, reads the file
// back as a user's ACLED export, and checks that it aggregates to exactly
// the replicate's simulated side of a comparison.
func TestExportRoundTrip(t *testing.T) {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	reps, err := runner.Run(context.Background(), sc, 7, 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, 7, 2, outputs.Build{}, nil, time.Unix(1700000000, 0))
	if err != nil {
		t.Fatal(err)
	}
	m.End = time.Unix(1700000100, 0)
	dir := filepath.Join(t.TempDir(), "run")
	if err := outputs.WriteRun(dir, false, m, reps); err != nil {
		t.Fatal(err)
	}
	run, err := acled.OpenRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n, err := acled.Export(&b, run, 1)
	if err != nil {
		t.Fatal(err)
	}
	exported := b.String()

	// One ACLED event per event of replicate 1 but defections and
	// displacements; unique ids; the replicate in the notes.
	want := 0
	labels := map[string]int{}
	for _, e := range reps[1].Events {
		if s := e.Type.String(); s != "defection" && s != "displacement" {
			want++
		}
	}
	rows, err := csv.NewReader(strings.NewReader(exported)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n != want || len(rows) != want+1 {
		t.Fatalf("exported %d events (%d rows), want %d", n, len(rows)-1, want)
	}
	ids := map[string]bool{}
	for _, r := range rows[1:] {
		if ids[r[0]] {
			t.Fatalf("event_id_cnty %s twice", r[0])
		}
		ids[r[0]] = true
		if !strings.HasPrefix(r[27], "sahelsim rep 1, step ") {
			t.Fatalf("notes %q do not name the replicate", r[27])
		}
		if r[30] != "1700000100" {
			t.Fatalf("timestamp %s, want the run's end", r[30])
		}
		labels[r[7]]++
	}
	// The actor is the observed label: as many events name Katiba Macina
	// first as there are violent events labelled FLM.
	flm := 0
	for _, e := range reps[1].Events {
		if e.Type.Violent() && e.Label == 0 {
			flm++
		}
	}
	if labels[acled.NameFLM] != flm {
		t.Errorf("%d events with actor1 Katiba Macina, want the %d violent events labelled flm", labels[acled.NameFLM], flm)
	}

	class, _ := acled.NewClassifier("")
	obs := acled.NewTally(run, class)
	for _, e := range readAll(t, strings.NewReader(exported)) {
		obs.Add(e)
	}
	sims, err := acled.SimulatedTallies(run, class)
	if err != nil {
		t.Fatal(err)
	}
	if len(sims) != 2 {
		t.Fatalf("%d simulated tallies, want 2", len(sims))
	}
	if obs.Outside != 0 || obs.OffWindow != 0 || obs.Kept == 0 {
		t.Errorf("exported events: %d outside, %d off window, %d kept", obs.Outside, obs.OffWindow, obs.Kept)
	}
	ov, sv := obs.Values(), sims[1].Values()
	for i := range ov {
		a, s := ov[i].Value, sv[i].Value
		if ov[i].Name != sv[i].Name || !(a == s || math.IsNaN(a) && math.IsNaN(s)) {
			t.Errorf("%s: %g read back from the export, %g simulated", ov[i].Name, a, s)
		}
	}
	// The observed JNIM share is the run's own, but for clashes, which an
	// observer gives to JNIM whichever side started them.
	got := values(t, sims[1])["jnim_share_events_observed"]
	if sum := reps[1].Value("jnim_share_events_observed"); math.Abs(got-sum) > 0.02 {
		t.Errorf("jnim_share_events_observed %.4f from the export, %.4f in summary.csv", got, sum)
	}
	// Exporting again gives the same bytes.
	var again bytes.Buffer
	if _, err := acled.Export(&again, run, 1); err != nil || again.String() != exported {
		t.Errorf("a second export differs (err %v)", err)
	}
}

func TestCompare(t *testing.T) {
	run := baselineRun(t)
	class, _ := acled.NewClassifier("")
	obs := acled.NewTally(run, class)
	for _, e := range readAll(t, openFile(t, "testdata/acled_sahel_sample.csv")) {
		obs.Add(e)
	}
	// Three "replicates": the sample itself, nothing, and the sample twice.
	empty, double := acled.NewTally(run, class), acled.NewTally(run, class)
	for _, e := range readAll(t, openFile(t, "testdata/acled_sahel_sample.csv")) {
		double.Add(e)
		double.Add(e)
	}
	cs := acled.Compare(obs, []*acled.Tally{obs, empty, double})
	byName := map[string]acled.Comparison{}
	for _, c := range cs {
		byName[c.Indicator] = c
	}
	c := byName["events_total"]
	if c.ACLED != 15 || c.Mean != 15 || c.Low != 0 || c.High != 30 || c.N != 3 || c.Within() != "yes" {
		t.Errorf("events_total: %+v within %q; want 15 beside mean 15, 0–30, within", c, c.Within())
	}
	c = byName["jnim_share_events_observed"]
	if c.N != 2 || c.Within() != "yes" {
		t.Errorf("a share undefined in one replicate: %+v", c)
	}
	if (&acled.Comparison{ACLED: 5, Low: 1, High: 4}).Within() != "no" || (&acled.Comparison{ACLED: math.NaN(), Low: 1, High: 4}).Within() != "" {
		t.Error("Within is wrong outside the interval or without a value")
	}

	var b bytes.Buffer
	if err := acled.WriteComparison(&b, cs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if lines[0] != "indicator,acled,simulated_mean,simulated_p05,simulated_p95,within" {
		t.Errorf("header %q", lines[0])
	}
	if lines[1] != "events_total,15,15,0,30,yes" {
		t.Errorf("first row %q", lines[1])
	}
	b.Reset()
	if err := acled.PrintComparison(&b, cs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "90% interval") || !strings.Contains(b.String(), "jnim_share_events_observed") {
		t.Errorf("printed table:\n%s", b.String())
	}
}
