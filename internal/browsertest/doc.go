// Package browsertest checks a run's report.html in a real browser:
// headless Chromium (Debian's chromium package, installed by install.sh),
// driven through the DevTools protocol by chromedp. TestReport fails on
// any message the page logs to the console, checks that every figure is
// in the rendered DOM and saves a screenshot; TestWatch plays the
// animated map as a user would (the slider scrubbed with the keyboard,
// the colouring switched, the displacement layer on, play and pause) and
// checks that the map draws, week by week, as many events as events.csv
// has for the replicate it shows, that the page logs nothing and that it
// makes no request but for itself.
//
// The test needs the browser, so it runs only when SAHELSIM_BROWSER=1 and
// "go test ./..." stays self-contained:
//
//	internal/browsertest/install.sh
//	SAHELSIM_BROWSER=1 go test ./internal/browsertest
//
// The screenshot goes to the test's artifact directory (kept with
// "go test -artifacts -outputdir DIR") and, if SAHELSIM_ARTIFACTS is set,
// to that directory as report.png.
package browsertest
