package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/outputs"
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

	// Shown is the directory as the report names it, if not dir: 'run'
	// draws into the run's temporary directory, renamed afterwards.
	Shown string

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
// Nothing is left half written, and nothing sahelsim did not draw is
// touched: the files are drawn into a staging directory and moved into
// place together once complete, replacing the files of the previous
// drawing, which outputs.DrawnFile lists (see outputs.ReplaceFiles).
func Write(dir string, o Options) (*Result, error) {
	return WriteContext(context.Background(), dir, o)
}

// WriteContext is Write stopping, and leaving dir as it was, once ctx is
// done: no further figure is drawn, and ctx's error is returned.
func WriteContext(ctx context.Context, dir string, o Options) (*Result, error) {
	d, err := figures.Load(dir)
	if err != nil {
		return nil, err
	}
	if o.Shown != "" {
		d.Dir = o.Shown
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
	targets, err := evidence.Targets()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	figs := figures.Figures(d, fo)
	res := &Result{Figures: figs}
	// A drawing in some formats keeps the figures drawn before in the
	// others ('plot --format png' keeps the PDFs and SVGs), and the
	// report links them too.
	keep, links, err := keepOtherFormats(dir, figs, fo.Formats)
	if err != nil {
		return nil, err
	}
	err = outputs.ReplaceFilesKeeping(ctx, dir, keep, func(stage string) ([]string, error) {
		names, err := figures.Write(ctx, filepath.Join(stage, FiguresDir), figs, fo.Formats...)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			res.Files = append(res.Files, path.Join(FiguresDir, n))
		}
		tables := []*Table{HeadlineTable(d, targets)}
		if t := CompareTable(d); t != nil {
			tables = append(tables, t)
		}
		if err := os.MkdirAll(filepath.Join(stage, TablesDir), 0o755); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		for _, t := range tables {
			name := path.Join(TablesDir, t.Name+".tex")
			if err := outputs.WriteFile(filepath.Join(stage, name), t.LaTeX); err != nil {
				return nil, fmt.Errorf("report: %w", err)
			}
			res.Files = append(res.Files, name)
		}
		err = outputs.WriteFile(filepath.Join(stage, HTMLFile), func(w io.Writer) error {
			return HTML(w, d, figs, tables, links)
		})
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, HTMLFile)
		return res.Files, nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// keepOtherFormats returns which files of dir's previous drawing a
// drawing of figs in formats keeps: the figures it draws, in formats it
// does not. links are the formats the report links: formats, then those
// kept.
func keepOtherFormats(dir string, figs []*figures.Figure, formats []string) (keep func(string) bool, links []string, err error) {
	old, err := outputs.Drawn(dir)
	if err != nil {
		return nil, nil, err
	}
	names := map[string]bool{}
	for _, f := range figs {
		names[f.Name] = true
	}
	keep = func(f string) bool {
		d, file := path.Split(f)
		ext := strings.TrimPrefix(path.Ext(file), ".")
		return d == FiguresDir+"/" && names[strings.TrimSuffix(file, path.Ext(file))] &&
			slices.Contains(figures.DefaultFormats(), ext) && !slices.Contains(formats, ext)
	}
	links = slices.Clone(formats)
	for _, f := range old {
		if keep(f) {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err == nil && !slices.Contains(links, path.Ext(f)[1:]) {
				links = append(links, path.Ext(f)[1:])
			}
		}
	}
	return keep, links, nil
}
