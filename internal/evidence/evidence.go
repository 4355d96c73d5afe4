package evidence

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

//go:embed report_targets.csv
var reportTargets string

// A Target is one figure of the report. Value, Low and High are NaN where
// the file leaves them empty (a figure without a tolerance band, say).
type Target struct {
	ID     string  // stable identifier, e.g. "jnim_share_events"
	Kind   string  // KindReport for a row of a targets file, else the kind of training pattern
	What   string  // what the figure measures, in words
	Value  float64 // the report's figure
	Low    float64 // lower end of the tolerance band
	High   float64 // upper end of the tolerance band
	Period string  // period the figure covers, e.g. "2017-01..2020-09"
	Scope  string  // area or group the figure covers
	Quote  string  // the report's sentence; for a pattern, how its band was made

	// Panel and Item place a pattern in figures: the panel it is drawn
	// in and its label there. Empty for the report's figures.
	Panel, Item string
}

// header is the expected first row of a targets file.
var header = []string{"id", "what", "value", "tolerance_low", "tolerance_high", "period", "scope", "quote_from_report"}

// Targets returns the report's figures, as shipped with the program.
func Targets() ([]Target, error) {
	t, err := ReadTargets(strings.NewReader(reportTargets))
	if err != nil {
		return nil, fmt.Errorf("report_targets.csv: %w", err)
	}
	return t, nil
}

// ReadTargets parses a targets file: a CSV file whose header is
//
//	id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report
//
// and whose numeric fields are empty or numbers. Identifiers must be
// unique and not empty.
func ReadTargets(r io.Reader) ([]Target, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	head, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("empty targets file: want a header row")
	}
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	if !slices.Equal(head, header) {
		return nil, fmt.Errorf("header is %q, want %q", strings.Join(head, ","), strings.Join(header, ","))
	}
	var out []Target
	seen := map[string]bool{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read target: %w", err)
		}
		line, _ := cr.FieldPos(0)
		t := Target{ID: strings.TrimSpace(rec[0]), Kind: KindReport, What: rec[1], Period: rec[5], Scope: rec[6], Quote: rec[7]}
		if t.ID == "" {
			return nil, fmt.Errorf("line %d: empty id", line)
		}
		if seen[t.ID] {
			return nil, fmt.Errorf("line %d: duplicate id %q", line, t.ID)
		}
		seen[t.ID] = true
		for i, p := range []*float64{&t.Value, &t.Low, &t.High} {
			col := header[2+i]
			if *p, err = parseNumber(rec[2+i]); err != nil {
				return nil, fmt.Errorf("line %d: %s: %s %q: want a number or nothing", line, t.ID, col, rec[2+i])
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// parseNumber parses a numeric field: NaN if it is empty.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// Find returns the target with the given id.
func Find(targets []Target, id string) (Target, bool) {
	i := slices.IndexFunc(targets, func(t Target) bool { return t.ID == id })
	if i < 0 {
		return Target{}, false
	}
	return targets[i], true
}
