package report

import (
	"context"

	"github.com/sahelsim/sahelsim/outputs"
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
