package figures

import (
	"bytes"
	"image/color"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgpdf"
)

// A PDFCanvas is gonum/plot's PDF canvas (vgpdf) with three of its
// faults mended, so that what it writes is what was drawn and the same
// drawing gives the same file:
//
//   - Text. vgpdf embeds its fonts with the cp1252 (Windows Western)
//     encoding but writes strings as given, in UTF-8, so that "Ménaka"
//     reads "MÃ©naka". A PDFCanvas encodes text in cp1252 with fpdf's
//     Unicode translator. cp1252 has the Latin-1 letters, the degree
//     sign, the en and em dashes, typographic quotes, the ellipsis and
//     the euro sign; a character it lacks is replaced by the nearest it
//     has (the minus sign by an en dash, ≤ by "<=", Greek μ by the micro
//     sign µ…), or by "?".
//   - Colour. vgpdf hands fpdf the colour as color.Color's RGBA method
//     returns it, premultiplied by alpha, and the alpha again as the
//     opacity, so that a translucent fill is drawn dark and grey. A
//     PDFCanvas hands it the colour not premultiplied.
//   - Dates. fpdf writes the time of writing as the document's creation
//     and modification dates, so that two identical runs differ. A
//     PDFCanvas leaves both out (they are optional in PDF): what made a
//     figure is in the run's manifest.json.
//
// It is not safe for concurrent use, as vgpdf's canvas is not.
type PDFCanvas struct {
	*vgpdf.Canvas
	encode func(string) string // UTF-8 to cp1252, '.' for what it lacks
}

// NewPDF returns a PDF canvas of w × h with fonts embedded.
func NewPDF(w, h vg.Length) *PDFCanvas {
	tr := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt"}).UnicodeTranslatorFromDescriptor("cp1252")
	return &PDFCanvas{Canvas: vgpdf.New(w, h), encode: tr}
}

// SetColor sets the colour of strokes, fills and text.
func (c *PDFCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.Canvas.SetColor(straight(color.NRGBA64Model.Convert(clr).(color.NRGBA64)))
}

// FillString draws s, encoded in cp1252.
func (c *PDFCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.Canvas.FillString(f, pt, pdfText(s, c.encode))
}

// WriteTo writes the PDF document to w, without creation or modification
// date. The canvas may not be drawn on after.
func (c *PDFCanvas) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if _, err := c.Canvas.WriteTo(&buf); err != nil {
		return 0, err
	}
	n, err := w.Write(undate(buf.Bytes()))
	return int64(n), err
}

// straight is a colour whose RGBA method returns its components not
// premultiplied by alpha: what vgpdf, which reads a colour through RGBA
// and hands fpdf the alpha as the opacity besides, must be given. It
// breaks color.Color's contract on purpose and goes to vgpdf only.
type straight color.NRGBA64

func (c straight) RGBA() (r, g, b, a uint32) {
	return uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
}

// pdfDates matches the dates fpdf writes into the document information
// dictionary: "/CreationDate (D:20240131154500)" and the same for ModDate.
var pdfDates = regexp.MustCompile(`/(?:CreationDate|ModDate) \(D:[0-9]{14}\)`)

// undate blanks out the document's dates in b, a PDF file as fpdf writes
// it, in place: spaces of the same length, so that the cross-reference
// table's byte offsets stay right. It returns b.
func undate(b []byte) []byte {
	for _, loc := range pdfDates.FindAllIndex(b, -1) {
		for i := loc[0]; i < loc[1]; i++ {
			b[i] = ' '
		}
	}
	return b
}

// pdfSubstitutes replace, in PDF text, characters that cp1252 lacks by
// the nearest it has.
var pdfSubstitutes = map[rune]string{
	'\u2212': "–", // minus sign: en dash, of about its width
	'\u2010': "-", // hyphen
	'\u2011': "-", // non-breaking hyphen
	'\u2012': "–", // figure dash
	'\u2015': "—", // horizontal bar
	'\u2002': " ", '\u2003': " ", '\u2004': " ", '\u2005': " ", '\u2006': " ",
	'\u2007': " ", '\u2008': " ", '\u2009': " ", '\u200a': " ", // spaces of other widths
	'\u202f': "\u00a0", // narrow no-break space: no-break space
	'\u200b': "",       // zero-width space
	'\u2032': "'",      // prime
	'\u2033': `"`,      // double prime
	'\u2264': "<=",
	'\u2265': ">=",
	'\u2260': "!=",
	'\u2248': "~",
	'\u2190': "<-",
	'\u2192': "->",
	'\u2194': "<->",
	'\u03bc': "µ", // Greek mu: micro sign
	'\u03b1': "alpha",
	'\u03b2': "beta",
	'\u03c3': "sigma",
	'\u2070': "0", '\u2074': "4", '\u2075': "5", '\u2076': "6", '\u2077': "7", '\u2078': "8", '\u2079': "9",
	'\u2080': "0", '\u2081': "1", '\u2082': "2", '\u2083': "3", '\u2084': "4",
	'\u2085': "5", '\u2086': "6", '\u2087': "7", '\u2088': "8", '\u2089': "9",
}

// pdfText returns s as a PDFCanvas writes it, with encode, fpdf's
// translator from UTF-8 to cp1252: in cp1252, the
// encoding gonum/plot embeds fonts with, which has the Latin-1 letters
// (é, ç, ñ, ü…), the degree sign, the en and em dashes, typographic
// quotes, the ellipsis, the bullet, the euro sign and ×. Characters it
// lacks are replaced: the minus sign (U+2212) by an en dash, other
// dashes, hyphens and spaces by the nearest cp1252 has, primes by
// quotes, ≤ ≥ ≠ ≈ by <= >= != ~, arrows by -> <- <->, Greek μ by the
// micro sign µ, α β σ by their names, super- and subscript digits by
// digits, and anything else by "?". It returns a string of cp1252
// bytes, not UTF-8.
func pdfText(s string, encode func(string) string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		if e := encode(string(r)); e != "." {
			b.WriteString(e)
		} else if sub, ok := pdfSubstitutes[r]; ok {
			b.WriteString(encode(sub))
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}
