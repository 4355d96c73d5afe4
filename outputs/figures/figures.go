package figures

import (
	"context"
	"fmt"
	"path/filepath"

	"gonum.org/v1/gonum/stat/distuv"
)

// Options say how to draw the figures of a directory.
type Options struct {
	Style   Style    // Paper (the default) or Slides
	Formats []string // formats to write; DefaultFormats() if empty

	// LinearMaps colours maps of counts on a linear scale rather than a
	// logarithmic one.
	LinearMaps bool

	// Compare is a second run, drawn beside this one where a figure
	// compares runs: the attribution of events under, say, more
	// intelligence sharing (a run of the disaggregation scenario).
	Compare *Data
}

// Figures returns the figures of d, in the order of the report: for a
// run, time series, maps, attribution and shares, flows and, if the
// directory has compare.csv, the forest plot; for a sweep, time series by
// point, indicators against each swept parameter, attribution by point and
// the forest plot. A figure the directory lacks the data for is left out.
func Figures(d *Data, o Options) []*Figure {
	b := &builder{d: d, o: o, th: o.Style.theme(), bin: d.binning()}
	if d.Grid != nil {
		b.mask = newCountryMask(d.Grid, mapView(d.Grid), 0.2)
	}
	var figs []*Figure
	add := func(f *Figure) {
		if f != nil {
			figs = append(figs, f)
		}
	}
	// A run with no events (one step, no fighters) draws every figure
	// all the same, its axes empty, with a note that says why.
	noted := func(note string, fs ...*Figure) {
		for _, f := range fs {
			if f != nil {
				f.setNote(note, b.th.text)
			}
			add(f)
		}
	}
	switch {
	case d.Kind == RunDir && !d.hasEvents():
		const note = "No militant events in this run"
		noted(note, b.byZone("events", "events"), b.byZone("fatalities", "fatalities"),
			b.byGroup("events", "events"), b.byGroup("fatalities", "fatalities"), b.observed())
		add(b.fightersByGroup())
		if d.Grid != nil && d.events != nil {
			es := d.events
			noted(note, b.countMap("map_events", "Militant events", "Events",
				"Militant events (violent events by a group, and security operations against one).", es.events),
				b.countMap("map_fatalities", "Fatalities", "Fatalities",
					"Fatalities of militant events.", es.fatalities),
				b.countMap("map_civilian", "Civilian targeting", "Attacks on civilians",
					"Civilian targeting: attacks on civilians and targeted killings of local leaders and imams, by any group.", es.civilian))
			add(b.influenceMap())
			add(b.presenceMap())
			noted(note, b.eventsByGroupMaps(), b.eventsByPeriodMaps())
		}
		if d.events != nil {
			noted(note, b.attribution(), b.sharesByGroup(), b.sharesByTarget())
		}
		add(b.flows())
	case d.Kind == RunDir:
		add(b.byZone("events", "events"))
		add(b.byZone("fatalities", "fatalities"))
		add(b.byGroup("events", "events"))
		add(b.byGroup("fatalities", "fatalities"))
		add(b.observed())
		add(b.fightersByGroup())
		if d.Grid != nil && d.events != nil {
			es := d.events
			add(b.countMap("map_events", "Militant events", "Events",
				"Militant events (violent events by a group, and security operations against one).", es.events))
			add(b.countMap("map_fatalities", "Fatalities", "Fatalities",
				"Fatalities of militant events.", es.fatalities))
			add(b.countMap("map_civilian", "Civilian targeting", "Attacks on civilians",
				"Civilian targeting: attacks on civilians and targeted killings of local leaders and imams, by any group.", es.civilian))
			add(b.influenceMap())
			add(b.presenceMap())
			add(b.eventsByGroupMaps())
			add(b.eventsByPeriodMaps())
		}
		if d.events != nil {
			add(b.attribution())
			add(b.sharesByGroup())
			add(b.sharesByTarget())
		}
		add(b.flows())
	case d.Kind == SweepDir:
		points := d.Points()
		if len(points) > 0 {
			if len(d.Dates) > 0 {
				add(b.byPoint(points, "events", "events"))
				add(b.byPoint(points, "fatalities", "fatalities"))
			}
			names, values := b.sweptParams(points)
			for k := range names {
				add(b.sweepFigure(points, names, values, k))
			}
			add(b.attributionByPoint(points))
		}
	}
	if len(d.Comparisons) > 0 && !d.Posterior() {
		add(b.forest())
	}
	return figs
}

// Posterior reports whether d is a sweep over the draws of a posterior
// (a [posterior] table): its compare.csv holds a comparison per draw,
// too many for a forest plot or a table, and 'sahelsim findings' draws
// its effects over the posterior instead.
func (d *Data) Posterior() bool { return d.SweepManifest != nil && d.SweepManifest.Design.Posterior }

// hasEvents reports whether the run holds any militant event.
func (d *Data) hasEvents() bool {
	if d.events == nil {
		return false
	}
	for _, v := range d.events.events {
		if v > 0 {
			return true
		}
	}
	return false
}

// DrawAll loads the run or sweep in dir, draws every figure its files
// allow and writes them into dir/figures (the files it draws replaced,
// others left), in o.Formats. It returns the figures, rendered: their SVG
// drawings are kept for the report.
func DrawAll(dir string, o Options) ([]*Figure, error) {
	d, err := Load(dir)
	if err != nil {
		return nil, err
	}
	figs := Figures(d, o)
	if _, err := Write(context.Background(), filepath.Join(dir, "figures"), figs, o.Formats...); err != nil {
		return nil, fmt.Errorf("figures of %s: %w", dir, err)
	}
	return figs, nil
}

// tQuantile975 returns the 97.5th percentile of Student's t with df
// degrees of freedom.
func tQuantile975(df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}
