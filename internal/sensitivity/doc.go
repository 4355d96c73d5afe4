// Package sensitivity measures how much each parameter of a sweep moves an
// indicator: Morris elementary effects, to screen many parameters with few
// runs, and Sobol first-order and total indices, to apportion an
// indicator's variance among the parameters.
//
// Everything here is a pure function of a design and the runs' outputs:
// the package never runs the model. A sensitivity analysis has three
// steps:
//
//  1. Make a design, a matrix with one row per run and one column per
//     [Factor], in the factor's own units: [design.MorrisDesign] (r trajectories
//     of k+1 runs) or [design.SaltelliDesign] (n(k+2) runs).
//  2. Run the model at every row, in any order, and collect one value of
//     the indicator per run, in the order of the rows.
//  3. Pass the design and the values to [Morris] or [Sobol]. They check
//     that the matrix has the structure of its design (a sweep that
//     shuffled or lost runs is an error, not a wrong answer), and return
//     one [Effect] or [Index] per factor.
//
// [WriteMorris] and [WriteSobol] write the results as CSV tables;
// [PlotSobol] and [PlotMorris] draw them with gonum/plot as figures of
// package figures (sobol_<indicator>, morris_<indicator>), rendered as
// every figure of the project is: the PDF through figures.NewPDF (text in
// its fonts' code page, straight colours, no creation date), the SVG with
// its font fallbacks, the PNG at 300 dpi. [Analyse] takes
// the last step for a sweep directory run with a Morris or Saltelli
// design (the sensitivity command), writing its table and figures, and
// [Analysis.Print] says what it found.
//
// # Morris elementary effects
//
// The unit hypercube is cut into p levels per factor, {0, 1/(p−1), …, 1},
// and every step moves one factor by Δ = p/(2(p−1)) (2/3 for the usual p
// = 4). A trajectory starts at a random grid point, each coordinate at a
// level from which a step of Δ stays in [0, 1] (up from the lower half of
// the levels, down from the upper half), and moves each factor once, in a
// random order (Morris 1991; Campolongo, Cariboni and Saltelli 2007). The
// elementary effect of factor i on a trajectory is
//
//	EE_i = (y(x + Δ·e_i) − y(x)) / Δ
//
// with Δ signed and in units of the factor's range, so effects of
// different factors are comparable. Over the r trajectories, μ is the mean
// of EE_i, μ* the mean of |EE_i| (Campolongo et al.'s measure of
// importance, which does not cancel when effects change sign) and σ their
// standard deviation (n−1 denominator), which is large for factors that
// act non-linearly or through interactions. For a linear function
// Σ c_i·u_i of the unit coordinates, μ_i = c_i, μ*_i = |c_i| and σ_i = 0.
//
// # Sobol indices with the Saltelli design
//
// The design takes 2k-dimensional base points from a sampler of the unit
// hypercube (by default [design.Halton]: a Halton sequence with random digit
// permutations, a quasi-random sequence that fills the space far more
// evenly than independent draws, seeded for reproducibility; a sweep may
// pass its own sequence through [design.PointsFunc]) and splits each into two
// points, a row of A and a row of B. Its rows are, in this order, the n
// rows of A, the n rows of B, then for each factor i the n rows of AB_i,
// which is A with column i taken from B: n(k+2) runs in all. With f_A,
// f_B and f_AB_i the indicator's values on those blocks and V the variance
// of f_A and f_B pooled, the first-order and total indices are estimated
// as in Saltelli et al. (2010), table 2, with Jansen's estimator for the
// total index:
//
//	S1_i = mean(f_B · (f_AB_i − f_A)) / V
//	ST_i = mean((f_A − f_AB_i)²) / 2 / V
//
// S1_i is the share of the variance that factor i explains alone, ST_i the
// share it takes part in, with every interaction; ST_i − S1_i measures its
// interactions, and ST_i ≈ 0 means the factor can be fixed anywhere in its
// range. The estimates are noisy at small n and may fall slightly outside
// [0, 1]; their 95 % intervals come from a percentile bootstrap over the n
// base points ([Bootstrap]). Use n a power of two: a Halton sequence is
// most even on such counts.
//
// Both methods need a value in every run: a run whose indicator is
// undefined (NaN) is skipped by Morris (its effects are not counted, see
// Effect.N) and is an error for Sobol, whose estimator has no way round a
// missing run. Impute or choose another indicator.
//
// References: M. D. Morris, Factorial sampling plans for preliminary
// computational experiments, Technometrics 33 (1991); F. Campolongo, J.
// Cariboni, A. Saltelli, An effective screening design for sensitivity
// analysis of large models, Environ. Model. Softw. 22 (2007); A. Saltelli
// et al., Variance based sensitivity analysis of model output. Design and
// estimator for the total sensitivity index, Comput. Phys. Commun. 181
// (2010); T. Ishigami, T. Homma, An importance quantification technique in
// uncertainty analysis for computer models (1990), whose function the
// tests check the estimators against.
package sensitivity
