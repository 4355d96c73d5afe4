package sim

import "math"

// A Grid is a regular latitude/longitude grid over the study area. Only
// cells whose centre lies in a study region are kept; Cells holds them in
// row-major order from the south-west corner, so cell indices are stable
// for a given map and resolution.
type Grid struct {
	Resolution float64 // cell size in degrees
	MinLat     float64 // latitude of the southern edge of row 0
	MinLon     float64 // longitude of the western edge of column 0
	Rows, Cols int

	Cells     []Cell
	Regions   []Region  // admin-1 regions; Cell.Region indexes this
	Countries []Country // Region.Country indexes this
	Places    []Place   // towns and other named points, for maps and reports
	Borders   []Border  // country outlines, for maps

	index  []int32   // Rows*Cols entries: cell index, or -1 outside the study area
	cosLat []float64 // cos(latitude) of each cell centre, for ApproxKm
	nbrs   []int32   // backing array of every Cell.Neighbours
}

// A Cell is one grid square of the study area.
type Cell struct {
	Row, Col   int
	Lat, Lon   float64 // centre
	Region     int     // index into Grid.Regions
	AreaKm2    float64
	Population float64 // inhabitants (census year of its country)
	// Neighbours are the indices of the adjacent study cells (up to 8,
	// Moore neighbourhood), in ascending order.
	Neighbours []int32
}

// A Region is a first-level administrative region (admin-1).
type Region struct {
	Name       string // official name, e.g. "Mopti"
	Code       string // ISO 3166-2, e.g. "ML-5"
	Country    int    // index into Grid.Countries
	Population float64
	CensusYear int
}

// A Country is one of the study countries.
type Country struct {
	ISO3 string
	Name string
}

// A Place is a named point from the map data.
type Place struct {
	Kind     string // what it is (towns and the sites the map data name)
	Name     string
	ISO3     string
	Lat, Lon float64
	Capital  bool // a national capital
}

// A Border is a country outline as polygon rings of (lon, lat) points.
type Border struct {
	ISO3  string
	Name  string
	Rings [][][2]float64
}

// NewGrid returns an empty grid of rows×cols cells of res degrees with its
// south-west corner at (minLat, minLon). Map builders add cells with
// AddCell and finish with Link.
func NewGrid(res, minLat, minLon float64, rows, cols int) *Grid {
	g := &Grid{Resolution: res, MinLat: minLat, MinLon: minLon, Rows: rows, Cols: cols}
	g.index = make([]int32, rows*cols)
	for i := range g.index {
		g.index[i] = -1
	}
	return g
}

// AddCell appends c (whose Row and Col must be in range and not yet used)
// and returns its index. Cells must be added in row-major order.
func (g *Grid) AddCell(c Cell) int {
	i := len(g.Cells)
	g.index[c.Row*g.Cols+c.Col] = int32(i)
	g.Cells = append(g.Cells, c)
	return i
}

// Link fills every cell's Neighbours from the cells present.
func (g *Grid) Link() {
	g.nbrs = g.nbrs[:0]
	starts := make([]int, len(g.Cells)+1)
	for i := range g.Cells {
		c := &g.Cells[i]
		starts[i] = len(g.nbrs)
		for dr := -1; dr <= 1; dr++ {
			for dc := -1; dc <= 1; dc++ {
				if dr == 0 && dc == 0 {
					continue
				}
				if j := g.At(c.Row+dr, c.Col+dc); j >= 0 {
					g.nbrs = append(g.nbrs, int32(j))
				}
			}
		}
	}
	starts[len(g.Cells)] = len(g.nbrs)
	g.cosLat = make([]float64, len(g.Cells))
	for i := range g.Cells {
		g.cosLat[i] = math.Cos(g.Cells[i].Lat * math.Pi / 180)
	}
	for i := range g.Cells {
		g.Cells[i].Neighbours = g.nbrs[starts[i]:starts[i+1]:starts[i+1]]
	}
}

// At returns the index of the cell at (row, col), or -1 if there is none.
func (g *Grid) At(row, col int) int {
	if row < 0 || col < 0 || row >= g.Rows || col >= g.Cols {
		return -1
	}
	return int(g.index[row*g.Cols+col])
}

// Locate returns the index of the cell containing (lat, lon), or -1.
func (g *Grid) Locate(lat, lon float64) int {
	row := int(math.Floor((lat - g.MinLat) / g.Resolution))
	col := int(math.Floor((lon - g.MinLon) / g.Resolution))
	return g.At(row, col)
}

// Country returns the ISO3 code of cell i's country.
func (g *Grid) Country(i int) string { return g.Countries[g.Regions[g.Cells[i].Region].Country].ISO3 }

// RegionIndex returns the index of the region named name in country iso3
// ("" matches any country), or -1.
func (g *Grid) RegionIndex(iso3, name string) int {
	for i, r := range g.Regions {
		if r.Name == name && (iso3 == "" || g.Countries[r.Country].ISO3 == iso3) {
			return i
		}
	}
	return -1
}

// DistanceKm returns the great-circle distance between cells i and j.
func (g *Grid) DistanceKm(i, j int) float64 {
	a, b := &g.Cells[i], &g.Cells[j]
	return Haversine(a.Lat, a.Lon, b.Lat, b.Lon)
}

// Haversine returns the great-circle distance in km between two points.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// ApproxKm returns the distance in km between the centres of cells i and
// j on the equirectangular approximation (with the mean of the two cosines
// of latitude): within 1 % of the great-circle distance at the few hundred
// km over which the model compares distances, and far cheaper. The grid
// must have been linked.
func (g *Grid) ApproxKm(i, j int) float64 {
	a, b := &g.Cells[i], &g.Cells[j]
	dy := (a.Lat - b.Lat) * 111.195
	dx := (a.Lon - b.Lon) * 111.195 * 0.5 * (g.cosLat[i] + g.cosLat[j])
	return math.Sqrt(dx*dx + dy*dy)
}
