package browsertest

import (
	"bytes"
	"context"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/report"
	"github.com/sahelsim/sahelsim/scenarios"
)

// enabled skips t unless the browser tests are asked for, and returns the
// browser to run.
func enabled(t *testing.T) string {
	t.Helper()
	if os.Getenv("SAHELSIM_BROWSER") != "1" {
		t.Skip("set SAHELSIM_BROWSER=1 to open report.html in headless Chromium (install it with internal/browsertest/install.sh)")
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("SAHELSIM_BROWSER=1 but no chromium on PATH: run internal/browsertest/install.sh")
	return ""
}

// chromium runs the headless browser on page with extra flags and
// returns its standard output and error. Everything that would reach the
// network on its own is off; console messages go to stderr.
func chromium(t *testing.T, bin, page string, extra ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0", "--log-level=0"}
	args = append(args, extra...)
	args = append(args, (&url.URL{Scheme: "file", Path: abs}).String())
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, errb.String())
	}
	return out.String(), errb.String()
}

// consoleLine matches what Chromium logs for a console message or an
// uncaught exception.
var consoleLine = regexp.MustCompile(`:CONSOLE[:(]|Uncaught `)

// consoleErrors returns the lines of Chromium's log that report a
// message of the page's console: report.html's one script (the animated
// map) logs nothing, so any is an error.
func consoleErrors(log string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if consoleLine.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

func TestConsoleErrors(t *testing.T) {
	log := `[1:1:1125/142421.256408:ERROR:dbus/bus.cc:405] Failed to connect to the bus
[15062:15062:1125/142431.616434:INFO:CONSOLE:1] "boom", source: file:///tmp/bad.html (1)
[15062:15062:1125/142431.616487:INFO:CONSOLE(3)] "Uncaught ReferenceError: f is not defined", source: file:///tmp/bad.html (3)
[15134:15134:1125/142430.985361:WARNING:media/gpu/vaapi/vaapi_wrapper.cc:1655] drmGetDevices2() has not found any devices`
	if got := consoleErrors(log); len(got) != 2 || !strings.Contains(got[0], "boom") || !strings.Contains(got[1], "Uncaught") {
		t.Errorf("consoleErrors found %q", got)
	}
	if got := consoleErrors("[1:1:ERROR:dbus/bus.cc:405] Failed\n"); len(got) != 0 {
		t.Errorf("consoleErrors found %q in a clean log", got)
	}
}

// TestDetectsErrors makes sure the browser test can fail: a page with a
// script error is caught.
func TestDetectsErrors(t *testing.T) {
	bin := enabled(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(page, []byte(`<!DOCTYPE html><title>bad</title><p>x</p><script>console.error("boom"); undefinedFunction();</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr := chromium(t, bin, page, "--dump-dom")
	if errs := consoleErrors(stderr); len(errs) < 2 {
		t.Errorf("the console errors of a bad page went unseen; log:\n%s", stderr)
	}
}

// makeRun writes 3 replicates of the baseline into a new run directory.
func makeRun(t *testing.T) string {
	t.Helper()
	sc, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	reps, err := runner.Run(context.Background(), sc, sc.Seed, 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := outputs.NewManifest(sc, sc.Seed, 3, outputs.ReadBuild("", ""), []string{"sahelsim", "run", "--reps", "3"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m.End = time.Now()
	dir := filepath.Join(t.TempDir(), "run")
	if err := outputs.WriteRun(dir, false, m, reps); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReport makes a run with its report and opens report.html in
// headless Chromium: no console error, every figure drawn, a screenshot.
func TestReport(t *testing.T) {
	bin := enabled(t)
	dir := makeRun(t)
	res, err := report.Write(dir, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, report.HTMLFile)

	// The rendered DOM holds every figure, drawn inline.
	dom, stderr := chromium(t, bin, page, "--dump-dom")
	if errs := consoleErrors(stderr); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
	for _, f := range res.Figures {
		i := strings.Index(dom, `<figure id="fig-`+f.Name+`"`)
		if i < 0 {
			t.Errorf("figure %s is not in the DOM", f.Name)
			continue
		}
		end := strings.Index(dom[i:], "</figure>")
		if end < 0 || !strings.Contains(dom[i:i+end], "<svg") || !strings.Contains(dom[i:i+end], "<path") {
			t.Errorf("figure %s has no drawing in the DOM", f.Name)
		}
	}
	if n := strings.Count(dom, "<svg"); n != len(res.Figures)+1 { // and the animated map
		t.Errorf("%d SVG drawings in the DOM, want %d", n, len(res.Figures)+1)
	}
	if !strings.Contains(dom, `<table id="table-headline">`) {
		t.Error("the headline table is not in the DOM")
	}

	// A screenshot, which is not blank.
	shot := filepath.Join(t.ArtifactDir(), "report.png")
	_, stderr = chromium(t, bin, page, "--screenshot="+shot, "--window-size=1280,4000", "--hide-scrollbars")
	if errs := consoleErrors(stderr); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, stderr)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != 1280 || r.Dy() != 4000 {
		t.Errorf("screenshot is %v, want 1280×4000", r.Size())
	}
	inked := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 4 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 4 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
		}
	}
	if total := (1280 / 4) * (4000 / 4); inked < total/50 {
		t.Errorf("the screenshot is nearly blank: %d of %d sampled pixels inked", inked, total)
	}
	if a := os.Getenv("SAHELSIM_ARTIFACTS"); a != "" {
		if err := os.MkdirAll(a, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(a, "report.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot: %s", shot)
}
