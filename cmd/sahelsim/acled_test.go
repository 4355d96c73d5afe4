package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/outputs"
)

const acledSample = "../../internal/acled/testdata/acled_sahel_sample.csv"

// makeRun runs the baseline with reps replicates into a new directory.
func makeRun(t *testing.T, reps string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := execute(t, "run", "--reps", reps, "--out", dir, "-q"); code != 0 {
		t.Fatalf("run: exit code %d; stderr:\n%s", code, stderr)
	}
	return dir
}

func TestACLEDExport(t *testing.T) {
	dir := makeRun(t, "2")
	out := filepath.Join(dir, "events_acled.csv")
	code, stdout, stderr := execute(t, "acled", "export", dir)
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "2 replicates") || !strings.Contains(stdout, out) {
		t.Errorf("stdout %q", stdout)
	}
	all, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(all), "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,") {
		t.Errorf("header: %.120s", all)
	}
	for _, s := range []string{"sahelsim rep 0, step", "sahelsim rep 1, step", "Katiba Macina", "Civilian targeting"} {
		if !strings.Contains(string(all), s) {
			t.Errorf("the export lacks %q", s)
		}
	}
	if code, _, stderr := execute(t, "acled", "export", dir); code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("export again: exit code %d, stderr %q; want 2 and a hint at --force", code, stderr)
	}
	if code, _, stderr := execute(t, "acled", "export", dir, "--rep", "1", "--force"); code != 0 {
		t.Fatalf("--rep 1 --force: exit code %d; stderr:\n%s", code, stderr)
	}
	one, _ := os.ReadFile(out)
	if strings.Contains(string(one), "sahelsim rep 0,") || !strings.Contains(string(one), "sahelsim rep 1,") || len(one) >= len(all) {
		t.Error("--rep 1 did not export replicate 1 alone")
	}
	for _, tt := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"replicate out of range", []string{"acled", "export", dir, "--rep", "2", "--force"}, "replicates 0 to 1"},
		{"--rep and --all", []string{"acled", "export", dir, "--rep", "0", "--all", "--force"}, "--rep and --all"},
		{"not a run", []string{"acled", "export", t.TempDir()}, "manifest.json"},
		{"no directory", []string{"acled", "export"}, "accepts 1 arg"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit code %d, stderr %q; want 2 and %q", code, stderr, tt.stderr)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != outputs.DrawnFile {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestACLEDCompare(t *testing.T) {
	dir := makeRun(t, "3")
	code, stdout, stderr := execute(t, "acled", "compare", acledSample, dir)
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	for _, s := range []string{"22 events read, 15 militant Islamist events kept", "2 outside the study area (NER2, NGA1)",
		"2 outside the run's dates", "3 replicates", "jnim_share_events_observed", "90% interval"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "acled_compare.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if lines[0] != "indicator,acled,simulated_mean,simulated_p05,simulated_p95,within" || !strings.HasPrefix(lines[1], "events_total,15,") {
		t.Errorf("acled_compare.csv starts:\n%s\n%s", lines[0], lines[1])
	}
	if code, _, _ := execute(t, "acled", "compare", acledSample, dir); code != 2 {
		t.Errorf("compare again without --force: exit code %d, want 2", code)
	}
	if code, _, stderr := execute(t, "acled", "compare", acledSample, dir, "--force", "--actors", "Katiba Macina"); code != 0 {
		t.Errorf("--actors: exit code %d; stderr:\n%s", code, stderr)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "acled_compare.csv"))
	if !strings.Contains(string(b), "\nevents_total,4,") {
		t.Errorf("with --actors 'Katiba Macina' the file's 4 FLM events should be kept:\n%.200s", b)
	}

	// A monadic export with an "and/or" actor, and an export of the
	// codebook before 2019: the counts their rows mean.
	for _, tt := range []struct {
		file string
		out  []string
		csv  []string
	}{
		{"../../internal/acled/testdata/acled_monadic.csv",
			[]string{"7 events read, 5 militant Islamist events kept", "5 rows repeated an event", "12 rows, 7 events"},
			[]string{"\nevents_total,5,", "\nfatalities_total,27,", "\nlabel_share_ambiguous,0.2,", "\nlabel_share_isgs,0.2,"}},
		{"../../internal/acled/testdata/acled_pre2019.csv",
			[]string{"8 events read, 5 militant Islamist events kept"},
			[]string{"\nevents_total,5,", "\nevents_2017,3,", "\nlabel_share_ambiguous,0.2,", "\nlabel_share_isgs,0,"}},
	} {
		code, stdout, stderr := execute(t, "acled", "compare", tt.file, dir, "--force")
		if code != 0 {
			t.Fatalf("%s: exit code %d; stderr:\n%s", tt.file, code, stderr)
		}
		for _, s := range tt.out {
			if !strings.Contains(stdout, s) {
				t.Errorf("%s: stdout lacks %q:\n%s", tt.file, s, stdout)
			}
		}
		b, _ := os.ReadFile(filepath.Join(dir, "acled_compare.csv"))
		for _, s := range tt.csv {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s: acled_compare.csv lacks %q", tt.file, s)
			}
		}
	}

	malformed := filepath.Join(t.TempDir(), "bad.csv")
	sample, _ := os.ReadFile(acledSample)
	os.WriteFile(malformed, []byte(strings.Replace(string(sample), ",13.44,-6.26,", ",13.44,west,", 1)), 0o644)
	for _, tt := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"malformed row", []string{"acled", "compare", malformed, dir, "--force"}, "bad.csv: line 3: column longitude"},
		{"missing file", []string{"acled", "compare", "nowhere.csv", dir, "--force"}, "nowhere.csv"},
		{"bad pattern", []string{"acled", "compare", acledSample, dir, "--force", "--actors", "(JNIM"}, "--actors"},
		{"not a run", []string{"acled", "compare", acledSample, t.TempDir()}, "manifest.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit code %d, stderr %q; want 2 and %q", code, stderr, tt.stderr)
			}
		})
	}
}
