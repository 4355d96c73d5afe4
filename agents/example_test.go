package agents_test

import (
	"fmt"
	"log"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/geo"
	"github.com/sahelsim/sahelsim/sim"
)

// Example builds a world from the default parameters on the 0.5° grid,
// advances it through 2017 and reads what happened from its event log, as
// an observer would.
func Example() {
	p := agents.Default()
	p.Zones = map[string]*agents.Zone{
		"central_mali": {Label: "Central Mali", Regions: []string{"Mopti", "Ségou"}},
	}
	if err := agents.Validate(&p); err != nil {
		log.Fatal(err)
	}
	g, err := geo.Build(p.Map.Resolution)
	if err != nil {
		log.Fatal(err)
	}
	w := agents.New(&p, g, sim.NewRand(p.Seed, 0))
	fmt.Println("cells:", len(g.Cells), "zones:", w.ZoneIDs)
	fmt.Println("steps:", w.Clock.Steps, "from", w.Date())

	violent := 0
	for w.Date().Year() == 2017 {
		w.Log.Reset()
		w.Advance()
		for _, e := range w.Log.Events() {
			if e.Type.Violent() {
				violent++
			}
		}
	}
	fmt.Println("now:", w.Date(), "after", w.Step, "steps")
	fmt.Println("violent events in 2017:", violent > 50 && violent < 1000)
	fmt.Println("FLM's leader alive:", w.Groups[agents.FLM].LeaderAlive)
	fmt.Println("Ansaroul Islam's first leader killed:", w.Groups[agents.AnsaroulIslam].LeaderDeaths > 0)
	// Output:
	// cells: 580 zones: [central_mali rest]
	// steps: 196 from 2017-01-01
	// now: 2018-01-07 after 53 steps
	// violent events in 2017: true
	// FLM's leader alive: true
	// Ansaroul Islam's first leader killed: true
}
