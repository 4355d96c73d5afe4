package acled_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/evidence"
)

// readEvents reads the events of an ACLED file as ReadEvents does.
func readEvents(t *testing.T, name string) *acled.Events {
	t.Helper()
	evs, err := acled.ReadEvents(openFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// tally returns the indicators of events on the baseline's grid.
func tally(t *testing.T, evs []*acled.Event) (*acled.Tally, map[string]float64) {
	t.Helper()
	class, err := acled.NewClassifier("")
	if err != nil {
		t.Fatal(err)
	}
	tl := acled.NewTally(baselineRun(t), class)
	for _, e := range evs {
		tl.Add(e)
	}
	return tl, values(t, tl)
}

// patterns counts events as the training data were counted and returns
// every pattern's value.
func patterns(t *testing.T, evs []*acled.Event) (int, map[string]float64) {
	t.Helper()
	class, _ := acled.NewClassifier("")
	var c evidence.Counts
	n := 0
	for _, e := range evs {
		if acled.CountEvent(class, e, &c) {
			n++
		}
	}
	out := map[string]float64{}
	ps := evidence.Patterns()
	for i, v := range evidence.PatternValues(ps, &c, nil) {
		out[ps[i].ID] = v
	}
	return n, out
}

func checkValues(t *testing.T, got, want map[string]float64) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok || math.Abs(g-w) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, g, w)
		}
	}
}

// TestMonadic reads an export in ACLED's monadic layout (one row per
// actor, no actor2 column) and checks that each event counts once, with
// the label its first side names.
func TestMonadic(t *testing.T) {
	evs := readEvents(t, "testdata/acled_monadic.csv")
	if evs.Rows != 12 || evs.Merged != 5 || len(evs.List) != 7 {
		t.Fatalf("%d rows, %d merged, %d events; want 12, 5, 7", evs.Rows, evs.Merged, len(evs.List))
	}
	clash := evs.List[1]
	if clash.ID != "MLI102" || clash.Actor1 != acled.NameJNIM || clash.Actor2 != acled.NameISGS || clash.Inter2 != "2" || clash.Fatalities != 12 {
		t.Errorf("MLI102 merged as %+v", clash)
	}
	if e := evs.List[3]; e.Actor1 != "Military Forces of Burkina Faso (2015-2022)" || e.Actor2 != "Ansaroul Islam" {
		t.Errorf("BFA202 merged as actor1 %q, actor2 %q", e.Actor1, e.Actor2)
	}
	tl, got := tally(t, evs.List)
	if tl.Kept != 5 || tl.NotMilitant != 2 {
		t.Errorf("kept %d, not militant %d; want 5, 2", tl.Kept, tl.NotMilitant)
	}
	checkValues(t, got, map[string]float64{
		"events_total": 5, "fatalities_total": 27,
		// One event each: FLM (named beside JNIM), JNIM (the clash, from
		// its first side, not ISGS as well), ambiguous, Ansaroul Islam
		// (second side), ISGS.
		"label_share_flm": 0.2, "label_share_JNIM": 0.2, "label_share_ambiguous": 0.2,
		"label_share_ansaroul_islam": 0.2, "label_share_isgs": 0.2,
	})
	// Read row by row, the clash would count twice: once for each side.
	rows := readAll(t, openFile(t, "testdata/acled_monadic.csv"))
	if rowTally, _ := tally(t, rows); rowTally.Kept != 6 {
		t.Errorf("row by row: %d kept, want 6 (the double count ReadEvents avoids)", rowTally.Kept)
	}
	n, pat := patterns(t, evs.List)
	if n != 5 {
		t.Errorf("%d events counted as the training data, want 5", n)
	}
	checkValues(t, pat, map[string]float64{
		"acled_events_2018h1": 3, "acled_events_2019h1": 2, "acled_fatalities_2018h1": 18,
		"acled_events_niger": 1, "acled_events_central_mali": 1, "acled_events_northern_burkina": 2,
		"acled_label_ambiguous_burkina_faso_2019h1": 0.5, "acled_label_named_burkina_faso_2019h1": 0.5,
		"acled_label_named_mali_2018": 0.5, "acled_label_jnim_mali_2018": 0.5, "acled_label_isgs_niger_2018": 1,
		"acled_class_attack_northern_burkina": 0.5, "acled_class_remote_northern_burkina": 0.5,
		"acled_size_0": 0, "acled_size_1": 0.2, "acled_size_10_19": 0.2,
	})
}

// TestPre2019 reads an export of the codebook before 2019 (other event
// types, no sub-event type, no civilian_targeting column) and the
// ambiguous actor in a dyadic row.
func TestPre2019(t *testing.T) {
	evs := readEvents(t, "testdata/acled_pre2019.csv")
	if len(evs.List) != 8 || evs.Merged != 0 {
		t.Fatalf("%d events, %d merged; want 8, 0", len(evs.List), evs.Merged)
	}
	types := [][2]string{
		{"Battles", "Armed clash"}, {"Battles", "Non-state actor overtakes territory"},
		{"Explosions/Remote violence", ""}, {"Violence against civilians", ""}, {"Battles", "Armed clash"},
		{"Protests", ""}, {"Strategic developments", ""}, {"Strategic developments", "Headquarters or base established"},
	}
	for i, e := range evs.List {
		if e.EventType != types[i][0] || e.SubEventType != types[i][1] {
			t.Errorf("%s: %q / %q, want %q / %q", e.ID, e.EventType, e.SubEventType, types[i][0], types[i][1])
		}
	}
	tl, got := tally(t, evs.List)
	if tl.Kept != 5 || tl.NotMilitant != 3 {
		t.Errorf("kept %d, not militant %d; want 5, 3", tl.Kept, tl.NotMilitant)
	}
	checkValues(t, got, map[string]float64{
		"events_total": 5, "fatalities_total": 24, "events_2017": 3,
		"label_share_JNIM": 0.2, "label_share_flm": 0.2, "label_share_aqim_sahara": 0.2,
		"label_share_ansaroul_islam": 0.2, "label_share_ambiguous": 0.2, "label_share_isgs": 0,
		// Violence against civilians without a sub-event type or a
		// civilian_targeting column is an attack on civilians.
		"civilian_share_jnim_observed": 1.0 / 4,
	})
	_, pat := patterns(t, evs.List)
	checkValues(t, pat, map[string]float64{
		"acled_events_2017h1": 2, "acled_events_2017h2": 1, "acled_events_2018h1": 1, "acled_events_2018h2": 1,
		"acled_class_battle_northern_mali": 0.5, "acled_class_remote_northern_mali": 0.5,
		"acled_class_battle_central_mali": 1, "acled_class_attack_northern_burkina": 1,
		"acled_class_battle_eastern_burkina_niger": 1, "acled_label_ambiguous_niger_2018": 1,
	})
}

func TestCurrentType(t *testing.T) {
	for _, tt := range []struct{ typ, sub, wantTyp, wantSub string }{
		{"Battle-No change of territory", "", "Battles", "Armed clash"},
		{"battle - government regains territory", "", "Battles", "Government regains territory"},
		{"Battle-Non-state actor overtakes territory", "", "Battles", "Non-state actor overtakes territory"},
		{"Remote violence", "", "Explosions/Remote violence", ""},
		{"Riots/Protests", "", "Protests", ""},
		{"Non-violent transfer of territory", "", "Strategic developments", "Non-violent transfer of territory"},
		{"Battles", "Armed clash", "Battles", "Armed clash"},
		{"Violence against civilians", "Abduction/forced disappearance", "Violence against civilians", "Abduction/forced disappearance"},
		{"Something new", "x", "Something new", "x"},
	} {
		if typ, sub := acled.CurrentType(tt.typ, tt.sub); typ != tt.wantTyp || sub != tt.wantSub {
			t.Errorf("CurrentType(%q, %q) = %q, %q; want %q, %q", tt.typ, tt.sub, typ, sub, tt.wantTyp, tt.wantSub)
		}
	}
}

func TestReadEventsConflict(t *testing.T) {
	const in = "event_id_cnty,event_date,event_type,actor1,latitude,longitude,fatalities\n" +
		"MLI1,2018-01-01,Battles,JNIM,14.5,-4.2,3\n" +
		"MLI1,2018-01-01,Battles,Military Forces of Mali (2013-2020),14.5,-4.2,4\n"
	_, err := acled.ReadEvents(strings.NewReader(in))
	var pe *acled.ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || pe.Column != "event_id_cnty" {
		t.Fatalf("err = %v, want a ParseError at line 3, column event_id_cnty", err)
	}
}
