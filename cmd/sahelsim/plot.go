package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// plotOptions are the arguments and flags of the plot command.
type plotOptions struct {
	dir        string
	formats    string
	style      string
	compare    string
	linearMaps bool
}

func newPlotCmd() *cobra.Command {
	var o plotOptions
	cmd := &cobra.Command{
		Use:   "plot DIR",
		Short: "Draw the figures, tables and report of a run or sweep",
		Long:  help("plot"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return runPlot(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.formats, "format", "pdf,svg,png", "figure formats, comma-separated: pdf, svg, png")
	f.StringVar(&o.style, "style", "paper", "figure sizes and fonts: paper or slides")
	f.StringVar(&o.compare, "compare", "", "another run `DIR` to draw the attribution of events beside")
	f.BoolVar(&o.linearMaps, "linear-maps", false, "colour maps of counts on a linear scale instead of a log one")
	return cmd
}

// plotFlags parses the options shared by plot and run into report
// options.
func plotFlags(formats, style string) (report.Options, error) {
	fs, err := figures.ParseFormats(formats)
	if err != nil {
		return report.Options{}, cli.Usage(err)
	}
	st, err := figures.ParseStyle(style)
	if err != nil {
		return report.Options{}, cli.Usage(err)
	}
	return report.Options{Formats: fs, Style: st}, nil
}

// runPlot draws the figures, tables and report of o.dir.
func runPlot(ctx context.Context, o plotOptions, stdout io.Writer) error {
	ro, err := plotFlags(o.formats, o.style)
	if err != nil {
		return err
	}
	ro.CompareDir, ro.LinearMaps = o.compare, o.linearMaps
	if _, err := figures.Detect(o.dir); err != nil {
		return cli.BadInput(err)
	}
	if o.compare != "" {
		if k, err := figures.Detect(o.compare); err != nil {
			return cli.BadInput(fmt.Errorf("--compare: %w", err))
		} else if k != figures.RunDir {
			return cli.BadInput(fmt.Errorf("--compare %s: want a run directory, not a %s", o.compare, k))
		}
	}
	lock, err := cli.ClaimExisting(o.dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	res, err := report.WriteContext(ctx, o.dir, ro)
	if ctx.Err() != nil {
		return cli.Interrupted("the figures, tables and report are as they were")
	}
	if err != nil {
		return cli.Work(err)
	}
	printReport(stdout, o.dir, res)
	return nil
}

// printReport says what report.Write wrote.
func printReport(w io.Writer, dir string, res *report.Result) {
	tables := 0
	for _, f := range res.Files {
		if filepath.Dir(f) == report.TablesDir {
			tables++
		}
	}
	fmt.Fprintf(w, "%s in %s, %s in %s, report: %s\n",
		plural(len(res.Figures), "figure"), filepath.Join(dir, report.FiguresDir), plural(tables, "table"),
		filepath.Join(dir, report.TablesDir), filepath.Join(dir, report.HTMLFile))
}

// plural returns "1 figure", "2 figures".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
