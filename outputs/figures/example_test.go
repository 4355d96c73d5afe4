package figures_test

import (
	"fmt"
	"image/color"
	"log"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// Figures lists the figures a directory allows: here a small sweep with a
// policy comparison.
func ExampleFigures() {
	d, err := figures.Load("testdata/sweep")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Kind, len(d.Points()), "points")
	for _, f := range figures.Figures(d, figures.Options{}) {
		fmt.Printf("%s: %.1f in wide\n", f.Name, f.Width.Points()/72)
	}
	// Output:
	// sweep 4 points
	// events_by_point: 7.0 in wide
	// fatalities_by_point: 7.0 in wide
	// sweep_policy_disaggregation_intensity: 7.0 in wide
	// attribution_by_point: 7.0 in wide
	// compare_forest: 7.0 in wide
}

func ExampleParseFormats() {
	formats, err := figures.ParseFormats("svg, PDF")
	fmt.Println(formats, err)
	_, err = figures.ParseFormats("eps")
	fmt.Println(err)
	// Output:
	// [svg pdf] <nil>
	// figures: format "eps": want pdf, svg or png
}

// Every figure gives each group the same Okabe–Ito colour.
func ExampleGroupColor() {
	hex := func(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }
	for g, id := range agents.GroupIDs {
		fmt.Println(figures.GroupName(id), hex(figures.GroupColor(g)))
	}
	fmt.Println(figures.GroupName("JNIM"), hex(figures.LabelColor("JNIM")))
	// Output:
	// FLM #D55E00
	// Ansar Dine #0072B2
	// Katiba Serma #56B4E9
	// Ansaroul Islam #E69F00
	// AQIM Sahara #009E73
	// al-Mourabitoun #CC79A7
	// ISGS #000000
	// JNIM #767676
}
