// Package calibrate fits uncertain parameters of a scenario to the
// report's figures and to the patterns of real events in the training
// window (January 2017 to June 2019, package evidence) by approximate
// Bayesian computation (ABC): a Morris screening of every parameter first,
// to find the ones that matter, then a sequential Monte Carlo method over
// those, adaptive ABC sequential Monte Carlo (ABC-SMC) with MCMC moves.
//
// # The calibration file
//
// A calibration file is a sweep file (package scenarios): one base
// scenario, the parameters with numeric ranges { min, max }, which are
// their uniform priors, the replicates simulated per parameter set and a
// seed. Its design says where to start: kind = "morris" (points = the
// number of trajectories) screens every parameter first; kind = "sobol" or
// "lhs" skips the screening and is the prior sample of generation 0.
//
// [Template] writes the calibration file of every numeric parameter of a
// scenario, the start of a calibration of a new edition of the model (the
// shipped calibrate_baseline): every parameter of the rules and of each
// group's data, but not the levers, the map, the calendar or the zones,
// nor each group's behaviour multipliers ([GroupBehaviour]), which the
// model's second edition fixes at 1 for every group so that differences
// between groups emerge from the rules; freeing them per group would fit
// each group's outputs to the targets directly (agents/MODEL.md, 3.6).
//
// # Targets and distance
//
// The targets are the report's figures with a tolerance band (measured by
// the columns of runs.csv as package validate measures them: fatalities by
// fatalities_total, flm_areas_share_jnim by its events and its fatalities)
// and the 96 patterns of the training window, recorded by every run of a
// calibration (the sweep key patterns = true). Each target's error is
// standardised, e = (m − c)/h, where m is the simulated mean over a point's
// replicates, c the centre of the tolerance band and h half its width
// (half a unit for an exact target, such as an onset year), so |e| ≤ 1 is
// within the band; an indicator undefined in every replicate has the error
// MissingError. The [Distance] of a point is the root of the weighted mean
// of e², each kind of target (the report's figures, events per half-year,
// …, growth) weighing the same in all and its targets equally within it:
// the 36 shares of the label mix do not drown the report's 14 figures.
//
// # Screening
//
// [Screen] computes the Morris elementary effects (Morris 1991; μ*, the
// mean absolute effect, of Campolongo, Cariboni and Saltelli 2007) of
// every parameter of a morris design on the distance, and on the distance
// of each kind of target. The runs are stochastic: even with common random
// numbers, a parameter that only changes the random course of a run moves
// the distance, which gives every such parameter a μ* of noise. The
// screening therefore runs Settings.ScreenReplicates replicates of each
// point (2 by default) and measures the noise floor of μ* from them (see
// Screen); a parameter is kept if its μ* on the distance reaches
// NoiseFactor (1) times that floor and a share of the largest
// (Settings.ScreenKeep), at most Settings.MaxParameters of them, the
// largest first. The others stay at the base scenario's values.
//
// # The sequential method
//
// The algorithm is adaptive ABC sequential Monte Carlo with MCMC moves, the
// method of Del Moral, Doucet and Jasra (2012, Statistics and Computing 22,
// 1009–1020) with one simulation per particle, which suits a model run in
// batches: every generation is one sweep of N runs.
//
//  1. Generation 0: N particles from the prior (the file's lhs or sobol
//     design, or a Sobol design of Settings.Particles points over the
//     parameters kept by the screening), each simulated.
//  2. The next tolerance ε is the distance of the N_α = α·N-th closest
//     particle (α = Settings.Keep): the N_α closest are alive.
//  3. The next generation replaces every particle: it picks one of the
//     alive particles at random and proposes a step of a Gaussian random
//     walk from it, whose covariance is 2.38²/d times the covariance of
//     the alive particles (the scaling of random-walk Metropolis in d
//     dimensions, Roberts, Gelman and Gilks 1997); the step is simulated
//     and accepted if its distance is within ε and it passes the
//     Metropolis–Hastings test of the prior, u < π(θ′)/π(θ); otherwise
//     the particle it started from stays. This ABC-MCMC move leaves the
//     ABC posterior at tolerance ε invariant, so the new population is a
//     sample of it, every particle of equal weight.
//  4. Back to 2, until fewer than Settings.MinAcceptance of a generation's
//     moves are accepted (the population no longer mixes: copies of a
//     few particles would fill it), or the next generation would exceed
//     Settings.Budget simulations.
//
// Why not importance weights: population Monte Carlo ABC (Beaumont,
// Cornuet, Marin and Robert 2009) and its adaptive form APMC (Lenormand,
// Jabot and Deffuant 2013) weight each particle by the prior's density over
// the density it was proposed from. In the 20 dimensions of a calibration of
// this model the weights collapsed: a first calibration of the baseline
// with APMC ended with an effective sample size of 11 of 500, and 1 to 4
// of 500 with the deterministic-mixture weights of adaptive multiple
// importance sampling (Cornuet, Marin, Mira and Robert 2012). Moves of
// equal weight do not collapse that way; their cost is copies, which the
// acceptance rate measures and the stopping rule bounds.
//
// The method works in logit coordinates of each parameter's place in its
// range, z = logit((θ − min)/(max − min)), where the uniform prior has the
// logistic density: a step never leaves the prior's range. Integer
// parameters are simulated rounded. The final population is the
// posterior sample; runs of different particles draw independent random
// numbers (streams = "point"), as ABC needs.
//
// # Running it
//
// Every stage (the screening, generation g, the posterior predictive
// check) is a sweep directory of its own under the calibration directory,
// with its sweep file beside it (screening.toml, generations/NNN.toml and
// the points file generations/NNN.csv, check.toml), run by package sweep:
// in parallel, resumably, and, as a sweep file like any other, on Slurm
// through 'sahelsim slurm' and 'merge'. [Calibration.Run] runs the stages
// in order, or with Options.Next prepares the next one and returns its
// sweep file. What a stage runs depends only on the calibration file, its
// settings and the results of the stages before it, and generation g
// draws its proposals from a random stream of (seed, g): the posterior is
// the same bytes whatever the workers, shards or interruptions.
//
// A calibration directory has the guard of every output directory of
// sahelsim (package outputs): a calibration starts only in a new or empty
// directory, or resumes its own (its calibration.json, of the same
// calibration file, settings and targets), and leaves any other untouched;
// a process running it holds the directory's lock (shared by the shards of
// a stage), and each stage's, so that a second one fails at once; every
// file is written under a temporary name (outputs.TempPrefix) and renamed
// into place, and what a killed process left is removed by the next; the
// outputs in calibration/ replace those the calibration wrote before and
// no file of the user's.
//
// The posterior predictive check runs Settings.Check draws of the posterior
// sample (a points design drawing posterior.csv by weight) and reports,
// for every target, the mean and 90 % band of its runs: the fit
// targets.csv records and the figures draw.
//
// References: M. D. Morris, Technometrics 33 (1991) 161–174; F. Campolongo,
// J. Cariboni, A. Saltelli, Environmental Modelling & Software 22 (2007)
// 1509–1518; P. Del Moral, A. Doucet, A. Jasra, An adaptive sequential
// Monte Carlo method for approximate Bayesian computation, Statistics and
// Computing 22 (2012) 1009–1020; G. O. Roberts, A. Gelman, W. R. Gilks,
// Weak convergence and optimal scaling of random walk Metropolis
// algorithms, Annals of Applied Probability 7 (1997) 110–120; and, for the
// importance-weighted methods this one replaced, M. A. Beaumont,
// J.-M. Cornuet, J.-M. Marin, C. P. Robert, Biometrika 96 (2009) 983–990;
// M. Lenormand, F. Jabot, G. Deffuant, Computational Statistics 28 (2013)
// 2777–2796; J.-M. Cornuet, J.-M. Marin, A. Mira, C. P. Robert,
// Scandinavian Journal of Statistics 39 (2012) 798–812. The algorithm was
// written from these papers; gonum does the linear algebra (Cholesky
// factors) and the statistics.
package calibrate
