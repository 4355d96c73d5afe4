package runner_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/scenarios"
)

func ExampleRun() {
	sc, err := scenarios.Load("baseline")
	if err != nil {
		log.Fatal(err)
	}
	reps, err := runner.Run(context.Background(), sc, 42, 2, 0, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range reps {
		fmt.Printf("replicate %d: seed %d, %d weekly steps from %s\n", r.Rep, r.Seed, r.Steps, r.Clock.Start)
	}
	// Each replicate's own seed reproduces it alone, as replicate 0 of a
	// run with that seed ('sahelsim run --seed 6933892687036408 --reps 1').
	// Output:
	// replicate 0: seed 42, 196 weekly steps from 2017-01-01
	// replicate 1: seed 6933892687036408, 196 weekly steps from 2017-01-01
}
