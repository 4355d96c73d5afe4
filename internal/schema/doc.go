// Package schema reads and writes Go values through the TOML tables their
// types describe: a schema is a struct type, read by reflection through
// its struct tags, and this package names no field of any model. The
// scenario files of package scenarios are its one user: their keys, the
// model's parameters, are the fields of scenarios.Scenario.
//
// A field is a key if it has a toml tag; its doc, unit, min, max and
// enum tags document it and bound its values. The types map to TOML as
// follows:
//
//   - A struct is a table. The fields of an embedded struct without a toml
//     tag are keys of the enclosing table.
//   - A pointer to a struct is an optional table, off (nil) unless set:
//     setting any key under it, or naming it alone ([Table]), turns it on
//     with the defaults of its SetDefaults method, then sets the key. The
//     extra key [EnabledKey] turns it off (enabled = false) or on with its
//     defaults (enabled = true).
//   - A map from ids to structs (or pointers to them) is a table of named
//     tables. Ids are snake_case, [a-z][a-z0-9_]*. A new entry starts from
//     its defaults; enabled = false removes one.
//   - Strings, booleans, integers, floats, sim.Date and slices or arrays
//     of them are values. An integer is accepted for a float, a float for
//     an integer only if it is integral; integers are bounded by their
//     type. A date is a TOML local date (2018-01-01) or a string
//     ("2018-01-01"); the empty string "" is no date. An empty array is a
//     nil slice. A string must be valid UTF-8.
//
// [SetDecoded] sets a key from a value as the TOML decoder gives it (the
// loader of a file calls it key by key, in the file's order), [Set] from
// a Go value, [Get] reads one, [Paths] lists them all, [Clone] copies a
// value deeply, [Encode] writes one as a TOML text documented key by key,
// [CheckDates] checks that no table's end date is before its start, and
// [Check] reports what in a type does not make a schema. Errors are
// [*KeyError] values naming the key, wrapping one of the kinds
// [ErrUnknownKey] (with the nearest key as a hint), [ErrType], [ErrRange],
// [ErrInvalid] and [ErrOff].
package schema
