// Package calibrate fits uncertain parameters of a scenario to the
// report's figures and to the patterns of real events in the training
// window (January 2017 to June 2019, package evidence) by approximate
// Bayesian computation (ABC): a Morris screening of every parameter first,
// to find the ones that matter, then a sequential Monte Carlo method over
// those, adaptive population Monte Carlo ABC (ABC-SMC).
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
// NoiseFactor (2) times that floor and a share of the largest
// (Settings.ScreenKeep), at most Settings.MaxParameters of them, the
// largest first. The others stay at the base scenario's values.
//
// # The sequential method
//
// The algorithm is adaptive population Monte Carlo ABC (APMC: Lenormand,
// Jabot and Deffuant 2013, Computational Statistics 28, 2777–2796;
// arXiv:1111.1308), the ABC-PMC of Beaumont, Cornuet, Marin and Robert
// (2009, Biometrika 96, 983–990) with a tolerance set by the population
// itself and a stopping rule on the acceptance rate, which suits a model
// run in batches: every generation is one sweep.
//
//  1. Generation 0: N particles from the prior (the file's lhs or sobol
//     design, or a Sobol design of Settings.Particles points over the
//     parameters kept by the screening), each simulated. The tolerance ε₁
//     is the distance of the N_α = α·N-th closest (α = Settings.Keep), and
//     those N_α particles are kept.
//  2. The perturbation kernel K is a Gaussian of twice the weighted
//     covariance of the kept particles (Beaumont et al. 2009).
//  3. Each new generation draws N − N_α particles: a kept one picked by
//     weight, moved by the kernel, simulated. The acceptance p is the
//     share of them within the previous tolerance.
//  4. Kept and new particles together, N of them, are cut to the N_α
//     closest; the largest of their distances is the next tolerance.
//     Back to 2, until p falls below Settings.MinAcceptance or the next
//     generation would exceed Settings.Budget simulations.
//
// The weights: APMC weights each particle by the prior's density over the
// density it was proposed from, π(θ)/Σⱼ w̃ⱼK(θ | θⱼ), and keeps the weights
// of the particles carried over from earlier generations. In the 20
// dimensions of a calibration of this model that collapses: the few draws
// of the prior still kept (weight π/π = 1) outweigh the hundreds of
// particles proposed from concentrated mixtures (weights π/q ≪ 1); a
// first calibration of the baseline ended with an effective sample size of
// 11 of 500. Here every particle kept is weighted instead by the prior's
// density over the density of the mixture of all the proposals of the
// calibration so far, each weighing the number of particles drawn from it,
// w = π(θ) / Σ_g n_g·q_g(θ), with q₀ the prior: the "deterministic mixture"
// weights of adaptive multiple importance sampling (Cornuet, Marin, Mira
// and Robert 2012, Scandinavian Journal of Statistics 39, 798–812), an
// importance sample of the same ABC posterior whose weights stay even.
//
// The method works in logit coordinates of each parameter's place in its
// range, z = logit((θ − min)/(max − min)), where the uniform prior has the
// logistic density: the kernel never proposes outside the prior, and no
// proposal is wasted or rejected. Integer parameters are simulated
// rounded. The final population, with its normalised weights, is the
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
// The posterior predictive check runs Settings.Check draws of the posterior
// sample (a points design drawing posterior.csv by weight) and reports,
// for every target, the mean and 90 % band of its runs: the fit
// targets.csv records and the figures draw.
//
// References: M. D. Morris, Technometrics 33 (1991) 161–174; F. Campolongo,
// J. Cariboni, A. Saltelli, Environmental Modelling & Software 22 (2007)
// 1509–1518; M. A. Beaumont, J.-M. Cornuet, J.-M. Marin, C. P. Robert,
// Adaptive approximate Bayesian computation, Biometrika 96 (2009) 983–990;
// M. Lenormand, F. Jabot, G. Deffuant, Adaptive approximate Bayesian
// computation for complex models, Computational Statistics 28 (2013)
// 2777–2796; J.-M. Cornuet, J.-M. Marin, A. Mira, C. P. Robert, Adaptive
// multiple importance sampling, Scandinavian Journal of Statistics 39
// (2012) 798–812. The algorithm was written from these papers; gonum does
// the linear algebra (Cholesky factors) and the weighted statistics.
package calibrate
