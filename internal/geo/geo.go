package geo

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/sim"
)

// Attribution is the credit line required by the licences of the map data;
// show it on every map or report that uses the grid's places or routes.
const Attribution = "Contains data from GeoNames (geonames.org), CC BY 4.0; boundaries from Natural Earth (public domain)."

// Resolutions accepted by Build, in degrees. The finest is already finer
// than the vertex spacing of the Natural Earth boundaries (a few km).
const (
	MinResolution = 1.0 / 64
	MaxResolution = 2.0
)

// PopulationYear is the reference date of Cell.Population: census counts
// are projected to 1 January of this year.
const PopulationYear = 2017

// Annual population growth rates used to project each country's census
// counts to PopulationYear. Assumption: approximate public estimates of
// intercensal growth (World Bank World Development Indicators and the
// national statistics offices INSTAT, INSD and INS); a rate that is off by
// 0.3 points shifts Mali's 2017 population by about 2 %.
const (
	growthMali        = 0.030
	growthBurkinaFaso = 0.029
	growthNiger       = 0.038
)

// Spreading a region's population over its cells. Assumption: a share
// popAreaShare follows land area, the rest a Gaussian kernel of width
// townSigma degrees around the region's towns (all towns weigh the same).
// The town list is short, so this is a smooth settlement pattern, not a
// population map.
const (
	popAreaShare = 0.4
	townSigma    = 0.35
)

// Kernel widths σ (degrees) and weights of the cell attributes. All are
// assumptions, not estimates: the widths are of the order of the stated
// uncertainty of the points (tens of km) and of the reach of a mining
// zone, park or route.
const (
	// Gold: an artisanal site or zone counts fully; an industrial mine
	// counts about a third, more narrowly, for the artisanal miners it
	// attracts nearby.
	artisanalWeight, artisanalSigma = 1.0, 0.4
	mineWeight, mineSigma           = 0.35, 0.25
	// Protected: protected-area points are rough centroids.
	protectedWeight, protectedSigma = 1.0, 0.4
	// Transit: decay with the distance to a corridor; a main road counts
	// less than a trafficking corridor.
	transitSigma    = 0.3
	smugglingWeight = 1.0
	roadWeight      = 0.6
)

// Corridor kinds.
const (
	kindTrafficking = "trafficking"
	kindRoad        = "road"
)

// earthRadiusKm is the mean Earth radius, as in sim.Haversine.
const earthRadiusKm = 6371.0

const degree = math.Pi / 180

// GrowthRate returns the annual population growth rate assumed for the
// study country iso3 ("MLI", "BFA" or "NER"), and whether there is one.
func GrowthRate(iso3 string) (float64, bool) {
	switch iso3 {
	case "MLI":
		return growthMali, true
	case "BFA":
		return growthBurkinaFaso, true
	case "NER":
		return growthNiger, true
	}
	return 0, false
}

// project returns pop, counted in the middle of census year, grown at
// annual rate g until 1 January PopulationYear (a census after that date
// is projected backwards).
func project(pop float64, year int, g float64) float64 {
	t := float64(PopulationYear) - (float64(year) + 0.5)
	return pop * math.Pow(1+g, t)
}

// checkResolution reports whether Build accepts res.
func checkResolution(res float64) error {
	if !(res > 0 && res <= MaxResolution) {
		return fmt.Errorf("geo: resolution %g°: want a value in (0, %g]", res, MaxResolution)
	}
	if res < MinResolution {
		return fmt.Errorf("geo: resolution %g°: finer than the map data support (minimum %g°)", res, MinResolution)
	}
	n := 1 / res
	if math.Abs(n-math.Round(n)) > 1e-9*n && math.Abs(res-math.Round(res)) > 1e-9 {
		return fmt.Errorf("geo: resolution %g°: does not divide 1° evenly (want 1/n°, e.g. 0.5, 0.25, 0.125, or 1° or 2°)", res)
	}
	return nil
}

// Build returns the grid of the study area (Mali, Burkina Faso and the
// Nigerien regions Tillabéri, Tahoua and Niamey) at res degrees. res must
// be 1/n° for an integer n up to 64, or 2°; 0.5, 0.25 and 0.125 are the
// usual choices. The package documentation explains every cell attribute.
// Each call parses the embedded data again and returns a new grid.
func Build(res float64) (*sim.Grid, error) {
	g, _, err := build(res)
	return g, err
}

// build is Build, also returning for each region the cell that holds its
// population when none of its cells does (-1 otherwise).
func build(res float64) (*sim.Grid, []int, error) {
	if err := checkResolution(res); err != nil {
		return nil, nil, err
	}
	regions, err := loadRegions(true)
	if err != nil {
		return nil, nil, err
	}
	countries, borders, err := loadCountries()
	if err != nil {
		return nil, nil, err
	}
	places, notes, err := loadPlaces()
	if err != nil {
		return nil, nil, err
	}
	box := emptyBox()
	for i := range regions {
		box.union(regions[i].shape.box)
	}
	minLat := math.Floor(box.minLat/res) * res
	minLon := math.Floor(box.minLon/res) * res
	rows := int(math.Ceil((box.maxLat-minLat)/res - 1e-9))
	cols := int(math.Ceil((box.maxLon-minLon)/res - 1e-9))
	g := sim.NewGrid(res, minLat, minLon, rows, cols)
	g.Countries = countries
	g.Borders = borders
	g.Places = places
	g.Regions = make([]sim.Region, len(regions))
	for i, r := range regions {
		g.Regions[i] = sim.Region{Name: r.Name, Code: r.Code, Country: r.country, Population: r.Population, CensusYear: r.CensusYear}
	}

	owner := rasterize(g, regions)
	for row := range rows {
		lat := minLat + (float64(row)+0.5)*res
		area := earthRadiusKm * earthRadiusKm * res * degree *
			(math.Sin((minLat+float64(row+1)*res)*degree) - math.Sin((minLat+float64(row)*res)*degree))
		for col := range cols {
			if r := owner[row*cols+col]; r >= 0 {
				g.AddCell(sim.Cell{
					Row: row, Col: col,
					Lat: lat, Lon: minLon + (float64(col)+0.5)*res,
					Region:  int(r),
					AreaKm2: area,
				})
			}
		}
	}
	if len(g.Cells) == 0 {
		return nil, nil, fmt.Errorf("geo: resolution %g°: no cell centre inside the study area", res)
	}
	g.Link()

	hosts := spreadPopulation(g, regions, places, notes)
	return g, hosts, nil
}

// rasterize returns, for every grid position in row-major order, the index
// of the region containing the cell centre, or -1. It scans each region
// row by row: the crossings of the row's parallel with the region's edges
// bound the spans of cell centres inside it. A centre on a shared border
// goes to one region only (see crossing); if regions overlapped, the first
// in Grid order would win.
func rasterize(g *sim.Grid, regions []region) []int32 {
	owner := make([]int32, g.Rows*g.Cols)
	for i := range owner {
		owner[i] = -1
	}
	res := g.Resolution
	var xs []float64
	for ri := range regions {
		s := &regions[ri].shape
		r0 := max(0, int(math.Floor((s.box.minLat-g.MinLat)/res-0.5)))
		r1 := min(g.Rows-1, int(math.Ceil((s.box.maxLat-g.MinLat)/res-0.5)))
		for row := r0; row <= r1; row++ {
			xs = s.crossings(xs[:0], g.MinLat+(float64(row)+0.5)*res)
			slices.Sort(xs)
			for k := 0; k+1 < len(xs); k += 2 {
				x0, x1 := xs[k], xs[k+1]
				for col := max(0, int(math.Floor((x0-g.MinLon)/res-0.5))); col < g.Cols; col++ {
					lon := g.MinLon + (float64(col)+0.5)*res
					if lon >= x1 {
						break
					}
					if i := row*g.Cols + col; lon >= x0 && owner[i] < 0 {
						owner[i] = int32(ri)
					}
				}
			}
		}
	}
	return owner
}

// spreadPopulation sets Cell.Population: each region's census population,
// projected to PopulationYear, is shared among its cells, popAreaShare by
// area and the rest by a kernel around its towns. A region without cells
// (too small for the resolution) puts its whole population in one host
// cell (see hostCell), which keeps its own region. It returns the host
// cells by region (-1 for regions with cells).
func spreadPopulation(g *sim.Grid, regions []region, places []sim.Place, notes []string) []int {
	cellsOf := make([][]int, len(regions))
	for i, c := range g.Cells {
		cellsOf[c.Region] = append(cellsOf[c.Region], i)
	}
	towns := make([][][2]float64, len(regions))
	capital := make([]int, len(regions))
	for i := range capital {
		capital[i] = -1
	}
	for pi, p := range places {
		if p.Kind != "town" {
			continue
		}
		for ri := range regions {
			r := &regions[ri]
			if r.ISO3 != p.ISO3 {
				continue
			}
			if r.shape.contains(p.Lon, p.Lat) {
				towns[ri] = append(towns[ri], [2]float64{p.Lon, p.Lat})
			}
			// Capitals carry the region's ISO code in their note, e.g.
			// "regional capital: Mopti (ML-5)" or "capital of Niger; Niamey (NE-8)".
			if capital[ri] < 0 && strings.Contains(notes[pi], "capital") && strings.Contains(notes[pi], "("+r.Code+")") {
				capital[ri] = pi
			}
		}
	}

	hosts := make([]int, len(regions))
	var w []float64
	for ri := range regions {
		r := &regions[ri]
		g0, _ := GrowthRate(r.ISO3)
		pop := project(r.Population, r.CensusYear, g0)
		cells := cellsOf[ri]
		hosts[ri] = -1
		if len(cells) == 0 {
			h := hostCell(g, r, capital[ri], places)
			g.Cells[h].Population += pop
			hosts[ri] = h
			continue
		}
		w = slices.Grow(w[:0], len(cells))[:len(cells)]
		var sumArea, sumW float64
		for j, ci := range cells {
			c := &g.Cells[ci]
			k := math.Cos(c.Lat * degree)
			var d float64
			for _, t := range towns[ri] {
				d += gauss((t[0]-c.Lon)*k, t[1]-c.Lat, townSigma)
			}
			w[j] = d * c.AreaKm2
			sumArea += c.AreaKm2
			sumW += w[j]
		}
		byArea := popAreaShare
		if !(sumW > 0) || math.IsInf(sumW, 0) { // no town in the region, or all too far to count
			byArea = 1
		}
		for j, ci := range cells {
			c := &g.Cells[ci]
			share := byArea * c.AreaKm2 / sumArea
			if byArea < 1 {
				share += (1 - byArea) * w[j] / sumW
			}
			c.Population += pop * share
		}
	}
	return hosts
}

// hostCell returns the cell that holds the population of region r, which
// has no cell of its own: the cell containing its capital (place index
// capital, or -1 if unknown), or else its centroid, provided that cell is
// in r's country; otherwise the cell of r's country nearest to the capital
// or centroid. Staying in the country keeps national totals right at
// coarse resolutions.
func hostCell(g *sim.Grid, r *region, capital int, places []sim.Place) int {
	lon, lat := r.shape.centroid()
	if capital >= 0 {
		lat, lon = places[capital].Lat, places[capital].Lon
	}
	if h := g.Locate(lat, lon); h >= 0 && g.Regions[g.Cells[h].Region].Country == r.country {
		return h
	}
	if capital >= 0 {
		clon, clat := r.shape.centroid()
		if h := g.Locate(clat, clon); h >= 0 && g.Regions[g.Cells[h].Region].Country == r.country {
			return h
		}
	}
	best, bestD := -1, math.Inf(1)
	for i, c := range g.Cells {
		if g.Regions[c.Region].Country != r.country {
			continue
		}
		if d := sim.Haversine(lat, lon, c.Lat, c.Lon); d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 { // no cell in the whole country: take the nearest of all
		for i, c := range g.Cells {
			if d := sim.Haversine(lat, lon, c.Lat, c.Lon); d < bestD {
				best, bestD = i, d
			}
		}
	}
	return best
}

// gauss returns the Gaussian kernel exp(-d²/2σ²) at offset (dx, dy).
func gauss(dx, dy, sigma float64) float64 {
	return math.Exp(-(dx*dx + dy*dy) / (2 * sigma * sigma))
}

// field returns the sum of the kernels of srcs at (lon, lat).
func field(srcs []source, lon, lat, k float64) float64 {
	var v float64
	for _, s := range srcs {
		v += s.weight * gauss((s.lon-lon)*k, s.lat-lat, s.sigma)
	}
	return v
}

// pathDistance returns the distance from (lon, lat) to the polyline path,
// in degrees of latitude, with longitudes scaled by k (the cosine of lat).
func pathDistance(path [][2]float64, lon, lat, k float64) float64 {
	best := math.Inf(1)
	for i := 1; i < len(path); i++ {
		ax, ay := (path[i-1][0]-lon)*k, path[i-1][1]-lat
		bx, by := (path[i][0]-lon)*k, path[i][1]-lat
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = min(1, max(0, -(ax*dx+ay*dy)/l2))
		}
		px, py := ax+t*dx, ay+t*dy
		best = min(best, px*px+py*py)
	}
	return math.Sqrt(best)
}
