package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/effects"
	"github.com/sahelsim/sahelsim/outputs/figures"
)

func newFindingsCmd() *cobra.Command {
	var out, reference, formats, style string
	cmd := &cobra.Command{
		Use:   "findings SWEEPDIR... [--out DIR]",
		Short: "State which policy conclusions hold: effects over the posterior, drivers, ablations, dose-response",
		Long:  help("findings"),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := effects.Options{Reference: reference, Stdout: cmd.OutOrStdout()}
			var err error
			if o.Formats, err = figures.ParseFormats(formats); err != nil {
				return cli.Usage(fmt.Errorf("--format: %w", err))
			}
			if o.Style, err = figures.ParseStyle(style); err != nil {
				return cli.Usage(fmt.Errorf("--style: %w", err))
			}
			if out == "" {
				out = filepath.Join(args[0], "findings")
			}
			res, err := effects.WriteFindings(cmd.Context(), args, out, o)
			if err != nil {
				if cmd.Context().Err() != nil {
					return cli.Interrupted("nothing written")
				}
				return cli.BadInput(err)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintln(w, "\nFindings:")
			for _, s := range res.Statements {
				fmt.Fprintln(w, "- "+s)
			}
			fmt.Fprintf(w, "\n%d files: %s\n", len(res.Files), filepath.Join(out, effects.FindingsHTML))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "directory to write the findings into (default: the first SWEEPDIR/findings)")
	f.StringVar(&reference, "reference", "", "reference scenario of the posterior sweep (default: its first)")
	f.StringVar(&formats, "format", "pdf,svg,png", "figure formats, comma-separated: pdf, svg, png")
	f.StringVar(&style, "style", "paper", "figure style: paper or slides")
	return cmd
}
