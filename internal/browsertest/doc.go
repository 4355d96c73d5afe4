// Package browsertest checks a run's report.html in a real browser: its
// test opens the page in headless Chromium (Debian's chromium package,
// installed by install.sh), fails on any message the page logs to the
// console, checks that every figure is in the rendered DOM and saves a
// screenshot.
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
