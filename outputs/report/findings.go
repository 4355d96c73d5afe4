package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"

	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// A Findings page states what a set of sweeps concludes, as a researcher
// would present it: sections of statements, each with its tables and
// figures. internal/effects fills it; WriteFindings renders it as one
// self-contained HTML file, every text escaped, the figures inline as SVG.
type Findings struct {
	Title    string
	Lede     string
	Facts    [][2]string // label, value
	Sections []FindingsSection
}

// A FindingsSection is a section of a Findings page: paragraphs, a list
// of statements, then its tables and figures (rendered).
type FindingsSection struct {
	ID, Title  string
	Paragraphs []string
	Items      []string
	Tables     []*Table
	Figures    []*figures.Figure
}

type findingsPage struct {
	Title, Lede string
	Facts       [][2]string
	Sections    []findingsSection
	Attribution string
}

type findingsSection struct {
	ID, Title  string
	Paragraphs []string
	Items      []string
	Tables     []*Table
	Figures    []pageFigure
}

var findingsTemplate = template.Must(template.New("findings").Funcs(template.FuncMap{
	"lines": func(s string) []string { return splitLines(s) },
}).Parse(pageHead + `ul.findings li { margin-bottom: 0.4rem; }
footer { margin-top: 2.5rem; font-size: 0.8rem; color: #555; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{with .Lede}}<p class="lede">{{.}}</p>{{end}}
<dl class="facts">
{{range .Facts}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{end}}</dl>
</header>
<nav><h2>Contents</h2><ol>
{{range .Sections}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}</ol></nav>
{{range .Sections}}<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{with .Items}}<ul class="findings">
{{range .}}<li>{{.}}</li>
{{end}}</ul>
{{end}}{{range .Tables}}<table id="table-{{.Name}}">
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Columns}}<th scope="col">{{range $i, $l := lines .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</th>{{end}}</tr></thead>
<tbody>
{{$t := .}}{{range $i, $r := .Rows}}{{with $t.SectionTitle $i}}<tr class="section"><th colspan="{{len $t.Columns}}" scope="rowgroup">{{.}}</th></tr>
{{end}}<tr>{{range $r}}<td>{{range $i, $l := lines .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}{{range .Figures}}<figure id="{{.ID}}" style="max-width: {{.Width}}%">
{{.SVG}}
<figcaption><strong>Figure {{.Number}}. {{.Title}}.</strong> {{.Caption}}{{with .Files}} <span class="files">Files: {{range $i, $f := .}}{{if $i}}, {{end}}<a href="{{$f}}">{{$f}}</a>{{end}}.</span>{{end}}</figcaption>
</figure>
{{end}}</section>
{{end}}<footer>{{.Attribution}}</footer>
</body>
</html>
`))

// splitLines splits a cell or a head into its lines.
func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// WriteFindings writes f as one self-contained HTML page, its figures
// (rendered, as figures.Write leaves them) inline as SVG, linking their
// files figures/NAME.FORMAT in formats.
func WriteFindings(w io.Writer, f *Findings, formats []string) error {
	p := findingsPage{Title: f.Title, Lede: f.Lede, Facts: f.Facts, Attribution: "sahelsim. " + geo.Attribution}
	var widest float64
	for _, s := range f.Sections {
		for _, fig := range s.Figures {
			widest = max(widest, fig.Width.Points())
		}
	}
	n := 0
	for _, s := range f.Sections {
		ps := findingsSection{ID: s.ID, Title: s.Title, Paragraphs: s.Paragraphs, Items: s.Items, Tables: s.Tables}
		for _, fig := range s.Figures {
			svg := fig.SVG()
			if svg == nil {
				return fmt.Errorf("findings: figure %s has not been rendered", fig.Name)
			}
			n++
			pf := pageFigure{ID: "fig-" + fig.Name, Title: fig.Title, Caption: fig.Caption, Number: n, SVG: inlineSVG(svg, fig.Title),
				Width: int(math.Round(100 * fig.Width.Points() / widest))}
			for _, format := range formats {
				pf.Files = append(pf.Files, "figures/"+fig.Name+"."+format)
			}
			ps.Figures = append(ps.Figures, pf)
		}
		p.Sections = append(p.Sections, ps)
	}
	var buf bytes.Buffer
	if err := findingsTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
