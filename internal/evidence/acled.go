package evidence

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds the ACLED-derived training data: its files, the
// dimensions it is counted by, and its readers.

// ACLEDAttribution is the line to keep wherever the ACLED-derived data, or
// anything drawn from them, are used or shown.
const ACLEDAttribution = "Aggregated from ACLED data (acleddata.com); see ACLED's terms of use."

// Names of the ACLED-derived files shipped in this package.
const (
	MonthlyFile = "acled_sahel_monthly_2017-01_2019-06.csv"
	SizesFile   = "acled_sahel_event_sizes_2017-01_2019-06.csv"
)

//go:embed acled_sahel_monthly_2017-01_2019-06.csv
var monthlyCSV string

//go:embed acled_sahel_event_sizes_2017-01_2019-06.csv
var sizesCSV string

// WindowStart and WindowEnd are the first and last days of the training
// window: the period the ACLED-derived data cover, and the only one the
// model is fitted to. What happens from July 2019 is the out-of-sample
// test. They are days (midnight UTC, as the simulation's calendar has
// them: sim.DateOf gives its dates).
func WindowStart() time.Time { return time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC) }

// WindowEnd is the last day of the training window.
func WindowEnd() time.Time { return time.Date(2019, 6, 30, 0, 0, 0, 0, time.UTC) }

// Dimensions of the training patterns.
const (
	NumHalves      = 5 // half-years: 2017H1 … 2019H1
	NumCountries   = 3 // Mali, Burkina Faso, Niger (Tillabéri and Tahoua)
	NumZones       = 6 // the report's five analysis zones and "rest"
	NumLabels      = 9 // the group an event's record names
	NumClasses     = 5 // battle, remote, vac_attack, vac_abduction, vac_other
	NumSizeBins    = 8 // fatalities per event: 0, 1, 2-4, …, 100+
	NumSizePeriods = 3 // 2017, 2018, 2019H1
)

// Countries are the study countries as ACLED names them, in index order.
var Countries = [NumCountries]string{"Mali", "Burkina Faso", "Niger"}

// CountryIDs are the countries' ids in pattern names.
var CountryIDs = [NumCountries]string{"mali", "burkina_faso", "niger"}

// Zones are the analysis zones of the data, in index order: the report's
// areas of operation, and "rest" for the regions of none.
var Zones = [NumZones]string{"northern_mali", "central_mali", "northern_burkina", "eastern_burkina_niger", "southwestern_burkina", "rest"}

// Labels are the labels of the data, in index order: the group the
// record names (flm is ACLED's "Katiba Macina", isgs "Islamic State
// (Greater Sahara)"), jnim for the coalition named without a component,
// and ambiguous for ACLED's "X and/or Y" actors.
var Labels = [NumLabels]string{"flm", "ansar_dine", "katiba_serma", "ansaroul_islam", "aqim_sahara", "al_mourabitoun", "isgs", "jnim", "ambiguous"}

// Label indices beyond the groups.
const (
	LabelISGS      = 6
	LabelJNIM      = 7
	LabelAmbiguous = 8
)

// Classes are the event classes of the data, in index order: ACLED's
// Battles (battle), Explosions/Remote violence (remote), and Violence
// against civilians split into attacks (vac_attack), abductions
// (vac_abduction) and the rest (vac_other, sexual violence).
var Classes = [NumClasses]string{"battle", "remote", "vac_attack", "vac_abduction", "vac_other"}

// Class indices.
const (
	ClassBattle = iota
	ClassRemote
	ClassAttack
	ClassAbduction
	ClassOther
)

// A SizeBin is a range of fatalities per event, ends included.
type SizeBin struct {
	Name     string // as in the sizes file: "0", "1", "2-4", …, "100+"
	Min, Max int    // Max is -1 for the last, open bin
}

// SizeBins are the bins of fatalities per event, in index order.
var SizeBins = [NumSizeBins]SizeBin{
	{"0", 0, 0}, {"1", 1, 1}, {"2-4", 2, 4}, {"5-9", 5, 9},
	{"10-19", 10, 19}, {"20-49", 20, 49}, {"50-99", 50, 99}, {"100+", 100, -1},
}

// SizePeriods are the periods of the sizes file, in index order.
var SizePeriods = [NumSizePeriods]string{"2017", "2018", "2019H1"}

// SizeBinOf returns the bin of an event with f fatalities (f ≥ 0).
func SizeBinOf(f int) int {
	for b := NumSizeBins - 1; b > 0; b-- {
		if f >= SizeBins[b].Min {
			return b
		}
	}
	return 0
}

// HalfName returns the name of half-year h: "2017H1", "2017H2", …
func HalfName(h int) string {
	return strconv.Itoa(2017+h/2) + "H" + strconv.Itoa(1+h%2)
}

// HalfOf returns the half-year of the training window holding the day d,
// and false for a day outside the window.
func HalfOf(d time.Time) (int, bool) {
	if d.Before(WindowStart()) || d.After(WindowEnd()) {
		return 0, false
	}
	h := 2 * (d.Year() - 2017)
	if d.Month() > 6 {
		h++
	}
	return h, true
}

// SizePeriodOf returns the period of the sizes file that half-year h
// belongs to.
func SizePeriodOf(h int) int { return h / 2 }

// CountryIndex returns the index of the country ACLED names name, or -1.
func CountryIndex(name string) int { return slices.Index(Countries[:], name) }

// ZoneIndex, LabelIndex and ClassIndex return the index of an id, or -1.
func ZoneIndex(id string) int { return slices.Index(Zones[:], id) }

// LabelIndex returns the index of the label id, or -1.
func LabelIndex(id string) int { return slices.Index(Labels[:], id) }

// ClassIndex returns the index of the class id, or -1.
func ClassIndex(id string) int { return slices.Index(Classes[:], id) }

// fold returns an admin-1 name as ACLED writes it: ASCII-folded
// ("Ségou" → "Segou", "Tillabéri" → "Tillaberi").
func fold(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'É', 'È':
			r = 'E'
		case 'à', 'â':
			r = 'a'
		case 'î', 'ï':
			r = 'i'
		case 'ô', 'ö':
			r = 'o'
		case 'û', 'ü':
			r = 'u'
		case 'ç':
			r = 'c'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// InArea reports whether the admin-1 region admin1 of the country named
// country (as ACLED names it) is in the area the data cover: Mali and
// Burkina Faso whole, and Niger's Tillabéri and Tahoua regions. Names may
// carry accents or be ASCII-folded.
func InArea(country, admin1 string) bool {
	switch country {
	case "Mali", "Burkina Faso":
		return true
	case "Niger":
		a := fold(admin1)
		return a == "Tillaberi" || a == "Tahoua"
	}
	return false
}

// ZoneOf returns the zone of the data that the admin-1 region admin1
// belongs to (names may carry accents): Mopti and Ségou are central_mali;
// Tombouctou, Gao, Kidal and Ménaka northern_mali; Sahel, Nord and
// Centre-Nord northern_burkina; Est, Centre-Est, Tillabéri and Tahoua
// eastern_burkina_niger; Sud-Ouest, Cascades and Hauts-Bassins
// southwestern_burkina; every other region rest. These are the report's
// areas, as the baseline scenario's zones define them.
func ZoneOf(admin1 string) int {
	switch fold(admin1) {
	case "Tombouctou", "Gao", "Kidal", "Menaka":
		return 0
	case "Mopti", "Segou":
		return 1
	case "Sahel", "Nord", "Centre-Nord":
		return 2
	case "Est", "Centre-Est", "Tillaberi", "Tahoua":
		return 3
	case "Sud-Ouest", "Cascades", "Hauts-Bassins":
		return 4
	}
	return 5
}

// A MonthlyRow is one row of the monthly file: the militant Islamist
// events of one month, region, label and class, and their fatalities.
type MonthlyRow struct {
	Year, Month int
	Country     string // as ACLED names it
	Admin1      string // ASCII-folded, as ACLED writes it
	Zone        string // one of Zones
	Label       string // one of Labels
	Class       string // one of Classes
	Events      int
	Fatalities  int
}

// monthlyHeader and sizesHeader are the headers of the two files.
var (
	monthlyHeader = []string{"month", "country", "admin1", "zone", "label", "class", "events", "fatalities"}
	sizesHeader   = []string{"period", "fatalities", "events"}
)

// Monthly returns the rows of the shipped monthly file.
func Monthly() ([]MonthlyRow, error) {
	rows, err := ReadMonthly(strings.NewReader(monthlyCSV))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", MonthlyFile, err)
	}
	return rows, nil
}

// ReadMonthly parses a file in the layout of the monthly file:
//
//	month,country,admin1,zone,label,class,events,fatalities
//
// with month as YYYY-MM within the training window, a study country, a
// zone, label and class of the data's, an admin-1 region of the study
// area whose zone is the row's, and whole numbers of events (at least
// one) and fatalities.
func ReadMonthly(r io.Reader) ([]MonthlyRow, error) {
	return readRows(r, monthlyHeader, func(rec []string, bad func(col int, want string) error) (MonthlyRow, error) {
		row := MonthlyRow{Country: rec[1], Admin1: rec[2], Zone: rec[3], Label: rec[4], Class: rec[5]}
		y, m, ok := strings.Cut(rec[0], "-")
		var err error
		row.Year, err = strconv.Atoi(y)
		if err == nil && ok {
			row.Month, err = strconv.Atoi(m)
		}
		if err != nil || !ok || len(m) != 2 || row.Month < 1 || row.Month > 12 {
			return row, bad(0, "a month YYYY-MM")
		}
		if _, in := HalfOf(time.Date(row.Year, time.Month(row.Month), 1, 0, 0, 0, 0, time.UTC)); !in {
			return row, bad(0, "a month from 2017-01 to 2019-06")
		}
		switch {
		case CountryIndex(row.Country) < 0:
			return row, bad(1, "Mali, Burkina Faso or Niger")
		case !InArea(row.Country, row.Admin1):
			return row, bad(2, "a region of the study area")
		case ZoneIndex(row.Zone) < 0:
			return row, bad(3, "one of "+strings.Join(Zones[:], ", "))
		case ZoneIndex(row.Zone) != ZoneOf(row.Admin1):
			return row, bad(3, "the zone of "+row.Admin1+", "+Zones[ZoneOf(row.Admin1)])
		case LabelIndex(row.Label) < 0:
			return row, bad(4, "one of "+strings.Join(Labels[:], ", "))
		case ClassIndex(row.Class) < 0:
			return row, bad(5, "one of "+strings.Join(Classes[:], ", "))
		}
		if row.Events, err = strconv.Atoi(rec[6]); err != nil || row.Events < 1 {
			return row, bad(6, "a whole number of events, 1 or more")
		}
		if row.Fatalities, err = strconv.Atoi(rec[7]); err != nil || row.Fatalities < 0 {
			return row, bad(7, "a whole number of fatalities, 0 or more")
		}
		return row, nil
	})
}

// A SizeRow is one row of the sizes file: the events of a period whose
// fatalities fall in a bin.
type SizeRow struct {
	Period string // one of SizePeriods
	Bin    string // the name of one of SizeBins
	Events int
}

// EventSizes returns the rows of the shipped sizes file.
func EventSizes() ([]SizeRow, error) {
	rows, err := ReadEventSizes(strings.NewReader(sizesCSV))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SizesFile, err)
	}
	return rows, nil
}

// ReadEventSizes parses a file in the layout of the sizes file:
//
//	period,fatalities,events
//
// with a period of SizePeriods, the name of a bin of SizeBins and a whole
// number of events.
func ReadEventSizes(r io.Reader) ([]SizeRow, error) {
	return readRows(r, sizesHeader, func(rec []string, bad func(col int, want string) error) (SizeRow, error) {
		row := SizeRow{Period: rec[0], Bin: rec[1]}
		if !slices.Contains(SizePeriods[:], row.Period) {
			return row, bad(0, "one of "+strings.Join(SizePeriods[:], ", "))
		}
		if !slices.ContainsFunc(SizeBins[:], func(b SizeBin) bool { return b.Name == row.Bin }) {
			return row, bad(1, "a bin such as 0, 1, 2-4 or 100+")
		}
		var err error
		if row.Events, err = strconv.Atoi(rec[2]); err != nil || row.Events < 0 {
			return row, bad(2, "a whole number, 0 or more")
		}
		return row, nil
	})
}

// readRows reads the rows of a CSV file whose header must be header,
// parsing each record with parse; bad makes parse's error for a bad value
// in column col: the line, the column's name, the value and what is wanted.
func readRows[T any](r io.Reader, header []string, parse func(rec []string, bad func(col int, want string) error) (T, error)) ([]T, error) {
	cr, err := newReader(r, header)
	if err != nil {
		return nil, err
	}
	var out []T
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		bad := func(col int, want string) error {
			line, _ := cr.FieldPos(col)
			return fmt.Errorf("line %d: %s %q: want %s", line, header[col], rec[col], want)
		}
		row, err := parse(rec, bad)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
}

// newReader returns a CSV reader of r positioned after its header, which
// must be want.
func newReader(r io.Reader, want []string) (*csv.Reader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(want)
	head, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("empty file: want a header row")
	}
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	if !slices.Equal(head, want) {
		return nil, fmt.Errorf("header is %q, want %q", strings.Join(head, ","), strings.Join(want, ","))
	}
	return cr, nil
}
