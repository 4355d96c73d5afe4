package acled_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/sim"
)

// readAll reads every event of an ACLED file.
func readAll(t *testing.T, r io.Reader) []*acled.Event {
	t.Helper()
	ar := acled.NewReader(r)
	var out []*acled.Event
	for {
		e, err := ar.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
}

func openFile(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadSample(t *testing.T) {
	evs := readAll(t, openFile(t, "testdata/acled_sahel_sample.csv"))
	if len(evs) != 22 {
		t.Fatalf("%d events, want 22", len(evs))
	}
	byID := map[string]*acled.Event{}
	for _, e := range evs {
		byID[e.ID] = e
	}
	tests := []struct {
		id   string
		date sim.Date
		civ  bool
		fat  int
		a1   string
	}{
		{"MLI1", sim.NewDate(2017, 3, 5), false, 4, "JNIM: Group for Support of Islam and Muslims"},
		{"MLI2", sim.NewDate(2018, 6, 12), true, 3, "Katiba Macina"}, // "12 June 2018"
		{"BFA8", sim.NewDate(2016, 12, 31), false, 1, "JNIM: Group for Support of Islam and Muslims"},
		{"MLI11", sim.NewDate(2018, 1, 1), false, 1, "Ansar Dine"},
	}
	for _, tt := range tests {
		e := byID[tt.id]
		if e == nil {
			t.Errorf("%s: not read", tt.id)
			continue
		}
		if e.Date != tt.date || e.Year != tt.date.Year() || e.CivilianTargeting != tt.civ || e.Fatalities != tt.fat || e.Actor1 != tt.a1 || !e.HasCivilianTargeting {
			t.Errorf("%s: %v civ %v fat %d actor1 %q, want %v %v %d %q", tt.id, e.Date, e.CivilianTargeting, e.Fatalities, e.Actor1, tt.date, tt.civ, tt.fat, tt.a1)
		}
	}
	if e := byID["MLI2"]; e.Notes != "Katiba Macina militants killed 3 villagers, including a herder." || e.Latitude != 13.44 || e.Longitude != -6.26 {
		t.Errorf("MLI2: notes %q at %g, %g", e.Notes, e.Latitude, e.Longitude)
	}
}

func TestReadClassic(t *testing.T) {
	// A classic export: other column order, data_id and iso first, no
	// civilian_targeting, dates in words.
	evs := readAll(t, openFile(t, "testdata/acled_classic.csv"))
	if len(evs) != 3 {
		t.Fatalf("%d events, want 3", len(evs))
	}
	e := evs[2]
	if e.ID != "MLI2003" || e.Date != sim.NewDate(2018, 5, 7) || e.ISO != 466 || e.AssocActor2 != "Katiba Macina" || e.HasCivilianTargeting || e.Fatalities != 3 {
		t.Errorf("third event: %+v", e)
	}
}

func TestReadErrors(t *testing.T) {
	const head = "event_id_cnty,event_date,event_type,actor1,actor2,latitude,longitude,fatalities\n"
	const good = "MLI1,2019-01-01,Battles,JNIM,Military Forces of Mali,14.5,-4.2,3\n"
	tests := []struct {
		name, input string
		line        int
		column      string
		msg         string
	}{
		{"bad latitude", head + good + "MLI2,2019-01-02,Battles,JNIM,,north,-4.2,1\n", 3, "latitude", `"north"`},
		{"latitude out of range", head + "MLI2,2019-01-02,Battles,JNIM,,95,-4.2,1\n", 2, "latitude", "±90"},
		{"bad longitude", head + "MLI2,2019-01-02,Battles,JNIM,,14,,1\n", 2, "longitude", `""`},
		{"bad date", head + good + good + "MLI3,2019/13/45,Battles,JNIM,,14.5,-4.2,1\n", 4, "event_date", "2019/13/45"},
		{"negative fatalities", head + "MLI2,2019-01-02,Battles,JNIM,,14.5,-4.2,-1\n", 2, "fatalities", "0 or more"},
		{"empty event type", head + "MLI2,2019-01-02,,JNIM,,14.5,-4.2,1\n", 2, "event_type", "empty"},
		{"short row", head + good + "MLI2,2019-01-02,Battles\n", 3, "", "wrong number of fields"},
		{"missing columns", "event_id_cnty,event_date,event_type,actor1\n" + "MLI1,2019-01-01,Battles,JNIM\n", 1, "", "missing column(s) latitude, longitude, fatalities"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := acled.NewReader(strings.NewReader(tt.input))
			var err error
			for err == nil {
				_, err = r.Read()
			}
			var pe *acled.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T), want a *ParseError", err, err)
			}
			if pe.Line != tt.line || pe.Column != tt.column || !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("error %q at line %d column %q; want line %d column %q mentioning %q", pe, pe.Line, pe.Column, tt.line, tt.column, tt.msg)
			}
		})
	}
	if _, err := acled.NewReader(strings.NewReader("")).Read(); err == nil || err == io.EOF {
		t.Errorf("empty file: %v, want an error", err)
	}
}

func TestWriteRead(t *testing.T) {
	in := acled.Event{
		ID: "BFA7", Date: sim.NewDate(2020, 2, 29), Year: 2020, TimePrecision: 2, DisorderType: "Political violence",
		EventType: "Violence against civilians", SubEventType: "Attack", Actor1: "Katiba Macina", Inter1: "2",
		Actor2: "Civilians (Burkina Faso)", Inter2: "7", Interaction: "27", CivilianTargeting: true,
		ISO: 854, Region: "Western Africa", Country: "Burkina Faso", Admin1: "Sahel", Location: "Djibo",
		Latitude: 14.25, Longitude: -1.75, GeoPrecision: 2, Source: "sahelsim (simulated)", SourceScale: "Other",
		Notes: `sahelsim rep 0, step 164: attack on civilians, claimed "by JNIM"`, Fatalities: 12, Timestamp: 1700000000,
		HasCivilianTargeting: true,
	}
	var b bytes.Buffer
	w := acled.NewWriter(&b)
	if err := w.Write(&in); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), strings.Join(acled.Columns(), ",")+"\n") {
		t.Errorf("header: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	if !strings.Contains(b.String(), ",2020-02-29,") {
		t.Errorf("date not written as YYYY-MM-DD: %s", b.String())
	}
	out := readAll(t, &b)
	if len(out) != 1 || *out[0] != in {
		t.Errorf("read back:\n%+v\nwant:\n%+v", out, in)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2020-09-30", "30 September 2020", "30-September-2020", "30-Sep-20", "30/09/2020"} {
		d, err := acled.ParseDate(s)
		if err != nil || d != sim.NewDate(2020, 9, 30) {
			t.Errorf("ParseDate(%q) = %v, %v; want 2020-09-30", s, d, err)
		}
	}
	for _, s := range []string{"", "30.09.2020", "September 30th"} {
		if _, err := acled.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q): no error", s)
		}
	}
}
