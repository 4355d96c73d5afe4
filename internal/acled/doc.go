// Package acled converts between sahelsim's events and ACLED's (Armed
// Conflict Location & Event Data) export layout, both ways: it writes a
// run's events as an ACLED export, so that researchers can run their ACLED
// scripts on simulated data, and it reads a user's ACLED export, places its
// events on the run's grid and zones, and compares them with the run. It
// also counts simulated events as ACLED counts real ones, for the patterns
// of the training window ([PatternCounter], package evidence). No ACLED
// event row ships with sahelsim, only the aggregated counts of package
// evidence (Aggregated from ACLED data (acleddata.com); see ACLED's terms
// of use).
//
// # The export layout
//
// [Writer] writes the columns of ACLED's current CSV export ([Columns]):
//
//	event_id_cnty,event_date,year,time_precision,disorder_type,event_type,
//	sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,
//	interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,
//	location,latitude,longitude,geo_precision,source,source_scale,notes,
//	fatalities,tags,timestamp
//
// with dates as YYYY-MM-DD and the numeric actor codes of ACLED's
// codebook (inter 1 state forces, 2 rebel groups, 3 political militias, 4
// identity militias, 7 civilians; interaction is the two codes, smaller
// first). [Reader] finds columns by name, so it also reads classic
// exports (data_id, iso, event_id_cnty, event_id_no_cnty, …, dates as
// "30 September 2020") and files with extra or reordered columns, and maps
// the event types of ACLED's codebook before 2019 to the current ones
// ([CurrentType], with the mapping and its source). [ReadEvents] reads a
// whole file and merges the rows of a monadic export (one row per actor,
// as ACLED's API returns with monadic=true) back into one event each, by
// event_id_cnty, so that no event counts twice.
//
// # From sahelsim to ACLED
//
// One simulated event is one ACLED event. Its actor is the observed label,
// never the true perpetrator, as an ACLED coder would see it: a component
// group by ACLED's name for it, "JNIM: Group for Support of Islam and
// Muslims" for an event labelled with the coalition only, ACLED's
// ambiguous actor for an event labelled "ambiguous" (the model's observer
// cannot tell JNIM from ISGS), and "Unidentified Armed Group (<country>)"
// for an unknown perpetrator:
//
//	label            actor (inter)
//	flm              Katiba Macina (2)
//	ansar_dine       Ansar Dine (2)
//	katiba_serma     Katiba Serma (2)
//	ansaroul_islam   Ansaroul Islam (2)
//	aqim_sahara      AQIM: Al Qaeda in the Islamic Maghreb (2)
//	al_mourabitoun   Al Mourabitoune (2)
//	isgs             Islamic State (Greater Sahara) (2)
//	JNIM             JNIM: Group for Support of Islam and Muslims (2)
//	ambiguous        JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara) (2)
//	unknown          Unidentified Armed Group (Mali|Burkina Faso|Niger) (3)
//
// The state forces are those of the cell's country, named as ACLED names
// them by government ("Military Forces of Mali (2013-2020)", then
// "(2020-2021)" from 19 August 2020, "(2021-)" from 25 May 2021; Burkina
// Faso "(2015-2022)", "(2022-)" from 24 January 2022; Niger
// "(2011-2021)", "(2021-2023)" from 2 April 2021, "(2023-)" from 26 July
// 2023); self-defence militias are "Unidentified Communal Militia
// (<country>)" (4) and civilians "Civilians (<country>)" (7). Event types
// map as follows (L is the labelled group, S the state forces, M the
// militia, C civilians):
//
//	sahelsim           event_type / sub_event_type                            actor1  actor2  civilian_targeting
//	attack_forces      Battles / Armed clash                                  L       S
//	attack_civilians   Violence against civilians / Attack                    L       C       Civilian targeting
//	targeted_killing   Violence against civilians / Attack (notes: local      L       C       Civilian targeting
//	                   leader or imam)
//	explosive_device   Explosions/Remote violence / Remote explosive/         L       S
//	                   landmine/IED
//	kidnapping         Violence against civilians / Abduction/forced          L       C       Civilian targeting
//	                   disappearance
//	clash              Battles / Armed clash                                  L       rival
//	operation          Battles / Armed clash                                  S or M  L
//	reprisal           Violence against civilians / Attack                    S or M  C       Civilian targeting
//	defection, displacement: not ACLED events, not exported
//
// The rival of a clash is named by its coalition (JNIM for a member, ISGS
// by its own name): observers tell the coalitions apart, as each claims
// its fights, but not the components. The other columns: event_id_cnty is
// the ISO3 code and a number counting that country's events through the
// file (unique across replicates); event_date is the first day of the
// event's step, with time_precision 2 (known to the week); latitude and
// longitude are the centre of the event's cell, with geo_precision 2;
// location is the nearest town of the map in the same country; admin1 is
// the cell's region (admin2 and admin3 are empty); iso, country and region
// ("Western Africa") are ACLED's; source is "sahelsim (simulated)",
// source_scale "Other"; notes say "sahelsim rep R, step S: <what
// happened>[, claimed]", the replicate being the only way to tell
// replicates apart in ACLED's columns; timestamp is the end of the run, so
// the same run always gives the same file.
//
// # From ACLED to sahelsim
//
// A [Classifier] keeps the militant Islamist events of a file: political
// violence (Battles, Explosions/Remote violence, Violence against
// civilians; strategic developments, protests and riots are left out) in
// which actor1, assoc_actor_1, actor2 or assoc_actor_2 matches a pattern,
// [DefaultActors] unless the user gives another. It reads the event's
// label from the names on the first side, then the second (associated
// actors split at semicolons): a group named on its own (Katiba Macina or
// FLM, Ansar Dine, Katiba Serma, Ansaroul Islam, AQIM, al-Mourabitoun,
// Islamic State or ISGS) before JNIM alone, and JNIM alone before an
// "X and/or Y" actor, which is the label "ambiguous" whatever groups it
// names (ACLED writes it when its coders could not tell JNIM from ISGS;
// it was once read as ISGS, whose name it contains). An event the pattern
// matches but that names none of them has the label "unknown". This is
// the filter and the labelling of the shipped training data.
//
// A [Tally] places each kept event in the grid cell holding its
// coordinates (events outside the study area are counted and skipped),
// gives it that cell's zone as the run's scenario defines zones, and the
// step holding its date (events before the run's start or after its end
// are counted and skipped); an event counts in the calendar year of its
// step's first day, as the simulator's do. It then computes, as the
// simulator's headline indicators do but from what an observer sees,
// the observed label:
//
//	events_total, fatalities_total   militant Islamist events and their fatalities
//	events_<year>, fatalities_<year> the same by calendar year
//	events_<zone>, fatalities_<zone> the same by zone
//	events_first_year, events_last_year, surge_ratio
//	                                 events in the first and last 365 days of
//	                                 the run, and their ratio
//	jnim_share_events_observed       events labelled JNIM or a JNIM member, over
//	                                 those with a known label, "ambiguous"
//	                                 included (summary.csv's
//	                                 indicator of the same name, but for clashes:
//	                                 here a clash with JNIM counts as JNIM's
//	                                 whoever started it)
//	flm_share_jnim_events_observed   events labelled FLM over those labelled JNIM
//	                                 or a member
//	flm_areas_share_jnim_observed,   share of those events, and of their
//	flm_areas_share_jnim_fatalities_observed
//	                                 fatalities, in central_mali and northern_burkina
//	civilian_share_jnim_observed[_<zone>]
//	                                 share of the events labelled JNIM or a member
//	                                 that targeted civilians (attacks and killings,
//	                                 not kidnappings), over all their events (an
//	                                 observer cannot tell an attack on soldiers from
//	                                 an operation against the group)
//	label_share_<label>              share of the events with a known label that
//	                                 bear each label (a group id, JNIM or
//	                                 ambiguous)
//
// The simulated side is each replicate of the run exported as above and
// tallied with the same Classifier ([SimulatedTallies]), so both sides are
// counted by one rule: events with an unknown perpetrator are
// "Unidentified Armed Group" events, which ACLED's militant Islamist
// actors do not match, on both. [Compare] sets the ACLED value of each
// indicator beside the replicates' mean and 90 % interval (5th and 95th
// percentiles), and says whether it lies within.
//
// # The training patterns
//
// [CountEvent] counts an ACLED event into the table of the training
// patterns (evidence.Counts) as the shipped data were counted: kept and
// labelled by the Classifier of DefaultActors, unknown labels left out,
// within the training window, in Mali, Burkina Faso and Niger's Tillabéri
// and Tahoua regions by its country and admin1, classed by [Class]. A
// [PatternCounter] counts a simulated run's events into the same table by
// the same rule: each event coded as the export codes it (one mapping,
// shared), then kept, labelled and classed as an ACLED event, so that the
// simulated side of every pattern is what ACLED would have recorded. A
// test checks that the two give the same table for the export of a real
// run.
package acled
