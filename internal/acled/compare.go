package acled

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
)

// A Tally aggregates the militant Islamist events of one source (an ACLED
// file, or one replicate of a run exported to ACLED's layout) on a run's
// grid, zones and calendar, for the indicators of Values.
type Tally struct {
	run   *Run
	class *Classifier
	years []int
	ny    int // steps in a year, as the simulator counts them

	// Events, fatalities and civilian-targeting events by zone × label ×
	// year, at index (z*NumLabels+l)*len(years)+y.
	ev, fat, civ []float64
	first, last  float64

	Read        int      // events read
	Kept        int      // militant Islamist events in the study area and window
	NotMilitant int      // not political violence, or no militant Islamist actor
	Outside     int      // militant events outside the study area
	OutsideIDs  []string // the first few of them (event_id_cnty)
	OffWindow   int      // militant events before the run's start or after its end
}

// maxOutsideIDs is how many ids of events outside the study area a Tally
// keeps, for the report.
const maxOutsideIDs = 5

// NewTally returns an empty Tally for run, keeping events with class.
func NewTally(run *Run, class *Classifier) *Tally {
	t := &Tally{run: run, class: class}
	clk := run.Clock
	for y := clk.Start.Year(); y <= clk.Date(clk.Steps-1).Year(); y++ {
		t.years = append(t.years, y)
	}
	t.ny = max(1, int(math.Round(365/float64(clk.StepDays))))
	n := len(run.Zones) * NumLabels * len(t.years)
	t.ev, t.fat, t.civ = make([]float64, n), make([]float64, n), make([]float64, n)
	return t
}

// Add counts e if it is a militant Islamist event within the run's study
// area and window: it is placed in the grid cell holding its coordinates,
// that cell's zone, and the step holding its date; it counts in the
// calendar year of its step's first day, as the simulator's events do.
func (t *Tally) Add(e *Event) {
	t.Read++
	l, ok := t.class.Label(e)
	if !ok {
		t.NotMilitant++
		return
	}
	cell := t.run.Grid.Locate(e.Latitude, e.Longitude)
	if cell < 0 {
		t.Outside++
		if len(t.OutsideIDs) < maxOutsideIDs {
			t.OutsideIDs = append(t.OutsideIDs, e.ID)
		}
		return
	}
	clk := t.run.Clock
	s := clk.Step(e.Date)
	if s < 0 || s >= clk.Steps || e.Date.After(t.run.Scenario.End) {
		t.OffWindow++
		return
	}
	t.Kept++
	y := clk.Date(s).Year() - clk.Start.Year()
	i := (t.run.CellZone[cell]*NumLabels+l)*len(t.years) + y
	t.ev[i]++
	t.fat[i] += float64(e.Fatalities)
	if civilianTargeting(e) {
		t.civ[i]++
	}
	if s < t.ny {
		t.first++
	}
	if s >= clk.Steps-t.ny {
		t.last++
	}
}

// sum adds up a over the zones zs (every zone if nil), the labels for
// which label is true, and year y (every year if y < 0).
func (t *Tally) sum(a []float64, zs []int, label func(int) bool, y int) float64 {
	s := 0.0
	nz := len(t.run.Zones)
	for z := range nz {
		if zs != nil && !slices.Contains(zs, z) {
			continue
		}
		for l := range NumLabels {
			if !label(l) {
				continue
			}
			for yi := range t.years {
				if y < 0 || yi == y {
					s += a[(z*NumLabels+l)*len(t.years)+yi]
				}
			}
		}
	}
	return s
}

// A Value is one indicator of a Tally.
type Value struct {
	Name  string
	Value float64
}

// Values returns the indicators of the tally, in a fixed order for a
// given run (see the package documentation for their definitions). A
// share of nothing is NaN.
func (t *Tally) Values() []Value {
	all := func(int) bool { return true }
	known := func(l int) bool { return l != LabelUnknown }
	jnimish := func(l int) bool { return l == LabelJNIM || l < agents.NumGroups && t.run.JNIM[l] }
	is := func(k int) func(int) bool { return func(l int) bool { return l == k } }
	zoneIdx := func(ids ...string) []int {
		var zs []int
		for _, id := range ids {
			i := slices.Index(t.run.Zones, id)
			if i < 0 {
				return nil
			}
			zs = append(zs, i)
		}
		return zs
	}
	var out []Value
	add := func(name string, v float64) { out = append(out, Value{name, v}) }

	add("events_total", t.sum(t.ev, nil, all, -1))
	add("fatalities_total", t.sum(t.fat, nil, all, -1))
	for yi, y := range t.years {
		add("events_"+strconv.Itoa(y), t.sum(t.ev, nil, all, yi))
	}
	for yi, y := range t.years {
		add("fatalities_"+strconv.Itoa(y), t.sum(t.fat, nil, all, yi))
	}
	for zi, z := range t.run.Zones {
		add("events_"+z, t.sum(t.ev, []int{zi}, all, -1))
	}
	for zi, z := range t.run.Zones {
		add("fatalities_"+z, t.sum(t.fat, []int{zi}, all, -1))
	}
	add("events_first_year", t.first)
	add("events_last_year", t.last)
	add("surge_ratio", ratio(t.last, t.first))
	jn := t.sum(t.ev, nil, jnimish, -1)
	add("jnim_share_events_observed", ratio(jn, t.sum(t.ev, nil, known, -1)))
	add("flm_share_jnim_events_observed", ratio(t.sum(t.ev, nil, is(agents.FLM), -1), jn))
	if zs := zoneIdx(outputs.ZoneCentralMali, outputs.ZoneNorthernBurkina); zs != nil {
		add("flm_areas_share_jnim_observed", ratio(t.sum(t.ev, zs, jnimish, -1), jn))
		add("flm_areas_share_jnim_fatalities_observed", ratio(t.sum(t.fat, zs, jnimish, -1), t.sum(t.fat, nil, jnimish, -1)))
	}
	add("civilian_share_jnim_observed", ratio(t.sum(t.civ, nil, jnimish, -1), jn))
	for zi, z := range t.run.Zones {
		add("civilian_share_jnim_observed_"+z, ratio(t.sum(t.civ, []int{zi}, jnimish, -1), t.sum(t.ev, []int{zi}, jnimish, -1)))
	}
	kn := t.sum(t.ev, nil, known, -1)
	for l := range LabelUnknown {
		add("label_share_"+LabelID(l), ratio(t.sum(t.ev, nil, is(l), -1), kn))
	}
	return out
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// A Comparison is one indicator computed from an ACLED file and from the
// replicates of a run.
type Comparison struct {
	Indicator string
	ACLED     float64
	Mean      float64 // mean across replicates (those where it is defined)
	Low, High float64 // 5th and 95th percentiles across replicates: the 90 % interval
	N         int     // replicates where it is defined
}

// Within returns "yes" if the ACLED value lies in the simulated 90 %
// interval, "no" if not, "" if either is undefined.
func (c *Comparison) Within() string {
	switch {
	case math.IsNaN(c.ACLED) || math.IsNaN(c.Low):
		return ""
	case c.ACLED >= c.Low && c.ACLED <= c.High:
		return "yes"
	}
	return "no"
}

// Compare compares the indicators of acled with those of the replicates'
// tallies sims (one per replicate, all of the same run).
func Compare(acled *Tally, sims []*Tally) []Comparison {
	av := acled.Values()
	sv := make([][]Value, len(sims))
	for i, s := range sims {
		sv[i] = s.Values()
	}
	out := make([]Comparison, len(av))
	for k, a := range av {
		c := Comparison{Indicator: a.Name, ACLED: a.Value, Mean: math.NaN(), Low: math.NaN(), High: math.NaN()}
		var vals []float64
		for _, v := range sv {
			if x := v[k].Value; !math.IsNaN(x) {
				vals = append(vals, x)
			}
		}
		c.N = len(vals)
		if len(vals) > 0 {
			slices.Sort(vals)
			c.Mean = stat.Mean(vals, nil)
			c.Low = stat.Quantile(0.05, stat.Empirical, vals, nil)
			c.High = stat.Quantile(0.95, stat.Empirical, vals, nil)
		}
		out[k] = c
	}
	return out
}

// SimulatedTallies exports every replicate of run to ACLED's layout, in
// memory, and tallies each with class, as an ACLED file would be: the
// simulated side of a comparison.
func SimulatedTallies(run *Run, class *Classifier) ([]*Tally, error) {
	n := run.Manifest.Replicates
	if n < 1 {
		return nil, fmt.Errorf("%w: %s: the manifest records %d replicates", ErrRunFile, run.Dir, n)
	}
	tallies := make([]*Tally, n)
	for i := range tallies {
		tallies[i] = NewTally(run, class)
	}
	events, err := run.events()
	if err != nil {
		return nil, err
	}
	if len(events) > n {
		return nil, fmt.Errorf("%w: %s: replicate %d, but the manifest records %d", ErrRunFile, run.EventsPath(), len(events)-1, n)
	}
	x := NewExporter(run)
	var e Event
	for rep, evs := range events {
		for i := range evs {
			ok, err := x.Event(rep, &evs[i], &e)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			e.HasCivilianTargeting = true
			tallies[rep].Add(&e)
		}
	}
	return tallies, nil
}

// CompareHeader is the header of acled_compare.csv.
const CompareHeader = "indicator,acled,simulated_mean,simulated_p05,simulated_p95,within"

// WriteComparison writes comparisons as acled_compare.csv: CompareHeader,
// then one row per indicator; numbers in their shortest round-trip form,
// NaN as an empty field.
func WriteComparison(w io.Writer, cs []Comparison) error {
	cw := csv.NewWriter(w)
	cw.Write(strings.Split(CompareHeader, ","))
	for _, c := range cs {
		cw.Write([]string{c.Indicator, outputs.FormatFloat(c.ACLED), outputs.FormatFloat(c.Mean),
			outputs.FormatFloat(c.Low), outputs.FormatFloat(c.High), c.Within()})
	}
	cw.Flush()
	return cw.Error()
}

// PrintComparison writes comparisons as a table for reading.
func PrintComparison(w io.Writer, cs []Comparison) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "indicator\tACLED\tsimulated mean\t90% interval\twithin")
	for _, c := range cs {
		interval := ""
		if !math.IsNaN(c.Low) {
			interval = number(c.Low) + " – " + number(c.High)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Indicator, number(c.ACLED), number(c.Mean), interval, c.Within())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for line := range strings.Lines(buf.String()) {
		if _, err := fmt.Fprintln(w, strings.TrimRight(line, " \n")); err != nil {
			return err
		}
	}
	return nil
}

// number formats v for reading: whole numbers without decimals, others
// with three significant digits, NaN as "n/a".
func number(v float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case v == math.Trunc(v) || math.Abs(v) >= 1e4:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
