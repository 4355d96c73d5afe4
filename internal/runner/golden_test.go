package runner_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt with the current digests")

// TestGoldenDigests pins the model's results: the SHA-256 of the baseline's
// events.csv, defections.csv, displacement.csv, summary.csv and
// timeseries.csv (every breakdown, --series full) for 3 replicates at
// seed 7.
// A change in results between commits fails here, so it is always
// deliberate and visible in review: rerun with -update only when the change
// is intended, and say why in the commit.
//
//	go test ./internal/runner -run TestGoldenDigests -update
func TestGoldenDigests(t *testing.T) {
	cases := []struct {
		scenario string
		seed     uint64
		reps     int
	}{
		{"baseline", 7, 3},
		{"combined", 7, 2},
	}
	var got strings.Builder
	for _, c := range cases {
		sc, err := scenarios.Load(c.scenario)
		if err != nil {
			t.Fatal(err)
		}
		reps, err := runner.Run(t.Context(), sc, c.seed, c.reps, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		files := []struct {
			name  string
			write func(io.Writer, []*outputs.Replicate) error
		}{
			{outputs.EventsFile, outputs.WriteEvents},
			{outputs.DefectionsFile, outputs.WriteDefections},
			{outputs.DisplacementFile, outputs.WriteDisplacement},
			{outputs.SummaryFile, outputs.WriteSummary},
			{outputs.TimeSeriesFile, func(w io.Writer, reps []*outputs.Replicate) error {
				return outputs.WriteTimeSeries(w, reps, outputs.SeriesFull)
			}},
		}
		for _, f := range files {
			var buf bytes.Buffer
			if err := f.write(&buf, reps); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(buf.Bytes())
			fmt.Fprintf(&got, "%s seed=%d reps=%d %s %s\n", c.scenario, c.seed, c.reps, f.name, hex.EncodeToString(sum[:]))
		}
	}
	golden := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if got.String() != string(want) {
		t.Errorf("the model's outputs changed:\n got:\n%s want (%s):\n%s\nIf the change is intended, rerun with -update and say why in the commit.", got.String(), golden, want)
	}
}
