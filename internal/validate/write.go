package validate

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/sahelsim/sahelsim/outputs"
)

// File is the name of the validation table in a validation directory.
const File = "validation.csv"

// Header is the header of validation.csv. The first nine columns are the
// table's public interface; the others add the measured indicator, the
// number of replicates with a value, whether the confidence interval
// meets the band, and the report's sentence.
const Header = "id,what,target,low,high,mean,ci_low,ci_high,within,indicator,n,ci_overlaps,quote_from_report"

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
			r.Within(), r.Indicator, strconv.Itoa(r.N), overlaps, r.Target.Quote})
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

// Print writes results as a table for reading: each measure's id, the
// report's figure and band, the simulated mean and its 95 % confidence
// interval, the fit ("ok", "low", "high", "undefined", "no band", "not
// simulated"), whether the interval meets the band, and the start of the
// report's sentence. Notes follow the table.
func Print(w io.Writer, results []Result) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\treport\tband\tmean\t95% CI\tfit\tCI meets band\tsource")
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
		report := ""
		if !math.IsNaN(t.Value) {
			report = f(t.Value)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, report, band, mean, ci, r.Fit, meets, shorten(t.Quote, quoteWidth))
		if r.Note != "" {
			notes = append(notes, r.ID+": "+r.Note)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Without the padding of empty cells at the ends of lines.
	for line := range strings.Lines(buf.String()) {
		if _, err := fmt.Fprintln(w, strings.TrimRight(line, " \n")); err != nil {
			return err
		}
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

// WriteDir writes a validation directory: validation.csv and m as
// manifest.json (m.Files is set to both). It writes a new temporary
// directory beside dir and renames it to dir, so dir holds a complete
// validation or nothing new. If dir exists WriteDir fails, wrapping
// outputs.ErrExists, unless force is true, in which case the old
// directory is replaced once the new one is complete. The parent of dir is
// created if needed.
func WriteDir(dir string, force bool, m *outputs.Manifest, results []Result) (err error) {
	if err := outputs.CheckOutDir(dir, force); err != nil {
		return err
	}
	m.Files = []string{File, outputs.ManifestFile}
	return outputs.ReplaceDir(dir, force, func(tmp string) error {
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
