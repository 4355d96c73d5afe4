package figures

import (
	"image/color"
	"math"
	"strconv"
)

// viridis holds nine colours equally spaced along matplotlib's viridis
// colour map (van der Walt, Smith and Firing, CC0), a perceptually uniform
// sequential scale that reads in grey and to colour-blind readers.
// Colours between them are interpolated linearly in sRGB.
var viridis = [...]color.RGBA{
	{0x44, 0x01, 0x54, 0xff},
	{0x47, 0x2c, 0x7a, 0xff},
	{0x3b, 0x51, 0x8b, 0xff},
	{0x2c, 0x71, 0x8e, 0xff},
	{0x21, 0x90, 0x8d, 0xff},
	{0x27, 0xad, 0x81, 0xff},
	{0x5c, 0xc8, 0x63, 0xff},
	{0xaa, 0xdc, 0x32, 0xff},
	{0xfd, 0xe7, 0x25, 0xff},
}

// Viridis returns the colour at t in [0, 1] along the viridis scale
// (clamped).
func Viridis(t float64) color.RGBA {
	if math.IsNaN(t) || t <= 0 {
		return viridis[0]
	}
	if t >= 1 {
		return viridis[len(viridis)-1]
	}
	x := t * float64(len(viridis)-1)
	i := int(x)
	f := x - float64(i)
	a, b := viridis[i], viridis[i+1]
	mix := func(u, v uint8) uint8 { return uint8(float64(u) + (float64(v)-float64(u))*f + 0.5) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// A colorScale maps values to colours along viridis, linearly or on a log
// scale between min and max. Zero (and, on a log scale, anything not
// positive) and NaN have their own colour, zeroColor.
type colorScale struct {
	min, max float64
	log      bool
	empty    bool // made of no value above zero: every cell has the zero colour
}

// newColorScale returns a scale for values vals. A log scale starts at the
// largest power-of-ten step (1, 2, 5 × 10^k) at or below the smallest
// positive value, but no lower than max/1000; a linear scale starts at 0.
func newColorScale(log bool, vals ...[]float64) colorScale {
	lo, hi := math.Inf(1), 0.0
	for _, vs := range vals {
		for _, v := range vs {
			if v > 0 && !math.IsInf(v, 0) {
				lo = min(lo, v)
				hi = max(hi, v)
			}
		}
	}
	if hi == 0 {
		return colorScale{min: 0, max: 1, log: log, empty: true}
	}
	if !log {
		return colorScale{min: 0, max: niceCeil(hi), log: false}
	}
	lo = max(lo, hi/1000)
	s := colorScale{min: niceFloor(lo), max: niceCeil(hi), log: true}
	if s.max <= s.min {
		s.max = s.min * 10
	}
	return s
}

// norm returns the position of v along the scale, in [0, 1], and false
// for the zero colour.
func (s colorScale) norm(v float64) (float64, bool) {
	if math.IsNaN(v) || v <= 0 && (s.log || v == 0) {
		return 0, false
	}
	var t float64
	if s.log {
		t = math.Log(v/s.min) / math.Log(s.max/s.min)
	} else {
		t = (v - s.min) / (s.max - s.min)
	}
	return min(1, max(0, t)), true
}

// color returns the colour of v.
func (s colorScale) color(v float64) color.RGBA {
	t, ok := s.norm(v)
	if !ok {
		return zeroColor
	}
	return Viridis(t)
}

// ticks returns values to label along the scale: 1, 2, 5 × 10^k on a log
// scale, round steps on a linear one; none on a scale of nothing (a log
// scale of no positive value, whose powers of ten never end). The loops are
// bounded whatever the scale: a scale that is not finite has no ticks.
func (s colorScale) ticks() []float64 {
	if !isFinite(s.min) || !isFinite(s.max) || !(s.max > s.min) || s.log && !(s.min > 0) {
		return nil
	}
	var out []float64
	if s.log {
		for e := math.Floor(math.Log10(s.min)); e <= math.Ceil(math.Log10(s.max)) && len(out) < maxTicks; e++ {
			for _, m := range []float64{1, 2, 5} {
				v := m * math.Pow(10, e)
				if v >= s.min*(1-1e-9) && v <= s.max*(1+1e-9) {
					out = append(out, v)
				}
			}
		}
		if len(out) > 6 { // keep the powers of ten only
			out = out[:0]
			for e := math.Ceil(math.Log10(s.min)); e <= math.Floor(math.Log10(s.max)) && len(out) < maxTicks; e++ {
				out = append(out, math.Pow(10, e))
			}
		}
		return out
	}
	step := niceStep((s.max - s.min) / 4)
	for v := math.Ceil(s.min/step) * step; v <= s.max*(1+1e-9) && len(out) < maxTicks; v += step {
		out = append(out, v)
	}
	return out
}

// maxTicks bounds the ticks of any axis or colour bar.
const maxTicks = 64

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// niceStep returns 1, 2 or 5 × 10^k nearest above x.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// niceCeil returns the smallest 1, 2 or 5 × 10^k at or above x (x > 0).
func niceCeil(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// niceFloor returns the largest 1, 2 or 5 × 10^k at or below x (x > 0).
func niceFloor(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= x*(1+1e-9) {
			return m * p
		}
	}
	return p
}

// formatValue formats a tick or label value compactly: "0.05", "2",
// "1,500", "2.5M".
func formatValue(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "n/a"
	case a >= 1e6:
		return trimZeros(strconv.FormatFloat(v/1e6, 'f', 1, 64)) + "M"
	case a >= 1e4:
		return thousands(math.Round(v))
	case a >= 100 || a == math.Trunc(a):
		return thousands(math.Round(v))
	case a >= 1:
		return trimZeros(strconv.FormatFloat(v, 'f', 1, 64))
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// trimZeros removes a trailing ".0".
func trimZeros(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// thousands formats the integer v with commas between thousands.
func thousands(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	var b []byte
	if v < 0 {
		b = append(b, '-')
	}
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return string(b)
}
