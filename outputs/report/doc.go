// Package report writes what a researcher looks at first in a run's or a
// sweep's output directory: its figures (drawn by package
// [github.com/sahelsim/sahelsim/outputs/figures]), its tables for papers
// and one page that holds them all.
//
// [Write] does it all from the files of a directory, so that it can redraw
// a run without running it again (the plot command), and be called after
// a run or a sweep:
//
//   - DIR/figures/NAME.FORMAT: every figure the directory's files allow,
//     in PDF, SVG and PNG (300 dpi) by default.
//   - DIR/tables/headline.tex: the headline indicators (for a run: mean,
//     90 % interval, the report's figure, its tolerance band and the fit;
//     for a sweep: the main indicators at each point, each mean above its
//     interval, in two panels), and DIR/tables/compare.tex, the policy
//     comparison (a section for each scenario), when the directory has
//     compare.csv: LaTeX booktabs tables to \input in a table
//     environment, with \usepackage{booktabs} and \usepackage{tabularx}.
//     Each is as wide as the line (\linewidth) and fits the text width
//     of a standard article: its label column wraps, large counts are in
//     thousands or millions, and every unit is in a head (a column's, or
//     "Indicator (unit)" and the unit after each indicator's name).
//   - DIR/report.html: one self-contained file, without scripts or
//     anything to fetch, with the headline table, the policy comparison,
//     the figures inline as SVG with their captions, the scenario and the
//     manifest.
//
// [WriteRun] writes a run's directory with them, drawn before the run is
// put in place. [HeadlineTable] and [CompareTable] build the tables;
// [Table.LaTeX] and [HTML] write them.
package report
