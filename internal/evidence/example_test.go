package evidence_test

import (
	"fmt"
	"log"

	"github.com/sahelsim/sahelsim/internal/evidence"
)

func ExampleTargets() {
	targets, err := evidence.Targets()
	if err != nil {
		log.Fatal(err)
	}
	t, _ := evidence.Find(targets, "jnim_share_events")
	fmt.Printf("%s: %g (band %g–%g), %s\n", t.ID, t.Value, t.Low, t.High, t.Period)
	// Output:
	// jnim_share_events: 0.64 (band 0.55–0.73), 2017-01..2020-09
}
