package outputs_test

import (
	"fmt"
	"math"

	"github.com/sahelsim/sahelsim/outputs"
)

func ExampleIndicators() {
	for _, ind := range outputs.Indicators()[:4] {
		fmt.Printf("%s: %s\n", ind.Name, ind.Doc)
	}
	// Output:
	// events_total: militant events (violent events by a group, and security operations against one: agents.Event.Militant)
	// fatalities_total: fatalities of militant events
	// events_<year>: militant events in the calendar year (by the first day of the step)
	// fatalities_<year>: fatalities of militant events in the calendar year
}

func ExampleMetrics() {
	for _, m := range outputs.Metrics()[:5] {
		fmt.Printf("%s by %s\n", m.Name, m.By)
	}
	// Output:
	// events by zone × group
	// fatalities by zone × group
	// civilian_events by zone × group
	// events_observed by zone × label
	// fighters by group
}

func ExampleFormatFloat() {
	fmt.Printf("%q %q %q\n", outputs.FormatFloat(0.25), outputs.FormatFloat(26500000), outputs.FormatFloat(math.NaN()))
	// Output:
	// "0.25" "2.65e+07" ""
}
