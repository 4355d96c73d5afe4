package evidence

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestShippedData checks the shipped files against the totals their
// README gives: 998 events and 2,513 fatalities, 146 events in 2017.
func TestShippedData(t *testing.T) {
	rows, err := Monthly()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 581 {
		t.Errorf("%d rows, want 581", len(rows))
	}
	var events, fatalities, in2017 int
	for _, r := range rows {
		events += r.Events
		fatalities += r.Fatalities
		if r.Year == 2017 {
			in2017 += r.Events
		}
	}
	if events != 998 || fatalities != 2513 || in2017 != 146 {
		t.Errorf("%d events, %d fatalities, %d events in 2017; want 998, 2513, 146", events, fatalities, in2017)
	}
	sizes, err := EventSizes()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range sizes {
		n += s.Events
	}
	if len(sizes) != 24 || n != 998 {
		t.Errorf("sizes: %d rows, %d events; want 24, 998", len(sizes), n)
	}
	// ObservedCounts checks that both files count the same events in
	// each period.
	c, err := ObservedCounts()
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, v := range c.Fatalities {
		sum += v
	}
	if sum != 2513 {
		t.Errorf("counts hold %g fatalities, want 2513", sum)
	}
}

// TestShippedFilesUnchanged checks that the embedded files are the files
// on disk, byte for byte: the data ship as they were made.
func TestShippedFilesUnchanged(t *testing.T) {
	for name, text := range map[string]string{MonthlyFile: monthlyCSV, SizesFile: sizesCSV} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != text {
			t.Errorf("%s: embedded text differs from the file", name)
		}
	}
}

func TestReadMonthlyErrors(t *testing.T) {
	const head = "month,country,admin1,zone,label,class,events,fatalities\n"
	tests := []struct{ name, in, want string }{
		{"empty", "", "empty file"},
		{"header", "month,country\n", "header"},
		{"month", head + "2017-13,Mali,Gao,northern_mali,jnim,battle,1,0\n", `line 2: month "2017-13"`},
		{"after the window", head + "2019-07,Mali,Gao,northern_mali,jnim,battle,1,0\n", "from 2017-01 to 2019-06"},
		{"country", head + "2018-01,Chad,Lac,rest,jnim,battle,1,0\n", `country "Chad"`},
		{"region outside the area", head + "2018-01,Niger,Niamey,rest,jnim,battle,1,0\n", `admin1 "Niamey"`},
		{"zone of the region", head + "2018-01,Mali,Gao,central_mali,jnim,battle,1,0\n", "the zone of Gao, northern_mali"},
		{"label", head + "2018-01,Mali,Gao,northern_mali,JNIM,battle,1,0\n", `label "JNIM"`},
		{"class", head + "2018-01,Mali,Gao,northern_mali,jnim,riot,1,0\n", `class "riot"`},
		{"events", head + "2018-01,Mali,Gao,northern_mali,jnim,battle,0,0\n", "1 or more"},
		{"fatalities", head + "2018-01,Mali,Gao,northern_mali,jnim,battle,1,-2\n", "0 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadMonthly(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	rows, err := ReadMonthly(strings.NewReader(head + "2019-06,Niger,Tillaberi,eastern_burkina_niger,ambiguous,vac_attack,2,5\r\n"))
	if err != nil || len(rows) != 1 || rows[0] != (MonthlyRow{2019, 6, "Niger", "Tillaberi", "eastern_burkina_niger", "ambiguous", "vac_attack", 2, 5}) {
		t.Errorf("rows %+v, %v", rows, err)
	}
}

func TestReadEventSizesErrors(t *testing.T) {
	const head = "period,fatalities,events\n"
	for _, tt := range []struct{ in, want string }{
		{head + "2020,0,1\n", `period "2020"`},
		{head + "2018,3-5,1\n", `fatalities "3-5"`},
		{head + "2018,0,x\n", `events "x"`},
	} {
		if _, err := ReadEventSizes(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestDimensions(t *testing.T) {
	for _, tt := range []struct {
		d    time.Time
		half int
		in   bool
	}{
		{day(2017, 1, 1), 0, true},
		{day(2017, 6, 30), 0, true},
		{day(2017, 7, 1), 1, true},
		{day(2019, 6, 30), 4, true},
		{day(2019, 7, 1), 0, false},
		{day(2016, 12, 31), 0, false},
	} {
		if h, in := HalfOf(tt.d); h != tt.half || in != tt.in {
			t.Errorf("HalfOf(%v) = %d, %v; want %d, %v", tt.d, h, in, tt.half, tt.in)
		}
	}
	if HalfName(3) != "2018H2" {
		t.Errorf("HalfName(3) = %s", HalfName(3))
	}
	for f, b := range map[int]string{0: "0", 1: "1", 4: "2-4", 5: "5-9", 19: "10-19", 49: "20-49", 50: "50-99", 100: "100+", 5000: "100+"} {
		if got := SizeBins[SizeBinOf(f)].Name; got != b {
			t.Errorf("SizeBinOf(%d) = %s, want %s", f, got, b)
		}
	}
	for region, zone := range map[string]string{"Ségou": "central_mali", "Segou": "central_mali", "Ménaka": "northern_mali",
		"Tillabéri": "eastern_burkina_niger", "Hauts-Bassins": "southwestern_burkina", "Bamako": "rest", "Boucle du Mouhoun": "rest"} {
		if got := Zones[ZoneOf(region)]; got != zone {
			t.Errorf("ZoneOf(%s) = %s, want %s", region, got, zone)
		}
	}
	if !InArea("Niger", "Tillabéri") || !InArea("Niger", "Tahoua") || InArea("Niger", "Niamey") || !InArea("Mali", "Kayes") || InArea("Chad", "Lac") {
		t.Error("InArea: wrong study area")
	}
}

func TestIntervals(t *testing.T) {
	// Garwood's interval for 10 events: 4.795 to 18.39 (standard tables).
	lo, hi := PoissonInterval(10)
	if math.Abs(lo-4.7954) > 1e-3 || math.Abs(hi-18.3904) > 1e-3 {
		t.Errorf("PoissonInterval(10) = %g, %g; want 4.7954, 18.3904", lo, hi)
	}
	// For 0: 0 to −ln(0.025) = 3.689.
	if lo, hi := PoissonInterval(0); lo != 0 || math.Abs(hi-3.6889) > 1e-3 {
		t.Errorf("PoissonInterval(0) = %g, %g; want 0, 3.6889", lo, hi)
	}
	// Wilson's interval for 8 of 10 at 95 %: 0.4902 to 0.9433.
	lo, hi = WilsonInterval(8, 10)
	if math.Abs(lo-0.4902) > 1e-3 || math.Abs(hi-0.9433) > 1e-3 {
		t.Errorf("WilsonInterval(8, 10) = %g, %g; want 0.4902, 0.9433", lo, hi)
	}
}

// TestPatternsFromCodedEvents counts a few coded events and checks every
// kind of pattern against values worked out by hand.
func TestPatternsFromCodedEvents(t *testing.T) {
	var c Counts
	mali, bf := 0, 1
	central, northBF := 1, 2
	evs := []Coded{
		{Half: 0, Country: mali, Zone: central, Label: LabelJNIM, Class: ClassBattle, Fatalities: 3},
		{Half: 1, Country: mali, Zone: central, Label: 0, Class: ClassAttack, Fatalities: 12},
		{Half: 2, Country: mali, Zone: central, Label: LabelISGS, Class: ClassRemote, Fatalities: 0},
		{Half: 3, Country: bf, Zone: northBF, Label: LabelAmbiguous, Class: ClassAbduction, Fatalities: 0},
		{Half: 3, Country: bf, Zone: northBF, Label: LabelAmbiguous, Class: ClassOther, Fatalities: 60},
		{Half: 4, Country: bf, Zone: northBF, Label: 3, Class: ClassAttack, Fatalities: 1},
	}
	for _, e := range evs {
		c.Add(e)
	}
	ps := Patterns()
	vals := map[string]float64{}
	for i, v := range PatternValues(ps, &c, nil) {
		vals[ps[i].ID] = v
	}
	want := map[string]float64{
		"acled_events_2017h1": 1, "acled_fatalities_2017h2": 12, "acled_events_2018h2": 2, "acled_fatalities_2018h2": 60,
		"acled_events_mali": 3, "acled_fatalities_burkina_faso": 61, "acled_events_niger": 0,
		"acled_events_central_mali": 3, "acled_fatalities_northern_burkina": 61,
		"acled_label_named_mali_2017": 0.5, "acled_label_jnim_mali_2017": 0.5, "acled_label_isgs_mali_2018": 1,
		"acled_label_ambiguous_burkina_faso_2018": 1, "acled_label_named_burkina_faso_2019h1": 1,
		"acled_class_battle_central_mali": 1.0 / 3, "acled_class_attack_northern_burkina": 2.0 / 3,
		"acled_class_abduction_northern_burkina": 1.0 / 3,
		"acled_size_0":                           2.0 / 6, "acled_size_10_19": 1.0 / 6, "acled_size_50_99": 1.0 / 6,
		"acled_growth_events_2018": 3.0 / 2, "acled_growth_events_2019h1": 1, "acled_growth_fatalities_2018": 60.0 / 15,
	}
	for id, w := range want {
		if g, ok := vals[id]; !ok || math.Abs(g-w) > 1e-12 {
			t.Errorf("%s = %v, want %v", id, g, w)
		}
	}
	// Shares of nothing are undefined.
	for _, id := range []string{"acled_label_jnim_niger_2018", "acled_class_battle_rest"} {
		if !math.IsNaN(vals[id]) {
			t.Errorf("%s = %v, want NaN", id, vals[id])
		}
	}
	ids := PatternIDs()
	if len(ids) != len(ps) || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
		t.Error("pattern ids are not unique")
	}
}

// TestPatternTargets checks the observed values against sums of the
// shipped data and that every band holds its value.
func TestPatternTargets(t *testing.T) {
	ts, err := PatternTargets()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Target{}
	kinds := map[string]int{}
	for _, tg := range ts {
		byID[tg.ID] = tg
		kinds[tg.Kind]++
		if !(tg.Low <= tg.Value && tg.Value <= tg.High) || tg.Quote == "" || tg.What == "" {
			t.Errorf("%s: value %g, band [%g, %g], quote %q", tg.ID, tg.Value, tg.Low, tg.High, tg.Quote)
		}
	}
	// The zone southwestern_burkina has no event: no class mix there.
	if _, ok := byID["acled_class_battle_southwestern_burkina"]; ok {
		t.Error("a share of no event is a target")
	}
	wantKinds := map[string]int{KindHalfYear: 10, KindCountry: 6, KindZone: 12, KindLabelMix: 36, KindClassMix: 20, KindEventSize: 8, KindGrowth: 4}
	for k, n := range wantKinds {
		if kinds[k] != n {
			t.Errorf("%d targets of kind %s, want %d", kinds[k], k, n)
		}
	}
	for id, v := range map[string]float64{
		"acled_events_2017h1": 58, "acled_events_2019h1": 400, "acled_events_mali": 568, "acled_events_niger": 72,
		"acled_fatalities_central_mali": 863, "acled_label_ambiguous_burkina_faso_2019h1": 121.0 / 195,
		"acled_class_abduction_northern_burkina": 50.0 / 251, "acled_size_0": 429.0 / 998, "acled_growth_events_2018": 452.0 / 146,
	} {
		if g := byID[id].Value; math.Abs(g-v) > 1e-12 {
			t.Errorf("%s = %v, want %v", id, g, v)
		}
	}
	// An event count's band: Garwood's interval widened by the allowance.
	lo, hi := PoissonInterval(58)
	if tg := byID["acled_events_2017h1"]; math.Abs(tg.Low-lo/(1+CountAllowance)) > 1e-9 || math.Abs(tg.High-hi*(1+CountAllowance)) > 1e-9 {
		t.Errorf("acled_events_2017h1 band [%g, %g]", tg.Low, tg.High)
	}
}
