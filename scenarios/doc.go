// Package scenarios reads and writes scenario files: TOML files that set
// the parameters of a simulation run, on top of the model's defaults or of
// another scenario.
//
// # Format
//
// A scenario file sets keys of the schema, the Go type [Scenario]: its own
// keys (name, description, extends, model) and those of agents.Params,
// promoted to the top level (start, end, seed, map, groups, policy, …). Each
// key's name, documentation, unit and allowed range are the struct tags
// toml, doc, unit, min, max and enum of its field, which package
// internal/schema reads by reflection, naming no field of the model; this
// package resolves files (extends), places errors on their lines, and
// adds the scenario's own checks. A file sets only the keys it changes:
//
//	extends = "baseline"
//	name = "more_flm"
//
//	[groups.flm]
//	fighters = 2000   # the other keys of groups.flm keep their values
//
// The schema maps to TOML as follows:
//
//   - A struct field is a table. The fields of an embedded struct without
//     a toml tag (agents.Params in Scenario, agents.Lever in each lever) are
//     keys of the enclosing table.
//   - A pointer to a struct is an optional table, off (nil) unless the file
//     names it: setting any key under it, or writing its header alone, turns
//     it on with the defaults of its SetDefaults method, then sets the keys.
//     The extra key enabled turns it off (enabled = false, e.g. to drop a
//     policy lever of the parent scenario) or on with its defaults
//     (enabled = true). A table may not both be turned off and set keys.
//   - A map from ids to structs (zones) is a table of named tables. Ids are
//     snake_case, [a-z][a-z0-9_]*. A new entry starts from its defaults; an
//     entry of the parent is changed key by key; enabled = false removes it.
//   - Values are strings, booleans, integers, floats, dates and arrays of
//     them. An integer is accepted for a float, a float for an integer only
//     if it is integral. A date is a TOML local date (2018-01-01) or a
//     string ("2018-01-01"); the empty string "" is no date, where the doc
//     allows one. An empty array is a nil slice.
//
// # Extends and resolution
//
// extends names the parent scenario: a built-in name (no path separator,
// no .toml suffix, e.g. "baseline") or a path relative to the file. A
// scenario is resolved by starting from the model's defaults, applying
// each file of its extends chain from the root, then the file itself,
// key by key in the order of the file. Missing parents and cycles are
// errors. The keys name, description and extends describe a file and are
// not inherited: name defaults to the file name without .toml. The
// resolved scenario is then validated: in every table with dates start and
// end, end is not before start; then the model checks its own rules
// (agents.Validate).
//
// # Timelines
//
// [timeline.<id>] tables are not keys of the schema: the loader decodes
// them into [Scenario.Shocks] (see [Shock]): dated shocks that set or
// scale keys of the model's parameters by dotted path from the first step
// on or after their date. Validate checks each one's date, paths, types,
// ranges (after scaling too, applied in date order) and the model's rules
// after it, and resolves those that are on into agents.Params.Timeline,
// which the world applies. A file that extends another merges the timeline
// by id. [LoadOver] lays a scenario over another in place of the baseline
// (the sweep key over): a lever in the world of the history.
//
// # Errors
//
// Errors are of type [*Error] and name the file, the line and the dotted
// key, with a hint where one helps:
//
//	my.toml:12: groups.flm.fightrs: unknown key (did you mean "fighters"?)
//	my.toml:5: groups.flm.fighters: want an integer, got string "many"
//
// Their kind is one of ErrUnknownKey, ErrType, ErrRange, ErrSyntax,
// ErrExtends and ErrInvalid, tested with errors.Is (and ErrOff from Get
// of a key under a table that is off); a file or built-in that does not
// exist gives an error wrapping fs.ErrNotExist.
//
// # Limits
//
// Files are read through package internal/input: regular files only, a
// scenario or sweep file (or extends parent) of at most 1 MiB, its keys
// nested at most [MaxNesting] deep, checked before the TOML is decoded.
// Names ([CheckName]) hold letters, digits, '.', '_' and '-', do not start
// with '.' or '-' and are at most [MaxNameLength] bytes long: they become
// directory and job names. Sweeps have at most [MaxReplicates]
// replicates, [MaxRuns] runs and [MaxDesignValues] values in a sampled
// design, and a Saltelli design at least design.MinSaltelliPoints
// base points; a timeline at most [MaxShocks] shocks; Epstein's grid at most [MaxEpsteinCells] cells.
//
// # Built-in scenarios and writing
//
// The scenarios of this directory (baseline.toml, one per policy lever and
// combined.toml) are embedded: [List] describes them and [Load] loads them
// by name. [Encode] writes a resolved scenario as a standalone file with
// every key documented; [Scenario.Set], [Scenario.Get] and
// [Scenario.Paths] read and change single keys by dotted path, for
// parameter sweeps on [Scenario.Clone] copies.
package scenarios
