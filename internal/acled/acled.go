package acled

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sahelsim/sahelsim/sim"
)

// An Event is one row of an ACLED export: the columns Writer writes and
// Reader reads. Fields a file lacks are left empty.
type Event struct {
	ID                  string   // event_id_cnty: ISO3 code and a number, e.g. "MLI1234"
	Date                sim.Date // event_date
	Year                int
	TimePrecision       int    // 1 day, 2 week, 3 month
	DisorderType        string // "Political violence"
	EventType           string // "Battles", "Violence against civilians", "Explosions/Remote violence", …
	SubEventType        string // "Armed clash", "Attack", "Abduction/forced disappearance", …
	Actor1, AssocActor1 string
	Inter1              string // actor type: a code (1 state forces … 8 external) or, in newer exports, a name
	Actor2, AssocActor2 string
	Inter2              string
	Interaction         string // e.g. "12"
	CivilianTargeting   bool   // civilian_targeting is "Civilian targeting"
	ISO                 int    // ISO 3166-1 numeric country code
	Region              string // "Western Africa"
	Country             string
	Admin1              string
	Admin2, Admin3      string
	Location            string
	Latitude, Longitude float64
	GeoPrecision        int // 1 exact, 2 near, 3 region
	Source, SourceScale string
	Notes               string
	Fatalities          int
	Tags                string
	Timestamp           int64 // Unix time of the row's last change

	// HasCivilianTargeting records whether the file had a
	// civilian_targeting column (exports before 2022 do not).
	HasCivilianTargeting bool
}

// CivilianTargetingValue is the value of civilian_targeting for an event
// that targeted civilians.
const CivilianTargetingValue = "Civilian targeting"

// Columns returns the columns of ACLED's export layout, in the order
// Writer writes them: those of ACLED's current CSV export.
func Columns() []string {
	return []string{
		"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
		"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
		"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
		"iso", "region", "country", "admin1", "admin2", "admin3", "location",
		"latitude", "longitude", "geo_precision", "source", "source_scale",
		"notes", "fatalities", "tags", "timestamp",
	}
}

// required are the columns Reader needs.
func required() []string {
	return []string{"event_date", "event_type", "actor1", "latitude", "longitude", "fatalities"}
}

// A Writer writes events in ACLED's export layout: the header of Columns,
// then one row per event, dates as YYYY-MM-DD.
type Writer struct {
	cw     *csv.Writer
	header bool
	rec    []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{cw: csv.NewWriter(w), rec: make([]string, len(Columns()))}
}

// Write writes e, after the header if e is the first event.
func (w *Writer) Write(e *Event) error {
	if !w.header {
		if err := w.WriteHeader(); err != nil {
			return err
		}
	}
	civ := ""
	if e.CivilianTargeting {
		civ = CivilianTargetingValue
	}
	r := w.rec[:0]
	r = append(r, e.ID, e.Date.String(), strconv.Itoa(e.Year), strconv.Itoa(e.TimePrecision), e.DisorderType,
		e.EventType, e.SubEventType, e.Actor1, e.AssocActor1, e.Inter1,
		e.Actor2, e.AssocActor2, e.Inter2, e.Interaction, civ,
		strconv.Itoa(e.ISO), e.Region, e.Country, e.Admin1, e.Admin2, e.Admin3, e.Location,
		formatCoord(e.Latitude), formatCoord(e.Longitude), strconv.Itoa(e.GeoPrecision), e.Source, e.SourceScale,
		e.Notes, strconv.Itoa(e.Fatalities), e.Tags, strconv.FormatInt(e.Timestamp, 10))
	return w.cw.Write(r)
}

// WriteHeader writes the header, if not yet written: a file of no event
// still has one.
func (w *Writer) WriteHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return w.cw.Write(Columns())
}

// Flush writes any buffered data and returns the first error of the
// writes.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// formatCoord formats a coordinate as ACLED does, with at most four
// decimals.
func formatCoord(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

// A ParseError is an error in a row of an ACLED file.
type ParseError struct {
	Line   int    // line of the file, from 1
	Column string // the column at fault, "" for the row as a whole
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d: column %s: %v", e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// A Reader reads the events of an ACLED export. It finds columns by their
// names in the header (any order, any case, extra columns ignored), so it
// reads classic exports (data_id, iso, event_id_cnty, event_id_no_cnty,
// …, dates as "02 January 2006") and current ones (event_id_cnty, …,
// dates as 2006-01-02) alike. The columns event_date, event_type, actor1,
// latitude, longitude and fatalities are required.
type Reader struct {
	cr   *csv.Reader
	col  map[string]int // column name → field index
	line int            // of the last event read
}

// Line returns the line of the file (from 1) of the last event Read
// returned.
func (r *Reader) Line() int { return r.line }

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	return &Reader{cr: cr}
}

// Read returns the next event, or io.EOF after the last. Errors in a row
// are *ParseError naming the line and column.
func (r *Reader) Read() (*Event, error) {
	if r.col == nil {
		if err := r.readHeader(); err != nil {
			return nil, err
		}
	}
	rec, err := r.cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &ParseError{Line: pe.Line, Err: pe.Err}
		}
		return nil, err
	}
	line, _ := r.cr.FieldPos(0)
	r.line = line
	get := func(name string) string {
		if i, ok := r.col[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	bad := func(name string, err error) error { return &ParseError{Line: line, Column: name, Err: err} }

	e := &Event{
		ID: get("event_id_cnty"), DisorderType: get("disorder_type"),
		EventType: get("event_type"), SubEventType: get("sub_event_type"),
		Actor1: get("actor1"), AssocActor1: get("assoc_actor_1"), Inter1: get("inter1"),
		Actor2: get("actor2"), AssocActor2: get("assoc_actor_2"), Inter2: get("inter2"),
		Interaction: get("interaction"), Region: get("region"), Country: get("country"),
		Admin1: get("admin1"), Admin2: get("admin2"), Admin3: get("admin3"), Location: get("location"),
		Source: get("source"), SourceScale: get("source_scale"), Notes: get("notes"), Tags: get("tags"),
	}
	if e.Date, err = ParseDate(get("event_date")); err != nil {
		return nil, bad("event_date", err)
	}
	e.Year = e.Date.Year()
	if e.EventType == "" {
		return nil, bad("event_type", errors.New("empty"))
	}
	e.EventType, e.SubEventType = CurrentType(e.EventType, e.SubEventType)
	if e.Latitude, err = parseCoord(get("latitude"), 90); err != nil {
		return nil, bad("latitude", err)
	}
	if e.Longitude, err = parseCoord(get("longitude"), 180); err != nil {
		return nil, bad("longitude", err)
	}
	if f := get("fatalities"); f != "" {
		if e.Fatalities, err = strconv.Atoi(f); err != nil || e.Fatalities < 0 {
			return nil, bad("fatalities", fmt.Errorf("%q: want a whole number, 0 or more", f))
		}
	}
	if _, ok := r.col["civilian_targeting"]; ok {
		e.HasCivilianTargeting = true
		e.CivilianTargeting = strings.EqualFold(get("civilian_targeting"), CivilianTargetingValue)
	}
	for _, f := range []struct {
		name string
		p    *int
	}{{"time_precision", &e.TimePrecision}, {"geo_precision", &e.GeoPrecision}, {"iso", &e.ISO}} {
		if s := get(f.name); s != "" {
			if *f.p, err = strconv.Atoi(s); err != nil {
				return nil, bad(f.name, fmt.Errorf("%q: want a whole number", s))
			}
		}
	}
	if s := get("timestamp"); s != "" {
		if e.Timestamp, err = strconv.ParseInt(s, 10, 64); err != nil {
			return nil, bad("timestamp", fmt.Errorf("%q: want a Unix time", s))
		}
	}
	return e, nil
}

// readHeader reads the header row and finds the columns.
func (r *Reader) readHeader() error {
	head, err := r.cr.Read()
	if err == io.EOF {
		return errors.New("empty file: want ACLED's header row")
	}
	if err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	r.col = make(map[string]int, len(head))
	for i, h := range head {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := r.col[name]; !dup {
			r.col[name] = i
		}
	}
	var missing []string
	for _, c := range required() {
		if _, ok := r.col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return &ParseError{Line: 1, Err: fmt.Errorf("missing column(s) %s: want an ACLED export (its header has %s)",
			strings.Join(missing, ", "), strings.Join(required(), ", "))}
	}
	r.cr.FieldsPerRecord = len(head)
	return nil
}

// ParseDate parses an ACLED event date: "2020-09-30" (current exports),
// "30 September 2020" (classic exports), "30-September-2020" or
// "30-Sep-20" (classic exports opened in a spreadsheet) or "30/09/2020"
// (day first).
func ParseDate(s string) (sim.Date, error) {
	for _, l := range [...]string{time.DateOnly, "2 January 2006", "2-January-2006", "2-Jan-06", "02/01/2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return sim.DateOf(t), nil
		}
	}
	return sim.Date{}, fmt.Errorf("%q: want a date like 2020-09-30 or 30 September 2020", s)
}

// parseCoord parses a latitude or longitude within ±limit.
func parseCoord(s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > limit {
		return 0, fmt.Errorf("%q: want a number of degrees within ±%g", s, limit)
	}
	return v, nil
}

// CurrentType returns ACLED's current event type and sub-event type of an
// event recorded with typ and sub. ACLED's codebooks before March 2019
// had no sub-event type and other event types, which the 2019 codebook
// maps as follows (ACLED, "ACLED introduces new event types and sub-event
// types", 14 March 2019; ACLED Codebook 2019, "Definitions of ACLED event
// and sub-event types"):
//
//	before 2019                                  from 2019
//	Battle-No change of territory                Battles / Armed clash
//	Battle-Non-state actor overtakes territory   Battles / Non-state actor overtakes territory
//	Battle-Government regains territory          Battles / Government regains territory
//	Remote violence                              Explosions/Remote violence
//	Violence against civilians                   Violence against civilians
//	Riots/Protests                               Protests (a riot cannot be told apart)
//	Strategic development, Non-violent activity  Strategic developments
//	by a conflict actor
//	Headquarters or base established             Strategic developments / Headquarters or base established
//	Non-violent transfer of territory            Strategic developments / Non-violent transfer of territory
//
// Case, and spaces around the hyphen, are ignored. A remote-violence or
// civilian-violence event of an old export keeps an empty sub-event type:
// the old codebook did not record it (package evidence counts violence
// against civilians without one as an attack). Current types, and types
// this table does not know, are returned unchanged.
func CurrentType(typ, sub string) (string, string) {
	key := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(typ, "-", " - ")), " "))
	switch key {
	case "battle - no change of territory":
		return "Battles", "Armed clash"
	case "battle - non state actor overtakes territory", "battle - non - state actor overtakes territory":
		return "Battles", "Non-state actor overtakes territory"
	case "battle - government regains territory":
		return "Battles", "Government regains territory"
	case "remote violence":
		return "Explosions/Remote violence", sub
	case "violence against civilians":
		return "Violence against civilians", sub
	case "riots/protests":
		return "Protests", sub
	case "strategic development", "non - violent activity by a conflict actor":
		return "Strategic developments", sub
	case "headquarters or base established":
		return "Strategic developments", "Headquarters or base established"
	case "non - violent transfer of territory":
		return "Strategic developments", "Non-violent transfer of territory"
	}
	return typ, sub
}
