package geo

import (
	"errors"
	"math"
)

// A ring is a closed sequence of (lon, lat) points; a polygon is an outer
// ring followed by its holes, as in GeoJSON.
type (
	ring    = [][2]float64
	polygon = []ring
)

// A bbox is a longitude/latitude bounding box.
type bbox struct{ minLon, minLat, maxLon, maxLat float64 }

func emptyBox() bbox { return bbox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *bbox) add(p [2]float64) {
	b.minLon, b.maxLon = min(b.minLon, p[0]), max(b.maxLon, p[0])
	b.minLat, b.maxLat = min(b.minLat, p[1]), max(b.maxLat, p[1])
}

func (b *bbox) union(o bbox) {
	b.minLon, b.maxLon = min(b.minLon, o.minLon), max(b.maxLon, o.maxLon)
	b.minLat, b.maxLat = min(b.minLat, o.minLat), max(b.maxLat, o.maxLat)
}

func (b bbox) contains(lon, lat float64) bool {
	return lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat
}

// A shape is a (multi)polygon with holes. Membership follows the even-odd
// rule over all its rings, which is exact for valid GeoJSON (parts that do
// not overlap, holes inside their outer ring).
type shape struct {
	polys []polygon
	box   bbox
}

func newShape(polys []polygon) (shape, error) {
	s := shape{polys: polys, box: emptyBox()}
	for _, p := range polys {
		if len(p) == 0 {
			return shape{}, errors.New("polygon without rings")
		}
		for _, r := range p {
			if len(r) < 4 {
				return shape{}, errors.New("ring with fewer than 4 points")
			}
			for _, pt := range r {
				s.box.add(pt)
			}
		}
	}
	return s, nil
}

// crossing reports whether the edge a–b crosses the parallel at lat (edges
// are half-open in latitude, so a vertex on the parallel counts once) and,
// if so, the longitude where it does. The endpoints are put in a canonical
// order first, so an edge shared by two regions gives the same longitude
// in both and a point on it belongs to exactly one of them.
func crossing(a, b [2]float64, lat float64) (float64, bool) {
	if (a[1] > lat) == (b[1] > lat) {
		return 0, false
	}
	if a[1] > b[1] {
		a, b = b, a
	}
	return a[0] + (lat-a[1])*(b[0]-a[0])/(b[1]-a[1]), true
}

// contains reports whether (lon, lat) lies inside s: an odd number of edge
// crossings east of the point. A point on an edge belongs to the shape to
// its east, the same rule as crossings.
func (s *shape) contains(lon, lat float64) bool {
	if !s.box.contains(lon, lat) {
		return false
	}
	in := false
	for _, p := range s.polys {
		for _, r := range p {
			for i := 1; i < len(r); i++ {
				if x, ok := crossing(r[i-1], r[i], lat); ok && x > lon {
					in = !in
				}
			}
		}
	}
	return in
}

// crossings appends to xs the longitudes where the edges of s cross the
// parallel at lat. Sorted, consecutive pairs [xs[2k], xs[2k+1]) are the
// spans of the parallel inside s.
func (s *shape) crossings(xs []float64, lat float64) []float64 {
	for _, p := range s.polys {
		for _, r := range p {
			for i := 1; i < len(r); i++ {
				if x, ok := crossing(r[i-1], r[i], lat); ok {
					xs = append(xs, x)
				}
			}
		}
	}
	return xs
}

// centroid returns the area centroid of s in plain longitude/latitude
// (outer rings count positive, holes negative whatever their orientation).
func (s *shape) centroid() (lon, lat float64) {
	var a, cx, cy float64
	for _, p := range s.polys {
		for k, r := range p {
			var ra, rx, ry float64
			for i := 1; i < len(r); i++ {
				x0, y0, x1, y1 := r[i-1][0], r[i-1][1], r[i][0], r[i][1]
				c := x0*y1 - x1*y0
				ra += c
				rx += (x0 + x1) * c
				ry += (y0 + y1) * c
			}
			sign := 1.0
			if (k == 0) != (ra > 0) { // outer ring clockwise or hole counter-clockwise
				sign = -1
			}
			a += sign * ra / 2
			cx += sign * rx / 6
			cy += sign * ry / 6
		}
	}
	if a == 0 {
		return (s.box.minLon + s.box.maxLon) / 2, (s.box.minLat + s.box.maxLat) / 2
	}
	return cx / a, cy / a
}
