package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

// Names of what Write puts in an output directory.
const (
	FiguresDir = "figures"     // the figures, NAME.FORMAT
	TablesDir  = "tables"      // the LaTeX tables, NAME.tex
	HTMLFile   = "report.html" // the report page
)

// Options say how Write draws a directory's figures.
type Options struct {
	Style      figures.Style // figures.Paper (the default) or figures.Slides
	Formats    []string      // figure formats; figures.DefaultFormats() if empty
	LinearMaps bool          // colour maps of counts on a linear scale, not a log one

	// CompareDir is a second run whose attribution of events is drawn
	// beside this one's (a run of the disaggregation scenario, say); ""
	// for none.
	CompareDir string
}

// A Result lists what Write wrote, as paths relative to the directory.
type Result struct {
	Figures []*figures.Figure // the figures, rendered
	Files   []string          // figures/NAME.FORMAT, tables/NAME.tex and report.html
}

// Write reads the run or sweep in dir and writes everything a researcher
// reads before its tables: every figure its files allow, into
// dir/figures; the headline table and, if dir has compare.csv, the
// policy comparison, as LaTeX booktabs tables into dir/tables; and
// dir/report.html, one self-contained page with the tables, the figures
// inline, their captions, the scenario and the manifest.
//
// Nothing is left half written: dir/figures and dir/tables are each
// written into a new directory that replaces the old one whole once
// complete, and report.html is renamed into place.
func Write(dir string, o Options) (*Result, error) {
	d, err := figures.Load(dir)
	if err != nil {
		return nil, err
	}
	fo := figures.Options{Style: o.Style, Formats: o.Formats, LinearMaps: o.LinearMaps}
	if len(fo.Formats) == 0 {
		fo.Formats = figures.DefaultFormats()
	}
	if o.CompareDir != "" {
		c, err := figures.Load(o.CompareDir)
		if err != nil {
			return nil, fmt.Errorf("compare: %w", err)
		}
		fo.Compare = c
	}
	figs := figures.Figures(d, fo)
	names, err := figures.Write(filepath.Join(dir, FiguresDir), figs, fo.Formats...)
	if err != nil {
		return nil, err
	}
	res := &Result{Figures: figs}
	for _, n := range names {
		res.Files = append(res.Files, filepath.Join(FiguresDir, n))
	}

	targets, err := evidence.Targets()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	tables := []*Table{HeadlineTable(d, targets)}
	if t := CompareTable(d); t != nil {
		tables = append(tables, t)
	}
	err = replaceDir(filepath.Join(dir, TablesDir), func(tmp string) error {
		for _, t := range tables {
			var buf bytes.Buffer
			if err := t.LaTeX(&buf); err != nil {
				return fmt.Errorf("report: %s.tex: %w", t.Name, err)
			}
			if err := os.WriteFile(filepath.Join(tmp, t.Name+".tex"), buf.Bytes(), 0o644); err != nil {
				return fmt.Errorf("report: %w", err)
			}
			res.Files = append(res.Files, filepath.Join(TablesDir, t.Name+".tex"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	var page bytes.Buffer
	if err := HTML(&page, d, figs, tables, fo.Formats); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(dir, HTMLFile), page.Bytes()); err != nil {
		return nil, err
	}
	res.Files = append(res.Files, HTMLFile)
	return res, nil
}
