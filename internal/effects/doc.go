// Package effects says which policy conclusions hold: the effects of the
// levers over the posterior of the model's parameters, what drives them,
// what carries them and how they grow with the lever's intensity. It
// reads finished sweeps (internal/sweep's Table) and writes tidy CSV
// files, tables (outputs/report) and figures (outputs/figures).
//
//   - Over the posterior (Analyse): a sweep with a [posterior] table
//     runs every draw of a posterior sample in the baseline and in each
//     lever with common random numbers. For each lever and indicator it
//     gives the mean effect, the 5–95 % range of the per-draw effects,
//     the split of the variance of a run's effect between parameter
//     uncertainty and the model's noise (law of total variance), and the
//     probability that the effect has its expected sign (Expected).
//   - Drivers (Analysis.Drivers): the regression of each lever's per-draw
//     effect on the standardised parameters of the draws: standardised
//     regression coefficients and R².
//   - Ablation (Ablate): in a full factorial sweep of a lever's
//     intensity and sub-mechanism switches, each sub-mechanism's effect
//     alone, its share of the whole effect, and the interaction (whole
//     less the sum), each with its 95 % interval over paired replicates.
//   - Dose-response (Dose): a lever's effect at each intensity of an
//     intensity sweep, with its 95 % interval.
//
// Findings puts them together as a page (outputs/report.WriteFindings).
package effects
