package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "v")
	code, stdout, stderr := execute(t, "validate", "--reps", "3", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	for _, s := range []string{"95% CI", "jnim_share_events", "flm_areas_share_jnim_fatalities", "gold_capacity_kg", "“", "3 replicates of baseline",
		"Events and fatalities per half-year (ACLED, Jan 2017 – Jun 2019):", "acled_label_ambiguous_burkina_faso_2019h1",
		"Targets met", "training-window patterns", "Aggregated from ACLED data (acleddata.com); see ACLED's terms of use."} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	f, err := os.Open(filepath.Join(out, "validation.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(rows[0][:9], ","); h != "id,what,target,low,high,mean,ci_low,ci_high,within" {
		t.Errorf("header starts %q", h)
	}
	// Every report figure, and the fatalities of the FLM areas beside
	// their events, then the 96 patterns of the training window.
	kinds := map[string]int{}
	for _, r := range rows[1:] {
		kinds[r[13]]++
	}
	if len(rows) != 1+15+96 || kinds["report"] != 15 || kinds["label_mix"] != 36 {
		t.Errorf("%d rows, kinds %v; want 15 of the report and 96 patterns", len(rows)-1, kinds)
	}
	for _, r := range rows[1:] {
		if r[8] == "not simulated" {
			t.Errorf("%s: not simulated, yet the model measures every report figure", r[0])
		}
		if r[0] == "gold_capacity_kg" && (r[8] != "no band" || r[5] == "") {
			t.Errorf("gold_capacity_kg: within %q mean %q; want a mean and no band", r[8], r[5])
		}
	}
	for _, f := range []string{"manifest.json", "figures/patterns_half_year.pdf", "figures/patterns_label_mix.svg", "figures/patterns_event_size.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

func TestValidateTargets(t *testing.T) {
	dir := t.TempDir()
	targets := filepath.Join(dir, "mine.csv")
	os.WriteFile(targets, []byte("id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\n"+
		"events_total,militant events,1500,1000,2000,2017-2020,Sahel,my own count\n"+
		"jnim_share_events,JNIM's share,0.64,0.55,0.73,,,\n"+
		"rainfall_mm,rainfall,400,300,500,,,\n"), 0o644)
	out := filepath.Join(dir, "v")
	code, stdout, stderr := execute(t, "validate", "--reps", "2", "--targets", targets, "--out", out, "-q", "--no-patterns", "--no-plots")
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "validation.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	ids := []string{}
	for _, r := range rows[1:] {
		ids = append(ids, r[0]+":"+r[8])
	}
	got := strings.Join(ids, " ")
	if !strings.HasPrefix(got, "events_total:") || strings.HasPrefix(got, "events_total:not") ||
		!strings.Contains(got, "jnim_share_events:") || !strings.Contains(got, "rainfall_mm:not simulated") || len(ids) != 3 {
		t.Errorf("rows %s: want events_total validated, jnim_share_events, rainfall_mm not simulated", got)
	}
	if !strings.Contains(stdout, "rainfall_mm: no indicator of the model measures it") {
		t.Errorf("stdout does not explain rainfall_mm:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "figures")); err == nil {
		t.Error("--no-plots drew figures")
	}
}

func TestValidateBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\nx,y,lots,,,,,\n"), 0o644)
	existing := filepath.Join(dir, "existing")
	os.Mkdir(existing, 0o755)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"bad targets file", []string{"validate", "--targets", bad, "--out", filepath.Join(dir, "o1")}, "bad.csv: line 2: x: value \"lots\""},
		{"missing targets file", []string{"validate", "--targets", filepath.Join(dir, "none.csv"), "--out", filepath.Join(dir, "o2")}, "none.csv"},
		{"zero replicates", []string{"validate", "--reps", "0", "--out", filepath.Join(dir, "o3")}, "--reps"},
		{"existing directory", []string{"validate", "--reps", "1", "--out", existing, "-q"}, "--force"},
		{"unknown scenario", []string{"validate", "baselin", "--out", filepath.Join(dir, "o4")}, `did you mean "baseline"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit code %d, stderr %q; want 2 and %q", code, stderr, tt.stderr)
			}
		})
	}
	for _, o := range []string{"o1", "o2", "o3", "o4"} {
		if _, err := os.Stat(filepath.Join(dir, o)); err == nil {
			t.Errorf("bad input left %s behind", o)
		}
	}
}

func TestValidateDefaultDir(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, _, stderr := execute(t, "validate", "--reps", "1", "-q"); code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join("runs", "validation-baseline", "validation.csv")); err != nil {
		t.Errorf("default output directory: %v", err)
	}
}
