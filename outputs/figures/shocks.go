package figures

import (
	"image/color"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/outputs"
)

// shockInk is the colour of the marks of a timeline's shocks.
var shockInk = color.RGBA{0x80, 0x80, 0x80, 0xff}

// shocks returns the run's dated shocks (manifest.json), nil for a run
// without a timeline or a sweep.
func (b *builder) shocks() []outputs.ShockRecord {
	if b.d.Kind != RunDir || b.d.Manifest == nil {
		return nil
	}
	return b.d.Manifest.Shocks
}

// A shockMarks plotter draws each shock of a timeline as a thin dashed
// vertical line across a time plot and, if numbered, its number at the
// top; the figure's legend names each number (shockLegend). A number goes
// on the highest of eight lines where it overlaps no other.
type shockMarks struct {
	x        []float64 // Unix seconds of each shock's date
	numbered bool
	style    draw.LineStyle
	label    draw.TextStyle
}

func (b *builder) shockMarks(numbered bool) *shockMarks {
	rs := b.shocks()
	if len(rs) == 0 {
		return nil
	}
	m := &shockMarks{
		numbered: numbered,
		style:    draw.LineStyle{Color: shockInk, Width: b.th.thin, Dashes: []vg.Length{b.th.thin * 3, b.th.thin * 3}},
		label:    textStyle(regular, b.th.tiny),
	}
	m.label.Color = shockInk
	m.label.XAlign, m.label.YAlign = draw.XCenter, draw.YTop
	for _, r := range rs {
		t, err := time.Parse(time.DateOnly, r.Date)
		if err != nil {
			continue
		}
		m.x = append(m.x, float64(t.Unix()))
	}
	return m
}

// Plot draws the marks within the plot's X range.
func (m *shockMarks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	h := m.label.Height("8")
	const lines = 8
	var right [lines]vg.Length // right edge of the last number on each line
	for i := range right {
		right[i] = c.Min.X - 1e6
	}
	for i, x := range m.x {
		if x < p.X.Min || x > p.X.Max {
			continue
		}
		cx := trX(x)
		top := c.Max.Y
		if m.numbered {
			num := strconv.Itoa(i + 1)
			w := m.label.Width(num) + m.label.Width(" ")
			row := lines - 1
			for r := range right {
				if right[r] <= cx-w/2 {
					row = r
					break
				}
			}
			right[row] = cx + w/2
			top = c.Max.Y - vg.Length(row)*h
			c.FillText(m.label, vg.Point{X: cx, Y: top}, num)
			top -= h
		}
		c.StrokeLine2(m.style, cx, c.Min.Y, cx, top)
	}
}

// shockLegend returns the legend entries naming the numbered shocks.
func (b *builder) shockLegend() []legendEntry {
	var out []legendEntry
	for i, r := range b.shocks() {
		label := r.Note
		if label == "" {
			label = r.ID
		}
		if t, err := time.Parse(time.DateOnly, r.Date); err == nil {
			label += " (" + t.Format("Jan 2006") + ")"
		}
		out = append(out, legendEntry{label: label, thumb: numberThumb{n: i + 1, th: b.th}})
	}
	return out
}

// A numberThumb is a legend thumbnail: a shock's number.
type numberThumb struct {
	n  int
	th theme
}

func (t numberThumb) Thumbnail(c *draw.Canvas) {
	s := textStyle(regular, t.th.small)
	s.Color = shockInk
	s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
	c.FillText(s, c.Center(), strconv.Itoa(t.n))
}
