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
		fmt.Printf("replicate %d: stream (%d, %d), %d weekly steps from %s\n", r.Rep, r.Seed, r.Rep, r.Steps, r.Clock.Start)
	}
	// Output:
	// replicate 0: stream (42, 0), 196 weekly steps from 2017-01-01
	// replicate 1: stream (42, 1), 196 weekly steps from 2017-01-01
}
