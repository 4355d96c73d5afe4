package figures

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func itoa(n int) string { return strconv.Itoa(n) }

// newPlot returns a plot styled by th: Liberation Sans at the theme's
// sizes, thin axes, short ticks, no title unless set.
func newPlot(th theme) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	p.Title.TextStyle = textStyle(regular, th.text)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = th.pad
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(regular, th.text)
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Label.Padding = th.pad / 2
		a.LineStyle = draw.LineStyle{Color: ink, Width: th.thin}
		a.Tick.LineStyle = draw.LineStyle{Color: ink, Width: th.thin}
		a.Tick.Length = th.pad
		a.Padding = th.pad / 2
		a.Tick.Marker = numTicks{}
	}
	p.X.Tick.Label = textStyle(regular, th.small)
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label = textStyle(regular, th.small)
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Label.TextStyle.YAlign = draw.YBottom
	p.Legend.TextStyle = textStyle(regular, th.small)
	return p
}

// hGrid returns light horizontal grid lines.
func hGrid(th theme) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = draw.LineStyle{Color: gridGrey, Width: th.thin}
	return g
}

// vGrid returns light vertical grid lines.
func vGrid(th theme) *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color = nil
	g.Vertical = draw.LineStyle{Color: gridGrey, Width: th.thin}
	return g
}

// numTicks are gonum's default ticks labelled for reading: thousands
// separated by commas, millions as "2.5M".
type numTicks struct{}

func (numTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = formatValue(ts[i].Value)
		}
	}
	return ts
}

// percentTicks label shares in [0, 1] as percentages.
type percentTicks struct{}

func (percentTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(math.Round(ts[i].Value*1e8)/1e6, 'f', -1, 64) + "%"
		}
	}
	return ts
}

// calendarTicks mark the first day of months on a time axis in Unix
// seconds: labelled every label months (counted from January of year 0,
// so that yearly labels fall on Januaries and two-yearly ones on even
// years), minor ticks every minor months. They are the Ticker of a
// plot.TimeTicks, which formats the labels.
type calendarTicks struct{ label, minor int }

// Over more than a few decades the ticks thin out to every year, decade
// or century, so that an axis has at most about 2·maxTicks ticks
// whatever the span.
func (t calendarTicks) Ticks(from, to float64) []plot.Tick {
	if !isFinite(from) || !isFinite(to) || to < from {
		return nil
	}
	lo, hi := time.Unix(int64(from), 0).UTC(), time.Unix(int64(to), 0).UTC()
	label, minor := t.label, t.minor // in months
	years := hi.Year() - lo.Year() + 1
	for step := 12; years*12/minor > 2*maxTicks; step *= 10 {
		label, minor = 10*step, step // years, then decades, then centuries…
	}
	var out []plot.Tick
	first := lo.Year() - lo.Year()%max(1, minor/12)
	for d := time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC); !d.After(hi); d = d.AddDate(0, minor, 0) {
		if d.Before(lo) {
			continue
		}
		lbl := ""
		if (d.Year()*12+int(d.Month())-1)%label == 0 {
			lbl = "x" // replaced by TimeTicks
		}
		out = append(out, plot.Tick{Value: float64(d.Unix()), Label: lbl})
	}
	return out
}

// timeAxis sets p's X axis to dates from the Unix seconds lo to hi, in
// a panel width wide: labelled every 1, 2, 3 or 6 months ("Jan 2018") or
// every 1, 2 or 5 years ("2018"), as often as the labels fit.
func timeAxis(p *plot.Plot, lo, hi float64, width vg.Length) {
	const month = 365.25 * 86400 / 12
	span := (hi - lo) / month // in months
	sty := p.X.Tick.Label
	for _, step := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		format, label, minor := "Jan 2006", "Date", 1
		if step >= 12 {
			format, label, minor = "2006", "Year", min(step/4, 12)
			if step == 12 {
				minor = 3
			}
		}
		room := sty.Width(time.Unix(int64(lo), 0).UTC().Format(format)) + sty.Font.Size*1.2
		if n := span/float64(step) + 1; vg.Length(n)*room <= width || step == 120 {
			p.X.Tick.Marker = plot.TimeTicks{Ticker: calendarTicks{label: step, minor: minor}, Format: format, Time: plot.UTCUnixTime}
			p.X.Label.Text = label
			break
		}
	}
	p.X.Min, p.X.Max = lo, hi
}

// A legendEntry is one entry of a figure's legend: a thumbnail and its
// text.
type legendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// legendLayout places entries in rows across width; it returns the rows
// and their total height.
func legendLayout(entries []legendEntry, width vg.Length, th theme) (rows [][]legendEntry, height vg.Length) {
	sty := textStyle(regular, th.small)
	thumbW, gap := th.small*2.2, th.small*1.2
	var x vg.Length
	for _, e := range entries {
		w := thumbW + th.small*0.4 + sty.Width(e.label)
		if len(rows) == 0 || x > 0 && x+gap+w > width {
			rows = append(rows, nil)
			x = 0
		}
		if x > 0 {
			x += gap
		}
		x += w
		rows[len(rows)-1] = append(rows[len(rows)-1], e)
	}
	lineH := sty.Height("Mg") * 1.35
	return rows, vg.Length(len(rows)) * lineH
}

// legendHeight returns the height the legend of entries needs across
// width, with its padding.
func legendHeight(entries []legendEntry, width vg.Length, th theme) vg.Length {
	if len(entries) == 0 {
		return 0
	}
	_, h := legendLayout(entries, width, th)
	return h + th.pad
}

// drawLegend draws entries in centred rows at the top of c, outside every
// panel, so that it never covers data.
func drawLegend(c draw.Canvas, entries []legendEntry, th theme) {
	if len(entries) == 0 {
		return
	}
	sty := textStyle(regular, th.small)
	sty.YAlign = draw.YCenter
	thumbW, gap := th.small*2.2, th.small*1.2
	rows, _ := legendLayout(entries, c.Size().X, th)
	lineH := sty.Height("Mg") * 1.35
	y := c.Max.Y - th.pad/2 - lineH/2
	for _, row := range rows {
		var w vg.Length
		for i, e := range row {
			if i > 0 {
				w += gap
			}
			w += thumbW + th.small*0.4 + sty.Width(e.label)
		}
		x := c.Min.X + (c.Size().X-w)/2
		for _, e := range row {
			tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - th.small*0.35},
				Max: vg.Point{X: x + thumbW, Y: y + th.small*0.35},
			}}
			e.thumb.Thumbnail(&tc)
			x += thumbW + th.small*0.4
			c.FillText(sty, vg.Point{X: x, Y: y}, e.label)
			x += sty.Width(e.label) + gap
		}
		y -= lineH
	}
}

// A bandThumb is the legend thumbnail of a mean and its band: the band as
// a pale rectangle and the mean as a line across it.
type bandThumb struct {
	line draw.LineStyle
	fill color.Color
}

func (t bandThumb) Thumbnail(c *draw.Canvas) {
	if t.fill != nil {
		c.SetColor(t.fill)
		c.Fill(c.Rectangle.Path())
	}
	if t.line.Color != nil {
		y := c.Center().Y
		c.StrokeLine2(t.line, c.Min.X, y, c.Max.X, y)
	}
}

// A swatch is a filled square thumbnail, optionally outlined.
type swatch struct {
	fill    color.Color
	outline draw.LineStyle
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	h := c.Size().Y * 1.4
	x := c.Max.X - h/2 // next to the text
	r := vg.Rectangle{Min: vg.Point{X: x - h/2, Y: c.Center().Y - h/2}, Max: vg.Point{X: x + h/2, Y: c.Center().Y + h/2}}
	if s.fill != nil {
		c.SetColor(s.fill)
		c.Fill(r.Path())
	}
	if s.outline.Color != nil && s.outline.Width > 0 {
		c.SetLineStyle(s.outline)
		c.Stroke(r.Path())
	}
}

// A lineThumb is a plain line thumbnail.
type lineThumb struct{ line draw.LineStyle }

func (t lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(t.line, c.Min.X, y, c.Max.X, y)
}

// A glyphThumb is a point with a horizontal interval.
type glyphThumb struct {
	glyph draw.GlyphStyle
	line  draw.LineStyle
}

func (t glyphThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	if t.line.Color != nil {
		c.StrokeLine2(t.line, c.Min.X, y, c.Max.X, y)
	}
	c.DrawGlyphNoClip(t.glyph, vg.Point{X: c.Center().X, Y: y})
}

// splitBottom cuts a strip of height h off the bottom of c.
func splitBottom(c draw.Canvas, h vg.Length) (top, bottom draw.Canvas) {
	top, bottom = c, c
	top.Min.Y = c.Min.Y + h
	bottom.Max.Y = c.Min.Y + h
	return top, bottom
}

// splitLeft cuts a strip of width w off the left of c.
func splitLeft(c draw.Canvas, w vg.Length) (left, right draw.Canvas) {
	left, right = c, c
	left.Max.X = c.Min.X + w
	right.Min.X = c.Min.X + w
	return left, right
}

// sharedLabel returns the label of the axis ax picks if every plot has
// the same one, clearing it in each; "" otherwise, leaving them.
func sharedLabel(plots [][]*plot.Plot, ax func(*plot.Plot) *plot.Axis) string {
	label, n := "", 0
	for _, row := range plots {
		for _, p := range row {
			if p == nil {
				continue
			}
			l := ax(p).Label.Text
			if n > 0 && l != label {
				return ""
			}
			label = l
			n++
		}
	}
	if label == "" || n < 2 {
		return ""
	}
	for _, row := range plots {
		for _, p := range row {
			if p != nil {
				ax(p).Label.Text = ""
			}
		}
	}
	return label
}

// inset returns c shrunk by d on every side.
func inset(c draw.Canvas, d vg.Length) draw.Canvas {
	c.Min.X += d
	c.Min.Y += d
	c.Max.X -= d
	c.Max.Y -= d
	return c
}

// drawPanels draws plots on a grid of rows × cols of c, with data areas of
// one size lined up in rows and columns, whatever their titles and tick
// labels; nil plots leave their place empty. An axis label that every
// panel shares is drawn once, beside the grid; others are wrapped to their
// panel. (plot.Align lines panels up too, but gonum/plot squeezes a panel
// whose axis label is longer than its side, which breaks the alignment.)
func drawPanels(c draw.Canvas, plots [][]*plot.Plot, th theme) {
	if len(plots) == 0 || len(plots[0]) == 0 {
		return
	}
	rows, cols := len(plots), len(plots[0])
	xLabel := sharedLabel(plots, func(p *plot.Plot) *plot.Axis { return &p.X })
	yLabel := sharedLabel(plots, func(p *plot.Plot) *plot.Axis { return &p.Y })
	lsty := textStyle(regular, th.text)
	if yLabel != "" {
		var left draw.Canvas
		left, c = splitLeft(c, lsty.Height(yLabel)+th.pad)
		s := lsty
		s.Rotation = math.Pi / 2
		s.XAlign, s.YAlign = draw.XCenter, draw.YTop
		c.FillText(s, vg.Point{X: left.Min.X, Y: c.Center().Y}, yLabel)
	}
	if xLabel != "" {
		var bottom draw.Canvas
		c, bottom = splitBottom(c, lsty.Height(xLabel)+th.pad/2)
		s := lsty
		s.XAlign, s.YAlign = draw.XCenter, draw.YBottom
		c.FillText(s, vg.Point{X: c.Center().X, Y: bottom.Min.Y}, xLabel)
	}
	tileW, tileH := c.Size().X/vg.Length(cols), c.Size().Y/vg.Length(rows)
	// Titles wrapped to the tiles' width, on as many lines in each row, so
	// that the row's data areas start at one height.
	for _, row := range plots {
		lines := 0
		for _, p := range row {
			if p != nil && p.Title.Text != "" {
				p.Title.Text = wrapText(p.Title.TextStyle, strings.TrimLeft(p.Title.Text, "\n"), tileW*0.8)
				lines = max(lines, strings.Count(p.Title.Text, "\n")+1)
			}
		}
		for _, p := range row {
			if p != nil && p.Title.Text != "" {
				p.Title.Text = strings.Repeat("\n", lines-1-strings.Count(p.Title.Text, "\n")) + p.Title.Text
			}
		}
	}
	for _, row := range plots {
		for _, p := range row {
			if p == nil {
				continue
			}
			if p.X.Label.Text != "" {
				p.X.Label.Text = wrapText(p.X.Label.TextStyle, p.X.Label.Text, tileW*0.8)
			}
			if p.Y.Label.Text != "" {
				p.Y.Label.Text = wrapText(p.Y.Label.TextStyle, p.Y.Label.Text, tileH*0.6)
			}
		}
	}
	// Each panel's own margins around its data area; each column takes the
	// widest left and right ones of its panels, each row the tallest.
	// Margins depend a little on the size of the data area (gonum/plot
	// pads it for glyphs at its edges), so they are measured on a large
	// canvas first, then again on one of the size they leave.
	type margins struct{ left, right, bottom, top vg.Length }
	own := make([][]margins, rows)
	colM, rowM := make([]margins, cols), make([]margins, rows)
	measure := func(ref draw.Canvas) {
		clear(colM)
		clear(rowM)
		for j, row := range plots {
			own[j] = make([]margins, cols)
			for i, p := range row {
				if p == nil {
					continue
				}
				d := p.DataCanvas(ref)
				m := margins{d.Min.X - ref.Min.X, ref.Max.X - d.Max.X, d.Min.Y - ref.Min.Y, ref.Max.Y - d.Max.Y}
				own[j][i] = m
				colM[i].left, colM[i].right = max(colM[i].left, m.left), max(colM[i].right, m.right)
				rowM[j].bottom, rowM[j].top = max(rowM[j].bottom, m.bottom), max(rowM[j].top, m.top)
			}
		}
	}
	padX, padY := th.pad*2, th.pad*2
	inner := inset(c, th.pad/2)
	size := func() (w, h vg.Length) {
		w = inner.Size().X - vg.Length(cols-1)*padX
		for _, m := range colM {
			w -= m.left + m.right
		}
		h = inner.Size().Y - vg.Length(rows-1)*padY
		for _, m := range rowM {
			h -= m.bottom + m.top
		}
		return w / vg.Length(cols), h / vg.Length(rows)
	}
	big := vg.Length(1000)
	measure(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Max: vg.Point{X: big, Y: big}}})
	w, h := size()
	var mw, mh vg.Length
	for _, m := range colM {
		mw = max(mw, m.left+m.right)
	}
	for _, m := range rowM {
		mh = max(mh, m.bottom+m.top)
	}
	measure(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Max: vg.Point{X: max(w, 1) + mw, Y: max(h, 1) + mh}}})
	w, h = size()
	y1 := inner.Max.Y
	for j, row := range plots {
		y1 -= rowM[j].top
		x0 := inner.Min.X
		for i, p := range row {
			x0 += colM[i].left
			if p != nil {
				m := own[j][i]
				pc := c
				pc.Rectangle = vg.Rectangle{
					Min: vg.Point{X: x0 - m.left, Y: y1 - h - m.bottom},
					Max: vg.Point{X: x0 + w + m.right, Y: y1 + m.top},
				}
				p.Draw(pc)
			}
			x0 += w + colM[i].right + padX
		}
		y1 -= h + rowM[j].bottom + padY
	}
}

// wrapText breaks s into lines at spaces so that each fits within width
// in sty, where it can.
func wrapText(sty text.Style, s string, width vg.Length) string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && sty.Width(try) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}

// gridOf arranges plots in rows of cols, padding the last row with nils.
func gridOf(plots []*plot.Plot, cols int) [][]*plot.Plot {
	var out [][]*plot.Plot
	for i := 0; i < len(plots); i += cols {
		row := make([]*plot.Plot, cols)
		copy(row, plots[i:min(i+cols, len(plots))])
		out = append(out, row)
	}
	return out
}

// fillTextBackdrop draws txt with sty at pt over a translucent white
// box, so that it reads over any map colour.
func fillTextBackdrop(c draw.Canvas, sty text.Style, pt vg.Point, txt string, pad vg.Length) {
	r := sty.Rectangle(txt)
	r.Min.X += pt.X - pad
	r.Max.X += pt.X + pad
	r.Min.Y += pt.Y - pad/2
	r.Max.Y += pt.Y + pad/2
	c.SetColor(withAlpha(white, 0.75))
	c.Fill(r.Path())
	c.FillText(sty, pt, txt)
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
