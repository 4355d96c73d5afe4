package evidence

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestTargets(t *testing.T) {
	targets, err := Targets()
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 14 {
		t.Fatalf("got %d targets, want 14", len(targets))
	}
	for _, tg := range targets {
		if tg.ID == "" || tg.What == "" || tg.Quote == "" || tg.Scope == "" {
			t.Errorf("target %+v has an empty field", tg)
		}
		if math.IsNaN(tg.Value) {
			t.Errorf("%s: no value", tg.ID)
		}
		if tg.Low > tg.Value || tg.Value > tg.High {
			t.Errorf("%s: value %g outside its band [%g, %g]", tg.ID, tg.Value, tg.Low, tg.High)
		}
	}
	gold, ok := Find(targets, "gold_capacity_kg")
	if !ok || gold.Value != 725 || !math.IsNaN(gold.Low) || !math.IsNaN(gold.High) {
		t.Errorf("gold_capacity_kg = %+v, %v; want 725 with an empty band", gold, ok)
	}
	if _, ok := Find(targets, "no_such_target"); ok {
		t.Error("Find found a target that does not exist")
	}
}

func TestReadTargetsErrors(t *testing.T) {
	const head = "id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\n"
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty targets file"},
		{"bad header", "id,what\n", "header"},
		{"wrong columns", head + "a,b,1\n", "wrong number of fields"},
		{"bad number", head + "a,b,x,,,p,s,q\n", `value "x"`},
		{"empty id", head + ",b,1,,,p,s,q\n", "empty id"},
		{"duplicate", head + "a,b,1,,,p,s,q\na,b,2,,,p,s,q\n", `duplicate id "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTargets(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadTargetsBOM(t *testing.T) {
	in := "\ufeffid,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\nx,y,1,0.5,2,p,s,\"q, with comma\"\n"
	got, err := ReadTargets(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Target{ID: "x", Kind: KindReport, What: "y", Value: 1, Low: 0.5, High: 2, Period: "p", Scope: "s", Quote: "q, with comma"}
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestWindow checks the periods read from the targets' Period and which
// runs measure them.
func TestWindow(t *testing.T) {
	d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		period     string
		start, end time.Time
		ok         bool
	}{
		{"2017-01..2020-09", d(2017, 1, 1), d(2020, 9, 30), true},
		{"recent years (2018-2020)", d(2018, 1, 1), d(2020, 12, 31), true},
		{"2017 vs 2019-10..2020-09", d(2017, 1, 1), d(2020, 9, 30), true},
		{"per year", time.Time{}, time.Time{}, false},
		{"", time.Time{}, time.Time{}, false},
	} {
		tg := Target{Period: tt.period}
		s, e, _, ok := tg.Window()
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("%q: %v..%v %t, want %v..%v %t", tt.period, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
	base := Target{Period: "2017-01..2020-09"}
	for _, tt := range []struct {
		start, end time.Time
		want       bool
	}{
		{d(2017, 1, 1), d(2020, 9, 30), true},
		{d(2017, 1, 1), d(2020, 9, 27), true},
		{d(2017, 1, 1), d(2022, 12, 31), false}, // a projection
		{d(2018, 1, 1), d(2020, 9, 30), false},
	} {
		if got := base.Matches(tt.start, tt.end); got != tt.want {
			t.Errorf("%v..%v matches %t", tt.start, tt.end, got)
		}
	}
	years := Target{Period: "recent years (2018-2020)"}
	if !years.Matches(d(2017, 1, 1), d(2020, 9, 30)) || years.Matches(d(2017, 1, 1), d(2021, 3, 31)) {
		t.Error("a period of years")
	}
	if none := (Target{Period: "per year"}); !none.Matches(d(2017, 1, 1), d(2030, 1, 1)) {
		t.Error("a figure of no period")
	}
}
