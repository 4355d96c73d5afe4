package figures

import (
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/sahelsim/sahelsim/agents"
)

// A Style sets the size of figures and of their text and lines: for print
// (Paper) or for projection (Slides).
type Style int

// Styles.
const (
	// Paper figures are 3.5 in (one column) or 7 in (the full width of
	// a page) wide, with 8 pt text (7 pt tick labels), as journals ask.
	Paper Style = iota
	// Slides figures are 5 in or 10 in wide, the width of a 16:9 slide,
	// with 16 pt text and thicker lines.
	Slides
)

// ParseStyle returns the style named s: "paper" or "slides".
func ParseStyle(s string) (Style, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "paper", "":
		return Paper, nil
	case "slides":
		return Slides, nil
	}
	return Paper, fmt.Errorf("figures: style %q: want paper or slides", s)
}

// String returns the style's name, as ParseStyle takes it.
func (s Style) String() string {
	if s == Slides {
		return "slides"
	}
	return "paper"
}

// Widths of figures in the Paper style: a single column and the full
// width of a page.
const (
	ColumnWidth = 3.5 * vg.Inch
	PageWidth   = 7 * vg.Inch
)

// theme holds the sizes a Style sets.
type theme struct {
	column, page vg.Length // figure widths

	text, small, tiny vg.Length // font sizes: labels and titles, ticks and legends, map places
	line, thin        vg.Length // line widths: data, and axes and borders
	pad               vg.Length // space between the parts of a figure
}

func (s Style) theme() theme {
	if s == Slides {
		return theme{column: 5 * vg.Inch, page: 10 * vg.Inch,
			text: 16, small: 13, tiny: 11, line: 2.2, thin: 1, pad: 8}
	}
	return theme{column: ColumnWidth, page: PageWidth,
		text: 8, small: 7, tiny: 6.5, line: 1, thin: 0.5, pad: 4}
}

// regular is the font of every text: Liberation Sans, embedded in
// gonum/plot (metrically compatible with Arial and Helvetica, which SVG
// viewers substitute for it). Titles are not bold: gonum/plot's PDF canvas
// cannot set bold faces.
var regular = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle returns a text style in the font fnt at size.
func textStyle(fnt font.Font, size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(fnt, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// The Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"):
// eight colours told apart by readers with any common colour-vision
// deficiency.
var okabeIto = [...]color.RGBA{
	{0x00, 0x00, 0x00, 0xff}, // black
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xf0, 0xe4, 0x42, 0xff}, // yellow
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
}

// Okabe–Ito colour indices.
const (
	oiBlack = iota
	oiOrange
	oiSkyBlue
	oiGreen
	oiYellow
	oiBlue
	oiVermillion
	oiPurple
)

// groupColor is the fixed colour of each group, by index in
// agents.GroupIDs. Yellow is left out: it cannot be seen as a line on
// white. ISGS, the coalition's rival, is black.
var groupColorIndex = [agents.NumGroups]int{
	agents.FLM:           oiVermillion,
	agents.AnsarDine:     oiBlue,
	agents.KatibaSerma:   oiSkyBlue,
	agents.AnsaroulIslam: oiOrange,
	agents.AQIMSahara:    oiGreen,
	agents.AlMourabitoun: oiPurple,
	agents.ISGS:          oiBlack,
}

// GroupColor returns the colour of group g (an index in agents.GroupIDs)
// in every figure: Okabe–Ito vermillion for FLM, blue for Ansar Dine, sky
// blue for Katiba Serma, orange for Ansaroul Islam, bluish green for
// AQIM's Sahara emirate, reddish purple for al-Mourabitoun and black for
// ISGS.
func GroupColor(g int) color.RGBA { return okabeIto[groupColorIndex[g]] }

// Colours of the observed labels that name no group: dark grey for
// "JNIM", light grey for "unknown", and Okabe–Ito yellow for
// "ambiguous" (JNIM and/or ISGS), the one colour the groups leave.
var (
	jnimColor      = color.RGBA{0x76, 0x76, 0x76, 0xff}
	unknownColor   = color.RGBA{0xb4, 0xb4, 0xb4, 0xff}
	ambiguousColor = okabeIto[oiYellow]
)

// LabelColor returns the colour of an observed label: a group id (its
// group's colour), "JNIM" (dark grey), "unknown" (light grey) or
// "ambiguous" (yellow); light grey for any other.
func LabelColor(label string) color.RGBA {
	switch label {
	case "JNIM":
		return jnimColor
	case "unknown":
		return unknownColor
	case "ambiguous":
		return ambiguousColor
	}
	if g := agents.GroupIndex(label); g >= 0 {
		return GroupColor(g)
	}
	return unknownColor
}

// labelLineColor returns the colour of a line of an observed label: its
// colour, darkened where a thin line of it would not show on white.
func labelLineColor(label string) color.RGBA {
	switch label {
	case "unknown":
		return color.RGBA{0x99, 0x99, 0x99, 0xff}
	case "ambiguous":
		return color.RGBA{0xb8, 0xa6, 0x00, 0xff} // yellow, darkened
	}
	return LabelColor(label)
}

// LabelName returns the name figures give an observed label: a group's
// short name, "Labelled \"JNIM\"", "Unknown perpetrator", "Ambiguous:
// JNIM and/or ISGS", or the label itself.
func LabelName(label string) string {
	switch label {
	case "JNIM":
		return `Labelled "JNIM"`
	case "unknown":
		return "Unknown perpetrator"
	case "ambiguous":
		return "Ambiguous: JNIM and/or ISGS"
	}
	if g := agents.GroupIndex(label); g >= 0 {
		return groupShort[g]
	}
	return label
}

// groupShort are the groups' names in figures, by index.
var groupShort = [agents.NumGroups]string{
	agents.FLM:           "FLM",
	agents.AnsarDine:     "Ansar Dine",
	agents.KatibaSerma:   "Katiba Serma",
	agents.AnsaroulIslam: "Ansaroul Islam",
	agents.AQIMSahara:    "AQIM Sahara",
	agents.AlMourabitoun: "al-Mourabitoun",
	agents.ISGS:          "ISGS",
}

// GroupName returns the short name figures give group id ("flm" → "FLM"),
// the label names "JNIM" and "unknown" as "JNIM" and "Unknown", and any
// other id unchanged.
func GroupName(id string) string {
	if g := agents.GroupIndex(id); g >= 0 {
		return groupShort[g]
	}
	switch id {
	case "unknown":
		return "Unknown"
	case "ambiguous":
		return "JNIM and/or ISGS"
	}
	return id
}

// Neutral colours.
var (
	ink       = color.RGBA{0x22, 0x22, 0x22, 0xff} // text and borders
	gridGrey  = color.RGBA{0xe0, 0xe0, 0xe0, 0xff} // grid lines
	zeroColor = color.RGBA{0xee, 0xee, 0xee, 0xff} // map cells with nothing
	white     = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// withAlpha returns c with alpha a (0..1), premultiplied as color.RGBA
// must be.
func withAlpha(c color.RGBA, a float64) color.RGBA {
	f := func(v uint8) uint8 { return uint8(float64(v)*a + 0.5) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), uint8(255*a + 0.5)}
}

// lighten returns c mixed with white: t = 0 gives c, 1 white.
func lighten(c color.RGBA, t float64) color.RGBA {
	f := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*t + 0.5) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), 0xff}
}
