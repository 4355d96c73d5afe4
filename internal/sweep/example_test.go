package sweep_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// A sweep of two FLM strengths over six months, 2 replicates each, run
// as two shards (as two tasks of a Slurm job array would) and merged.
func Example() {
	sw, err := scenarios.ParseSweep([]byte(`
scenario = "baseline"
replicates = 2
[parameters]
end = [2017-06-30]
"groups.flm.fighters" = [800, 1600]
`), "")
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "sweep-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	m, err := sweep.NewManifest(sw, sweep.SeriesNone, outputs.ReadBuild("", ""))
	if err != nil {
		log.Fatal(err)
	}
	if m, err = sweep.Prepare(dir, m); err != nil {
		log.Fatal(err)
	}
	for i := range 2 {
		res, err := sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: 1, Shard: sweep.Shard{Index: i, Count: 2}})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("shard %d/2: %d runs\n", i, res.Done)
	}
	sum, err := sweep.Merge(dir)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sum.Written, "runs merged")
	b, err := os.ReadFile(filepath.Join(dir, sweep.RunsCSV))
	if err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, ",")
		fmt.Println(f[0], f[2], f[3], f[5], f[6])
	}
	// Output:
	// shard 0/2: 2 runs
	// shard 1/2: 2 runs
	// 4 runs merged
	// run point replicate end groups.flm.fighters
	// 0 0 0 2017-06-30 800
	// 1 1 0 2017-06-30 1600
	// 2 0 1 2017-06-30 800
	// 3 1 1 2017-06-30 1600
}
