package validate

import (
	"errors"
	"fmt"
	"maps"

	"github.com/sahelsim/sahelsim/internal/evidence"
	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// This file is the one path from a scenario's replicates to their
// judgement, shared by the commands that judge fit: 'sahelsim run' (its
// headline table, a view of the report's figures), 'sahelsim validate'
// (the report's figures and the patterns) and, through LoadTargets,
// 'sahelsim calibrate'.

// ErrTargets is wrapped by the errors of LoadTargets about the targets
// file: it is missing, refused (package input) or malformed.
var ErrTargets = errors.New("targets file")

// LoadTargets returns the targets of a validation: the report's figures
// (evidence.Targets) if path is empty, else the targets file at path,
// read through package input (at most input.MaxTable bytes) in the
// columns of evidence.ReadTargets; and, if patterns, the training-window
// patterns (evidence.PatternTargets) after them. Errors about the file
// name it and wrap ErrTargets.
func LoadTargets(path string, patterns bool) ([]evidence.Target, error) {
	var targets []evidence.Target
	if path == "" {
		t, err := evidence.Targets()
		if err != nil {
			return nil, err
		}
		targets = t
	} else {
		f, err := input.OpenCSV(path, input.MaxTable)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrTargets, err)
		}
		defer f.Close()
		if targets, err = evidence.ReadTargets(f); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrTargets, path, err)
		}
	}
	if patterns {
		pt, err := evidence.PatternTargets()
		if err != nil {
			return nil, err
		}
		targets = append(targets, pt...)
	}
	return targets, nil
}

// Check validates the replicates reps of the scenario sc against targets
// (Validate): the report's figures by their measures (DefaultMeasures)
// and, if patterns, the training-window patterns by theirs
// (PatternMeasures), which cost a count of every replicate's events.
func Check(sc *scenarios.Scenario, reps []*outputs.Replicate, targets []evidence.Target, patterns bool) ([]Result, error) {
	if len(reps) == 0 {
		return nil, fmt.Errorf("validate: no replicate")
	}
	measures, err := DefaultMeasures(sc, reps[0].Grid)
	if err != nil {
		return nil, err
	}
	if patterns {
		pm, err := PatternMeasures(sc, reps)
		if err != nil {
			return nil, err
		}
		maps.Copy(measures, pm)
	}
	return Validate(reps, targets, measures)
}
