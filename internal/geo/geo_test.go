package geo

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/sim"
)

// resolutions are the grid sizes the model uses.
var resolutions = []float64{0.5, 0.25, 0.125}

// A built grid, with the host cells of regions that have no cell.
type built struct {
	res   float64
	g     *sim.Grid
	hosts []int
	l     *Layers
}

func buildAll(t testing.TB) []built {
	t.Helper()
	var out []built
	for _, res := range resolutions {
		g, hosts, err := build(res)
		if err != nil {
			t.Fatalf("build(%g): %v", res, err)
		}
		l, err := NewLayers(g)
		if err != nil {
			t.Fatalf("NewLayers(%g): %v", res, err)
		}
		out = append(out, built{res, g, hosts, l})
	}
	return out
}

// place returns the place called name.
func place(t testing.TB, g *sim.Grid, name string) sim.Place {
	t.Helper()
	for _, p := range g.Places {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no place %q", name)
	return sim.Place{}
}

// cellAt returns the study cell containing (lat, lon), failing if none.
func cellAt(t testing.TB, g *sim.Grid, what string, lat, lon float64) *sim.Cell {
	t.Helper()
	return &g.Cells[indexAt(t, g, what, lat, lon)]
}

// indexAt returns the index of the cell holding (lat, lon).
func indexAt(t testing.TB, g *sim.Grid, what string, lat, lon float64) int {
	t.Helper()
	i := g.Locate(lat, lon)
	if i < 0 {
		t.Fatalf("res %g: %s (%g, %g) is in no study cell", g.Resolution, what, lat, lon)
	}
	return i
}

// projected returns the population of region r on 1 January PopulationYear.
func projected(g *sim.Grid, r int) float64 {
	reg := g.Regions[r]
	return StudyRegion{ISO3: g.Countries[reg.Country].ISO3, Population: reg.Population, CensusYear: reg.CensusYear}.ProjectedPopulation()
}

func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

func TestGridLayout(t *testing.T) {
	for _, b := range buildAll(t) {
		g := b.g
		if g.Resolution != b.res {
			t.Errorf("res %g: Resolution = %g", b.res, g.Resolution)
		}
		for _, v := range []float64{g.MinLat, g.MinLon} {
			if k := v / b.res; math.Abs(k-math.Round(k)) > 1e-9 {
				t.Errorf("res %g: grid origin %g is not a multiple of the resolution", b.res, v)
			}
		}
		prev := -1
		for i, c := range g.Cells {
			if pos := c.Row*g.Cols + c.Col; pos <= prev {
				t.Fatalf("res %g: cell %d not in row-major order", b.res, i)
			} else {
				prev = pos
			}
			if g.At(c.Row, c.Col) != i || g.Locate(c.Lat, c.Lon) != i {
				t.Fatalf("res %g: cell %d not found at its own position", b.res, i)
			}
			wantLat := g.MinLat + (float64(c.Row)+0.5)*b.res
			wantLon := g.MinLon + (float64(c.Col)+0.5)*b.res
			if math.Abs(c.Lat-wantLat) > 1e-9 || math.Abs(c.Lon-wantLon) > 1e-9 {
				t.Fatalf("res %g: cell %d centre (%g, %g), want (%g, %g)", b.res, i, c.Lat, c.Lon, wantLat, wantLon)
			}
			// Area: about (111.2 km · res)² · cos(lat).
			approx := math.Pow(2*math.Pi*earthRadiusKm/360*b.res, 2) * math.Cos(c.Lat*degree)
			if relErr(c.AreaKm2, approx) > 0.01 {
				t.Fatalf("res %g: cell %d area %g km², want about %g", b.res, i, c.AreaKm2, approx)
			}
		}
	}
}

func TestStudyArea(t *testing.T) {
	// Areas of the study regions (official figures, rounded); the grid
	// must cover them to within 10 %. The Natural Earth polygons of
	// Tillabéri, Tahoua and Niamey cover about 198,000 km².
	want := map[string]float64{"MLI": 1.24e6, "BFA": 274e3, "NER": 210e3}
	for _, b := range buildAll(t) {
		g := b.g
		area := map[string]float64{}
		count := map[string]int{}
		for i, c := range g.Cells {
			area[g.Country(i)] += c.AreaKm2
			count[g.Country(i)]++
		}
		for iso3, w := range want {
			if e := relErr(area[iso3], w); e > 0.10 {
				t.Errorf("res %g: %s: %d cells covering %.0f km², want about %.0f km² (off by %.1f %%)",
					b.res, iso3, count[iso3], area[iso3], w, 100*e)
			}
		}
		t.Logf("res %g: %d×%d grid, %d cells %v", b.res, g.Rows, g.Cols, len(g.Cells), count)
	}
}

// TestRaster checks the row scan of rasterize against a plain
// point-in-polygon test of every cell centre.
func TestRaster(t *testing.T) {
	regions, err := loadRegions(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range buildAll(t) {
		g := b.g
		for row := range g.Rows {
			for col := range g.Cols {
				lat := g.MinLat + (float64(row)+0.5)*b.res
				lon := g.MinLon + (float64(col)+0.5)*b.res
				var in []int
				for r := range regions {
					if regions[r].shape.contains(lon, lat) {
						in = append(in, r)
					}
				}
				i := g.At(row, col)
				switch {
				case len(in) > 1:
					t.Errorf("res %g: centre (%g, %g) in regions %v", b.res, lat, lon, in)
				case len(in) == 0 && i >= 0:
					t.Errorf("res %g: centre (%g, %g) in no region but has cell %d", b.res, lat, lon, i)
				case len(in) == 1 && (i < 0 || g.Cells[i].Region != in[0]):
					t.Errorf("res %g: centre (%g, %g) in region %q but cell %d", b.res, lat, lon, regions[in[0]].Name, i)
				}
			}
		}
	}
}

func TestPointsInRegions(t *testing.T) {
	tests := []struct {
		place, iso3, region string
	}{
		{"Mopti", "MLI", "Mopti"},
		{"Kidal", "MLI", "Kidal"},
		{"Tombouctou", "MLI", "Tombouctou"},
		{"Ménaka", "MLI", "Gao"}, // no Ménaka polygon: part of Gao
		{"Djibo", "BFA", "Sahel"},
		{"Fada N'Gourma", "BFA", "Est"},
		{"Gaoua", "BFA", "Sud-Ouest"},
		{"Ouagadougou", "BFA", "Centre"},
		{"Tillabéri", "NER", "Tillabéri"},
		{"Tahoua", "NER", "Tahoua"},
	}
	for _, b := range buildAll(t) {
		for _, tt := range tests {
			p := place(t, b.g, tt.place)
			c := cellAt(t, b.g, tt.place, p.Lat, p.Lon)
			r := b.g.Regions[c.Region]
			if got := b.g.Countries[r.Country].ISO3; got != tt.iso3 || r.Name != tt.region {
				t.Errorf("res %g: %s is in %s %q, want %s %q", b.res, tt.place, got, r.Name, tt.iso3, tt.region)
			}
		}
	}
}

func TestSmallRegions(t *testing.T) {
	// The national capitals Bamako and Niamey are regions of their own,
	// smaller than a cell at coarse resolution; the cell containing the
	// town must then hold the region's whole population.
	for _, b := range buildAll(t) {
		g := b.g
		for _, name := range []string{"Bamako", "Niamey"} {
			r := g.RegionIndex("", name)
			p := place(t, g, name)
			i := g.Locate(p.Lat, p.Lon)
			if i < 0 {
				t.Fatalf("res %g: %s town in no cell", b.res, name)
			}
			c := g.Cells[i]
			switch {
			case c.Region == r:
				if b.hosts[r] >= 0 {
					t.Errorf("res %g: %s has cells and a host cell", b.res, name)
				}
			case b.hosts[r] == i:
				if c.Population < projected(g, r) {
					t.Errorf("res %g: %s's host cell holds %.0f people, less than the region's %.0f", b.res, name, c.Population, projected(g, r))
				}
			default:
				t.Errorf("res %g: %s town's cell is in %q and does not hold its population", b.res, name, g.Regions[c.Region].Name)
			}
		}
	}
}

func TestEveryRegionPresent(t *testing.T) {
	for _, b := range buildAll(t) {
		g := b.g
		n := make([]int, len(g.Regions))
		for _, c := range g.Cells {
			n[c.Region]++
		}
		for r, reg := range g.Regions {
			if (n[r] > 0) == (b.hosts[r] >= 0) {
				t.Errorf("res %g: region %q has %d cells and host cell %d, want exactly one of them", b.res, reg.Name, n[r], b.hosts[r])
			}
			if h := b.hosts[r]; h >= 0 && g.Regions[g.Cells[h].Region].Country != reg.Country {
				t.Errorf("res %g: region %q hosted in another country", b.res, reg.Name)
			}
		}
	}
}

func TestPopulation(t *testing.T) {
	for _, b := range buildAll(t) {
		g := b.g
		want := make([]float64, len(g.Regions))
		for r := range g.Regions {
			if h := b.hosts[r]; h >= 0 {
				want[g.Cells[h].Region] += projected(g, r)
			} else {
				want[r] += projected(g, r)
			}
		}
		got := make([]float64, len(g.Regions))
		gotCountry := make([]float64, len(g.Countries))
		for _, c := range g.Cells {
			if !(c.Population >= 0) || math.IsInf(c.Population, 0) {
				t.Fatalf("res %g: cell population %g", b.res, c.Population)
			}
			got[c.Region] += c.Population
			gotCountry[g.Regions[c.Region].Country] += c.Population
		}
		for r, reg := range g.Regions {
			if relErr(got[r], want[r]) > 1e-6 && want[r] > 0 {
				t.Errorf("res %g: cells of %q hold %.1f people, want %.1f", b.res, reg.Name, got[r], want[r])
			}
		}
		for ci, c := range g.Countries {
			var w float64
			for r, reg := range g.Regions {
				if reg.Country == ci {
					w += projected(g, r)
				}
			}
			if relErr(gotCountry[ci], w) > 1e-6 {
				t.Errorf("res %g: %s cells hold %.1f people, want %.1f", b.res, c.ISO3, gotCountry[ci], w)
			}
		}
		// Towns concentrate people: Mopti town's cell is above its
		// region's mean.
		mopti := g.RegionIndex("MLI", "Mopti")
		p := place(t, g, "Mopti")
		if c := cellAt(t, g, "Mopti", p.Lat, p.Lon); c.Population <= got[mopti]/countCells(g, mopti) {
			t.Errorf("res %g: Mopti town cell holds %.0f people, not above the region mean", b.res, c.Population)
		}
	}
}

func countCells(g *sim.Grid, r int) float64 {
	var n float64
	for _, c := range g.Cells {
		if c.Region == r {
			n++
		}
	}
	return n
}

func TestProjection(t *testing.T) {
	tests := []struct {
		iso3   string
		lo, hi float64 // plausible 2017 population, millions
	}{
		{"MLI", 17.5, 19.0},
		{"BFA", 18.5, 20.0},
	}
	regions, err := Regions()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		var census, proj float64
		for _, r := range regions {
			if r.ISO3 == tt.iso3 {
				census += r.Population
				proj += r.ProjectedPopulation()
			}
		}
		if proj/1e6 < tt.lo || proj/1e6 > tt.hi {
			t.Errorf("%s: census %.0f projected to %.0f in %d, want %g–%g million", tt.iso3, census, proj, PopulationYear, tt.lo, tt.hi)
		}
	}
	// A census in the middle of 2017 would be left as it is.
	if got := project(1000, PopulationYear, 0.03); relErr(got, 1000*math.Pow(1.03, -0.5)) > 1e-12 {
		t.Errorf("project(1000, %d, 0.03) = %g", PopulationYear, got)
	}
}

func TestNeighbours(t *testing.T) {
	for _, b := range buildAll(t) {
		g := b.g
		for i, c := range g.Cells {
			if len(c.Neighbours) > 8 {
				t.Fatalf("res %g: cell %d has %d neighbours", b.res, i, len(c.Neighbours))
			}
			if !slices.IsSorted(c.Neighbours) {
				t.Fatalf("res %g: neighbours of cell %d not sorted", b.res, i)
			}
			want := 0
			for dr := -1; dr <= 1; dr++ {
				for dc := -1; dc <= 1; dc++ {
					if (dr != 0 || dc != 0) && g.At(c.Row+dr, c.Col+dc) >= 0 {
						want++
					}
				}
			}
			if len(c.Neighbours) != want {
				t.Fatalf("res %g: cell %d has %d neighbours, want %d", b.res, i, len(c.Neighbours), want)
			}
			for _, j := range c.Neighbours {
				n := g.Cells[j]
				if int(j) == i {
					t.Fatalf("res %g: cell %d is its own neighbour", b.res, i)
				}
				if abs(n.Row-c.Row) > 1 || abs(n.Col-c.Col) > 1 {
					t.Fatalf("res %g: cells %d and %d are not adjacent", b.res, i, j)
				}
				if !slices.Contains(n.Neighbours, int32(i)) {
					t.Fatalf("res %g: %d neighbours %d but not the reverse", b.res, i, j)
				}
			}
		}
	}
}

func abs(x int) int { return max(x, -x) }

func TestGold(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		lo, hi   float64
	}{
		{"Essakane mine", 14.38, 0.08, 0.8, 1},
		{"Soum artisanal zone", 14.2, -1.2, 0.8, 1},
		{"Kéniéba artisanal zone", 12.84, -11.24, 0.8, 1},
		{"north of Kidal (Tessalit)", 20.2013, 1.0119, 0, 1e-3},
		{"Taoudenni", 22.6769, -3.9792, 0, 1e-3},
	}
	mean := make([]float64, len(resolutions))
	for k, b := range buildAll(t) {
		for _, tt := range tests {
			if v := b.l.Gold[indexAt(t, b.g, tt.name, tt.lat, tt.lon)]; v < tt.lo || v > tt.hi {
				t.Errorf("res %g: Gold at %s = %.3f, want in [%g, %g]", b.res, tt.name, v, tt.lo, tt.hi)
			}
		}
		var n float64
		for i, v := range b.l.Gold {
			if v < 0 || v > 1 {
				t.Fatalf("res %g: cell %d Gold %g out of [0, 1]", b.res, i, v)
			}
			if b.g.Country(i) == "BFA" {
				mean[k] += v
				n++
			}
		}
		mean[k] /= n
	}
	// Gold is not normalised, so coarse and fine grids agree on average.
	if e := relErr(mean[0], mean[2]); e > 0.25 {
		t.Errorf("mean Gold over Burkina Faso: %.3f at %g°, %.3f at %g°: differ by %.0f %%", mean[0], resolutions[0], mean[2], resolutions[2], 100*e)
	}
}

func TestTransit(t *testing.T) {
	// Points on the Gao–Kidal trafficking corridor (waypoints and a point
	// halfway between Anéfis and Kidal).
	onCorridor := []struct {
		name     string
		lat, lon float64
	}{
		{"Gao", 16.2717, -0.0447},
		{"Bourem", 16.955, -0.3486},
		{"Anéfis–Kidal", (18.05 + 18.4435) / 2, (0.6 + 1.4092) / 2},
		{"Kidal", 18.4435, 1.4092},
	}
	for _, b := range buildAll(t) {
		// The line crosses the cell, so the centre is within half a
		// diagonal of it.
		lo := math.Exp(-b.res * b.res / 2 / (2 * transitSigma * transitSigma))
		for _, p := range onCorridor {
			i := indexAt(t, b.g, p.name, p.lat, p.lon)
			if b.l.Transit[i] < lo-1e-12 || !b.l.Trafficking[i] {
				t.Errorf("res %g: %s: Transit %.3f, Trafficking %v; want ≥ %.3f and true", b.res, p.name, b.l.Transit[i], b.l.Trafficking[i], lo)
			}
		}
		if i := indexAt(t, b.g, "Kayes", 14.4478, -11.4439); b.l.Transit[i] > 0.01 || b.l.Trafficking[i] {
			t.Errorf("res %g: Kayes, far from corridors: Transit %.3f, Trafficking %v", b.res, b.l.Transit[i], b.l.Trafficking[i])
		}
		// Ouagadougou is on a road only.
		if i := indexAt(t, b.g, "Ouagadougou", 12.3657, -1.5339); b.l.Transit[i] > roadWeight || b.l.Transit[i] < 0.3 || b.l.Trafficking[i] {
			t.Errorf("res %g: Ouagadougou: Transit %.3f, Trafficking %v; want a road value", b.res, b.l.Transit[i], b.l.Trafficking[i])
		}
		for i := range b.g.Cells {
			tr, pr := b.l.Transit[i], b.l.Protected[i]
			if tr < 0 || tr > 1 || pr < 0 || pr > 1 {
				t.Fatalf("res %g: cell %d: Transit %g, Protected %g out of [0, 1]", b.res, i, tr, pr)
			}
			// Trafficking means a corridor within res/√2 of the centre,
			// so Transit is at least lo.
			if b.l.Trafficking[i] && tr < lo-1e-12 {
				t.Fatalf("res %g: cell %d on a trafficking corridor has Transit %.3f < %.3f", b.res, i, tr, lo)
			}
		}
		// Every cell a trafficking route crosses is marked.
		for _, r := range b.l.Routes {
			for _, i := range r.Cells {
				if r.Kind == kindTrafficking && !b.l.Trafficking[i] {
					t.Errorf("res %g: cell %d on route %q not marked Trafficking", b.res, i, r.Name)
				}
			}
		}
	}
}

func TestProtected(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		lo, hi   float64
	}{
		{"Arly", 11.55, 1.45, 0.9, 1},
		{"W (Niger)", 12.3, 2.45, 0.6, 1},
		{"Kidal", 18.4435, 1.4092, 0, 1e-3},
		{"Bamako", 12.6092, -7.9752, 0, 1e-3},
	}
	for _, b := range buildAll(t) {
		for _, tt := range tests {
			if v := b.l.Protected[indexAt(t, b.g, tt.name, tt.lat, tt.lon)]; v < tt.lo || v > tt.hi {
				t.Errorf("res %g: Protected at %s = %.3f, want in [%g, %g]", b.res, tt.name, v, tt.lo, tt.hi)
			}
		}
	}
}

func TestRoutes(t *testing.T) {
	for _, b := range buildAll(t) {
		g := b.g
		if len(b.l.Routes) != 8 {
			t.Fatalf("res %g: %d routes, want 8", b.res, len(b.l.Routes))
		}
		kinds := map[string]int{}
		for _, r := range b.l.Routes {
			kinds[r.Kind]++
			if len(r.Cells) == 0 || len(r.Path) < 2 {
				t.Errorf("res %g: route %q: %d cells, %d waypoints", b.res, r.Name, len(r.Cells), len(r.Path))
			}
			seen := map[int32]bool{}
			for _, i := range r.Cells {
				if i < 0 || int(i) >= len(g.Cells) || seen[i] {
					t.Fatalf("res %g: route %q: bad or repeated cell %d", b.res, r.Name, i)
				}
				seen[i] = true
			}
			if first := g.Locate(r.Path[0][1], r.Path[0][0]); first >= 0 && r.Cells[0] != int32(first) {
				t.Errorf("res %g: route %q does not start at its first waypoint", b.res, r.Name)
			}
		}
		if kinds[kindTrafficking] != 2 || kinds[kindRoad] != 6 {
			t.Errorf("res %g: route kinds %v, want 2 trafficking and 6 road", b.res, kinds)
		}
		// The Gao–Kidal corridor passes Gao, then Kidal, then Tessalit.
		i := slices.IndexFunc(b.l.Routes, func(r Route) bool { return strings.HasPrefix(r.Name, "Gao–Kidal") })
		if i < 0 {
			t.Fatalf("res %g: no Gao–Kidal route", b.res)
		}
		r := b.l.Routes[i]
		last := -1
		for _, town := range []string{"Gao", "Kidal", "Tessalit"} {
			p := place(t, g, town)
			k := slices.Index(r.Cells, int32(g.Locate(p.Lat, p.Lon)))
			if k <= last {
				t.Errorf("res %g: Gao–Kidal route: %s at position %d, after %d", b.res, town, k, last)
			}
			last = k
		}
	}
}

func TestMapContents(t *testing.T) {
	g, err := Build(0.5)
	if err != nil {
		t.Fatal(err)
	}
	wantCountries := []sim.Country{{ISO3: "MLI", Name: "Mali"}, {ISO3: "BFA", Name: "Burkina Faso"}, {ISO3: "NER", Name: "Niger"}}
	if !reflect.DeepEqual(g.Countries, wantCountries) {
		t.Errorf("Countries = %v, want %v", g.Countries, wantCountries)
	}
	if len(g.Places) != 75 {
		t.Errorf("%d places, want 75", len(g.Places))
	}
	var capitals []string
	for _, p := range g.Places {
		if p.Capital {
			capitals = append(capitals, p.Name)
		}
	}
	if want := []string{"Bamako", "Ouagadougou", "Niamey"}; !reflect.DeepEqual(capitals, want) {
		t.Errorf("capitals %v, want %v", capitals, want)
	}
	if len(g.Borders) != 14 {
		t.Errorf("%d borders, want 14", len(g.Borders))
	}
	for _, b := range g.Borders {
		if len(b.Rings) == 0 || len(b.Rings[0]) < 4 || b.Rings[0][0] != b.Rings[0][len(b.Rings[0])-1] {
			t.Errorf("border %s: bad rings", b.ISO3)
		}
	}

	// 9 regions of Mali, 13 of Burkina Faso, 3 of Niger; ordered by
	// country, then name; the same as Regions.
	perCountry := make([]int, len(g.Countries))
	for _, r := range g.Regions {
		perCountry[r.Country]++
	}
	if !reflect.DeepEqual(perCountry, []int{9, 13, 3}) {
		t.Errorf("regions per country %v, want [9 13 3]", perCountry)
	}
	if !slices.IsSortedFunc(g.Regions, func(a, b sim.Region) int {
		return cmp.Or(cmp.Compare(a.Country, b.Country), strings.Compare(a.Name, b.Name))
	}) {
		t.Errorf("regions not ordered by country and name")
	}
	regions, err := Regions()
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != len(g.Regions) {
		t.Fatalf("Regions: %d, grid: %d", len(regions), len(g.Regions))
	}
	for i, r := range regions {
		gr := g.Regions[i]
		if r.Name != gr.Name || r.Code != gr.Code || r.ISO3 != g.Countries[gr.Country].ISO3 ||
			r.Population != gr.Population || r.CensusYear != gr.CensusYear {
			t.Errorf("Regions()[%d] = %+v, grid has %+v", i, r, gr)
		}
	}
	// Census figures as published.
	for _, tt := range []struct {
		iso3, name, code string
		pop              float64
		year             int
	}{
		{"MLI", "Mopti", "ML-5", 2036209, 2009},
		{"BFA", "Boucle du Mouhoun", "BF-01", 1898133, 2019},
		{"NER", "Tillabéri", "NE-6", 2722482, 2012},
	} {
		i := g.RegionIndex(tt.iso3, tt.name)
		if i < 0 {
			t.Errorf("no region %s %q", tt.iso3, tt.name)
			continue
		}
		if r := g.Regions[i]; r.Code != tt.code || r.Population != tt.pop || r.CensusYear != tt.year {
			t.Errorf("region %q = %+v, want code %s, population %g in %d", tt.name, r, tt.code, tt.pop, tt.year)
		}
	}
}

func TestResolution(t *testing.T) {
	tests := []struct {
		res float64
		ok  bool
	}{
		{0.5, true},
		{0.25, true},
		{0.125, true},
		{0.1, true},
		{1, true},
		{2, true},
		{0, false},
		{-0.5, false},
		{2.5, false},
		{1.5, false},
		{0.3, false},
		{0.75, false},
		{1.0 / 128, false},
		{math.NaN(), false},
		{math.Inf(1), false},
	}
	for _, tt := range tests {
		g, err := Build(tt.res)
		if tt.ok && (err != nil || len(g.Cells) == 0) {
			t.Errorf("Build(%g): %v", tt.res, err)
		}
		if !tt.ok && err == nil {
			t.Errorf("Build(%g): no error", tt.res)
		}
		if err != nil && !strings.Contains(err.Error(), "resolution") {
			t.Errorf("Build(%g): error %q does not mention the resolution", tt.res, err)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, err := Build(0.25)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(0.25)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two builds at 0.25° differ")
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, res := range resolutions {
		b.Run(fmt.Sprint(res), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestShapeContains(t *testing.T) {
	square := func(x0, y0, x1, y1 float64) ring { // counter-clockwise
		return ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	hole := ring{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}} // clockwise
	withHole, err := newShape([]polygon{{square(0, 0, 4, 4), hole}, {square(5, 0, 6, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lon, lat float64
		in       bool
	}{
		{0.5, 0.5, true},
		{1.5, 1.5, false}, // in the hole
		{3, 3, true},
		{5.5, 0.5, true}, // second part
		{4.5, 0.5, false},
		{-1, 2, false},
	}
	for _, tt := range tests {
		if got := withHole.contains(tt.lon, tt.lat); got != tt.in {
			t.Errorf("contains(%g, %g) = %v, want %v", tt.lon, tt.lat, got, tt.in)
		}
	}
	if lon, lat := withHole.centroid(); math.Abs(lon-(2*16-1.5+5.5)/16) > 1e-12 || math.Abs(lat-(2*16-1.5+0.5)/16) > 1e-12 {
		t.Errorf("centroid = (%g, %g)", lon, lat)
	}

	// Two regions sharing a slanted edge, walked in opposite directions:
	// a point on the edge belongs to exactly one of them.
	p, q := [2]float64{0.1, 0.3}, [2]float64{0.7, 1.9}
	left, _ := newShape([]polygon{{{p, q, {-1, 1.9}, {-1, 0.3}, p}}})
	right, _ := newShape([]polygon{{{q, p, {2, 0.3}, {2, 1.9}, q}}})
	for k := 1; k < 1000; k++ {
		lat := 0.3 + 1.6*float64(k)/1000
		for _, e := range [][2][2]float64{{p, q}, {q, p}} {
			x, _ := crossing(e[0], e[1], lat)
			if left.contains(x, lat) == right.contains(x, lat) {
				t.Fatalf("point (%g, %g) on the shared edge: in both or neither", x, lat)
			}
		}
	}
}

// TestCommunities checks the communal composition table: one row per
// study region, and population-weighted national shares close to the
// national figures it cites (CIA World Factbook: Mali 2018 est. Fulani
// 13.3 %, Dogon 8.7 %; Burkina Faso 2010 est. Mossi 52 %, Fulani 8.4 %).
func TestCommunities(t *testing.T) {
	cs, err := Communities()
	if err != nil {
		t.Fatal(err)
	}
	regions, err := Regions()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(regions) {
		t.Fatalf("%d rows, %d study regions", len(cs), len(regions))
	}
	pop := map[string]float64{}
	for _, r := range regions {
		pop[r.ISO3+"/"+r.Name] = r.Population
	}
	share := map[string]*[5]float64{"MLI": {}, "BFA": {}}
	total := map[string]float64{}
	for _, c := range cs {
		p, ok := pop[c.ISO3+"/"+c.Region]
		if !ok {
			t.Fatalf("row %s/%s is not a study region", c.ISO3, c.Region)
		}
		if s := share[c.ISO3]; s != nil {
			for k, v := range c.Shares {
				s[k] += v * p
			}
			total[c.ISO3] += p
		}
	}
	for _, tt := range []struct {
		iso3, id string
		k        int
		want     float64
	}{
		{"MLI", "fulani", 0, 0.133}, {"MLI", "dogon", 1, 0.087},
		{"BFA", "mossi", 2, 0.52}, {"BFA", "fulani", 0, 0.084},
	} {
		got := share[tt.iso3][tt.k] / total[tt.iso3]
		t.Logf("%s %s: %.3f (cited %.3f)", tt.iso3, tt.id, got, tt.want)
		if math.Abs(got-tt.want) > 0.04 {
			t.Errorf("%s %s share %.3f, cited national figure %.3f: more than 4 points apart", tt.iso3, tt.id, got, tt.want)
		}
	}
}
