package report_test

import (
	"fmt"
	"log"
	"os"

	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// A table for a paper: \input it inside a table environment.
func ExampleTable_LaTeX() {
	t := &report.Table{
		Caption: "Fatalities by scenario.",
		Columns: []string{"Scenario", "Fatalities", "90% interval"},
		Align:   "lrr",
		Rows:    [][]string{{"baseline", "7,875", "5,557 – 10,105"}, {"counter_insurgency", "6,120", "4,980 – 7,350"}},
	}
	if err := t.LaTeX(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// % Fatalities by scenario.
	// % Written by sahelsim; needs \usepackage{booktabs}.
	// \begin{tabular}{lrr}
	// \toprule
	// Scenario & Fatalities & 90\% interval \\
	// \midrule
	// baseline & 7,875 & 5,557 -- 10,105 \\
	// counter\_insurgency & 6,120 & 4,980 -- 7,350 \\
	// \bottomrule
	// \end{tabular}
}

// The policy comparison of a sweep, from its compare.csv.
func ExampleCompareTable() {
	d, err := figures.Load("../figures/testdata/sweep")
	if err != nil {
		log.Fatal(err)
	}
	t := report.CompareTable(d)
	for _, row := range t.Rows[:3] {
		fmt.Println(row)
	}
	// Output:
	// [disaggregation (intensity=0.25) Events 1,019 1,069 +50 −15 – +115 2]
	// [ JNIM share of events 64.5% 63.3% −1.2 pp −2.9 pp – +0.4 pp 2]
	// [ Fatalities 5,051 4,851 −200 −340 – −60 2]
}
