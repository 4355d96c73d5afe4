// Package figures draws the figures of a sahelsim run or sweep, from the
// files of its output directory, with gonum/plot: publication-quality out
// of the box, for papers and briefings.
//
// [Load] reads a directory with outputs.Read: a run (summary.csv,
// timeseries.csv, events.csv, defections.csv, displacement.csv and
// manifest.json, as outputs.WriteRun writes them) or a sweep (runs.csv and
// timeseries.csv keyed by run, and compare.csv if the sweep compared
// scenarios; see [Detect]). It keeps only what the figures draw: time
// series totalled over zones or over groups, per replicate (a run's
// counts of events by zone, group and label derived from its events where
// timeseries.csv, written at a lower --series level, lacks them), and the
// run's events (agents.Event values) tallied by cell, group, year, label
// and target. Maps use the run's grid and zones as outputs.ReadRun
// rebuilds them from the manifest.
//
// [Figures] returns the figures the directory allows, [Write] renders them
// into a directory and [DrawAll] does both. A run's figures, by file name:
//
//   - events_by_zone, fatalities_by_zone: militant events and their
//     fatalities per month in each zone, all groups together;
//     events_by_group, fatalities_by_group: the same by true group;
//     fighters_by_group: active fighters. Each is the mean across
//     replicates with its 90 % band (5th–95th percentile), on real dates.
//   - events_observed: the observed record beside the ground truth, as
//     small multiples: for each group, the events it truly carried out
//     (solid) and the events the record labels with its name (dashed);
//     then a panel for each label that names no group: "JNIM", unknown,
//     and "ambiguous" (JNIM and/or ISGS) or any other label the run's
//     record has.
//   - map_events, map_fatalities, map_civilian: the grid coloured by events,
//     fatalities and attacks on civilians per cell (mean per replicate, a
//     log scale unless Options.LinearMaps); map_influence: the group with
//     the most events in each cell; map_presence: sustained government
//     presence by zone (drawn when the time series hold it: --series
//     totals or full); map_events_by_group: small multiples of each
//     group's events over its historical area of influence (the report's
//     Figures 2 and 3); map_events_by_period: one map per calendar year.
//     Maps show country borders and names (each written where it fits
//     inside the country, clear of the towns), the capitals and the
//     report's towns (each label beside its place where it covers no
//     other), latitude and longitude ticks on the frame, a colour scale
//     or legend, a scale bar and the map data's credit line. A single map
//     is a page wide (7 in) with its key below in the Paper style, and in
//     the Slides style 10 in by 5 in, the key beside the map so that it
//     fits a slide; small multiples are a page wide in both.
//   - attribution: for each true perpetrator, how its violent events were
//     labelled (its own name, another group's, "JNIM", unknown), beside the
//     same for Options.Compare, a run under more intelligence sharing, when
//     given; shares_by_group: each group's share of events, true and
//     observed, with 90 % intervals; shares_by_target: each group's events
//     by target.
//   - flows: where defectors went (realignment, crime, a reintegration
//     programme, their community) and on to reintegration or recidivism.
//
// A sweep's figures: events_by_point and fatalities_by_point over time at
// each point, every line named in the legend (up to eight points in one
// panel; a grid of several parameters as small multiples, a panel for
// each setting of the others and a line for each value of the one with
// the most; a design with many values, such as a Latin hypercube, with
// lines coloured by the value of its first parameter and the legend
// naming the range); sweep_PARAMETER, the headline indicators against
// each swept parameter with 95 % intervals of the mean;
// attribution_by_point. With compare.csv, either gets compare_forest:
// each scenario's effect on the headline indicators with its 95 %
// interval, each scenario's row tall enough for its name, the reference
// named in the legend.
//
// # Style
//
// Figures are 3.5 in (a column) or 7 in (a page) wide in the [Paper] style,
// with Liberation Sans (metrically Arial) at 8 pt, 7 pt for ticks; [Slides]
// makes them 5 or 10 in wide with 16 pt text. Axes are labelled with their
// units; legends sit beside the panels, never over data. Groups have fixed
// colours from the Okabe–Ito palette, which readers with any common
// colour-vision deficiency tell apart (see [GroupColor]); the labels
// "JNIM" and "unknown" are dark and light grey, "ambiguous" the palette's
// yellow (see [LabelColor]). Maps use viridis, a perceptually uniform
// sequential scale ([Viridis]).
//
// [Write] writes PDF (fonts embedded), SVG and PNG at 300 dpi (recorded in
// the file), replacing the figures directory whole so that it never holds
// a mix of old and new figures. PDFs are drawn on a [PDFCanvas], which
// mends what gonum/plot's PDF canvas gets wrong: text is encoded in the
// fonts' code page, cp1252 (a character it lacks, such as the minus sign
// or ≤, is replaced by the nearest it has, "?" at worst); translucent
// fills keep their colour; and the file has no creation date, so that
// the same run gives byte-identical PDFs.
//
// Figures of data with nothing to show draw their axes with a note rather
// than nothing: a panel whose series never rise above zero says "None in
// this run", a map of no events says so under its colour bar, a run of one
// step draws its one value as a point with its band as an interval, and a
// sweep figure with no indicator to draw is one empty panel saying why.
// Time axes label months or years as often as the labels fit the panel.
//
// The package keeps no state between calls; figures of different
// directories may be drawn concurrently.
package figures
