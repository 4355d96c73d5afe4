package report_test

import (
	"fmt"
	"log"
	"os"

	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// A table for a paper: \input it inside a table environment. The label
// column (X) takes the width the others leave and wraps; a cell or a head
// on several lines is a small tabular.
func ExampleTable_LaTeX() {
	t := &report.Table{
		Caption: "Fatalities by scenario.",
		Columns: []string{"Scenario", "Fatalities\n(thousands)"},
		Align:   "Xr",
		Rows:    [][]string{{"baseline", "7.88\n(5.56–10.1)"}, {"counter_insurgency", "6.12\n(4.98–7.35)"}},
	}
	if err := t.LaTeX(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// % Fatalities by scenario.
	// % Written by sahelsim; needs \usepackage{booktabs} and \usepackage{tabularx}.
	// \begin{tabularx}{\linewidth}{@{}>{\raggedright\arraybackslash\hspace{0pt}}Xr@{}}
	// \toprule
	//  & Fatalities \\
	// Scenario & (thousands) \\
	// \midrule
	// baseline & \begin{tabular}[t]{@{}r@{}}7.88\\(5.56--10.1)\end{tabular} \\
	// counter\_\allowbreak{}insurgency & \begin{tabular}[t]{@{}r@{}}6.12\\(4.98--7.35)\end{tabular} \\
	// \bottomrule
	// \end{tabularx}
}

// The policy comparison of a sweep, from its compare.csv: a section for
// each scenario, a row for each indicator.
func ExampleCompareTable() {
	d, err := figures.Load("../figures/testdata/sweep")
	if err != nil {
		log.Fatal(err)
	}
	t := report.CompareTable(d)
	fmt.Printf("%q\n", t.Columns)
	fmt.Println(t.Sections[0].Title)
	for _, row := range t.Rows[:3] {
		fmt.Println(row)
	}
	// Output:
	// ["Indicator (unit)" "Mean,\nreference" "Mean,\nscenario" "Difference" "95% interval" "n"]
	// disaggregation (intensity=0.25)
	// [Events 1,019 1,069 +50 [−15, +115] 2]
	// [JNIM share of events (%) 64.5 63.3 −1.2 [−2.9, +0.4] 2]
	// [Fatalities 5,051 4,851 −200 [−340, −60] 2]
}
