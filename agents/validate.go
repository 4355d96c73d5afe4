package agents

import (
	"fmt"
	"github.com/sahelsim/sahelsim/internal/textdist"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/sahelsim/sahelsim/internal/geo"
)

// A FieldError reports a parameter that is invalid for the model: Key is
// its dotted path in the scenario (e.g. "policy.reintegration.zones"),
// Value the offending value, and Msg what is allowed.
type FieldError struct {
	Key   string
	Value any
	Msg   string
	// Element is the position of the value in the list at Key, from 1
	// (as every error counts list positions); 0 for a key's own value.
	Element int
}

func (e *FieldError) Error() string {
	key := e.Key
	if e.Element > 0 {
		key = fmt.Sprintf("%s: element %d", e.Key, e.Element)
	}
	if e.Value == nil {
		return fmt.Sprintf("%s: %s", key, e.Msg)
	}
	return fmt.Sprintf("%s = %v: %s", key, e.Value, e.Msg)
}

// at returns e as the error of element i (from 0) of the list at e.Key.
func (e *FieldError) at(i int) *FieldError {
	e.Element = i + 1
	return e
}

// Validate checks what the schema's tags cannot: that zones, groups and
// regions named anywhere exist, that no region is in two zones, that the
// resolution divides a degree, and that dates are in order. It returns the
// first problem as a *FieldError, or nil.
func Validate(p *Params) error {
	regions, err := studyRegions()
	if err != nil {
		return err
	}
	if _, err := communityTable(); err != nil {
		return err
	}
	known := make(map[string]bool, len(regions))
	names := make([]string, 0, len(regions))
	for _, r := range regions {
		known[r.Name] = true
		names = append(names, r.Name)
	}
	region := func(key, name string) *FieldError {
		if !known[name] {
			return &FieldError{Key: key, Value: name, Msg: "unknown admin-1 region; " + nearest(name, names)}
		}
		return nil
	}
	if p.End.Before(p.Start) {
		return &FieldError{Key: "end", Value: p.End, Msg: "must not be before start " + p.Start.String()}
	}
	if r := 1 / p.Map.Resolution; math.Abs(r-math.Round(r)) > 1e-9 {
		return &FieldError{Key: "map.resolution", Value: p.Map.Resolution, Msg: "must divide one degree (1, 0.5, 0.25, 0.125, …)"}
	}
	zoneIDs := slices.Sorted(maps.Keys(p.Zones))
	inZone := map[string]string{}
	for _, id := range zoneIDs {
		z := p.Zones[id]
		if id == RestZone || id == "all" {
			return &FieldError{Key: "zones." + id, Msg: "\"rest\" (the regions no zone lists) and \"all\" (totals in outputs) are reserved zone ids"}
		}
		for i, name := range z.Regions {
			key := "zones." + id + ".regions"
			if err := region(key, name); err != nil {
				return err.at(i)
			}
			if other, ok := inZone[name]; ok {
				return (&FieldError{Key: key, Value: name, Msg: "region already in zone " + other}).at(i)
			}
			inZone[name] = id
		}
	}
	zone := func(key, id string) *FieldError {
		if id != RestZone && p.Zones[id] == nil {
			return &FieldError{Key: key, Value: id, Msg: "unknown zone; zones are " + strings.Join(append(zoneIDs, RestZone), ", ")}
		}
		return nil
	}
	group := func(key, id string) *FieldError {
		if GroupIndex(id) < 0 {
			return &FieldError{Key: key, Value: id, Msg: "unknown group; groups are " + strings.Join(GroupIDs[:], ", ")}
		}
		return nil
	}
	for gi, gp := range p.Groups.List() {
		key := "groups." + GroupIDs[gi]
		for i, name := range gp.Areas {
			if err := region(key+".areas", name); err != nil {
				return err.at(i)
			}
		}
		for i, id := range gp.Kin {
			if CommunityIndex(id) < 0 {
				return (&FieldError{Key: key + ".kin", Value: id, Msg: "unknown community; communities are " + strings.Join(CommunityIDs[:], ", ")}).at(i)
			}
		}
		if lat, lon := gp.Home[0], gp.Home[1]; lat < 4 || lat > 26 || lon < -13 || lon > 5 {
			return &FieldError{Key: key + ".home", Value: gp.Home, Msg: "must be (latitude, longitude) within the study area (4..26 N, 13 W..5 E)"}
		}
	}
	for fi, fp := range p.Forces.list() {
		key := "forces." + ForceIDs[fi]
		for i, iso := range fp.Countries {
			if iso != "MLI" && iso != "BFA" && iso != "NER" {
				return (&FieldError{Key: key + ".countries", Value: iso, Msg: "must be MLI, BFA or NER"}).at(i)
			}
		}
		for i, z := range fp.Zones {
			if err := zone(key+".zones", z); err != nil {
				return err.at(i)
			}
		}
	}
	for li, l := range p.Policy.levers() {
		if l == nil {
			continue
		}
		key := "policy." + LeverIDs[li]
		if !l.End.IsZero() && l.End.Before(l.Start) {
			return &FieldError{Key: key + ".end", Value: l.End, Msg: "must not be before the lever's start " + l.Start.String()}
		}
		for i, z := range l.Zones {
			if err := zone(key+".zones", z); err != nil {
				return err.at(i)
			}
		}
		for i, g := range l.Groups {
			if err := group(key+".groups", g); err != nil {
				return err.at(i)
			}
		}
	}
	if ci := p.Policy.Counterinsurgency; ci != nil {
		for i, z := range ci.CutOff {
			if err := zone("policy.counterinsurgency.cut_off", z); err != nil {
				return err.at(i)
			}
		}
	}
	return nil
}

// studyRegions parses the embedded region list once per process: the map
// data are constant, and validation runs for every scenario a sweep makes.
var studyRegions = sync.OnceValues(geo.Regions)

// nearest returns the name closest to s among names (by edit distance),
// quoted, as a hint.
func nearest(s string, names []string) string {
	best, bestD := "", math.MaxInt
	for _, n := range names {
		if d := textdist.Levenshtein(strings.ToLower(s), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return fmt.Sprintf("did you mean %q?", best)
}
