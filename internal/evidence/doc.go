// Package evidence holds what sahelsim is checked against: the figures of
// the report, and the patterns of real militant Islamist events in the
// study area from January 2017 to June 2019, aggregated from ACLED data.
//
// Aggregated from ACLED data (acleddata.com); see ACLED's terms of use.
//
// # The report's figures
//
// report_targets.csv holds one row per figure of the report: its value, a
// tolerance band around it, the period and area it covers and the
// sentence it comes from. [Targets] parses it; [ReadTargets] parses a file
// of the same layout supplied by a user.
//
// # The ACLED-derived training data
//
// Two files, shipped here unchanged and embedded in the program, count the
// militant Islamist events of ACLED's country exports for Mali, Burkina
// Faso and Niger as published on HDX (data.humdata.org) in August 2020.
// They hold counts only; no event row of ACLED's is redistributed:
//
//   - acled_sahel_monthly_2017-01_2019-06.csv ([Monthly]): events and
//     fatalities per month, country, admin-1 region, analysis zone, label
//     and event class;
//   - acled_sahel_event_sizes_2017-01_2019-06.csv ([EventSizes]): the same
//     events by fatalities per event (0, 1, 2-4, 5-9, 10-19, 20-49, 50-99,
//     100+) in 2017, 2018 and the first half of 2019.
//
// How they were made: political violence only (ACLED's event types
// Battles, Explosions/Remote violence and Violence against civilians), in
// Mali and Burkina Faso whole and Niger's Tillabéri and Tahoua regions,
// in which a militant Islamist actor takes part on either side (actor1,
// assoc_actor_1, actor2 or assoc_actor_2): JNIM and its components, ISGS,
// Ansaroul Islam, AQIM and al Mourabitoun. The label is the group the
// record names, read from the first side that names one: flm (ACLED's
// "Katiba Macina"), ansar_dine, katiba_serma, ansaroul_islam, aqim_sahara,
// al_mourabitoun, isgs ("Islamic State (Greater Sahara)"), jnim (the
// coalition named, no component) and ambiguous (ACLED's "X and/or Y"
// actors, such as "JNIM: Group for Support of Islam and Muslims and/or
// Islamic State (Greater Sahara)", which record that the coders could not
// tell the two apart). Events of unidentified armed groups are not in the
// files: ACLED names no militant actor for them. The class is battle,
// remote (explosions, IEDs, shelling), vac_attack (attacks on civilians),
// vac_abduction (kidnappings) or vac_other; the zone comes from the admin-1
// region ([ZoneOf]). Names are ASCII-folded as ACLED writes them. In all,
// 998 events and 2,513 fatalities, 146 events in 2017.
//
// The files stop at June 2019 on purpose: they are the training window
// ([WindowStart], [WindowEnd]). The model is fitted to them and to the
// report's figures only; events from July 2019 on are the out-of-sample
// test of a calibrated model and are not used by sahelsim.
//
// # Patterns as targets
//
// [Patterns] are the statistics of the training window that the model
// must reproduce, each computed from a [Counts] table: events and
// fatalities per half-year, per country and per zone; the label mix per
// country and year; the class mix per zone; the distribution of
// fatalities per event; and the growth of events and fatalities. The real
// events ([ObservedCounts]) and a simulated run's (counted as ACLED counts
// them, in package acled) are tallied into the same table and every
// pattern is computed from it by one function, so the two sides cannot
// drift apart.
//
// [PatternTargets] turns each pattern into a [Target]: the observed value
// and a tolerance band that reflects the noise of counts, widened by a
// stated allowance for what the model does not represent. The noise: an
// event count is taken as a Poisson count (its exact Garwood interval); a
// fatality count as a compound Poisson sum, whose variance is D times its
// mean, with the dispersion D = E[f²]/E[f] of the data's fatalities per
// event (about 14: [FatalityDispersion]); a share as a binomial
// proportion (Wilson's interval); a growth ratio through the variance of
// its logarithm, 1/N₁ + 1/N₀. All intervals are at 95 % ([Confidence]).
// The allowances are assumptions:
//
//	events          ×/÷ 1.25  ACLED's coders split and merge reports differently over time
//	                          and place, reporting is thinner in remote areas, and the
//	                          model's 0.5° cells straddle region borders
//	fatalities      ×/÷ 1.25  reported fatalities are estimates, often rounded or disputed
//	                          (the dispersion already carries the heavy tail of event sizes)
//	label, class    ± 0.05    the model codes each event by one rule where ACLED's coders
//	                          read varied reports
//	event sizes     ×/÷ 1.5   the model's event sizes come from a simple distribution, and
//	                          the rare large events make the tail shares noisy
//	growth          ×/÷ 1.25  as events
//
// A simulated pattern meets its target when the mean over replicates lies
// in the band, as for the report's figures.
package evidence
