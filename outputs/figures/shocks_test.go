package figures

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// TestShockMarks draws a run of the history: its manifest records the
// shocks in date order, each with its step, and its time-series figures
// name them in the legend, in every format; a run without a timeline
// records and draws none.
func TestShockMarks(t *testing.T) {
	dir := t.TempDir()
	run, err := makeRun(dir, "history", 1, sim.Date{})
	if err != nil {
		t.Fatal(err)
	}
	figs, err := DrawAll(run, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Load(run)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range d.Manifest.Shocks {
		ids = append(ids, s.ID)
		if s.Step <= 0 || s.Date == "" {
			t.Errorf("shock %+v: no step or date", s)
		}
	}
	if len(ids) != 19 || !slices.Equal(ids[:4], []string{"vdp_law", "isgs_jnim_war", "takuba", "mali_coup_2020"}) {
		t.Errorf("manifest shocks %v, want the history's 19 in date order", ids)
	}
	if !slices.ContainsFunc(figs, func(f *Figure) bool { return f.Name == "events_by_zone" }) {
		t.Fatal("no events_by_zone figure")
	}
	for _, ext := range []string{"svg", "pdf", "png"} {
		if fi, err := os.Stat(filepath.Join(run, "figures", "events_by_zone."+ext)); err != nil || fi.Size() == 0 {
			t.Errorf("events_by_zone.%s: %v", ext, err)
		}
	}
	svg, err := os.ReadFile(filepath.Join(run, "figures", "events_by_zone.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Takuba operational (Jul 2020)", "coup in Mali (Aug 2020)", "French leave Niger (Dec 2023)"} {
		if !strings.Contains(string(svg), s) {
			t.Errorf("events_by_zone.svg does not name %q", s)
		}
	}
	base, err := os.ReadFile(filepath.Join(sharedRun(t), "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(base), `"shocks"`) {
		t.Error("a run without a timeline records shocks")
	}
}
