package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// page is what the report's template fills in.
type page struct {
	Title       string
	Kind        string
	Name        string
	Description string
	Facts       [][2]string // label, value
	Tables      []*Table
	Figures     []pageFigure
	Scenario    string // the scenario's TOML, or the sweep file's
	ScenarioIs  string // "scenario" or "sweep file"
	Manifest    string
	Attribution string
	Watch       *watchMap // the animated map of a run; nil for a sweep
}

type pageFigure struct {
	ID, Title, Caption string
	Number             int
	Width              int           // per cent of the widest figure's width
	SVG                template.HTML // trusted: drawn by package figures
	Files              []string      // figures/NAME.FORMAT
}

// pageHead is the head of sahelsim's HTML pages up to their own style
// rules: the report's and the findings page's share it.
const pageHead = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sahelsim">
<title>{{.Title}}</title>
<style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #222; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
.lede { color: #444; margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; font-size: 0.92rem; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0 0.3rem; }
caption { caption-side: bottom; text-align: left; font-size: 0.85rem; color: #444; padding-top: 0.4rem; }
thead th { border-top: 2px solid #222; border-bottom: 1px solid #222; }
tbody tr:last-child td { border-bottom: 2px solid #222; }
tbody tr.section th { text-align: left; font-style: italic; font-weight: normal; padding-top: 0.6rem; }
th, td { padding: 0.2rem 0.6rem; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 1.8rem 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 0.88rem; color: #333; margin-top: 0.4rem; }
figcaption .files { color: #666; }
`

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"lines": func(s string) []string { return strings.Split(s, "\n") }, // a head's or a cell's lines
}).Parse(pageHead + `nav ol { columns: 2; font-size: 0.9rem; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; line-height: 1.3; }
footer { margin-top: 2.5rem; font-size: 0.8rem; color: #555; }
details > summary { cursor: pointer; font-size: 1.25rem; font-weight: bold; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
.watch-controls { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: center; font-size: 0.9rem; margin: 0.6rem 0; }
.watch-controls input[type=range] { width: 16rem; }
.watch-body { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.watch-body svg { flex: 1 1 28rem; max-width: 40rem; height: auto; border: 1px solid #ddd; }
.watch-body circle.ev { stroke: #fff; stroke-width: 0.6; fill-opacity: 0.9; }
#watch-totals td:first-child { white-space: normal; }
#watch-totals tr.total td { border-top: 1px solid #999; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.35em; vertical-align: -0.05em; border-radius: 50%; }
#watch-date { font-variant-numeric: tabular-nums; min-width: 14rem; }
@media print { .watch-controls, #watch { display: none; } }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{with .Description}}<p class="lede">{{.}}</p>{{end}}
<dl class="facts">
{{range .Facts}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{end}}</dl>
</header>
<nav><h2>Contents</h2><ol>
{{range .Tables}}<li><a href="#table-{{.Name}}">{{if eq .Name "compare"}}Policy comparison{{else}}Headline indicators{{end}}</a></li>
{{end}}{{if .Watch}}<li><a href="#watch">Watch the run: events week by week</a></li>
{{end}}{{range .Figures}}<li><a href="#{{.ID}}">Figure {{.Number}}. {{.Title}}</a></li>
{{end}}{{if .Scenario}}<li><a href="#scenario">{{if eq .ScenarioIs "sweep file"}}Sweep file{{else}}Scenario{{end}}</a></li>
{{end}}{{if .Manifest}}<li><a href="#manifest">Manifest</a></li>
{{end}}</ol></nav>
{{range .Tables}}<section class="table">
<h2>{{if eq .Name "compare"}}Policy comparison{{else}}Headline indicators{{end}}</h2>
<table id="table-{{.Name}}">
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Columns}}<th scope="col">{{range $i, $l := lines .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</th>{{end}}</tr></thead>
<tbody>
{{$t := .}}{{range $i, $r := .Rows}}{{with $t.SectionTitle $i}}<tr class="section"><th colspan="{{len $t.Columns}}" scope="rowgroup">{{.}}</th></tr>
{{end}}<tr>{{range $r}}<td>{{range $i, $l := lines .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</section>
{{end}}
{{with .Watch}}<section id="watch">
<h2>Watch the run</h2>
<p>The militant events of replicate {{.Rep}} (of {{.Reps}}; seed {{.Seed}}, which reproduces it alone), week by week: each dot is an event where it happened, its size growing with its fatalities, coloured by the group that truly carried it out or by the label the record gave it. Play, or drag the slider to any week; the table keeps the running totals. The page draws the map itself, from data it carries: it fetches nothing.</p>
<div class="watch-controls">
<button type="button" id="watch-play" aria-pressed="false">Play</button>
<label>Week <input type="range" id="watch-week" min="0" max="0" step="1" value="0" aria-describedby="watch-date"></label>
<output id="watch-date" for="watch-week"></output>
<span role="radiogroup" aria-label="Colour the events by">Colour by <label><input type="radio" name="watch-color" value="group" checked> true group</label> <label><input type="radio" name="watch-color" value="label"> observed label</label></span>
<label><input type="checkbox" id="watch-layer"> people displaced that week</label>
</div>
<div class="watch-body">
{{.SVG}}
<table id="watch-totals" aria-live="polite"></table>
</div>
<script type="application/json" id="watch-data">{{.Data}}</script>
<script>{{.Script}}</script>
</section>
{{end}}<section class="figures">
<h2>Figures</h2>
{{range .Figures}}<figure id="{{.ID}}" style="max-width: {{.Width}}%">
{{.SVG}}
<figcaption><strong>Figure {{.Number}}. {{.Title}}.</strong> {{.Caption}}{{with .Files}} <span class="files">Files: {{range $i, $f := .}}{{if $i}}, {{end}}<a href="{{$f}}">{{$f}}</a>{{end}}.</span>{{end}}</figcaption>
</figure>
{{end}}</section>
{{if .Scenario}}<details id="scenario">
{{if eq .ScenarioIs "sweep file"}}<summary>Sweep file</summary>
<p>The sweep file, as recorded in the manifest.</p>
{{else}}<summary>Scenario</summary>
<p>The fully resolved scenario, as recorded in the manifest: running it again with the same seed and number of replicates reproduces the run.</p>
{{end}}<pre>{{.Scenario}}</pre>
</details>{{end}}
{{with .Manifest}}<details id="manifest">
<summary>Manifest</summary>
<pre>{{.}}</pre>
</details>{{end}}
<footer>{{.Attribution}}</footer>
</body>
</html>
`))

// SectionTitle returns the title of the section of t that starts at row
// i, "" if none does.
func (t *Table) SectionTitle(i int) string {
	title, _ := t.section(i)
	return title
}

// svgProlog matches what precedes the <svg> element in vgsvg's output.
var svgProlog = regexp.MustCompile(`(?s)^.*?(<svg\s)`)

// inlineSVG returns an SVG file as an element to put in an HTML page: the
// XML prolog and comments before it dropped, and an accessible name.
func inlineSVG(svg []byte, title string) template.HTML {
	s := svgProlog.ReplaceAllString(string(svg), "$1")
	s = strings.Replace(s, "<svg ", `<svg role="img" aria-label="`+template.HTMLEscapeString(title)+`" `, 1)
	return template.HTML(s)
}

// HTML writes the report page of d, with the figures figs (rendered, as
// figures.Write leaves them) and the tables: one self-contained HTML file
// with the figures inline as SVG and no script, nor anything to fetch.
// formats are the formats the figures were written in, for links to
// their files.
func HTML(w io.Writer, d *figures.Data, figs []*figures.Figure, tables []*Table, formats []string) error {
	p := page{
		Kind:        d.Kind.String(),
		Name:        d.Name(),
		Attribution: "sahelsim. " + geo.Attribution,
		Tables:      tables,
	}
	switch d.Kind {
	case figures.SweepDir:
		p.Title = "sahelsim sweep: " + d.Name()
	default:
		p.Title = "sahelsim run: " + d.Name()
	}
	if d.Scenario != nil {
		p.Description = d.Scenario.Description
	}
	if d.Kind == figures.SweepDir {
		p.Description = d.Sweep.Description
	}
	fact := func(k, v string) { p.Facts = append(p.Facts, [2]string{k, v}) }
	fact("Directory", localPath(d.Dir))
	if d.Kind == figures.SweepDir {
		fact("Runs", fmt.Sprint(len(d.Summary.Values)))
		fact("Points", fmt.Sprint(len(d.Points())))
	} else {
		fact("Replicates", fmt.Sprint(d.Replicates()))
	}
	if m := d.Manifest; m != nil {
		fact("Seed", fmt.Sprint(m.Seed))
		if d.Scenario != nil {
			fact("Period", fmt.Sprintf("%s to %s, steps of %d days", d.Scenario.Start, d.Scenario.End, d.Scenario.StepDays))
		}
		modified := ""
		if m.Build.Modified {
			modified = " (modified)"
		}
		fact("Program", fmt.Sprintf("sahelsim %s, commit %s%s, %s", m.Build.Version, m.Build.Commit, modified, m.Build.GoVersion))
		if !m.Start.IsZero() && !m.End.IsZero() {
			fact("Run", fmt.Sprintf("%s, %s", m.Start.UTC().Format(time.RFC3339), m.End.Sub(m.Start).Round(time.Millisecond)))
		}
		if len(m.Command) > 0 {
			args := make([]string, len(m.Command))
			for i, a := range m.Command {
				args[i] = localPath(a)
			}
			fact("Command", strings.Join(args, " "))
		}
		p.Scenario, p.ScenarioIs = m.ScenarioTOML, "scenario"
		if d.Kind == figures.SweepDir {
			p.Scenario, p.ScenarioIs = d.Sweep.TOML, "sweep file"
		}
		p.Manifest = manifestText(d.ManifestJSON)
	}
	var widest float64
	for _, f := range figs {
		widest = max(widest, f.Width.Points())
	}
	for i, f := range figs {
		svg := f.SVG()
		if svg == nil {
			return fmt.Errorf("report: figure %s has not been rendered", f.Name)
		}
		pf := pageFigure{ID: "fig-" + f.Name, Title: f.Title, Caption: f.Caption, Number: i + 1, SVG: inlineSVG(svg, f.Title),
			Width: int(math.Round(100 * f.Width.Points() / widest))}
		for _, format := range formats {
			pf.Files = append(pf.Files, "figures/"+f.Name+"."+format)
		}
		p.Figures = append(p.Figures, pf)
	}
	watch, err := newWatchMap(d)
	if err != nil {
		return err
	}
	p.Watch = watch
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// localPath returns s, a path or an argument, with no absolute local path:
// an absolute path becomes its last element after "…/" (a report is
// shared: it names no one's home directory).
func localPath(s string) string {
	if filepath.IsAbs(s) || strings.HasPrefix(s, "~") {
		return "…/" + filepath.Base(s)
	}
	if k, v, ok := strings.Cut(s, "="); ok && strings.HasPrefix(k, "-") && (filepath.IsAbs(v) || strings.HasPrefix(v, "~")) {
		return k + "=…/" + filepath.Base(v)
	}
	return s
}

// manifestText returns the manifest's JSON indented, in its own key order,
// with the TOML texts it holds (scenario_toml, sweep_toml, the toml of each
// scenario of a sweep) elided: the page shows the scenario or sweep file
// above it.
func manifestText(b []byte) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return string(b)
	}
	var out bytes.Buffer
	out.WriteByte('{')
	for i := 0; dec.More(); i++ {
		k, err := dec.Token()
		key, ok := k.(string)
		if err != nil || !ok {
			return string(b)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return string(b)
		}
		v = elideTOML(key, v)
		if i > 0 {
			out.WriteByte(',')
		}
		kb, _ := json.Marshal(key) // a string always marshals
		out.Write(kb)
		out.WriteByte(':')
		out.Write(v)
	}
	out.WriteByte('}')
	var ind bytes.Buffer
	if err := json.Indent(&ind, out.Bytes(), "", "  "); err != nil {
		return string(b)
	}
	return ind.String()
}

// elided replaces a TOML text in the manifest.
const elided = "(shown above)"

// elideTOML returns the value v of key with every string under a key
// ending in "toml" replaced by elided.
func elideTOML(key string, v json.RawMessage) json.RawMessage {
	var x any
	if err := json.Unmarshal(v, &x); err != nil {
		return v
	}
	var walk func(k string, x any) (any, bool)
	walk = func(k string, x any) (any, bool) {
		switch x := x.(type) {
		case string:
			if strings.HasSuffix(k, "toml") {
				return elided, true
			}
			if k == "command" {
				if l := localPath(x); l != x {
					return l, true
				}
			}
		case map[string]any:
			changed := false
			for kk, vv := range x {
				if nv, ok := walk(kk, vv); ok {
					x[kk], changed = nv, true
				}
			}
			return x, changed
		case []any:
			changed := false
			for i, vv := range x {
				if nv, ok := walk(k, vv); ok {
					x[i], changed = nv, true
				}
			}
			return x, changed
		}
		return x, false
	}
	nx, changed := walk(key, x)
	if !changed {
		return v
	}
	out, err := json.Marshal(nx)
	if err != nil {
		return v
	}
	return out
}
