package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/acled"
	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/outputs"
)

func newACLEDCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "acled",
		Short: "Export a run's events in ACLED's layout, or compare a run with ACLED data",
		Long:  help("acled"),
	}
	cmd.AddCommand(newACLEDExportCmd(), newACLEDCompareCmd())
	return cmd
}

func newACLEDExportCmd() *cobra.Command {
	var (
		rep   int
		all   bool
		force bool
	)
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "Write a run's events in ACLED's export layout",
		Long:  help("acled-export"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("rep") && all {
				return cli.Usage(errors.New("--rep and --all: give one"))
			}
			if !cmd.Flags().Changed("rep") {
				rep = -1
			}
			return runACLEDExport(cmd.Context(), args[0], rep, force, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.IntVar(&rep, "rep", 0, "export replicate `N` only (from 0)")
	f.BoolVar(&all, "all", false, "export every replicate (the default)")
	f.BoolVar(&force, "force", false, "replace "+outputs.ACLEDExportFile+" if it exists")
	return cmd
}

// runACLEDExport exports the run in dir (replicate rep, or all if rep < 0).
func runACLEDExport(ctx context.Context, dir string, rep int, force bool, stdout io.Writer) error {
	run, lock, err := claimRun(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if rep >= run.Manifest.Replicates {
		return cli.Usage(fmt.Errorf("--rep %d: the run in %s has replicates 0 to %d", rep, dir, run.Manifest.Replicates-1))
	}
	out := filepath.Join(dir, outputs.ACLEDExportFile)
	n := 0
	err = outputs.WriteNewFileAtomic(ctx, out, force, func(w io.Writer) error {
		var err error
		n, err = acled.Export(w, run, rep)
		return err
	})
	if err != nil {
		return acledError(ctx, err)
	}
	which := fmt.Sprintf("%d replicates", run.Manifest.Replicates)
	if rep >= 0 {
		which = fmt.Sprintf("replicate %d", rep)
	}
	fmt.Fprintf(stdout, "%d events of %s of %s: %s\n", n, which, run.Manifest.Scenario, out)
	return nil
}

func newACLEDCompareCmd() *cobra.Command {
	var (
		actors string
		force  bool
	)
	cmd := &cobra.Command{
		Use:   "compare FILE DIR",
		Short: "Compare an ACLED export with a run",
		Long:  help("acled-compare"),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runACLEDCompare(cmd.Context(), args[0], args[1], actors, force, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&actors, "actors", acled.DefaultActors, "regular `expression` matching the actors of militant Islamist events")
	f.BoolVar(&force, "force", false, "replace "+outputs.ACLEDCompareFile+" if it exists")
	return cmd
}

// runACLEDCompare compares the ACLED file with the run in dir.
func runACLEDCompare(ctx context.Context, file, dir, actors string, force bool, stdout io.Writer) error {
	class, err := acled.NewClassifier(actors)
	if err != nil {
		return cli.Usage(fmt.Errorf("--actors: %w", err))
	}
	run, lock, err := claimRun(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	out := filepath.Join(dir, outputs.ACLEDCompareFile)
	if err := outputs.CheckNewFile(out, force); err != nil {
		return acledError(ctx, err)
	}

	f, err := input.OpenCSV(file, input.MaxData)
	if err != nil {
		return cli.BadInput(err)
	}
	defer f.Close()
	evs, err := acled.ReadEvents(bufio.NewReader(f))
	if err != nil {
		return cli.BadInput(fmt.Errorf("%s: %w", file, err))
	}
	obs := acled.NewTally(run, class)
	for n, e := range evs.List {
		if n%4096 == 0 && ctx.Err() != nil {
			return cli.Interrupted("nothing written")
		}
		obs.Add(e)
	}
	sims, err := acled.SimulatedTallies(run, class)
	if err != nil {
		return cli.Work(err)
	}
	cs := acled.Compare(obs, sims)
	if err := outputs.WriteNewFileAtomic(ctx, out, force, func(w io.Writer) error { return acled.WriteComparison(w, cs) }); err != nil {
		return acledError(ctx, err)
	}

	start, end := run.Clock.Start, run.Scenario.End
	fmt.Fprintf(stdout, "%s: %d events read, %d militant Islamist events kept (%s to %s, zones of %s)\n",
		file, obs.Read, obs.Kept, start, end, run.Manifest.Scenario)
	if evs.Merged > 0 {
		fmt.Fprintf(stdout, "  %d rows repeated an event (one row per actor: a monadic export) and were merged into it: %d rows, %d events\n",
			evs.Merged, evs.Rows, len(evs.List))
	}
	fmt.Fprintf(stdout, "  skipped: %d not militant Islamist political violence, %d outside the run's dates", obs.NotMilitant, obs.OffWindow)
	fmt.Fprintf(stdout, ", %d outside the study area", obs.Outside)
	if len(obs.OutsideIDs) > 0 {
		more := ""
		if obs.Outside > len(obs.OutsideIDs) {
			more = ", …"
		}
		fmt.Fprintf(stdout, " (%s%s)", strings.Join(obs.OutsideIDs, ", "), more)
	}
	fmt.Fprintf(stdout, "\n  simulated: %d replicates of %s, exported to ACLED's layout and kept by the same rule\n\n",
		len(sims), run.Manifest.Scenario)
	if err := acled.PrintComparison(stdout, cs); err != nil {
		return cli.Work(err)
	}
	fmt.Fprintf(stdout, "\n%s\n", out)
	return nil
}

// claimRun locks the run directory dir and reads it (acled.OpenRun).
func claimRun(dir string) (*acled.Run, *outputs.Lock, error) {
	lock, err := cli.ClaimExisting(dir)
	if err != nil {
		return nil, nil, err
	}
	run, err := acled.OpenRun(dir)
	if err != nil {
		lock.Unlock()
		return nil, nil, cli.Work(err)
	}
	return run, lock, nil
}

// acledError is the error of the acled commands' work: interrupted if
// ctx is done.
func acledError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return cli.Interrupted("nothing written")
	}
	return cli.Work(err)
}
