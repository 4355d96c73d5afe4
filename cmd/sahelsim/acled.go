package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sahelsim/sahelsim/internal/acled"
)

// Files the acled commands write into a run directory.
const (
	acledExportFile  = "events_acled.csv"
	acledCompareFile = "acled_compare.csv"
)

func newACLEDCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "acled",
		Short: "Export a run's events in ACLED's layout, or compare a run with ACLED data",
		Long: `acled converts between a run's events and ACLED's export layout.

'sahelsim acled export DIR' writes DIR/events_acled.csv, the events of the
run in DIR in ACLED's columns, the observed label as the actor, so that ACLED
scripts run on simulated data.

'sahelsim acled compare FILE DIR' reads an ACLED export, keeps its militant
Islamist events, places them on the run's grid and zones, aggregates them as
the simulator's indicators do, and compares them with the run's replicates,
aggregated the same way. It writes DIR/acled_compare.csv.`,
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
		Long: `Export writes DIR/events_acled.csv: the events of the run in DIR (written by
'sahelsim run') in the columns of ACLED's CSV export, one row per event of every
replicate (or of replicate N with --rep N). The actor is the observed label:
"Katiba Macina" for an event labelled FLM, "JNIM: Group for Support of Islam
and Muslims" for one labelled JNIM only, "Unidentified Armed Group (Mali)" for
an unknown perpetrator. The replicate and step are in the notes column
("sahelsim rep 3, step 45: attack on civilians"). Defections and
displacements are not ACLED events and are left out.

The file is written whole or not at all; an existing one is replaced only
with --force.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("rep") && all {
				return &badInput{errors.New("--rep and --all: give one"), true}
			}
			if !cmd.Flags().Changed("rep") {
				rep = -1
			}
			return runACLEDExport(args[0], rep, force, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.IntVar(&rep, "rep", 0, "export replicate `N` only (from 0)")
	f.BoolVar(&all, "all", false, "export every replicate (the default)")
	f.BoolVar(&force, "force", false, "replace "+acledExportFile+" if it exists")
	return cmd
}

// runACLEDExport exports the run in dir (replicate rep, or all if rep < 0).
func runACLEDExport(dir string, rep int, force bool, stdout io.Writer) error {
	run, err := acled.OpenRun(dir)
	if err != nil {
		return &badInput{err: err}
	}
	if rep >= run.Manifest.Replicates {
		return &badInput{fmt.Errorf("--rep %d: the run in %s has replicates 0 to %d", rep, dir, run.Manifest.Replicates-1), true}
	}
	out := filepath.Join(dir, acledExportFile)
	n := 0
	err = writeAtomic(out, force, func(w io.Writer) error {
		var err error
		n, err = acled.Export(w, run, rep)
		return err
	})
	if err != nil {
		return err
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
		Long: `Compare reads FILE, an ACLED export (CSV, columns found by name in any order,
dates as 2020-09-30 or 30 September 2020; dyadic, or monadic with one row per
actor, whose rows it merges back into one event by event_id_cnty; event types
of the codebook before 2019 mapped to the current ones), and keeps its
militant Islamist events: Battles, Explosions/Remote violence and Violence
against civilians in which an actor or associated actor matches --actors (by
default JNIM, its components, Ansaroul Islam, AQIM, al Mourabitoun and ISGS
under ACLED's names). Each event's label is the group its record names, read
from the first side that names one; ACLED's "X and/or Y" actors (such as
"JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater
Sahara)") are the label "ambiguous". It places each on the grid of the
run in DIR by its coordinates (events outside the study area are reported and
skipped), gives it the zone the run's scenario defines there, and skips events
outside the run's dates. It aggregates them by year, zone and observed label
as the simulator's indicators do (events, fatalities, civilian targeting, the
shares of JNIM and FLM), does the same for every replicate of the run exported
to ACLED's layout, and prints and writes to DIR/acled_compare.csv, for each
indicator, the ACLED value, the simulated mean and 90% interval, and whether
the ACLED value lies within it.

A malformed row is an error naming its line and column (exit code 2).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runACLEDCompare(args[0], args[1], actors, force, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&actors, "actors", acled.DefaultActors, "regular `expression` matching the actors of militant Islamist events")
	f.BoolVar(&force, "force", false, "replace "+acledCompareFile+" if it exists")
	return cmd
}

// runACLEDCompare compares the ACLED file with the run in dir.
func runACLEDCompare(file, dir, actors string, force bool, stdout io.Writer) error {
	class, err := acled.NewClassifier(actors)
	if err != nil {
		return &badInput{fmt.Errorf("--actors: %w", err), true}
	}
	run, err := acled.OpenRun(dir)
	if err != nil {
		return &badInput{err: err}
	}
	out := filepath.Join(dir, acledCompareFile)
	if _, err := os.Lstat(out); err == nil && !force {
		return &badInput{err: fmt.Errorf("%s exists (use --force to replace it)", out)}
	}

	f, err := os.Open(file)
	if err != nil {
		return &badInput{err: err}
	}
	defer f.Close()
	evs, err := acled.ReadEvents(bufio.NewReader(f))
	if err != nil {
		return &badInput{err: fmt.Errorf("%s: %w", file, err)}
	}
	obs := acled.NewTally(run, class)
	for _, e := range evs.List {
		obs.Add(e)
	}
	sims, err := acled.SimulatedTallies(run, class)
	if err != nil {
		if errors.Is(err, acled.ErrRunFile) {
			return &badInput{err: err}
		}
		return work(err)
	}
	cs := acled.Compare(obs, sims)
	if err := writeAtomic(out, force, func(w io.Writer) error { return acled.WriteComparison(w, cs) }); err != nil {
		return err
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
		return work(err)
	}
	fmt.Fprintf(stdout, "\n%s\n", out)
	return nil
}

// writeAtomic writes the file path with write: into a temporary file
// beside it, renamed into place once complete, so path holds a whole file
// or is left as it was. An existing path is bad input unless force.
func writeAtomic(path string, force bool, write func(io.Writer) error) (err error) {
	if _, err := os.Lstat(path); err == nil && !force {
		return &badInput{err: fmt.Errorf("%s exists (use --force to replace it)", path)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return work(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return work(err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		tmp.Close()
		var pe *acled.ParseError
		if errors.As(err, &pe) || errors.Is(err, acled.ErrRunFile) {
			return &badInput{err: err}
		}
		return work(fmt.Errorf("write %s: %w", path, err))
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return work(fmt.Errorf("write %s: %w", path, err))
	}
	if err := tmp.Close(); err != nil {
		return work(fmt.Errorf("write %s: %w", path, err))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return work(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return work(fmt.Errorf("write %s: %w", path, err))
	}
	return nil
}
