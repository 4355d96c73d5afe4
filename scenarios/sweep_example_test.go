package scenarios_test

import (
	"fmt"
	"log"

	"github.com/sahelsim/sahelsim/scenarios"
)

func ExampleParseSweep() {
	text := `scenarios = ["baseline", "reintegration"]
replicates = 20
seed = 1

[parameters]
"groups.flm.fighters" = [1000, 2000]
`
	sw, err := scenarios.ParseSweep([]byte(text), "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sw.NumPoints(), "points,", sw.NumRuns(), "runs")
	for p := range sw.NumPoints() {
		fmt.Printf("point %d: %s\n", p, sw.Describe(p))
	}
	// Run 5 is replicate 1 of point 1; its seed is replicate 1's at every point.
	r := sw.Run(5)
	fmt.Println(r.Point, r.Replicate, r.Seed == sw.Run(4).Seed)
	// Output:
	// 4 points, 80 runs
	// point 0: baseline, groups.flm.fighters = 1000
	// point 1: baseline, groups.flm.fighters = 2000
	// point 2: reintegration, groups.flm.fighters = 1000
	// point 3: reintegration, groups.flm.fighters = 2000
	// 1 1 true
}

func ExampleParseSweep_error() {
	text := `scenario = "reintegration"
[parameters]
"policy.reintegration.intensty" = [0.5, 1.0]
`
	_, err := scenarios.ParseSweep([]byte(text), "my_sweep.toml")
	fmt.Println(err)
	// Output:
	// my_sweep.toml:3: policy.reintegration.intensty: unknown key (did you mean "policy.reintegration.intensity"?)
}

func ExampleLoadSweep() {
	sw, err := scenarios.LoadSweep("reintegration_intensity")
	if err != nil {
		log.Fatal(err)
	}
	p := sw.Parameters[0]
	fmt.Println(p.Path, p.Kind, p.Values)
	fmt.Println(sw.NumRuns(), "runs")
	// Output:
	// policy.reintegration.intensity float [0 0.25 0.5 0.75 1]
	// 100 runs
}
