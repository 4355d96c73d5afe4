package scenarios_test

import (
	"bytes"
	"fmt"
	"log"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/scenarios"
)

func ExampleLoad() {
	s, err := scenarios.Load("baseline")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Name, s.Start, s.End)
	fmt.Println(s.Groups.FLM.Label)
	fmt.Println(s.Zones["central_mali"].Regions)
	// Output:
	// baseline 2017-01-01 2020-09-30
	// Macina Liberation Front (FLM)
	// [Mopti Ségou]
}

func ExampleList() {
	for _, info := range scenarios.List()[:2] {
		fmt.Println(info.Name)
	}
	// Output:
	// baseline
	// combined
}

func ExampleParse() {
	text := `extends = "baseline"
name = "more_flm"

[groups.flm]
fighters = 2000

[policy.reintegration]
intensity = 0.5
`
	s, err := scenarios.Parse([]byte(text), "more_flm.toml")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Name, "extends", s.Extends)
	fmt.Println("FLM:", s.Groups.FLM.Fighters, "fighters, led by", s.Groups.FLM.Leader)
	r := s.Policy.Reintegration
	fmt.Println("reintegration from", r.Start, "at intensity", r.Intensity, "for", r.Weeks, "weeks")
	// Output:
	// more_flm extends baseline
	// FLM: 2000 fighters, led by Amadou Koufa
	// reintegration from 2018-01-01 at intensity 0.5 for 26 weeks
}

func ExampleParse_error() {
	text := "[groups.flm]\nfightrs = 2000\n"
	_, err := scenarios.Parse([]byte(text), "my.toml")
	fmt.Println(err)
	// Output:
	// my.toml:2: groups.flm.fightrs: unknown key (did you mean "fighters"?)
}

func ExampleScenario_Set() {
	s, err := scenarios.Load("baseline")
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range []int{500, 1000} {
		run := s.Clone()
		if err := run.Set("groups.flm.fighters", n); err != nil {
			log.Fatal(err)
		}
		v, _ := run.Get("groups.flm.fighters")
		fmt.Println(v)
	}
	fmt.Println(s.Set("groups.flm.succession", 1.5))
	// Output:
	// 500
	// 1000
	// groups.flm.succession: want a value from 0 to 1, got 1.5
}

func ExampleEncode() {
	s, err := scenarios.Parse([]byte("name = \"fine\"\n[map]\nresolution = 0.25\n"), "")
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	if err := scenarios.Encode(&b, s); err != nil {
		log.Fatal(err)
	}
	// The file has every key; print its head and its map table.
	lines := strings.Split(b.String(), "\n")
	fmt.Println(strings.Join(lines[:7], "\n"))
	i := slices.Index(lines, "[map]")
	fmt.Println(strings.Join(lines[i:i+3], "\n"))
	// Output:
	// # Scenario file, resolved: every key has its value, nothing is inherited.
	// # short name of the scenario (default: the file name without .toml)
	// name = "fine"
	// # what the scenario represents and what it tests
	// description = ""
	// # which model runs
	// model = "sahel"
	// [map]
	// # grid cell size [degrees]
	// resolution = 0.25
}
