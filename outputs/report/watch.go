package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// This file is the animated map of report.html ("Watch the run"): the
// events of one replicate, week by week, on the Sahel map, drawn in the
// browser by watch.js from data the page carries (no external asset, no
// network). It shows replicate 0, whose seed is the run's: a run's
// replicates would multiply the page's size by their number.

//go:embed watch.js
var watchScript string

// WatchReplicate is the replicate the animated map shows: replicate 0,
// whose seed is the run's own.
const WatchReplicate = 0

// watchWidth is the width of the animated map, in SVG units (pixels).
const watchWidth = 640

// A watchKey is a group or observed label of the animated map's legend.
type watchKey struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// watchData is what watch.js draws: the dates of the steps, the position
// of every cell, and the militant events and displacement of one
// replicate, each a flat array of integers.
type watchData struct {
	Rep      int        `json:"rep"`
	Reps     int        `json:"reps"`
	Seed     uint64     `json:"seed"`
	Dates    []string   `json:"dates"`    // first day of each step
	StepDays int        `json:"stepDays"` // days of a step
	Width    int        `json:"width"`
	Height   int        `json:"height"`
	Cell     float64    `json:"cell"`   // a cell's side, in SVG units
	Cells    []float64  `json:"cells"`  // x, y of each cell's centre
	Groups   []watchKey `json:"groups"` // true groups, by index
	Labels   []watchKey `json:"labels"` // observed labels, by index
	// Events are step, cell, group index, label index and fatalities of
	// each militant event (outputs: the rows of events.csv with militant
	// true), in step order.
	Events []int `json:"events"`
	// Displaced are step, cell and people who fled, of each row of
	// displacement.csv.
	Displaced []int `json:"displaced"`
}

// A watchMap is the animated map, as the report's template puts it in the
// page: the base map, and the data and script that animate it.
type watchMap struct {
	SVG    template.HTML // the base map: trusted, drawn here
	Data   template.JS   // JSON, escaped for a script element
	Script template.JS
	Rep    int
	Reps   int
	Seed   uint64
	Bytes  int // what the map adds to the page
}

// hexColor returns c as #rrggbb.
func hexColor(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// newWatchMap returns the animated map of the run d, or nil if d is not a
// run with a grid and events.
func newWatchMap(d *figures.Data) (*watchMap, error) {
	if d.Kind != figures.RunDir || d.Grid == nil || len(d.Events) <= WatchReplicate || d.Clock.Steps == 0 {
		return nil, nil
	}
	g := d.Grid
	// An equirectangular view of the study area, with a margin.
	lon0, lon1, lat0, lat1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	h := g.Resolution / 2
	for _, c := range g.Cells {
		lon0, lon1 = min(lon0, c.Lon-h), max(lon1, c.Lon+h)
		lat0, lat1 = min(lat0, c.Lat-h), max(lat1, c.Lat+h)
	}
	const margin = 0.4
	lon0, lon1, lat0, lat1 = lon0-margin, lon1+margin, lat0-margin, lat1+margin
	k := watchWidth / (lon1 - lon0)
	height := int(math.Ceil((lat1 - lat0) * k))
	x := func(lon float64) float64 { return math.Round((lon-lon0)*k*10) / 10 }
	y := func(lat float64) float64 { return math.Round((lat1-lat)*k*10) / 10 }

	data := watchData{Rep: WatchReplicate, Reps: len(d.Events), StepDays: d.Clock.StepDays, Width: watchWidth, Height: height,
		Cell: math.Round(g.Resolution*k*10) / 10}
	if len(d.Summary.Seeds) > WatchReplicate {
		data.Seed = d.Summary.Seeds[WatchReplicate]
	}
	for s := range d.Clock.Steps {
		data.Dates = append(data.Dates, d.Clock.Date(s).String())
	}
	for _, c := range g.Cells {
		data.Cells = append(data.Cells, x(c.Lon), y(c.Lat))
	}
	for gi, id := range agents.GroupIDs {
		data.Groups = append(data.Groups, watchKey{id, figures.GroupName(id), hexColor(figures.GroupColor(gi))})
	}
	labels := append(agents.GroupIDs[:], agents.NameJNIM, agents.NameAmbiguous, agents.NameUnknown)
	for _, l := range labels {
		data.Labels = append(data.Labels, watchKey{l, figures.LabelName(l), hexColor(figures.LabelColor(l))})
	}
	labelIndex := func(a int8) int {
		switch {
		case agents.IsGroup(a):
			return int(a)
		case a == agents.LabelJNIM:
			return agents.NumGroups
		case a == agents.LabelAmbiguous:
			return agents.NumGroups + 1
		}
		return agents.NumGroups + 2
	}
	for _, e := range d.Events[WatchReplicate] {
		switch grp, militant := e.Militant(); {
		case militant && agents.IsGroup(int8(grp)):
			data.Events = append(data.Events, int(e.Step), int(e.Cell), grp, labelIndex(e.Label), int(e.Fatalities))
		case e.Type == agents.Displacement:
			data.Displaced = append(data.Displaced, int(e.Step), int(e.Cell), int(e.Displaced))
		}
	}
	js, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("report: animated map: %w", err)
	}
	w := &watchMap{SVG: template.HTML(baseMap(d, data, x, y)), Data: template.JS(safeJSON(js)), Script: template.JS(watchScript),
		Rep: WatchReplicate, Reps: data.Reps, Seed: data.Seed}
	w.Bytes = len(w.SVG) + len(w.Data) + len(w.Script)
	return w, nil
}

// safeJSON returns JSON text that may stand inside a script element: no
// "</" (which would end it) and no HTML comment opener.
func safeJSON(b []byte) string {
	s := strings.ReplaceAll(string(b), "</", `<\/`)
	return strings.ReplaceAll(s, "<!--", `<\!--`)
}

// baseMap returns the base map of the animated map as SVG: the study
// area's cells, the country borders, the capitals and the layers watch.js
// fills (displacement below, events above).
func baseMap(d *figures.Data, data watchData, x, y func(float64) float64) string {
	g := d.Grid
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="watch-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="Animated map of the run's militant events by week">`, data.Width, data.Height)
	b.WriteString(`<rect width="100%" height="100%" fill="#f4f8fb"/>`)
	// The study area: one path of every cell.
	b.WriteString(`<path fill="#ffffff" stroke="none" d="`)
	half := data.Cell / 2
	for i := 0; i+1 < len(data.Cells); i += 2 {
		fmt.Fprintf(&b, "M%s %sh%sv%sh-%sz", num(data.Cells[i]-half), num(data.Cells[i+1]-half), num(data.Cell), num(data.Cell), num(data.Cell))
	}
	b.WriteString(`"/>`)
	// Country borders, thinned to the points a tenth of a unit apart.
	b.WriteString(`<path fill="none" stroke="#555" stroke-width="0.8" stroke-linejoin="round" d="`)
	for _, br := range g.Borders {
		for _, ring := range br.Rings {
			px, py := math.NaN(), math.NaN()
			for i, p := range ring {
				qx, qy := x(p[0]), y(p[1])
				if qx < -50 || qx > float64(data.Width)+50 || qy < -50 || qy > float64(data.Height)+50 {
					px = math.NaN()
					continue
				}
				if qx == px && qy == py {
					continue
				}
				cmd := "L"
				if i == 0 || math.IsNaN(px) {
					cmd = "M"
				}
				fmt.Fprintf(&b, "%s%s %s", cmd, num(qx), num(qy))
				px, py = qx, qy
			}
		}
	}
	b.WriteString(`"/>`)
	b.WriteString(`<g id="watch-displaced"></g><g id="watch-events"></g>`)
	// Capitals, for bearings.
	for _, p := range g.Places {
		if p.Capital {
			px, py := x(p.Lon), y(p.Lat)
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="5" height="5" fill="#222"/><text x="%s" y="%s" font-size="11" font-family="Liberation Sans, Arial, sans-serif" fill="#222">%s</text>`,
				num(px-2.5), num(py-2.5), num(px+5), num(py+4), template.HTMLEscapeString(p.Name))
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// num formats a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
