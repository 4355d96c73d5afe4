// Package design makes the designs of parameter sweeps, the points of the
// unit hypercube (or of the factors' ranges) at which a sweep runs its
// scenario, from the sweep's seed alone: Latin hypercubes
// ([LatinHypercube]), scrambled Sobol' points ([SobolPoints]), Morris
// trajectories for screening ([MorrisDesign]) and Saltelli's radial design
// for Sobol' indices ([SaltelliDesign], on a [Halton] or [Uniform] base or
// a user's [PointsFunc]). The grid design, every combination of listed
// values, needs no package.
//
// The scenario loader (package scenarios) places a sweep file's points
// with it; the analysis (package internal/sensitivity) reads the runs of
// a Morris or Saltelli design in the order these functions give.
package design
