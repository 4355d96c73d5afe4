package validate

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// File is the name of the validation table in a validation directory,
// and FiguresDir that of its figures.
const (
	File       = "validation.csv"
	FiguresDir = "figures"
)

// Header is the header of validation.csv. The first nine columns are the
// table's public interface; the others add the measured indicator, the
// number of replicates with a value, whether the confidence interval
// meets the band, the report's sentence (for a pattern, how its band was
// made), the target's kind (report, or a kind of training pattern) and
// the simulated 90 % band across replicates (5th and 95th percentiles).
const Header = "id,what,target,low,high,mean,ci_low,ci_high,within,indicator,n,ci_overlaps,quote_from_report,kind,sim_p05,sim_p95"

// WriteCSV writes results as validation.csv: Header, then one row per
// result. Numbers are in their shortest round-trip form and NaN is an
// empty field, as in the run files; within is "yes", "no", "no band" or
// "not simulated" (see Result.Within), ci_overlaps "yes", "no" or empty
// when there is no interval or no band.
func WriteCSV(w io.Writer, results []Result) error {
	cw := csv.NewWriter(w)
	cw.Write(strings.Split(Header, ","))
	for i := range results {
		r := &results[i]
		overlaps := ""
		if !math.IsNaN(r.CILow) && !math.IsNaN(r.Target.Low) && !math.IsNaN(r.Target.High) {
			overlaps = yesNo(r.Overlaps())
		}
		cw.Write([]string{r.ID, r.What,
			outputs.FormatFloat(r.Target.Value), outputs.FormatFloat(r.Target.Low), outputs.FormatFloat(r.Target.High),
			outputs.FormatFloat(r.Mean), outputs.FormatFloat(r.CILow), outputs.FormatFloat(r.CIHigh),
			r.Within(), r.Indicator, strconv.Itoa(r.N), overlaps, r.Target.Quote,
			r.Kind, outputs.FormatFloat(r.P05), outputs.FormatFloat(r.P95)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", File, err)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// quoteWidth is how much of the report's sentence the printed table shows.
const quoteWidth = 48

// Print writes results as tables for reading: first the report's
// figures, each measure's id, the report's figure and band, the
// simulated mean and its 95 % confidence interval, the fit ("ok", "low",
// "high", "undefined", "no band", "not simulated"), whether the interval
// meets the band, and the start of the report's sentence; then one table
// per kind of training pattern, with how many of its targets were met.
// Notes follow the tables.
func Print(w io.Writer, results []Result) error {
	var notes []string
	first := true
	for _, kc := range Count(results) {
		var rows []Result
		for _, r := range results {
			if r.Kind == kc.Kind {
				rows = append(rows, r)
			}
		}
		report := kc.Kind == evidence.KindReport
		if !first {
			fmt.Fprintln(w)
		}
		if !report || len(Count(results)) > 1 {
			head := capitalize(evidence.KindTitle(kc.Kind))
			if !report {
				head += " (ACLED, Jan 2017 – Jun 2019)"
			}
			fmt.Fprintf(w, "%s: %d of %d met\n", head, kc.Met, kc.Judged)
		}
		first = false
		n, err := printTable(w, rows, report)
		if err != nil {
			return err
		}
		notes = append(notes, n...)
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
	for _, n := range notes {
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}

// printTable writes the table of results, with the source column if
// source, and returns their notes.
func printTable(w io.Writer, results []Result, source bool) ([]string, error) {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	if source {
		fmt.Fprintln(tw, "id\treport\tband\tmean\t95% CI\tfit\tCI meets band\tsource")
	} else {
		fmt.Fprintln(tw, "id\tobserved\tband\tmean\t95% CI\tfit\tCI meets band")
	}
	var notes []string
	for i := range results {
		r := &results[i]
		t := r.Target
		scale := math.Abs(t.Value)
		for _, v := range []float64{t.Low, t.High, r.Mean, r.CILow, r.CIHigh} {
			if !math.IsNaN(v) {
				scale = max(scale, math.Abs(v))
			}
		}
		f := func(v float64) string { return outputs.FormatNumber(v, scale) }
		band := ""
		if !math.IsNaN(t.Low) && !math.IsNaN(t.High) {
			band = f(t.Low) + " – " + f(t.High)
		}
		mean, ci, meets := "", "", ""
		if r.Fit != NotSimulated {
			mean = f(r.Mean)
			if r.N < r.Reps && r.N > 0 {
				mean += fmt.Sprintf(" (%d/%d)", r.N, r.Reps)
			}
			if !math.IsNaN(r.CILow) {
				ci = f(r.CILow) + " – " + f(r.CIHigh)
				if band != "" {
					meets = yesNo(r.Overlaps())
				}
			}
		}
		value := ""
		if !math.IsNaN(t.Value) {
			value = f(t.Value)
		}
		if source {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, value, band, mean, ci, r.Fit, meets, shorten(t.Quote, quoteWidth))
		} else {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, value, band, mean, ci, r.Fit, meets)
		}
		if r.Note != "" {
			notes = append(notes, r.ID+": "+r.Note)
		}
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	// Without the padding of empty cells at the ends of lines.
	for line := range strings.Lines(buf.String()) {
		if _, err := fmt.Fprintln(w, strings.TrimRight(line, " \n")); err != nil {
			return nil, err
		}
	}
	return notes, nil
}

// shorten returns s quoted, cut to about n characters at a word boundary.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return "“" + s + "”"
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > n {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = len(s)
	}
	return "“" + strings.TrimRight(s[:cut], " ,;:") + "…”"
}

// WriteDir writes a validation directory, stopping early once ctx is
// done: validation.csv, m as
// manifest.json, and figs into figures/ in every format (m.Files is set
// to all of them). It writes a new temporary directory beside dir and
// renames it to dir, so dir holds a complete validation or nothing new.
// If dir exists WriteDir fails, wrapping outputs.ErrExists, unless force
// is true, in which case the old directory is replaced once the new one is
// complete. The parent of dir is created if needed.
func WriteDir(ctx context.Context, dir string, force bool, m *outputs.Manifest, results []Result, figs []*figures.Figure) (err error) {
	if err := outputs.CheckOutDir(dir, force); err != nil {
		return err
	}
	return outputs.ReplaceDir(dir, force, func(tmp string) error {
		m.Files = []string{File, outputs.ManifestFile}
		if len(figs) > 0 {
			names, err := figures.Write(ctx, filepath.Join(tmp, FiguresDir), figs)
			if err != nil {
				return err
			}
			for _, n := range names {
				m.Files = append(m.Files, FiguresDir+"/"+n)
			}
		}
		for _, f := range []struct {
			name  string
			write func(io.Writer) error
		}{
			{File, func(w io.Writer) error { return WriteCSV(w, results) }},
			{outputs.ManifestFile, m.Write},
		} {
			if err := outputs.WriteFile(filepath.Join(tmp, f.name), f.write); err != nil {
				return err
			}
		}
		return nil
	})
}
