package figures

import (
	"bytes"
	"context"
	"encoding/binary"
	"html"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// makeRun runs reps replicates of the scenario name up to end (its own
// end if zero) and writes the run into dir/name, as the run command does.
func makeRun(dir, name string, reps int, end sim.Date) (string, error) {
	sc, err := scenarios.Load(name)
	if err != nil {
		return "", err
	}
	if !end.IsZero() {
		sc.End = end
	}
	rs, err := runner.Run(context.Background(), sc, 7, reps, 0, nil)
	if err != nil {
		return "", err
	}
	m, err := outputs.NewManifest(sc, 7, reps, outputs.ReadBuild("test", ""), []string{"sahelsim", "run", name}, time.Unix(0, 0))
	if err != nil {
		return "", err
	}
	// The totals by zone and group, so that every figure is drawn
	// (map_presence needs the presence by zone); a run's default level,
	// overall, is drawn by TestDefaultSeries.
	m.Series = outputs.SeriesTotals.String()
	out := filepath.Join(dir, name)
	return out, outputs.WriteRun(out, false, m, rs)
}

// shared is a short run of the baseline (three replicates, 2017 to mid
// 2018), made once for the tests that only read it.
var shared struct {
	once sync.Once
	dir  string
	err  error
}

func sharedRun(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "figures-test-")
		if err != nil {
			shared.err = err
			return
		}
		shared.dir, shared.err = makeRun(dir, "baseline", 3, sim.NewDate(2018, 6, 30))
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(filepath.Dir(shared.dir))
	}
	os.Exit(code)
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		ok   bool
	}{
		{"pdf,svg,png", []string{"pdf", "svg", "png"}, true},
		{" SVG , png,svg", []string{"svg", "png"}, true},
		{"svg", []string{"svg"}, true},
		{"", nil, false},
		{"pdf,eps", nil, false},
		{",", nil, false},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.in)
		if (err == nil) != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseStyle(t *testing.T) {
	tests := []struct {
		in   string
		want Style
		ok   bool
	}{
		{"paper", Paper, true},
		{"Slides", Slides, true},
		{"", Paper, true},
		{"poster", Paper, false},
	}
	for _, tt := range tests {
		got, err := ParseStyle(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseStyle(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if Paper.theme().page != 7*72 || Paper.theme().column != 3.5*72 {
		t.Errorf("paper widths are %v and %v, want 7 in and 3.5 in", Paper.theme().page, Paper.theme().column)
	}
	if Slides.theme().text <= Paper.theme().text {
		t.Error("slides text is not larger than paper text")
	}
}

func TestColorScale(t *testing.T) {
	if Viridis(0) != viridis[0] || Viridis(1) != viridis[len(viridis)-1] || Viridis(0.5) != viridis[4] {
		t.Errorf("Viridis ends and middle: %v %v %v", Viridis(0), Viridis(0.5), Viridis(1))
	}
	// Viridis gets lighter all along.
	lum := func(t float64) float64 {
		c := Viridis(t)
		return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)
	}
	for x := 0.0; x < 1; x += 0.05 {
		if lum(x+0.05) <= lum(x) {
			t.Errorf("viridis luminance falls between %g and %g", x, x+0.05)
		}
	}
	tests := []struct {
		name  string
		log   bool
		vals  []float64
		min   float64
		max   float64
		ticks []float64
	}{
		{"log counts", true, []float64{0, 0.05, 3, 87}, 0.05, 100, []float64{0.1, 1, 10, 100}},
		{"log narrow", true, []float64{1, 4}, 1, 5, []float64{1, 2, 5}},
		{"linear", false, []float64{0, 0.31, 0.12}, 0, 0.5, []float64{0, 0.2, 0.4}},
		// No positive value (a run of one step, no fighters): an empty
		// scale beside an empty map, with no ticks. The ticks of a log
		// scale from 0 once looped for ever.
		{"empty log", true, []float64{0, 0}, 0, 1, []float64{}},
		{"empty log, no values", true, nil, 0, 1, []float64{}},
		{"empty linear", false, []float64{0, math.NaN()}, 0, 1, []float64{0, 0.5, 1}},
	}
	for _, s := range []colorScale{{min: 0, max: 1, log: true}, {min: math.Inf(-1), max: 1}, {min: 0, max: math.NaN()}, {min: 1e-300, max: 1e300, log: true}, {min: 0, max: 1e300}} {
		if ts := s.ticks(); len(ts) > maxTicks {
			t.Errorf("scale %+v: %d ticks", s, len(ts))
		}
	}
	for _, tt := range tests {
		s := newColorScale(tt.log, tt.vals)
		if math.Abs(s.min-tt.min) > 1e-12 || math.Abs(s.max-tt.max) > 1e-12 {
			t.Errorf("%s: scale %g–%g, want %g–%g", tt.name, s.min, s.max, tt.min, tt.max)
		}
		if tt.ticks != nil {
			got := s.ticks()
			if len(got) != len(tt.ticks) {
				t.Errorf("%s: ticks %v, want %v", tt.name, got, tt.ticks)
			}
			for i := range min(len(got), len(tt.ticks)) {
				if math.Abs(got[i]-tt.ticks[i]) > 1e-9*tt.ticks[i]+1e-12 {
					t.Errorf("%s: ticks %v, want %v", tt.name, got, tt.ticks)
				}
			}
		}
		if c := s.color(0); c != zeroColor {
			t.Errorf("%s: colour of 0 is %v, want the zero colour", tt.name, c)
		}
	}
	s := colorScale{min: 1, max: 100, log: true}
	if s.color(1) != viridis[0] || s.color(100) != viridis[8] || s.color(10) != viridis[4] {
		t.Errorf("log scale colours: %v %v %v", s.color(1), s.color(10), s.color(100))
	}
}

func TestFormatValue(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {0.05, "0.05"}, {2.5, "2.5"}, {200, "200"}, {1500, "1,500"}, {12345.6, "12,346"}, {2.5e6, "2.5M"}, {-3000, "-3,000"}} {
		if got := formatValue(tt.v); got != tt.want {
			t.Errorf("formatValue(%g) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	if _, err := Detect(dir); err == nil {
		t.Error("an empty directory is neither a run nor a sweep, yet Detect accepts it")
	}
	if _, err := Detect(filepath.Join(dir, "none")); err == nil {
		t.Error("Detect accepts a missing directory")
	}
	if k, err := Detect(sharedRun(t)); err != nil || k != RunDir {
		t.Errorf("Detect(run) = %v, %v", k, err)
	}
	if k, err := Detect(filepath.Join("testdata", "sweep")); err != nil || k != SweepDir {
		t.Errorf("Detect(sweep) = %v, %v", k, err)
	}
}

// TestLoadRun checks what Load reads against the run's own summary: the
// time series and the events add up to its indicators.
func TestLoadRun(t *testing.T) {
	d, err := Load(sharedRun(t))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != RunDir || d.Replicates() != 3 || d.Scenario == nil || d.Grid == nil {
		t.Fatalf("Load: kind %v, %d replicates, scenario %v, grid %v", d.Kind, d.Replicates(), d.Scenario != nil, d.Grid != nil)
	}
	if want := sim.NewClock(d.Scenario.Start, d.Scenario.End, d.Scenario.StepDays).Steps; len(d.Dates) != want {
		t.Errorf("%d steps, want %d", len(d.Dates), want)
	}
	if !slices.Contains(d.SeriesZones, "central_mali") || slices.Contains(d.SeriesZones, outputs.All) {
		t.Errorf("zones %q", d.SeriesZones)
	}
	total := d.Summary.Column("events_total")
	fat := d.Summary.Column("fatalities_total")
	s := d.Series[seriesKey(outputs.All, outputs.All, "events")]
	for r := range 3 {
		sum := 0.0
		for _, v := range s.Values[r] {
			sum += v
		}
		if sum != total[r] {
			t.Errorf("replicate %d: time series sum to %g events, summary says %g", r, sum, total[r])
		}
		if got := d.events.perRep[r][0]; sumOf(got[:]) != total[r] {
			t.Errorf("replicate %d: events.csv has %g militant events, summary says %g", r, sumOf(got[:]), total[r])
		}
	}
	if got, want := sumOf(d.events.events), sumOf(total); got != want {
		t.Errorf("events by cell add up to %g, want %g", got, want)
	}
	if got, want := sumOf(d.events.fatalities), sumOf(fat); got != want {
		t.Errorf("fatalities by cell add up to %g, want %g", got, want)
	}
	var byGroup float64
	for g := range agents.NumGroups {
		byGroup += sumOf(d.events.byGroup[g])
	}
	if byGroup != sumOf(total) {
		t.Errorf("events by group add up to %g, want %g", byGroup, sumOf(total))
	}
	// The monthly band: a flow's mean over the run matches the summary.
	b := d.binning()
	if b.unit != "month" || len(b.start) != 18 {
		t.Errorf("binning: unit %q, %d bins, want months, 18", b.unit, len(b.start))
	}
	bd := d.band(b, flow, nil, seriesKey(outputs.All, outputs.All, "events"))
	for i := range bd.mean {
		if !(bd.lo[i] <= bd.mean[i] && bd.mean[i] <= bd.hi[i]) {
			t.Errorf("bin %d: mean %g outside its band %g–%g", i, bd.mean[i], bd.lo[i], bd.hi[i])
		}
	}
}

func sumOf(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func TestLoadSweep(t *testing.T) {
	d, err := Load(filepath.Join("testdata", "sweep"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != SweepDir || d.Manifest != nil || len(d.Summary.Values) != 8 {
		t.Fatalf("kind %v, manifest %v, %d runs", d.Kind, d.Manifest != nil, len(d.Summary.Values))
	}
	if !slices.Equal(d.Summary.Params, []string{"policy.disaggregation.intensity"}) || d.Summary.Columns[0] != "events_total" {
		t.Errorf("params %q, columns %q", d.Summary.Params, d.Summary.Columns)
	}
	var labels []string
	for _, p := range d.Points() {
		labels = append(labels, p.Label)
		if len(p.Rows) != 2 {
			t.Errorf("point %s has %d runs, want 2", p.Label, len(p.Rows))
		}
	}
	want := []string{"baseline", "disaggregation (intensity=0.25)", "disaggregation (intensity=0.5)", "disaggregation (intensity=1.0)"}
	if !slices.Equal(labels, want) {
		t.Errorf("points %q, want %q", labels, want)
	}
	if len(d.Comparisons) != 9 || d.Comparisons[0].Low != -15 || d.Comparisons[0].N != 2 {
		t.Errorf("comparisons: %d, first %+v", len(d.Comparisons), d.Comparisons[0])
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the error
	}{
		{"bad runs header", map[string]string{"runs.csv": "run,scenario\n", "timeseries.csv": "run,step,date,zone,group,metric,value\n"}, "header"},
		{"bad value", map[string]string{
			"runs.csv":       "run,scenario,point,replicate,seed,events_total\n0,a,0,0,1,x\n",
			"timeseries.csv": "run,step,date,zone,group,metric,value\n0,0,2017-01-01,all,all,events,1\n"}, "not a number"},
		{"bad date", map[string]string{
			"runs.csv":       "run,scenario,point,replicate,seed,events_total\n0,a,0,0,1,3\n",
			"timeseries.csv": "run,step,date,zone,group,metric,value\n0,0,2017-13-01,all,all,events,1\n"}, "timeseries.csv:2"},
		{"short row", map[string]string{
			"runs.csv":       "run,scenario,point,replicate,seed,events_total\n0,a,0,0,1,3\n",
			"timeseries.csv": "run,step,date,zone,group,metric,value\n0,0,2017-01-01,all,all\n"}, "fields"},
		{"bad compare", map[string]string{
			"runs.csv":       "run,scenario,point,replicate,seed,events_total\n0,a,0,0,1,3\n",
			"timeseries.csv": "run,step,date,zone,group,metric,value\n0,0,2017-01-01,all,all,events,1\n",
			"compare.csv":    "reference,scenario\n"}, "compare.csv"},
		{"run without manifest", map[string]string{
			"summary.csv": "rep,seed,events_total\n0,1,3\n", "events.csv": "rep\n",
			"timeseries.csv": "rep,step,date,zone,group,metric,value\n0,0,2017-01-01,all,all,events,1\n"}, "manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// An svgDoc is an SVG drawing as figure tests look at it.
type svgDoc struct {
	texts []string // text elements, unescaped
	paths []svgPath
}

type svgPath struct{ d, style string }

var (
	svgText   = regexp.MustCompile(`(?s)<text[^>]*>(.*?)</text>`)
	svgPathRe = regexp.MustCompile(`<path d="([^"]*)"(?:\s*style="([^"]*)")?`)
)

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("<?xml")) || !bytes.Contains(b, []byte("</svg>")) {
		t.Fatalf("not an SVG document: %.80q", b)
	}
	var d svgDoc
	for _, m := range svgText.FindAllSubmatch(b, -1) {
		d.texts = append(d.texts, html.UnescapeString(string(m[1])))
	}
	for _, m := range svgPathRe.FindAllSubmatch(b, -1) {
		d.paths = append(d.paths, svgPath{string(m[1]), string(m[2])})
	}
	return d
}

// hasText reports whether some text element of d contains s.
func (d svgDoc) hasText(s string) bool {
	return slices.ContainsFunc(d.texts, func(t string) bool { return strings.Contains(t, s) })
}

// rect returns the size of a path that is a filled axis-aligned
// rectangle, as vg.Rectangle.Path draws it.
var rectRe = regexp.MustCompile(`^M([-\d.e]+),([-\d.e]+)L([-\d.e]+),([-\d.e]+)L([-\d.e]+),([-\d.e]+)L([-\d.e]+),([-\d.e]+)Z$`)

func (p svgPath) rect() (w, h float64, ok bool) {
	m := rectRe.FindStringSubmatch(p.d)
	if m == nil || strings.Contains(p.style, "fill:none") { // a stroke, not a fill (black fills have no style)
		return 0, 0, false
	}
	var v [8]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	w = max(v[0], v[2], v[4], v[6]) - min(v[0], v[2], v[4], v[6])
	h = max(v[1], v[3], v[5], v[7]) - min(v[1], v[3], v[5], v[7])
	return w, h, true
}

// cellCount returns the number of filled rectangles of the most common
// size: the map's cells.
func (d svgDoc) cellCount() int {
	count := map[[2]float64]int{}
	for _, p := range d.paths {
		if w, h, ok := p.rect(); ok {
			count[[2]float64{math.Round(w * 4), math.Round(h * 4)}]++ // to a quarter point: SVG coordinates are rounded
		}
	}
	n := 0
	for _, c := range count {
		n = max(n, c)
	}
	return n
}

// borderCount returns the number of paths stroked in the border colour.
func (d svgDoc) borderCount() int {
	n := 0
	for _, p := range d.paths {
		if strings.Contains(p.style, "stroke:#4D4D4D") && strings.Contains(p.style, "fill:none") {
			n++
		}
	}
	return n
}

func renderSVG(t *testing.T, f *Figure) svgDoc {
	t.Helper()
	out, err := f.Render(SVG)
	if err != nil {
		t.Fatal(err)
	}
	return parseSVG(t, out[SVG])
}

// TestRunFigures checks the content of every figure of a run: titles, axis
// labels, legend entries and group names in the SVG, and on maps one path
// per country border in view and one rectangle per grid cell.
func TestRunFigures(t *testing.T) {
	d, err := Load(sharedRun(t))
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := Load(sharedRun(t)) // stands for a second run
	if err != nil {
		t.Fatal(err)
	}
	figs := Figures(d, Options{Compare: cmp})
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	wantNames := []string{"events_by_zone", "fatalities_by_zone", "events_by_group", "fatalities_by_group", "events_observed",
		"fighters_by_group", "map_events", "map_fatalities", "map_civilian", "map_influence", "map_presence",
		"map_events_by_group", "map_events_by_period", "attribution", "shares_by_group", "shares_by_target", "flows"}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("figures %q,\nwant %q", names, wantNames)
	}
	groups := groupShort[:]
	view := mapView(d.Grid)
	borders := 0
	for _, b := range d.Grid.Borders {
		if view.intersects(b) {
			borders++
		}
	}
	if borders < 10 || borders == len(d.Grid.Borders) {
		t.Fatalf("%d of %d borders in view: the view test is wrong", borders, len(d.Grid.Borders))
	}
	cells := len(d.Grid.Cells)
	places := []string{"Bamako", "Mopti", "Gao", "Tombouctou", "Kidal", "Ouagadougou", "Djibo", "Niamey", "Ménaka", "Fada N'Gourma"}

	tests := []struct {
		name   string
		texts  []string // must all be present
		panels int      // maps: panels, each with every cell and border
	}{
		{"events_by_zone", []string{"Events per month", "Year", "All zones", "Central Mali", "Northern Mali", "Rest of the study area", "Mean of 3 replicates", "90% band", "2018"}, 0}, // 18 months in panels 1.75 in wide: years
		{"fatalities_by_zone", []string{"Fatalities per month", "Central Mali"}, 0},
		{"events_by_group", append([]string{"Events per month", "All groups"}, groups...), 0},
		{"events_observed", append([]string{"Ground truth: the group's own events", "Observed: events the record labels with its name", `Labelled "JNIM"`, "Unknown perpetrator", "Events per month"}, groups...), 0},
		{"fighters_by_group", append([]string{"Active fighters"}, groups...), 0},
		{"map_events", append([]string{"Events per 0.5° cell", "log scale", "km", "Natural Earth",
			"MALI", "BURKINA FASO", "NIGER", "MAURITANIA", "ALGERIA", "10°W", "5°W", "0°", "5°E", "10°N", "15°N", "20°N"}, places...), 1},
		{"map_fatalities", []string{"Fatalities per 0.5° cell"}, 1},
		{"map_civilian", []string{"Attacks on civilians per 0.5° cell"}, 1},
		{"map_influence", append([]string{"Under 1 event per replicate"}, groups...), 1},
		{"map_presence", []string{"sustained government presence"}, 1},
		{"map_events_by_group", append([]string{"Historical area of influence", "Events per cell", "15°N", "5°W"}, groups...), agents.NumGroups},
		{"map_events_by_period", []string{"2017", "2018 (to 30 Jun)"}, 2},
		{"attribution", append([]string{"Its own name", "Another group's name", `"JNIM"`, "Unknown perpetrator", "Share of the group's violent events", "baseline"}, groups...), 0},
		{"shares_by_group", append([]string{"True perpetrator", "Observed label", "Share of militant events", `"JNIM"`, "Unknown"}, groups...), 0},
		{"shares_by_target", append([]string{"Security forces", "Civilians", "Local leaders and imams", "Other militants"}, groups...), 0},
		{"flows", []string{"Defected", "Realigned with another group", "Blended back into a community", "Returned to a group (recidivists)"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := slices.Index(names, tt.name)
			doc := renderSVG(t, figs[i])
			for _, s := range tt.texts {
				if !doc.hasText(s) {
					t.Errorf("no text %q in %s.svg; texts: %q", s, tt.name, doc.texts)
				}
			}
			if tt.panels > 0 {
				if got := doc.borderCount(); got != tt.panels*borders {
					t.Errorf("%d border paths, want %d (%d panels × %d borders in view)", got, tt.panels*borders, tt.panels, borders)
				}
				if got := doc.cellCount(); got != tt.panels*cells {
					t.Errorf("%d cells, want %d (%d panels × %d cells)", got, tt.panels*cells, tt.panels, cells)
				}
			}
			if figs[i].Caption == "" || figs[i].Title == "" {
				t.Error("no title or caption")
			}
		})
	}
}

func TestSweepFigures(t *testing.T) {
	d, err := Load(filepath.Join("testdata", "sweep"))
	if err != nil {
		t.Fatal(err)
	}
	figs := Figures(d, Options{})
	tests := []struct {
		name  string
		texts []string
	}{
		{"events_by_point", []string{"Events per month", "baseline", "disaggregation (intensity=0.25)", "disaggregation (intensity=1.0)"}},
		{"fatalities_by_point", []string{"Fatalities per month"}},
		{"sweep_policy_disaggregation_intensity", []string{"policy.disaggregation.intensity", "JNIM share of events", "Fatalities", "95% interval of the mean", "baseline", "disaggregation"}},
		{"attribution_by_point", []string{"The true group's name", `"JNIM"`, "disaggregation (intensity=0.5)", "Share of militant events"}},
		{"compare_forest", []string{"JNIM share of events", "Fatalities", "Events", "Difference (percentage points)", "Difference (fatalities)", "No effect", "95% interval", "disaggregation (intensity=0.25)"}},
	}
	if len(figs) != len(tests) {
		var names []string
		for _, f := range figs {
			names = append(names, f.Name)
		}
		t.Fatalf("figures %q, want %d", names, len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if figs[i].Name != tt.name {
				t.Fatalf("figure %d is %s, want %s", i, figs[i].Name, tt.name)
			}
			doc := renderSVG(t, figs[i])
			for _, s := range tt.texts {
				if !doc.hasText(s) {
					t.Errorf("no text %q in %s.svg; texts: %q", s, tt.name, doc.texts)
				}
			}
		})
	}
}

// TestFormats checks each format's file: sizes at print widths, a PNG at
// 300 dpi that says so, a PDF with its fonts.
func TestFormats(t *testing.T) {
	d, err := Load(filepath.Join("testdata", "sweep"))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []Style{Paper, Slides} {
		figs := Figures(d, Options{Style: st})
		f := figs[0]
		out, err := f.Render(PDF, SVG, PNG)
		if err != nil {
			t.Fatal(err)
		}
		if w := st.theme().page; f.Width != w {
			t.Errorf("%v: width %v, want %v", st, f.Width, w)
		}
		if !bytes.HasPrefix(out[PDF], []byte("%PDF-")) || !bytes.Contains(out[PDF], []byte("FontFile2")) {
			t.Errorf("%v: the PDF is not a PDF with embedded fonts", st)
		}
		if !bytes.Contains(out[SVG], []byte(`width="`+strconv.FormatFloat(f.Width.Points(), 'g', 5, 64)+`pt"`)) {
			t.Errorf("%v: the SVG is not %v pt wide", st, f.Width.Points())
		}
		if !bytes.Contains(out[SVG], []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif")) {
			t.Errorf("%v: the SVG's fonts have no fallback", st)
		}
		img, err := png.Decode(bytes.NewReader(out[PNG]))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := img.Bounds().Dx(), int(math.Round(f.Width.Dots(DPI))); got != want {
			t.Errorf("%v: PNG is %d pixels wide, want %d (300 dpi)", st, got, want)
		}
		i := bytes.Index(out[PNG], []byte("pHYs"))
		if i < 0 || binary.BigEndian.Uint32(out[PNG][i+4:]) != 11811 || out[PNG][i+12] != 1 {
			t.Errorf("%v: PNG does not record 300 dpi (11811 pixels per metre)", st)
		}
		if _, err := f.Render("eps"); err == nil {
			t.Error("Render accepts an unknown format")
		}
	}
}

// TestWrite checks that Write replaces the directory whole and leaves
// nothing behind.
func TestWrite(t *testing.T) {
	d, err := Load(filepath.Join("testdata", "sweep"))
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "figures")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "stale.png")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	figs := Figures(d, Options{})
	names, err := Write(context.Background(), dir, figs, SVG, PNG)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2*len(figs) || names[0] != figs[0].Name+".svg" || names[1] != figs[0].Name+".png" {
		t.Errorf("names %q", names)
	}
	for _, n := range names {
		if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", n, err)
		}
	}
	if _, err := os.Stat(stale); err != nil {
		t.Error("Write removed a file it did not draw")
	}
	if es, _ := os.ReadDir(parent); len(es) != 1 {
		t.Errorf("%d entries beside figures, want none", len(es)-1)
	}
	if figs[0].SVG() == nil {
		t.Error("no SVG kept for the report")
	}
	// A failing drawing leaves the directory as it was.
	bad := &Figure{Name: "bad", Width: 72, Height: 72, draw: func(draw.Canvas) { panic("boom") }}
	if _, err := Write(context.Background(), dir, []*Figure{bad}, SVG); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Write of a failing figure: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, names[0])); err != nil {
		t.Error("a failed Write removed the previous figures")
	}
	if es, _ := os.ReadDir(parent); len(es) != 1 {
		t.Errorf("a failed Write left %d entries behind", len(es)-1)
	}
}

// TestAmbiguousLabel checks the figures of a record that labels some
// events "ambiguous" (JNIM and/or ISGS): a panel of their own in
// events_observed, and a category of their own in the attribution
// figures, read from events.csv.
func TestAmbiguousLabel(t *testing.T) {
	dir := editRun(t, func(name string, b []byte) []byte {
		if name != "events.csv" {
			return b
		}
		n := 0 // every other "JNIM" label becomes "ambiguous"
		b = regexp.MustCompile(`(?m)^((?:[^,\n]*,){6})JNIM,`).ReplaceAllFunc(b, func(m []byte) []byte {
			n++
			if n%2 == 0 {
				return bytes.Replace(m, []byte(",JNIM,"), []byte(",ambiguous,"), 1)
			}
			return m
		})
		if n < 10 {
			t.Fatalf("only %d events labelled JNIM to relabel", n)
		}
		return b
	})
	d, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !d.events.hasAmbiguous() {
		t.Fatal("events.csv's ambiguous labels were not read")
	}
	// The time series of the label, as a run of the model would write it.
	d.Series[seriesKey(outputs.All, "ambiguous", "events_observed")] = d.Series[seriesKey(outputs.All, "JNIM", "events_observed")]
	if got := d.otherLabels(); !slices.Equal(got, []string{"JNIM", "unknown", "ambiguous"}) {
		t.Errorf("labels naming no group: %q", got)
	}
	figs := Figures(d, Options{})
	for _, tt := range []struct{ name, text string }{
		{"events_observed", "Ambiguous: JNIM and/or"}, // the title wraps
		{"events_observed", `Labelled "JNIM"`},
		{"attribution", "Ambiguous: JNIM and/or ISGS"},
		{"shares_by_group", "Ambiguous"},
	} {
		i := slices.IndexFunc(figs, func(f *Figure) bool { return f.Name == tt.name })
		if doc := renderSVG(t, figs[i]); !doc.hasText(tt.text) {
			t.Errorf("%s: no %q; texts %q", tt.name, tt.text, doc.texts)
		}
	}
}

// TestMapSizes checks the sizes of maps in both styles: a page wide in
// the Paper style, the key below; in the Slides style as wide as a slide
// and short enough for one, the key beside the map; the small multiples a
// page wide in both.
func TestMapSizes(t *testing.T) {
	d, err := Load(sharedRun(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		style       Style
		width       vg.Length
		maxHeight   vg.Length
		multiplesTo vg.Length
	}{
		{Paper, 7 * vg.Inch, 7 * vg.Inch, 7 * vg.Inch},
		{Slides, 10 * vg.Inch, 5 * vg.Inch, 10 * vg.Inch},
	} {
		for _, f := range Figures(d, Options{Style: tt.style}) {
			if !strings.HasPrefix(f.Name, "map_") {
				continue
			}
			multiple := strings.HasPrefix(f.Name, "map_events_by_")
			switch {
			case multiple && f.Width != tt.multiplesTo:
				t.Errorf("%v: %s is %.2f in wide, want %.2f", tt.style, f.Name, f.Width/vg.Inch, tt.multiplesTo/vg.Inch)
			case !multiple && f.Width != tt.width:
				t.Errorf("%v: %s is %.2f in wide, want %.2f", tt.style, f.Name, f.Width/vg.Inch, tt.width/vg.Inch)
			case !multiple && f.Height > tt.maxHeight:
				t.Errorf("%v: %s is %.2f in tall, over %.2f", tt.style, f.Name, f.Height/vg.Inch, tt.maxHeight/vg.Inch)
			}
		}
	}
}

func TestCountryMask(t *testing.T) {
	d, err := Load(sharedRun(t))
	if err != nil {
		t.Fatal(err)
	}
	m := newCountryMask(d.Grid, mapView(d.Grid), 0.2)
	iso := func(lon, lat float64) string {
		i := int((lon - m.view.lon0) / m.step)
		j := int((lat - m.view.lat0) / m.step)
		if c := m.at[j*m.nx+i]; c >= 0 {
			return d.Grid.Borders[c].ISO3
		}
		return ""
	}
	for _, tt := range []struct {
		lon, lat float64
		want     string
	}{
		{-4.2, 14.5, "MLI"}, // Mopti
		{-1.5, 12.4, "BFA"}, // Ouagadougou
		{2.1, 13.5, "NER"},  // Niamey
		{-10, 22, "MRT"},
		{2, 24, "DZA"},
		{6.5, 10.2, "NGA"},
	} {
		if got := iso(tt.lon, tt.lat); got != tt.want {
			t.Errorf("(%g, %g) is in %q, want %s", tt.lon, tt.lat, got, tt.want)
		}
	}
	if got := degreeLabel(-10, true) + " " + degreeLabel(0, true) + " " + degreeLabel(5, true) + " " + degreeLabel(15, false); got != "10°W 0° 5°E 15°N" {
		t.Errorf("degree labels %q", got)
	}
}

// TestLoadHostile reads directories whose files name replicates, steps,
// cells and years far beyond what their manifest describes, as a
// damaged or hostile file would: each is refused at once, naming the
// line, instead of making the reader allocate without bound.
func TestLoadHostile(t *testing.T) {
	src := sharedRun(t)
	manifest, err := os.ReadFile(filepath.Join(src, outputs.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	summary, err := os.ReadFile(filepath.Join(src, outputs.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	const tsHead = "rep,step,date,zone,group,metric,value\n"
	const evHead = "rep,step,date,type,militant,perpetrator,label,against,against_label,target,claimed,fatalities,cell\n"
	ts := tsHead + "0,0,2017-01-01,all,all,events,1\n"
	ev := evHead + "0,0,2017-01-01,attack_civilians,true,flm,flm,,,civilians,false,1,10\n"
	tests := []struct {
		name       string
		ts, ev     string
		want       string
		sweepFiles map[string]string
	}{
		{"replicate beyond the manifest", tsHead + "999999999,0,2017-01-01,all,all,events,1\n", ev, "timeseries.csv:2: rep 999999999: the manifest has 3", nil},
		{"step beyond the run", tsHead + "0,999999999,2017-01-01,all,all,events,1\n", ev, "timeseries.csv:2: step 999999999: the run has", nil},
		{"negative step", tsHead + "0,-5,2017-01-01,all,all,events,1\n", ev, "timeseries.csv:2", nil},
		{"event replicate", ts, evHead + "99999999,0,2017-01-01,attack_civilians,true,flm,flm,,,civilians,false,1,10\n", "events.csv:2: rep 99999999", nil},
		{"event cell", ts, evHead + "0,0,2017-01-01,attack_civilians,true,flm,flm,,,civilians,false,1,999999999999\n", "events.csv:2: cell \"999999999999\"", nil},
		{"event year", ts, evHead + "0,0,9999-01-01,attack_civilians,true,flm,flm,,,civilians,false,1,10\n", "events.csv:2: date \"9999-01-01\"", nil},
		{"event not militant", ts, evHead + "0,0,2017-01-01,attack_civilians,false,flm,flm,,,civilians,false,1,10\n", "events.csv:2: militant false", nil},
		{"event none", ts, evHead + "0,0,2017-01-01,attack_civilians,true,flm,none,,,civilians,false,1,10\n", "events.csv:2: label \"none\"", nil},
		{"sweep step far beyond its rows", "", "", "timeseries.csv:3", map[string]string{
			"runs.csv":       "run,scenario,point,replicate,seed,events_total\n0,a,0,0,1,3\n",
			"timeseries.csv": "run,step,date,zone,group,metric,value\n0,0,2017-01-01,all,all,events,1\n0,900000000,2017-01-01,all,all,events,1\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := tt.sweepFiles
			if files == nil {
				files = map[string]string{outputs.ManifestFile: string(manifest), outputs.SummaryFile: string(summary),
					outputs.TimeSeriesFile: tt.ts, outputs.EventsFile: tt.ev,
					outputs.DefectionsFile: "rep,step,date,group,cell\n", outputs.DisplacementFile: "rep,step,date,displaced,cell\n"}
			}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Load(dir)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error with %q", err, tt.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<30 {
				t.Errorf("Load allocated %d MB before refusing", grew>>20)
			}
		})
	}
}
