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

func ExamplePatternTargets() {
	targets, err := evidence.PatternTargets()
	if err != nil {
		log.Fatal(err)
	}
	t, _ := evidence.Find(targets, "acled_events_2019h1")
	fmt.Printf("%s (%s): %g, band %.0f–%.0f\n%s\n", t.ID, t.Kind, t.Value, t.Low, t.High, evidence.ACLEDAttribution)
	// Output:
	// acled_events_2019h1 (half_year): 400, band 289–551
	// Aggregated from ACLED data (acleddata.com); see ACLED's terms of use.
}
