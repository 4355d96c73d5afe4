package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
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
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.End = sim.NewDate(2017, 12, 31)
	sc.Description = hostile
	reps, err := runner.Run(context.Background(), sc, 3, 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, 3, 2, outputs.ReadBuild("test", "abc"), []string{"sahelsim", "run", "--reps", "2"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	if err := outputs.WriteRun(out, false, m, reps); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLatexEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fighters_total", `fighters\_total`},
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
		v, scale     float64
		want         string
		descriptions string
	}{
		{"jnim_share_events", 0.6489, 0.7, "64.9%", "share"},
		{"fatalities_total", 7874.9, 10105, "7,875", "thousands"},
		{"defections", 499.1, 583, "499.1", "hundreds"},
		{"defections", 398, 583, "398", "integer"},
		{"jnim_revenue_usd", 23.1e6, 24.8e6, "23.1M", "millions"},
		{"east_bf_onset_year", 2018.3, 2019, "2018.3", "mean year"},
		{"east_bf_onset_year", 2019, 2019, "2019", "year"},
		{"surge_ratio", 4.4412, 5.8, "4.44", "ratio"},
		{"surge_ratio", -0.25, 1, "−0.25", "negative"},
	}
	for _, tt := range tests {
		if got := number(tt.name, tt.v, tt.scale); got != tt.want {
			t.Errorf("%s: number(%s, %g) = %q, want %q", tt.descriptions, tt.name, tt.v, got, tt.want)
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
	if len(tab.Rows) != len(figures.HeadlineIndicators()) {
		t.Errorf("%d rows, want %d", len(tab.Rows), len(figures.HeadlineIndicators()))
	}
	first := tab.Rows[0]
	if first[0] != "JNIM share of events" || first[3] != "64.0%" || first[4] != "55.0% – 73.0%" || first[5] == "" {
		t.Errorf("first row %q", first)
	}
	var buf bytes.Buffer
	if err := tab.LaTeX(&buf); err != nil {
		t.Fatal(err)
	}
	tex := buf.String()
	for _, s := range []string{`\begin{tabular}{lrrrrl}`, `\toprule`, `\midrule`, `\bottomrule`, `\end{tabular}`,
		`Indicator & Mean & 90\% interval & Report & Band & Fit \\`, `JNIM share of events & `, `\% -- `} {
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
	c := CompareTable(d)
	if c == nil {
		t.Fatal("no compare table")
	}
	if len(c.Rows) != 9 || len(c.Breaks) != 2 {
		t.Errorf("%d rows, breaks %v; want 9 rows in 3 groups", len(c.Rows), c.Breaks)
	}
	want := []string{"", "JNIM share of events", "64.5%", "63.3%", "−1.2 pp", "−2.9 pp – +0.4 pp", "2"}
	if got := c.Rows[1]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("second comparison %q,\nwant %q", got, want)
	}
	var buf bytes.Buffer
	if err := c.LaTeX(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `\midrule`); n != 3 {
		t.Errorf("compare.tex has %d \\midrule, want 3:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), `$-$1.2 pp`) {
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
	if n, want := strings.Count(page, "<svg "), len(res.Figures); n != want {
		t.Errorf("%d inline SVG drawings, want %d", n, want)
	}
	if strings.Contains(page, "<?xml") || strings.Contains(page, "<!-- Generated") {
		t.Error("an SVG prolog is left inline")
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "<link") {
		t.Error("report.html has a script or a link")
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

	// Again, with a comparison run and another format: everything is
	// replaced, nothing is left beside.
	res2, err := Write(dir, Options{Formats: []string{figures.PNG}, CompareDir: dir, Style: figures.Slides})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, FiguresDir, "map_events.svg")); err == nil {
		t.Error("the previous figures are left")
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
