package browsertest

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// weekCounts reads the rows of a run's file (events.csv or
// displacement.csv) of replicate rep, by step, keeping those keep
// selects: what the animated map must draw each week.
func weekCounts(t *testing.T, path string, rep int, keep func(header, row []string) bool) map[int]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]int{}
	for _, r := range rows[1:] {
		if r[0] != strconv.Itoa(rep) || !keep(rows[0], r) {
			continue
		}
		s, err := strconv.Atoi(r[1])
		if err != nil {
			t.Fatal(err)
		}
		out[s]++
	}
	return out
}

// TestWatch opens the animated map of a run's report.html in headless
// Chromium, as a user would: it scrubs the slider with the keyboard to a
// week, checks that the map draws as many events as events.csv has that
// week for the replicate it shows (and as many cells of displacement as
// displacement.csv, with that layer on), that the date and the running
// totals follow, that colouring by the observed label recolours the
// events, that play moves on; and that the page logs nothing to the
// console and makes no network request.
func TestWatch(t *testing.T) {
	bin := enabled(t)
	dir := makeRun(t)
	if _, err := report.Write(dir, report.Options{Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, report.HTMLFile)
	militant := func(h, r []string) bool { return r[slices.Index(h, "militant")] == "true" }
	events := weekCounts(t, filepath.Join(dir, outputs.EventsFile), report.WatchReplicate, militant)
	displaced := weekCounts(t, filepath.Join(dir, outputs.DisplacementFile), report.WatchReplicate, func(_, _ []string) bool { return true })
	// A week with several events and some displacement, and one without
	// events.
	week, empty := -1, -1
	for s := 60; s < 190; s++ {
		if week < 0 && events[s] >= 3 && displaced[s] >= 1 {
			week = s
		}
		if empty < 0 && events[s] == 0 {
			empty = s
		}
	}
	if week < 0 {
		t.Fatal("no week with events and displacement in the run")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 2000))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	var mu sync.Mutex
	var problems, requests []string
	err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value))
			}
			problems = append(problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: page}).String()
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	const circles = `Array.from(document.querySelectorAll('#watch-events circle.ev'))`
	colours := func() []string {
		t.Helper()
		c, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](circles+`.map(c => c.getAttribute('fill'))`))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(pageURL), chromedp.WaitVisible(css("#watch-map"))); err != nil {
		t.Fatal(err)
	}
	week1 := text("#watch-date")
	// Scrub with the keyboard, as a user does: Home, then → week times.
	keys := []chromedp.Action[chromedp.Void]{chromedp.Focus(css("#watch-week")), chromedp.KeyEvent(kb.Home)}
	for range week {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowRight))
	}
	if err := chromedp.Do(bctx, keys...); err != nil {
		t.Fatal(err)
	}
	drawn, err := chromedp.Run(bctx, chromedp.Evaluate[int](circles+`.length`))
	if err != nil {
		t.Fatal(err)
	}
	date, head := text("#watch-date"), text("#watch-totals tr:first-child th")
	byGroup := colours()
	if err := chromedp.Do(bctx, chromedp.Click(css(`input[name="watch-color"][value="label"]`))); err != nil {
		t.Fatal(err)
	}
	byLabel := colours()
	if err := chromedp.Do(bctx, chromedp.Click(css("#watch-layer"))); err != nil {
		t.Fatal(err)
	}
	disp, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('#watch-displaced rect.disp').length`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(week1, "Week 1 of ") {
		t.Errorf("the map opens at %q, want week 1", week1)
	}
	if drawn != events[week] {
		t.Errorf("week %d: the map draws %d events, events.csv has %d militant events of replicate %d", week+1, drawn, events[week], report.WatchReplicate)
	}
	if disp != displaced[week] {
		t.Errorf("week %d: the map draws %d cells of displacement, displacement.csv has %d rows of replicate %d", week+1, disp, displaced[week], report.WatchReplicate)
	}
	sc := readManifestDate(t, dir, week)
	if !strings.Contains(date, fmt.Sprintf("Week %d of ", week+1)) || !strings.Contains(date, sc) {
		t.Errorf("the date shown at week %d is %q, want it to name %s", week+1, date, sc)
	}
	if head != "True group" {
		t.Errorf("the totals' head is %q", head)
	}
	if len(byGroup) != drawn || len(byLabel) != drawn || slices.Equal(byGroup, byLabel) && !allSameLabels(t, dir, week) {
		t.Errorf("colouring by the observed label did not recolour the events: %v, then %v", byGroup, byLabel)
	}

	// A week without events draws none; play moves on.
	none, err := chromedp.Run(bctx, chromedp.Evaluate[int](fmt.Sprintf(`(() => { const s = document.getElementById('watch-week'); s.value = %d; s.dispatchEvent(new Event('input')); return document.querySelectorAll('#watch-events circle.ev').length })()`, empty)))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Click(css("#watch-play")), chromedp.Sleep(700*time.Millisecond), chromedp.Click(css("#watch-play"))); err != nil {
		t.Fatal(err)
	}
	later := text("#watch-date")
	if empty >= 0 && none != 0 {
		t.Errorf("week %d, without events, draws %d", empty+1, none)
	}
	if strings.Contains(later, fmt.Sprintf("Week %d of ", empty+1)) {
		t.Errorf("play did not move on from week %d: %q", empty+1, later)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the page logged:\n%s", strings.Join(problems, "\n"))
	}
	for _, r := range requests {
		if r != pageURL {
			t.Errorf("the page requested %s", r)
		}
	}
	if len(requests) == 0 {
		t.Error("no request seen: the listener does not work")
	}
}

// readManifestDate returns the first day of step s of the run in dir.
func readManifestDate(t *testing.T, dir string, s int) string {
	t.Helper()
	d, err := outputs.ReadRun(dir, outputs.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Clock.Date(s).String()
}

// allSameLabels reports whether every militant event of the watched
// replicate in step s has the label of its true group (so that the
// colours cannot change).
func allSameLabels(t *testing.T, dir string, s int) bool {
	t.Helper()
	d, err := outputs.ReadRun(dir, outputs.ReadOptions{Events: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Events[report.WatchReplicate] {
		if g, ok := e.Militant(); ok && int(e.Step) == s && int(e.Label) != g {
			return false
		}
	}
	return true
}
