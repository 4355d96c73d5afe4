package validate_test

import (
	"log"
	"os"
	"strings"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
)

// Validating three replicates against a user's targets file: one target is
// measured by its summary.csv column, the other by nothing the model has.
func ExampleValidate() {
	targets, err := evidence.ReadTargets(strings.NewReader(
		"id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\n" +
			"jnim_share_events,JNIM's share of events,0.64,0.55,0.73,2017-2020,Sahel,\"more than 64 percent of all episodes\"\n" +
			"rainfall_mm,yearly rainfall,400,300,500,,,\n"))
	if err != nil {
		log.Fatal(err)
	}
	var reps []*outputs.Replicate
	for i, v := range []float64{0.60, 0.64, 0.65} {
		reps = append(reps, &outputs.Replicate{Rep: i, Columns: []string{"jnim_share_events"}, Summary: []float64{v}})
	}
	results, err := validate.Validate(reps, targets, nil)
	if err != nil {
		log.Fatal(err)
	}
	validate.Print(os.Stdout, results)
	// Output:
	// id                 report  band         mean  95% CI         fit            CI meets band  source
	// jnim_share_events  0.64    0.55 – 0.73  0.63  0.564 – 0.696  ok             yes            “more than 64 percent of all episodes”
	// rainfall_mm        400     300 – 500                         not simulated
	//
	// rainfall_mm: no indicator of the model measures it
}
