package outputs

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/sim"
)

// This file writes the Parquet twins of a run's tables (--format parquet)
// and holds what a sweep's Parquet files share with them: the writers'
// options, the types of indicator columns and of time-series values.

// Formats of the tables of a run.
const (
	FormatCSV     = "csv"
	FormatParquet = "parquet"
)

// Formats returns the formats of tables a run may be written in.
func Formats() []string { return []string{FormatCSV, FormatParquet} }

// ParseFormats parses a comma-separated list of table formats (csv,
// parquet), which must include csv: the CSV files are what every view
// reads back.
func ParseFormats(s string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if !slices.Contains(Formats(), f) {
			return nil, fmt.Errorf("format %q: want csv or parquet, comma-separated (csv,parquet)", f)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if !slices.Contains(out, FormatCSV) {
		return nil, fmt.Errorf("formats %q: csv is always written (every view reads it back): give csv or csv,parquet", s)
	}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(Formats(), a) - slices.Index(Formats(), b) })
	return out, nil
}

// ParquetOptions are the options of every Parquet file sahelsim writes:
// zstd, data pages of version 1 (which every reader reads), at most
// rowGroup rows a row group (which bounds the writer's memory), and
// nothing that varies between builds or runs.
func ParquetOptions(rowGroup int64) []parquet.WriterOption {
	return []parquet.WriterOption{
		&parquet.WriterConfig{CreatedBy: "sahelsim"},
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedFastest}),
		parquet.MaxRowsPerRowGroup(rowGroup),
		parquet.DataPageVersion(1),
	}
}

// integerIndicators are the headline indicators that are whole numbers:
// counts of events, fatalities, fighters and people, and years; with
// every indicator whose name starts with one of integerPrefixes.
var (
	integerIndicators = []string{"defections", "realigned", "criminal", "in_programme", "reintegrated", "recidivists",
		"split", "killed", "captured", "recruited", "leaders_killed", "civilians_killed_by_forces",
		"east_bf_onset_year", "southwest_bf_onset_year", "active_peak", "outbursts"}
	integerPrefixes = []string{"events_", "fatalities_", "fighters_"}
)

// IntegerIndicator reports whether the headline indicator column is a
// whole number (a count or a year), which Parquet files store as a 64-bit
// integer; the others (shares, means, money) are doubles.
func IntegerIndicator(column string) bool {
	if slices.Contains(integerIndicators, column) {
		return true
	}
	for _, p := range integerPrefixes {
		if strings.HasPrefix(column, p) {
			return true
		}
	}
	return false
}

// IntegerMetric reports whether the time series metric counts something
// (events, fatalities, fighters), whose values a timeseries.parquet holds
// in its integer column count as well as in value.
func IntegerMetric(metric string) bool { return Counted(metric) || metric == fightersMetric }

// IndicatorFields returns the Parquet fields of indicator columns, named
// as the columns and tagged optional (NaN is null): *int64 for integer
// indicators (IntegerIndicator), *float64 for the others. The Go names
// are prefix followed by the column's index.
func IndicatorFields(columns []string, prefix string) []reflect.StructField {
	out := make([]reflect.StructField, len(columns))
	for i, name := range columns {
		t := reflect.TypeFor[*float64]()
		if IntegerIndicator(name) {
			t = reflect.TypeFor[*int64]()
		}
		out[i] = reflect.StructField{Name: fmt.Sprintf("%s%d", prefix, i), Type: t, Tag: ParquetTag(name, ",optional")}
	}
	return out
}

// SetIndicator sets f, a field of IndicatorFields, to v: null for NaN,
// else v (rounded, for an integer field: an integer indicator holds a
// whole number).
func SetIndicator(f reflect.Value, v float64) {
	if math.IsNaN(v) {
		f.SetZero()
		return
	}
	if f.Type().Elem().Kind() == reflect.Int64 {
		n := int64(math.Round(v))
		f.Set(reflect.ValueOf(&n))
		return
	}
	f.Set(reflect.ValueOf(&v))
}

// ParquetTag returns the struct tag of a Parquet column named name, with
// the options opts (",optional", ",dict", …); characters a tag cannot hold
// become underscores.
func ParquetTag(name, opts string) reflect.StructTag {
	if strings.ContainsAny(name, ",\"`") {
		name = strings.NewReplacer(",", "_", "\"", "_", "`", "_").Replace(name)
	}
	return reflect.StructTag(fmt.Sprintf(`parquet:"%s%s"`, name, opts))
}

// EpochDay returns d as days since 1970-01-01, as a Parquet DATE.
func EpochDay(d sim.Date) int32 { return int32(d.Time().Unix() / 86400) }

// Names of the Parquet twins of a run's CSV files.
const (
	SummaryParquet      = "summary.parquet"
	TimeSeriesParquet   = "timeseries.parquet"
	EventsParquet       = "events.parquet"
	DefectionsParquet   = "defections.parquet"
	DisplacementParquet = "displacement.parquet"
	CellsParquet        = "cells.parquet"
)

// Rows of the Parquet files of a run. Missing values are nulls.
type (
	seriesParquetRow struct {
		Rep    int64    `parquet:"rep"`
		Step   int32    `parquet:"step"`
		Date   int32    `parquet:"date,date"`
		Zone   string   `parquet:"zone,dict"`
		Group  string   `parquet:"group,dict"`
		Metric string   `parquet:"metric,dict"`
		Count  *int64   `parquet:"count,optional"`
		Value  *float64 `parquet:"value,optional"`
	}
	eventParquetRow struct {
		Rep          int64   `parquet:"rep"`
		Step         int32   `parquet:"step"`
		Date         int32   `parquet:"date,date"`
		Type         string  `parquet:"type,dict"`
		Militant     bool    `parquet:"militant"`
		Perpetrator  *string `parquet:"perpetrator,optional,dict"`
		Label        *string `parquet:"label,optional,dict"`
		Against      *string `parquet:"against,optional,dict"`
		AgainstLabel *string `parquet:"against_label,optional,dict"`
		Target       *string `parquet:"target,optional,dict"`
		Claimed      bool    `parquet:"claimed"`
		Fatalities   int64   `parquet:"fatalities"`
		Cell         int32   `parquet:"cell"`
	}
	defectionParquetRow struct {
		Rep   int64  `parquet:"rep"`
		Step  int32  `parquet:"step"`
		Date  int32  `parquet:"date,date"`
		Group string `parquet:"group,dict"`
		Cell  int32  `parquet:"cell"`
	}
	displacementParquetRow struct {
		Rep       int64 `parquet:"rep"`
		Step      int32 `parquet:"step"`
		Date      int32 `parquet:"date,date"`
		Displaced int64 `parquet:"displaced"`
		Cell      int32 `parquet:"cell"`
	}
	cellParquetRow struct {
		Cell       int32   `parquet:"cell"`
		Latitude   float64 `parquet:"latitude"`
		Longitude  float64 `parquet:"longitude"`
		Country    string  `parquet:"country,dict"`
		Admin1     string  `parquet:"admin1,dict"`
		Zone       string  `parquet:"zone,dict"`
		Population float64 `parquet:"population"`
	}
)

// parquetRows is the rows a Parquet writer buffers before a write.
const parquetRows = 1 << 12

// writeRows writes the rows each calls add for into w, buffered.
func writeRows[T any](w io.Writer, rowGroup int64, each func(add func(T) error) error) error {
	pw := parquet.NewGenericWriter[T](w, ParquetOptions(rowGroup)...)
	batch := make([]T, 0, parquetRows)
	flush := func() error {
		if _, err := pw.Write(batch); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	err := each(func(r T) error {
		batch = append(batch, r)
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	return pw.Close()
}

// optional returns a pointer to s, or nil for Missing.
func optional(s string) *string {
	if s == Missing {
		return nil
	}
	return &s
}

// parquetFiles returns the Parquet twins of a run's CSV files, the time
// series at level.
func parquetFiles(reps []*Replicate, level SeriesLevel) []runFile {
	return []runFile{
		{SummaryParquet, func(w io.Writer) error { return writeSummaryParquet(w, reps) }},
		{TimeSeriesParquet, func(w io.Writer) error {
			keys := reps[0].SeriesKeys(level)
			var vals []float64
			return writeRows(w, 1<<20, func(add func(seriesParquetRow) error) error {
				for _, r := range reps {
					for s := range r.Steps {
						date := EpochDay(r.Clock.Date(s))
						vals = r.SeriesStep(s, level, vals[:0])
						for i, k := range keys {
							row := seriesParquetRow{Rep: int64(r.Rep), Step: int32(s), Date: date, Zone: k.Zone, Group: k.Group, Metric: k.Metric}
							if v := vals[i]; !math.IsNaN(v) {
								row.Value = &v
								if IntegerMetric(k.Metric) {
									n := int64(math.Round(v))
									row.Count = &n
								}
							}
							if err := add(row); err != nil {
								return err
							}
						}
					}
				}
				return nil
			})
		}},
		{EventsParquet, func(w io.Writer) error {
			return writeRows(w, 1<<20, func(add func(eventParquetRow) error) error {
				return eachEvent(reps, InEventsFile, func(r *Replicate, e *agents.Event) error {
					_, militant := e.Militant()
					row := eventParquetRow{Rep: int64(r.Rep), Step: e.Step, Date: EpochDay(r.Clock.Date(int(e.Step))),
						Type: e.Type.String(), Militant: militant, Perpetrator: optional(actorField(e.Perpetrator)),
						Label: optional(actorField(RecordedLabel(e))), Against: optional(actorField(e.Against)),
						AgainstLabel: optional(actorField(AgainstLabel(e))), Claimed: e.Claimed,
						Fatalities: int64(e.Fatalities), Cell: e.Cell}
					if e.Target != agents.TargetNone {
						row.Target = optional(e.Target.String())
					}
					return add(row)
				})
			})
		}},
		{DefectionsParquet, func(w io.Writer) error {
			return writeRows(w, 1<<20, func(add func(defectionParquetRow) error) error {
				return eachEvent(reps, isType(agents.Defection), func(r *Replicate, e *agents.Event) error {
					return add(defectionParquetRow{Rep: int64(r.Rep), Step: e.Step, Date: EpochDay(r.Clock.Date(int(e.Step))),
						Group: actorField(e.Perpetrator), Cell: e.Cell})
				})
			})
		}},
		{DisplacementParquet, func(w io.Writer) error {
			return writeRows(w, 1<<20, func(add func(displacementParquetRow) error) error {
				return eachEvent(reps, isType(agents.Displacement), func(r *Replicate, e *agents.Event) error {
					return add(displacementParquetRow{Rep: int64(r.Rep), Step: e.Step, Date: EpochDay(r.Clock.Date(int(e.Step))),
						Displaced: int64(e.Displaced), Cell: e.Cell})
				})
			})
		}},
		{CellsParquet, func(w io.Writer) error {
			r := reps[0]
			return writeRows(w, 1<<20, func(add func(cellParquetRow) error) error {
				if r.Grid == nil {
					return nil
				}
				for i := range r.Grid.Cells {
					c := &r.Grid.Cells[i]
					if err := add(cellParquetRow{Cell: int32(i), Latitude: c.Lat, Longitude: c.Lon, Country: r.Grid.Country(i),
						Admin1: r.Grid.Regions[c.Region].Name, Zone: r.Zones[r.CellZone[i]], Population: c.Population}); err != nil {
						return err
					}
				}
				return nil
			})
		}},
	}
}

// isType returns a filter of the events of type t.
func isType(t agents.EventType) func(*agents.Event) bool {
	return func(e *agents.Event) bool { return e.Type == t }
}

// eachEvent calls fn for each event of every replicate that keep selects.
func eachEvent(reps []*Replicate, keep func(*agents.Event) bool, fn func(*Replicate, *agents.Event) error) error {
	for _, r := range reps {
		for i := range r.Events {
			if e := &r.Events[i]; keep(e) {
				if err := fn(r, e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeSummaryParquet writes summary.parquet: rep, seed, then the
// indicators (IndicatorFields).
func writeSummaryParquet(w io.Writer, reps []*Replicate) (err error) {
	fields := append([]reflect.StructField{
		{Name: "Rep", Type: reflect.TypeFor[int64](), Tag: ParquetTag("rep", "")},
		{Name: "Seed", Type: reflect.TypeFor[int64](), Tag: ParquetTag("seed", "")},
	}, IndicatorFields(reps[0].Columns, "I")...)
	row := reflect.New(reflect.StructOf(fields))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s schema: %v", SummaryParquet, p)
		}
	}()
	pw := parquet.NewWriter(w, append(ParquetOptions(1<<10), parquet.SchemaOf(row.Interface()))...)
	for _, r := range reps {
		v := row.Elem()
		v.Field(0).SetInt(int64(r.Rep))
		v.Field(1).SetInt(int64(r.Seed))
		for i, x := range r.Summary {
			SetIndicator(v.Field(2+i), x)
		}
		if err := pw.Write(row.Interface()); err != nil {
			return err
		}
	}
	return pw.Close()
}
