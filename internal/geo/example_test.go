package geo_test

import (
	"fmt"
	"log"

	"github.com/sahelsim/sahelsim/internal/geo"
)

func ExampleBuild() {
	g, err := geo.Build(0.25)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("countries:", len(g.Countries))
	fmt.Println("regions:", len(g.Regions))
	fmt.Println("Mopti in grid:", g.RegionIndex("MLI", "Mopti") >= 0)

	i := g.Locate(14.4843, -4.183) // Mopti town
	fmt.Println("Mopti town lies in:", g.Regions[g.Cells[i].Region].Name)
	// Output:
	// countries: 3
	// regions: 25
	// Mopti in grid: true
	// Mopti town lies in: Mopti
}

func ExampleRegions() {
	regions, err := geo.Regions()
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range regions {
		if r.ISO3 == "NER" {
			fmt.Printf("%s %s (%s): %.0f in %d\n", r.ISO3, r.Name, r.Code, r.Population, r.CensusYear)
		}
	}
	// Output:
	// NER Niamey (NE-8): 1026848 in 2012
	// NER Tahoua (NE-5): 3328365 in 2012
	// NER Tillabéri (NE-6): 2722482 in 2012
}
