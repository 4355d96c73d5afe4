package report

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/scenarios"
	"github.com/sahelsim/sahelsim/sim"
)

// hostile is a description with everything HTML and LaTeX must escape.
const hostile = `Test <script>alert("x")</script> & 50% of a_b {c} "quoted"`

// makeRun writes a short run of the baseline (two replicates, 2017) with
// a hostile description into dir/run.
func makeRun(t *testing.T, dir string) string {
	t.Helper()
	return writeBaseline(t, dir, 3, 2, sim.NewDate(2017, 12, 31), hostile)
}

// writeBaseline writes reps replicates of the baseline (cut to end, if
// not zero; with the description, if not "") with seed into dir/run.
func writeBaseline(t *testing.T, dir string, seed uint64, reps int, end sim.Date, description string) string {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	if !end.IsZero() {
		sc.End = end
	}
	if description != "" {
		sc.Description = description
	}
	rs, err := runner.Run(context.Background(), sc, seed, reps, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, seed, reps, outputs.ReadBuild("test", "abc"), []string{"sahelsim", "run", "--reps", strconv.Itoa(reps)}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	if err := outputs.WriteRun(out, false, m, rs); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLatexEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fighters_total", `fighters\_\allowbreak{}total`},
		{"50%", `50\%`},
		{"A & B", `A \& B`},
		{"$5 #1 {x}", `\$5 \#1 \{x\}`},
		{`back\slash ~ ^`, `back\textbackslash{}slash \textasciitilde{} \textasciicircum{}`},
		{"2017 – 2020", "2017 -- 2020"},
		{`"JNIM" and "unknown"`, "``JNIM'' and ``unknown''"},
		{"−1.2 pp", "$-$1.2 pp"},
		{"Ménaka", "Ménaka"},
	}
	for _, tt := range tests {
		if got := latexEscape(tt.in); got != tt.want {
			t.Errorf("latexEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		name         string
		v, div, top  float64
		want         string
		descriptions string
	}{
		{"jnim_share_events", 0.6489, 1, 0.7, "64.9", "share, in per cent"},
		{"fatalities_total", 7874.9, 1, 10105, "7,875", "thousands"},
		{"defections", 499.1, 1, 583, "499", "hundreds"},
		{"recidivists", 41.75, 1, 49, "41.8", "tens"},
		{"recidivists", 4, 1, 49, "4.0", "as many decimals as the row"},
		{"jnim_revenue_usd", 23.1e6, 1e6, 24.8e6, "23.1", "millions"},
		{"displaced", 1.774e6, 1e6, 2.92e6, "1.77", "millions"},
		{"displaced", 88445, 1e6, 2.4e6, "0.09", "millions, small"},
		{"fighters_total", 123456, 1e3, 125678, "123", "thousands"},
		{"east_bf_onset_year", 2018.3, 1, 2019, "2018.3", "mean year"},
		{"east_bf_onset_year", 2019, 1, 2019, "2019", "year"},
		{"surge_ratio", 4.4412, 1, 5.8, "4.44", "ratio"},
		{"surge_ratio", -0.25, 1, 0.8, "−0.25", "negative"},
		{"surge_ratio", 0.0123, 1, 0.05, "0.012", "small"},
		{"fatalities_total", math.NaN(), 1, 5, "n/a", "NaN"},
	}
	for _, tt := range tests {
		if got := scaled(tt.name, tt.v, tt.div, tt.top); got != tt.want {
			t.Errorf("%s: scaled(%s, %g, %g, %g) = %q, want %q", tt.descriptions, tt.name, tt.v, tt.div, tt.top, got, tt.want)
		}
	}
}

func TestUnits(t *testing.T) {
	tests := []struct {
		name string
		top  float64
		want string
	}{
		{"jnim_share_events", 0.7, "JNIM share of events (%)"},
		{"fatalities_total", 9000, "Fatalities"},
		{"fatalities_total", 123456, "Fatalities (thousands)"},
		{"defections", 500, "Defections (fighters)"},
		{"displaced", 2.9e6, "Displaced at the end (million people)"},
		{"jnim_revenue_usd", 26.5e6, "JNIM revenue (million USD a year)"},
		{"east_bf_onset_year", 2019, "Onset, eastern Burkina Faso (year)"},
		{"surge_ratio", 7, "Surge (last year / first year)"},
		{"fighters_total", 8000, "Fighters at the end"},
	}
	for _, tt := range tests {
		if got := titleWithUnit(tt.name, divisor(tt.name, tt.top)); got != tt.want {
			t.Errorf("%s up to %g: %q, want %q", tt.name, tt.top, got, tt.want)
		}
	}
}

func TestHeadlineTable(t *testing.T) {
	d, err := figures.Load(makeRun(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	tab := HeadlineTable(d, targets)
	if len(tab.Rows) != len(outputs.HeadlineIndicators()) {
		t.Errorf("%d rows, want %d", len(tab.Rows), len(outputs.HeadlineIndicators()))
	}
	first := tab.Rows[0]
	if first[0] != "JNIM share of events (%)" || first[3] != "64.0" || first[4] != "55.0–73.0" || first[5] == "" {
		t.Errorf("first row %q", first)
	}
	var buf bytes.Buffer
	if err := tab.LaTeX(&buf); err != nil {
		t.Fatal(err)
	}
	tex := buf.String()
	for _, s := range []string{`\begin{tabularx}{\linewidth}{@{}>{\raggedright\arraybackslash\hspace{0pt}}Xrrrrl@{}}`, `\toprule`, `\midrule`, `\bottomrule`, `\end{tabularx}`,
		`Indicator (unit) & Mean & 90\% interval & Report & Band & Fit \\`, `JNIM share of events (\%) & `, `64.0 & 55.0--73.0 & `} {
		if !strings.Contains(tex, s) {
			t.Errorf("headline.tex lacks %q:\n%s", s, tex)
		}
	}
	// Every row has as many cells as columns, and nothing unescaped.
	for _, line := range strings.Split(tex, "\n") {
		if strings.HasSuffix(line, `\\`) && strings.Count(line, " & ") != 5 {
			t.Errorf("row with %d cells: %s", strings.Count(line, " & ")+1, line)
		}
		if !strings.HasPrefix(line, "%") && regexp.MustCompile(`[^\\]%`).MatchString(line) {
			t.Errorf("unescaped %% in %q", line)
		}
	}
}

func TestSweepTables(t *testing.T) {
	d, err := figures.Load(filepath.Join("..", "figures", "testdata", "sweep"))
	if err != nil {
		t.Fatal(err)
	}
	h := HeadlineTable(d, nil)
	if len(h.Rows) != 4 || h.Rows[1][0] != "disaggregation (intensity=0.25)" || h.Rows[1][1] != "2" {
		t.Errorf("sweep headline rows %q", h.Rows)
	}
	// Two panels of three indicators, each cell a mean above its interval.
	if !slices.Equal(h.Panels, []int{2, 2}) || h.Key != 2 || len(h.Columns) != 6 {
		t.Errorf("sweep headline: key %d, panels %v, columns %q", h.Key, h.Panels, h.Columns)
	}
	if got := h.Rows[0][2]; got != "64.5\n(64.0–65.0)" {
		t.Errorf("sweep headline cell %q", got)
	}
	var hb bytes.Buffer
	if err := h.LaTeX(&hb); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`\begin{tabular}[t]{@{}r@{}}64.5\\(64.0--65.0)\end{tabular}`, " &  & JNIM share of &  \\\\\nScenario & Runs & events (\\%) & Fatalities \\\\", " &  & Fighters at & their group \\\\\nScenario & Runs & the end & (\\%) \\\\"} {
		if !strings.Contains(hb.String(), s) {
			t.Errorf("sweep headline.tex lacks %q:\n%s", s, hb.String())
		}
	}
	c := CompareTable(d)
	if c == nil {
		t.Fatal("no compare table")
	}
	if len(c.Rows) != 9 || len(c.Sections) != 3 {
		t.Errorf("%d rows, sections %v; want 9 rows in 3 sections", len(c.Rows), c.Sections)
	}
	want := []string{"JNIM share of events (%)", "64.5", "63.3", "−1.2", "[−2.9, +0.4]", "2"}
	if got := c.Rows[1]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("second comparison %q,\nwant %q", got, want)
	}
	var buf bytes.Buffer
	if err := c.LaTeX(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `\textit{disaggregation (intensity=`); n != 3 {
		t.Errorf("compare.tex has %d section titles, want 3:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), `$-$1.2 & [$-$2.9, +0.4]`) {
		t.Errorf("compare.tex writes negative numbers without a minus:\n%s", buf.String())
	}
	run, err := figures.Load(makeRun(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if CompareTable(run) != nil {
		t.Error("a run without compare.csv has a compare table")
	}
}

// TestWrite checks the files of a run's report and report.html's content:
// self-contained, escaped, every figure inline.
func TestWrite(t *testing.T) {
	dir := makeRun(t, t.TempDir())
	res, err := Write(dir, Options{Formats: []string{figures.SVG}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Figures) < 15 {
		t.Errorf("%d figures", len(res.Figures))
	}
	for _, f := range res.Files {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, TablesDir, "compare.tex")); err == nil {
		t.Error("compare.tex without compare.csv")
	}
	b, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, f := range res.Figures {
		if !strings.Contains(page, `<figure id="fig-`+f.Name+`" style="max-width: `) {
			t.Errorf("report.html lacks figure %s", f.Name)
		}
	}
	if n, want := strings.Count(page, "<svg "), len(res.Figures)+1; n != want { // and the animated map's
		t.Errorf("%d inline SVG drawings, want %d", n, want)
	}
	if strings.Contains(page, "<?xml") || strings.Contains(page, "<!-- Generated") {
		t.Error("an SVG prolog is left inline")
	}
	// The one script is the animated map's, inline, with its data.
	if strings.Count(page, "<script") != 2 || !strings.Contains(page, `<script type="application/json" id="watch-data">`) ||
		strings.Contains(page, "<script src") || strings.Contains(page, "<link") || strings.Contains(page, "fetch(") || strings.Contains(page, "XMLHttpRequest") {
		t.Error("report.html has another script than the animated map's, a link, or fetches")
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(page) {
		t.Error("report.html refers to the network")
	}
	if !strings.Contains(page, "Test &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; 50% of a_b") {
		t.Errorf("the description is not escaped")
	}
	for _, s := range []string{`<table id="table-headline">`, "JNIM share of events", "[map]", "resolution = 0.5",
		`&#34;scenario_toml&#34;: &#34;(shown above)&#34;`, "Natural Earth", "figures/map_events.svg"} {
		if !strings.Contains(page, s) {
			t.Errorf("report.html lacks %q", s)
		}
	}

	// Again, with a comparison run and another format: the figures are
	// replaced in that format, those in the others are kept (and linked),
	// nothing is left beside.
	svg, err := os.ReadFile(filepath.Join(dir, FiguresDir, "map_events.svg"))
	if err != nil {
		t.Fatal(err)
	}
	res2, err := Write(dir, Options{Formats: []string{figures.PNG}, CompareDir: dir, Style: figures.Slides})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, FiguresDir, "map_events.svg")); err != nil || !bytes.Equal(b, svg) {
		t.Errorf("the SVG drawn before is not kept as it was: %v", err)
	}
	if page, err := os.ReadFile(filepath.Join(dir, HTMLFile)); err != nil || !strings.Contains(string(page), "figures/map_events.svg") || !strings.Contains(string(page), "figures/map_events.png") {
		t.Errorf("the report does not link both formats: %v", err)
	}
	if len(res2.Files) == 0 || !strings.HasSuffix(res2.Files[0], ".png") {
		t.Errorf("files %q", res2.Files)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != outputs.DrawnFile {
			t.Errorf("%s left in the directory", e.Name())
		}
	}
	if _, err := Write(filepath.Join(dir, "none"), Options{}); err == nil {
		t.Error("Write of a missing directory succeeds")
	}
}

func TestManifestText(t *testing.T) {
	got := manifestText([]byte(`{"scenario":"b","seed":1,"scenario_toml":"name = \"b\"\n","files":["a"]}`))
	want := "{\n  \"scenario\": \"b\",\n  \"seed\": 1,\n  \"scenario_toml\": \"(shown above)\",\n  \"files\": [\n    \"a\"\n  ]\n}"
	if got != want {
		t.Errorf("manifestText:\n%s\nwant\n%s", got, want)
	}
	sweep := manifestText([]byte(`{"sweep":"s","scenarios":[{"name":"baseline","toml":"x = 1"}],"sweep_toml":"y = 2"}`))
	if strings.Contains(sweep, "x = 1") || strings.Contains(sweep, "y = 2") || !strings.Contains(sweep, `"name": "baseline"`) {
		t.Errorf("manifestText of a sweep manifest:\n%s", sweep)
	}
	if got := manifestText([]byte("not json")); got != "not json" {
		t.Errorf("manifestText of bad JSON: %q", got)
	}
}

// TestHeadlinePeriods checks that a run over another period than the
// report's figures (here 2017 alone) is not judged against them, and
// that the tables say why.
func TestHeadlinePeriods(t *testing.T) {
	dir := makeRun(t, t.TempDir())
	d, err := figures.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := evidence.Targets()
	if err != nil {
		t.Fatal(err)
	}
	tab := HeadlineTable(d, targets)
	fits := map[string]string{}
	for _, r := range tab.Rows {
		fits[r[0]] = r[5]
	}
	n := 0
	for name, fit := range fits {
		if strings.HasPrefix(name, "JNIM share of events") {
			n++
			if fit != "other period" {
				t.Errorf("%s: fit %q over another period", name, fit)
			}
		}
	}
	if n != 1 || !strings.Contains(tab.Caption, "the run covers 2017-01-01 to 2017-12-31") {
		t.Errorf("rows %v; caption %q", fits, tab.Caption)
	}
	sc := d.Scenario
	reps, err := runner.Run(t.Context(), sc, 3, 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Headline(&b, sc, reps, targets); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Not judged against the report: the run covers 2017-01-01 to 2017-12-31") || strings.Contains(b.String(), " high\n") {
		t.Errorf("headline:\n%s", b.String())
	}
}

// TestReportSize checks the size budget of report.html of the
// 20-replicate baseline: under 3 MB with its inline figures and the
// animated map (one replicate's events), which stays small.
func TestReportSize(t *testing.T) {
	if testing.Short() {
		t.Skip("20 replicates of the baseline and every figure")
	}
	dir := writeBaseline(t, t.TempDir(), 1, 20, sim.Date{}, "")
	if _, err := Write(dir, Options{Formats: []string{figures.SVG}}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	d, err := figures.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWatchMap(d)
	if err != nil || w == nil {
		t.Fatalf("no animated map: %v", err)
	}
	t.Logf("report.html: %.2f MB, of which the animated map %.0f KB", float64(len(page))/1e6, float64(w.Bytes)/1e3)
	if len(page) >= 3e6 || w.Bytes >= 200e3 {
		t.Errorf("report.html is %.2f MB (budget 3 MB), its animated map %.0f KB (budget 200 KB)", float64(len(page))/1e6, float64(w.Bytes)/1e3)
	}
	if !strings.Contains(string(page), `<section id="watch">`) || strings.Count(string(page), "<h2>Figures</h2>") != 1 ||
		!strings.Contains(string(page), `<details id="manifest">`) || !strings.Contains(string(page), `<details id="scenario">`) {
		t.Error("report.html lacks the animated map or collapsed scenario and manifest, or has Figures twice")
	}
	if strings.Contains(string(page), dir) {
		t.Error("report.html names the directory's absolute path")
	}
}
