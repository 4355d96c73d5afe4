package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/outputs/report"
)

func newPlotCmd() *cobra.Command {
	var ro report.Options
	var formats, style string
	cmd := &cobra.Command{
		Use:   "plot DIR",
		Short: "Draw the figures, tables and report of a run or sweep",
		Long:  help("plot"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if ro.Formats, err = figures.ParseFormats(formats); err != nil {
				return cli.Usage(err)
			}
			if ro.Style, err = figures.ParseStyle(style); err != nil {
				return cli.Usage(err)
			}
			return runPlot(cmd.Context(), args[0], ro, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&formats, "format", "pdf,svg,png", "figure formats, comma-separated: pdf, svg, png")
	f.StringVar(&style, "style", "paper", "figure sizes and fonts: paper or slides")
	f.StringVar(&ro.CompareDir, "compare", "", "another run `DIR` to draw the attribution of events beside")
	f.BoolVar(&ro.LinearMaps, "linear-maps", false, "colour maps of counts on a linear scale instead of a log one")
	return cmd
}

// runPlot draws the figures, tables and report of dir, as ro says.
func runPlot(ctx context.Context, dir string, ro report.Options, stdout io.Writer) error {
	if _, err := figures.Detect(dir); err != nil {
		return cli.BadInput(err)
	}
	if ro.CompareDir != "" {
		if k, err := figures.Detect(ro.CompareDir); err != nil {
			return cli.BadInput(fmt.Errorf("--compare: %w", err))
		} else if k != figures.RunDir {
			return cli.BadInput(fmt.Errorf("--compare %s: want a run directory, not a %s", ro.CompareDir, k))
		}
	}
	lock, err := cli.ClaimExisting(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	res, err := report.WriteContext(ctx, dir, ro)
	if ctx.Err() != nil {
		return cli.Interrupted("the figures, tables and report are as they were")
	}
	if err != nil {
		return cli.Work(err)
	}
	res.Print(stdout, dir)
	return nil
}

// plural returns "1 figure", "2 figures" (report.Plural).
func plural(n int, noun string) string { return report.Plural(n, noun) }
