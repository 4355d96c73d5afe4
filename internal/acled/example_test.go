package acled_test

import (
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/sahelsim/sahelsim/internal/acled"
)

// Reading an ACLED export: columns are found by name, extra ones are
// ignored, and dates may be in either of ACLED's forms.
func ExampleReader() {
	const export = `event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,civilian_targeting,latitude,longitude,fatalities,population_best
MLI101,12 June 2018,Violence against civilians,Attack,Katiba Macina,Civilians (Mali),Civilian targeting,13.44,-6.26,3,12000
BFA202,2019-10-07,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims,Military Forces of Burkina Faso (2015-2022),,13.09,-1.08,3,
`
	r := acled.NewReader(strings.NewReader(export))
	for {
		e, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s %s: %s (civilians targeted: %v), %d killed\n", e.ID, e.Date, e.EventType, e.Actor1, e.CivilianTargeting, e.Fatalities)
	}
	// Output:
	// MLI101 2018-06-12 Violence against civilians: Katiba Macina (civilians targeted: true), 3 killed
	// BFA202 2019-10-07 Battles: JNIM: Group for Support of Islam and Muslims (civilians targeted: false), 3 killed
}
