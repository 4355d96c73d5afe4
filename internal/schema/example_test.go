package schema_test

import (
	"fmt"
	"os"

	"github.com/sahelsim/sahelsim/internal/schema"
)

// Params is a small schema: two keys and an optional table.
type Params struct {
	Fighters int     `toml:"fighters" doc:"fighters at the start" min:"0"`
	Tempo    float64 `toml:"tempo" doc:"attacks per band and week" unit:"1/week" min:"0" max:"5"`
	Lever    *Lever  `toml:"lever" doc:"a policy lever, off unless set"`
}

// Lever is an optional table.
type Lever struct {
	Intensity float64 `toml:"intensity" doc:"how hard it is applied" min:"0" max:"1"`
}

// SetDefaults gives a lever that a file turns on its defaults.
func (l *Lever) SetDefaults() { l.Intensity = 1 }

func Example() {
	p := &Params{Fighters: 800, Tempo: 0.5}
	fmt.Println(schema.Set(p, []string{"fightrs"}, 900))
	fmt.Println(schema.Set(p, []string{"tempo"}, 9))
	fmt.Println(schema.Set(p, []string{"lever", "intensity"}, 0.5))
	schema.Encode(os.Stdout, p)
	// Output:
	// fightrs: unknown key (did you mean "fighters"?)
	// tempo: want a value from 0 to 5, got 9.0
	// <nil>
	// # fighters at the start
	// fighters = 800
	// # attacks per band and week [1/week]
	// tempo = 0.5
	//
	// # a policy lever, off unless set
	// [lever]
	// # how hard it is applied
	// intensity = 0.5
}
