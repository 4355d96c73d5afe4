package sensitivity

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// A MorrisResult is the Morris screening of one indicator.
type MorrisResult struct {
	Indicator string // e.g. "jnim_share_events"
	Effects   []Effect
}

// A SobolResult holds the Sobol indices of one indicator.
type SobolResult struct {
	Indicator string
	Indices   []Index
}

// Headers of the tables written by WriteMorris and WriteSobol.
const (
	MorrisHeader = "indicator,factor,mu,mu_star,sigma,n"
	SobolHeader  = "indicator,factor,s1,s1_low,s1_high,st,st_low,st_high,warning"
)

// WriteMorris writes Morris results as CSV: the header MorrisHeader, then
// one row per indicator and factor, in the order given. Numbers are in
// their shortest round-trip form, and an undefined one (NaN) is an empty
// field, as in the run files.
func WriteMorris(w io.Writer, results []MorrisResult) error {
	cw := csv.NewWriter(w)
	cw.Write(strings.Split(MorrisHeader, ","))
	for _, r := range results {
		for _, e := range r.Effects {
			cw.Write([]string{r.Indicator, e.Factor, formatFloat(e.Mu), formatFloat(e.MuStar), formatFloat(e.Sigma), strconv.Itoa(e.N)})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write Morris table: %w", err)
	}
	return nil
}

// WriteSobol writes Sobol results as CSV: the header SobolHeader, then one
// row per indicator and factor, in the order given; the _low and _high
// columns are the bounds of the confidence intervals, empty without a
// bootstrap; warning is empty, or says why the row's estimates are not
// to be read as indices (Index.Unstable).
func WriteSobol(w io.Writer, results []SobolResult) error {
	cw := csv.NewWriter(w)
	cw.Write(strings.Split(SobolHeader, ","))
	for _, r := range results {
		for _, x := range r.Indices {
			cw.Write([]string{r.Indicator, x.Factor,
				formatFloat(x.S1), formatFloat(x.S1CI.Low), formatFloat(x.S1CI.High),
				formatFloat(x.ST), formatFloat(x.STCI.Low), formatFloat(x.STCI.High), x.Unstable()})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write Sobol table: %w", err)
	}
	return nil
}

// formatFloat formats v in its shortest round-trip form, "" for NaN.
func formatFloat(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
