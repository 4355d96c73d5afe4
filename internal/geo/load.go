package geo

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/sim"
)

// The map data, copied from the project's shared data directory; see
// data/SOURCES.md for sources, licences and caveats.
//
//go:embed data/sahel_admin1.geojson data/sahel_countries.geojson
//go:embed data/sahel_admin1_population.csv data/sahel_places.csv
//go:embed data/sahel_corridors.geojson data/sahel_admin1_communities.csv
var dataFS embed.FS

const (
	fileAdmin1     = "data/sahel_admin1.geojson"
	fileCountries  = "data/sahel_countries.geojson"
	filePopulation = "data/sahel_admin1_population.csv"
	filePlaces     = "data/sahel_places.csv"
	fileCorridors  = "data/sahel_corridors.geojson"
)

// studyCountry returns the position of iso3 in Grid.Countries, or -1 if it
// is not a study country.
func studyCountry(iso3 string) int {
	switch iso3 {
	case "MLI":
		return 0
	case "BFA":
		return 1
	case "NER":
		return 2
	}
	return -1
}

// numCountries is the number of study countries.
const numCountries = 3

// inStudy reports whether the admin-1 region name of country iso3 belongs
// to the study area: all of Mali and Burkina Faso, and western Niger.
func inStudy(iso3, name string) bool {
	switch iso3 {
	case "MLI", "BFA":
		return true
	case "NER":
		switch name {
		case "Tillabéri", "Tahoua", "Niamey":
			return true
		}
	}
	return false
}

// A feature is one GeoJSON feature; the geometry is decoded on demand.
type feature struct {
	Properties struct {
		ISO3 string `json:"iso3"`
		Name string `json:"name"`
		Code string `json:"code"`
		Kind string `json:"kind"`
	} `json:"properties"`
	Geometry struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// readFeatures decodes the GeoJSON feature collection in the embedded file
// name.
func readFeatures(name string) ([]feature, error) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	var fc struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("geo: decoding %s: %w", name, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("geo: %s: type %q, want FeatureCollection", name, fc.Type)
	}
	return fc.Features, nil
}

// shape decodes the Polygon or MultiPolygon geometry of f.
func (f *feature) shape() (shape, error) {
	var polys []polygon
	switch f.Geometry.Type {
	case "Polygon":
		var p polygon
		if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
			return shape{}, fmt.Errorf("polygon %q: %w", f.Properties.Name, err)
		}
		polys = []polygon{p}
	case "MultiPolygon":
		if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
			return shape{}, fmt.Errorf("multipolygon %q: %w", f.Properties.Name, err)
		}
	default:
		return shape{}, fmt.Errorf("feature %q: geometry %q, want Polygon or MultiPolygon", f.Properties.Name, f.Geometry.Type)
	}
	return newShape(polys)
}

// line decodes the LineString geometry of f.
func (f *feature) line() ([][2]float64, error) {
	if f.Geometry.Type != "LineString" {
		return nil, fmt.Errorf("feature %q: geometry %q, want LineString", f.Properties.Name, f.Geometry.Type)
	}
	var l [][2]float64
	if err := json.Unmarshal(f.Geometry.Coordinates, &l); err != nil {
		return nil, fmt.Errorf("linestring %q: %w", f.Properties.Name, err)
	}
	if len(l) < 2 {
		return nil, fmt.Errorf("linestring %q: %d points, want at least 2", f.Properties.Name, len(l))
	}
	return l, nil
}

// readCSV reads the embedded CSV file name and returns its rows as maps
// from the header's column names, after checking that every column in want
// is present.
func readCSV(name string, want ...string) ([]map[string]string, error) {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("geo: reading %s: %w", name, err)
	}
	for _, w := range want {
		if !slices.Contains(header, w) {
			return nil, fmt.Errorf("geo: %s: no column %q", name, w)
		}
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("geo: reading %s: %w", name, err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// A StudyRegion is an admin-1 region of the study area, as named in the
// census table.
type StudyRegion struct {
	ISO3       string  // country, "MLI", "BFA" or "NER"
	Name       string  // official name, e.g. "Tillabéri"
	Code       string  // ISO 3166-2 code, e.g. "NE-6"
	Population float64 // census population
	CensusYear int
}

// ProjectedPopulation returns r's census population projected to
// 1 January PopulationYear with its country's growth rate; this is the
// population that Build spreads over r's cells.
func (r StudyRegion) ProjectedPopulation() float64 {
	g, _ := GrowthRate(r.ISO3)
	return project(r.Population, r.CensusYear, g)
}

// Regions returns the study regions in the order of Grid.Regions in the
// grids that Build returns: by country (Mali, Burkina Faso, Niger), then by
// name in byte order.
func Regions() ([]StudyRegion, error) {
	rs, err := loadRegions(false)
	if err != nil {
		return nil, err
	}
	out := make([]StudyRegion, len(rs))
	for i, r := range rs {
		out[i] = r.StudyRegion
	}
	return out, nil
}

// A region is a study region with its outline.
type region struct {
	StudyRegion
	country int // index into Grid.Countries
	shape   shape
}

// loadRegions joins the admin-1 polygons with the census table and returns
// the study regions in Grid order. The outlines are decoded only if
// withShapes is set.
func loadRegions(withShapes bool) ([]region, error) {
	feats, err := readFeatures(fileAdmin1)
	if err != nil {
		return nil, err
	}
	rows, err := readCSV(filePopulation, "iso3", "region", "population", "year")
	if err != nil {
		return nil, err
	}
	type key struct{ iso3, name string }
	census := make(map[key]map[string]string, len(rows))
	for _, row := range rows {
		census[key{row["iso3"], row["region"]}] = row
	}
	var rs []region
	for i := range feats {
		f := &feats[i]
		p := f.Properties
		if !inStudy(p.ISO3, p.Name) {
			continue
		}
		row, ok := census[key{p.ISO3, p.Name}]
		if !ok {
			return nil, fmt.Errorf("geo: region %s %q of %s is not in %s", p.ISO3, p.Name, fileAdmin1, filePopulation)
		}
		pop, err := strconv.ParseFloat(row["population"], 64)
		if err != nil || pop < 0 {
			return nil, fmt.Errorf("geo: %s: population of %q: invalid %q", filePopulation, p.Name, row["population"])
		}
		year, err := strconv.Atoi(row["year"])
		if err != nil {
			return nil, fmt.Errorf("geo: %s: census year of %q: %w", filePopulation, p.Name, err)
		}
		r := region{
			StudyRegion: StudyRegion{ISO3: p.ISO3, Name: p.Name, Code: p.Code, Population: pop, CensusYear: year},
			country:     studyCountry(p.ISO3),
		}
		if withShapes {
			if r.shape, err = f.shape(); err != nil {
				return nil, fmt.Errorf("geo: %s: %w", fileAdmin1, err)
			}
		}
		rs = append(rs, r)
	}
	for _, row := range rows {
		if inStudy(row["iso3"], row["region"]) && !slices.ContainsFunc(rs, func(r region) bool {
			return r.ISO3 == row["iso3"] && r.Name == row["region"]
		}) {
			return nil, fmt.Errorf("geo: region %s %q of %s has no polygon in %s", row["iso3"], row["region"], filePopulation, fileAdmin1)
		}
	}
	slices.SortStableFunc(rs, func(a, b region) int {
		return cmp.Or(cmp.Compare(a.country, b.country), strings.Compare(a.Name, b.Name))
	})
	return rs, nil
}

// loadCountries returns the study countries (in studyCountry order) and
// the outlines of every country of the map.
func loadCountries() ([]sim.Country, []sim.Border, error) {
	feats, err := readFeatures(fileCountries)
	if err != nil {
		return nil, nil, err
	}
	countries := make([]sim.Country, numCountries)
	borders := make([]sim.Border, 0, len(feats))
	for i := range feats {
		f := &feats[i]
		s, err := f.shape()
		if err != nil {
			return nil, nil, fmt.Errorf("geo: %s: %w", fileCountries, err)
		}
		b := sim.Border{ISO3: f.Properties.ISO3, Name: f.Properties.Name}
		for _, p := range s.polys {
			b.Rings = append(b.Rings, p...)
		}
		borders = append(borders, b)
		if c := studyCountry(b.ISO3); c >= 0 {
			countries[c] = sim.Country{ISO3: b.ISO3, Name: b.Name}
		}
	}
	for i, c := range countries {
		if c.ISO3 == "" {
			return nil, nil, fmt.Errorf("geo: %s: study country %d missing", fileCountries, i)
		}
	}
	return countries, borders, nil
}

// loadPlaces returns every row of the places table; the national capitals
// are the towns whose note starts with "capital of".
func loadPlaces() ([]sim.Place, []string, error) {
	rows, err := readCSV(filePlaces, "kind", "name", "iso3", "lat", "lon", "note")
	if err != nil {
		return nil, nil, err
	}
	places := make([]sim.Place, len(rows))
	notes := make([]string, len(rows))
	for i, row := range rows {
		lat, err1 := strconv.ParseFloat(row["lat"], 64)
		lon, err2 := strconv.ParseFloat(row["lon"], 64)
		if err := cmp.Or(err1, err2); err != nil {
			return nil, nil, fmt.Errorf("geo: %s: position of %q: %w", filePlaces, row["name"], err)
		}
		places[i] = sim.Place{
			Kind:    row["kind"],
			Name:    row["name"],
			ISO3:    row["iso3"],
			Lat:     lat,
			Lon:     lon,
			Capital: row["kind"] == "town" && strings.HasPrefix(row["note"], "capital of "),
		}
		notes[i] = row["note"]
	}
	return places, notes, nil
}

// A corridor is a trafficking corridor or road of the corridors file.
type corridor struct {
	name, kind string
	path       [][2]float64 // (lon, lat)
}

// loadCorridors returns the corridors in file order.
func loadCorridors() ([]corridor, error) {
	feats, err := readFeatures(fileCorridors)
	if err != nil {
		return nil, err
	}
	cs := make([]corridor, len(feats))
	for i := range feats {
		f := &feats[i]
		switch f.Properties.Kind {
		case kindTrafficking, kindRoad:
		default:
			return nil, fmt.Errorf("geo: %s: corridor %q: unknown kind %q", fileCorridors, f.Properties.Name, f.Properties.Kind)
		}
		path, err := f.line()
		if err != nil {
			return nil, fmt.Errorf("geo: %s: %w", fileCorridors, err)
		}
		cs[i] = corridor{name: f.Properties.Name, kind: f.Properties.Kind, path: path}
	}
	return cs, nil
}

// fileCommunities is the communal composition of each study region.
const fileCommunities = "data/sahel_admin1_communities.csv"

// CommunityIDs are the communities of the composition table, in the order
// of [RegionCommunities.Shares]: Fulani herders; Dogon, Mossi and other
// sedentary farmers and fishers (Bambara, Songhai, Zarma, Gourmantché,
// Hausa, …); Tuareg and Arab communities.
var CommunityIDs = [...]string{"fulani", "dogon", "mossi", "sedentary", "tuareg_arab"}

// RegionCommunities is the approximate communal composition of one study
// region: the share of its people in each of [CommunityIDs].
type RegionCommunities struct {
	ISO3   string
	Region string
	Shares [len(CommunityIDs)]float64
	Source string
}

// Communities returns the communal composition of every study region, in
// the order of the file (data/sahel_admin1_communities.csv; its sources
// and accuracy are in data/SOURCES.md). Shares are in [0, 1] and sum to 1
// in each region.
func Communities() ([]RegionCommunities, error) {
	want := append([]string{"iso3", "region", "source"}, CommunityIDs[:]...)
	rows, err := readCSV(fileCommunities, want...)
	if err != nil {
		return nil, err
	}
	out := make([]RegionCommunities, 0, len(rows))
	for i, r := range rows {
		rc := RegionCommunities{ISO3: r["iso3"], Region: r["region"], Source: r["source"]}
		sum := 0.0
		for k, id := range CommunityIDs {
			v, err := strconv.ParseFloat(r[id], 64)
			if err != nil || v < 0 || v > 1 {
				return nil, fmt.Errorf("geo: %s row %d: %s = %q: want a share in [0, 1]", fileCommunities, i+2, id, r[id])
			}
			rc.Shares[k] = v
			sum += v
		}
		if math.Abs(sum-1) > 1e-6 {
			return nil, fmt.Errorf("geo: %s row %d: shares of %s sum to %g, want 1", fileCommunities, i+2, rc.Region, sum)
		}
		out = append(out, rc)
	}
	return out, nil
}
