package report

import (
	"context"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/validate"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// WriteRun writes the replicates of a run into the new directory dir
// (outputs.WriteRunContext) and, if draw, its figures, tables and report,
// drawn into the run's temporary directory before it is put in place, so
// that the run is in place whole or not at all. A drawing that fails
// other than by ctx does not stop the run: its data are put in place and
// the drawing's error is returned apart, as drawErr (redraw with Write).
func WriteRun(ctx context.Context, dir string, force bool, m *outputs.Manifest, reps []*outputs.Replicate, draw bool) (res *Result, drawErr, err error) {
	err = outputs.WriteRunContext(ctx, dir, force, m, reps, func(tmp string) error {
		if draw {
			res, drawErr = WriteContext(ctx, tmp, Options{Shown: dir})
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	return res, drawErr, nil
}

// Headline prints the headline table of a run of sc: a view of its
// validation against targets (validate.Headline), or for Epstein's
// model, which has no report to compare with, the indicators alone. A
// figure whose period the run does not cover (a projection to 2022
// against the report's 2017–2020, evidence.Target.Matches) is not
// judged: the table leaves its report, band and fit empty, and a note
// below says which and why.
func Headline(w io.Writer, sc *scenarios.Scenario, reps []*outputs.Replicate, targets []evidence.Target) error {
	if sc.Model == "epstein" {
		return outputs.EpsteinHeadline(w, reps)
	}
	results, err := validate.Check(sc, reps, targets, false)
	if err != nil {
		return err
	}
	var judged []validate.Result
	var other []string
	for _, r := range results {
		if r.Target.Matches(sc.Start.Time(), sc.End.Time()) {
			judged = append(judged, r)
		} else if r.Indicator != "" && slices.Contains(outputs.HeadlineIndicators(), r.Indicator) {
			other = append(other, fmt.Sprintf("%s (%s)", r.Indicator, r.Target.Period))
		}
	}
	if err := validate.Headline(w, reps, judged); err != nil {
		return err
	}
	if len(other) > 0 {
		_, err = fmt.Fprintf(w, "\nNot judged against the report: the run covers %s to %s, and these figures of the report another period: %s.\nRun the report's window (end = 2020-09-30) to compare them.\n",
			sc.Start, sc.End, strings.Join(other, ", "))
	}
	return err
}

// Print says what Write wrote into dir: "17 figures in DIR/figures, 1
// table in DIR/tables, report: DIR/report.html".
func (res *Result) Print(w io.Writer, dir string) {
	tables := 0
	for _, f := range res.Files {
		if path.Dir(f) == TablesDir {
			tables++
		}
	}
	fmt.Fprintf(w, "%s in %s, %s in %s, report: %s\n",
		Plural(len(res.Figures), "figure"), filepath.Join(dir, FiguresDir), Plural(tables, "table"),
		filepath.Join(dir, TablesDir), filepath.Join(dir, HTMLFile))
}

// Plural returns "1 figure", "2 figures".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
