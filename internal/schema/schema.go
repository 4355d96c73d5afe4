package schema

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sahelsim/sahelsim/internal/textdist"
	"github.com/sahelsim/sahelsim/sim"
)

// EnabledKey is the extra key of optional tables: enabled = false turns
// the table off, enabled = true turns it on with its defaults.
const EnabledKey = "enabled"

// A field is one key of a table type.
type field struct {
	key   string
	index []int // for reflect.Value.FieldByIndex
	typ   reflect.Type
	tag   reflect.StructTag
}

// doc returns the field's documentation, with its unit if it has one.
func (f field) doc() string {
	doc := strings.Join(strings.Fields(f.tag.Get("doc")), " ")
	if u := f.tag.Get("unit"); u != "" {
		if doc != "" {
			doc += " "
		}
		doc += "[" + u + "]"
	}
	return doc
}

// fields returns the keys of the struct type t in schema order. The fields
// of an anonymous embedded struct without a toml tag are promoted to t's
// table; fields without a toml tag or tagged "-" are not keys. When two
// fields have the same key, the shallower one wins, then the first.
func fields(t reflect.Type) []field {
	type cand struct {
		field
		depth int
	}
	var all []cand
	var walk func(t reflect.Type, index []int, depth int)
	walk = func(t reflect.Type, index []int, depth int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			idx := append(slices.Clip(index), i)
			name, hasTag := sf.Tag.Lookup("toml")
			name, _, _ = strings.Cut(name, ",")
			if name == "-" {
				continue
			}
			if sf.Anonymous && !hasTag && sf.Type.Kind() == reflect.Struct && !isDate(sf.Type) {
				walk(sf.Type, idx, depth+1)
				continue
			}
			if !sf.IsExported() || name == "" {
				continue
			}
			all = append(all, cand{field{name, idx, sf.Type, sf.Tag}, depth})
		}
	}
	walk(t, nil, 0)
	best := make(map[string]int, len(all))
	for i, c := range all {
		if j, ok := best[c.key]; !ok || c.depth < all[j].depth {
			best[c.key] = i
		}
	}
	out := make([]field, 0, len(best))
	for i, c := range all {
		if best[c.key] == i {
			out = append(out, c.field)
		}
	}
	return out
}

// findField returns the field of fs with the given key.
func findField(fs []field, key string) (field, bool) {
	for _, f := range fs {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

// keys returns the keys of fs, and "enabled" for an optional table.
func keys(fs []field, optional bool) []string {
	out := make([]string, 0, len(fs)+1)
	for _, f := range fs {
		out = append(out, f.key)
	}
	if optional {
		out = append(out, EnabledKey)
	}
	return out
}

// A nodeKind says how a Go type appears in a scenario file.
type nodeKind int

const (
	badNode      nodeKind = iota // not representable
	leafNode                     // a value: string, bool, number, date or array of them
	tableNode                    // a struct: a table
	optionalNode                 // a pointer to a struct: a table that may be absent (nil)
	mapNode                      // a map from ids to structs: a table of named tables
)

// isDate reports whether t is sim.Date.
func isDate(t reflect.Type) bool { return t == reflect.TypeFor[sim.Date]() }

// isScalar reports whether t is a leaf that is not an array.
func isScalar(t reflect.Type) bool {
	if isDate(t) {
		return true
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// kindOf classifies t.
func kindOf(t reflect.Type) nodeKind {
	switch {
	case isScalar(t):
		return leafNode
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		if isScalar(t.Elem()) {
			return leafNode
		}
	case t.Kind() == reflect.Struct:
		return tableNode
	case t.Kind() == reflect.Pointer:
		if e := t.Elem(); e.Kind() == reflect.Struct && !isDate(e) {
			return optionalNode
		}
	case t.Kind() == reflect.Map:
		if t.Key().Kind() != reflect.String {
			return badNode
		}
		e := t.Elem()
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if e.Kind() == reflect.Struct && !isDate(e) {
			return mapNode
		}
	}
	return badNode
}

// ValidID reports whether id is a valid name for an entry of a map table
// (or anything else named by the scenario's author, such as a shock):
// snake_case, [a-z][a-z0-9_]*.
func ValidID(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// setDefaults calls p's SetDefaults method, if it has one (p is a pointer).
func setDefaults(p reflect.Value) {
	if d, ok := p.Interface().(interface{ SetDefaults() }); ok {
		d.SetDefaults()
	}
}

// newEntry returns a pointer to a new struct of type t (a struct or a
// pointer to one), filled with its defaults.
func newEntry(t reflect.Type) reflect.Value {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	p := reflect.New(t)
	setDefaults(p)
	return p
}

// Table is the value of an empty table in a file (a header such as
// "[policy.reintegration]" with no keys under it), as SetDecoded takes
// it: it names a table, turning an optional table on, without setting
// any of its keys.
type Table struct{}

// rootOf returns the table v points to. v must be a non-nil pointer to a
// struct: anything else is the caller's bug, and panics.
func rootOf(v any) reflect.Value {
	p := reflect.ValueOf(v)
	if p.Kind() != reflect.Pointer || p.IsNil() || p.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("schema: want a non-nil pointer to a struct, got %T", v))
	}
	return p.Elem()
}

// SetDecoded sets the key at path of the table *v (v points to a struct)
// to raw, a value as the TOML decoder gives it (int64, float64, string,
// bool, a time.Time of a local date, []any) or Table{} for an empty
// table, with the conversions and range checks of the schema (see the
// package documentation). Setting a key under an optional table that is
// off turns it on with its defaults first; "<table>.enabled" turns it on
// or off. On error *v is unchanged, and the error is a *KeyError whose
// Path is the part of path that is wrong.
func SetDecoded(v any, path []string, raw any) error {
	if ke := assignIn(rootOf(v), path, 0, raw, false); ke != nil {
		if _, ok := raw.(Table); ok {
			raw = nil
		}
		return &KeyError{Path: slices.Clone(path[:ke.n]), Value: raw, Err: ke.err, Hint: ke.hint}
	}
	return nil
}

// Set is SetDecoded with a Go value, as Normalize converts it: an int for
// an integer or a float, a time.Time, sim.Date or a string YYYY-MM-DD for
// a date (SetDecoded refuses a date in quotes: a file writes TOML dates),
// a []string for an array of strings, ….
func Set(v any, path []string, value any) error {
	raw := Normalize(value)
	ke := assignIn(rootOf(v), path, 0, raw, false)
	if s, ok := raw.(string); ok && ke != nil && errors.Is(ke.err, errQuotedDate) {
		if d, err := sim.ParseDate(s); err == nil { // a date from Go may be a string
			ke = assignIn(rootOf(v), path, 0, d, false)
		}
	}
	if ke != nil {
		return &KeyError{Path: slices.Clone(path[:ke.n]), Value: value, Err: ke.err, Hint: ke.hint}
	}
	return nil
}

// Get returns the value of the key at path of the table *v, with the type
// its field declares (a string, bool, int, float64, []string, [2]float64,
// sim.Date, …; slices are copies). "<table>.enabled" reports whether an
// optional table is on. Reading a key under an optional table that is
// off is an error wrapping ErrOff; a key that is a table, one wrapping
// ErrType. Errors are *KeyError.
func Get(v any, path []string) (any, error) {
	x, ke := lookupIn(rootOf(v), path, 0, false)
	if ke != nil {
		return nil, &KeyError{Path: slices.Clone(path[:ke.n]), Err: ke.err, Hint: ke.hint}
	}
	if kindOf(x.Type()) != leafNode {
		return nil, &KeyError{Path: slices.Clone(path), Err: Errorf(ErrType, "%s is a table, not a value", JoinKey(path))}
	}
	return deepCopy(x).Interface(), nil
}

// Paths returns the dotted path of every key of the table *v that Set
// accepts, in schema order: the leaves of every table, those of optional
// tables that are off included (with their "enabled" key), and those of
// the existing entries of map tables, in the order of their ids.
func Paths(v any) []string {
	return leafPaths(nil, nil, rootOf(v))
}

// Clone returns a deep copy of v: the slices, maps and pointers reachable
// through exported fields are copied, not shared.
func Clone[T any](v T) T {
	return deepCopy(reflect.ValueOf(v)).Interface().(T)
}

// A keyError is an error at the key path[:n] of the path being set.
type keyError struct {
	n    int
	err  error
	hint string
}

// assignIn sets the key path[i:] of the table v (an addressable struct)
// to raw, a value as decoded from TOML. optional says whether v is an
// optional table (for the hint on an unknown key).
func assignIn(v reflect.Value, path []string, i int, raw any, optional bool) *keyError {
	fs := fields(v.Type())
	f, ok := findField(fs, path[i])
	if !ok {
		return &keyError{n: i + 1, err: ErrUnknownKey, hint: textdist.Suggest(path[i], keys(fs, optional))}
	}
	return assignValue(v.FieldByIndex(f.index), f.tag, path, i+1, raw)
}

// assignValue sets fv, the value at path[:i], or the key path[i:] below
// it, to raw. Nothing is changed if it returns an error.
func assignValue(fv reflect.Value, tag reflect.StructTag, path []string, i int, raw any) *keyError {
	t := fv.Type()
	switch kindOf(t) {
	case leafNode:
		if i < len(path) {
			return &keyError{n: i + 1, err: Errorf(ErrType, "%s is %s, not a table", path[i-1], want(t))}
		}
		x, err := convert(raw, t, tag)
		if err != nil {
			return &keyError{n: i, err: err}
		}
		fv.Set(x)
		return nil
	case tableNode:
		if i == len(path) {
			return wantTable(raw, i)
		}
		return assignIn(fv, path, i, raw, false)
	case optionalNode:
		if i+1 == len(path) && path[i] == EnabledKey {
			on, ok := raw.(bool)
			if !ok {
				return &keyError{n: i + 1, err: Errorf(ErrType, "want a boolean, got %s", Describe(raw))}
			}
			if !on {
				fv.SetZero()
			} else if fv.IsNil() {
				fv.Set(newEntry(t))
			}
			return nil
		}
		p := fv
		if fv.IsNil() {
			p = newEntry(t)
		}
		if i == len(path) {
			if err := wantTable(raw, i); err != nil {
				return err
			}
		} else if err := assignIn(p.Elem(), path, i, raw, true); err != nil {
			return err
		}
		fv.Set(p)
		return nil
	case mapNode:
		if i == len(path) {
			return wantTable(raw, i)
		}
		id := path[i]
		if !ValidID(id) {
			return &keyError{n: i + 1, err: Errorf(ErrInvalid, "invalid id %q: want snake_case, [a-z][a-z0-9_]*", id)}
		}
		k := reflect.ValueOf(id).Convert(t.Key())
		cur := fv.MapIndex(k)
		exists := cur.IsValid() && !(cur.Kind() == reflect.Pointer && cur.IsNil())
		store := func(p reflect.Value) {
			if fv.IsNil() {
				fv.Set(reflect.MakeMap(t))
			}
			if t.Elem().Kind() == reflect.Pointer {
				fv.SetMapIndex(k, p)
			} else {
				fv.SetMapIndex(k, p.Elem())
			}
		}
		rest := path[i+1:]
		if len(rest) == 1 && rest[0] == EnabledKey {
			on, ok := raw.(bool)
			if !ok {
				return &keyError{n: i + 2, err: Errorf(ErrType, "want a boolean, got %s", Describe(raw))}
			}
			switch {
			case !on && !fv.IsNil():
				fv.SetMapIndex(k, reflect.Value{}) // delete
			case on && !exists:
				store(newEntry(t.Elem()))
			}
			return nil
		}
		var p reflect.Value // pointer to the entry being set
		switch {
		case !exists:
			p = newEntry(t.Elem())
		case cur.Kind() == reflect.Pointer:
			p = cur
		default:
			p = reflect.New(t.Elem())
			p.Elem().Set(cur)
		}
		if len(rest) == 0 {
			if err := wantTable(raw, i+1); err != nil {
				return err
			}
		} else if err := assignIn(p.Elem(), path, i+1, raw, true); err != nil {
			return err
		}
		store(p)
		return nil
	}
	return &keyError{n: i, err: Errorf(ErrType, "unsupported type %s in the schema", t)}
}

// wantTable checks that raw, the value given to the table at path[:n], is
// a table.
func wantTable(raw any, n int) *keyError {
	if _, ok := raw.(Table); ok {
		return nil
	}
	return &keyError{n: n, err: Errorf(ErrType, "want a table, got %s", Describe(raw))}
}

// lookupIn returns the value at the key path[i:] of the table v, without
// changing anything. For "enabled" under an optional table it returns
// whether the table is on.
func lookupIn(v reflect.Value, path []string, i int, optional bool) (reflect.Value, *keyError) {
	fs := fields(v.Type())
	f, ok := findField(fs, path[i])
	if !ok {
		return reflect.Value{}, &keyError{n: i + 1, err: ErrUnknownKey, hint: textdist.Suggest(path[i], keys(fs, optional))}
	}
	fv := v.FieldByIndex(f.index)
	i++
	for {
		t := fv.Type()
		switch kindOf(t) {
		case leafNode:
			if i < len(path) {
				return reflect.Value{}, &keyError{n: i + 1, err: Errorf(ErrType, "%s is %s, not a table", path[i-1], want(t))}
			}
			return fv, nil
		case tableNode:
			if i == len(path) {
				return fv, nil
			}
			return lookupIn(fv, path, i, false)
		case optionalNode:
			if i+1 == len(path) && path[i] == EnabledKey {
				return reflect.ValueOf(!fv.IsNil()), nil
			}
			if i == len(path) {
				return fv, nil
			}
			if fv.IsNil() {
				// Report unknown keys before reporting that the table is off.
				if _, err := lookupIn(newEntry(t).Elem(), path, i, true); err != nil {
					return reflect.Value{}, err
				}
				return reflect.Value{}, &keyError{n: i, err: ErrOff,
					hint: fmt.Sprintf("set %s.%s = true, or any key under it, to turn it on", JoinKey(path[:i]), EnabledKey)}
			}
			return lookupIn(fv.Elem(), path, i, true)
		case mapNode:
			if i == len(path) {
				return fv, nil
			}
			cur := fv.MapIndex(reflect.ValueOf(path[i]).Convert(t.Key()))
			exists := cur.IsValid() && !(cur.Kind() == reflect.Pointer && cur.IsNil())
			if i+2 == len(path) && path[i+1] == EnabledKey {
				return reflect.ValueOf(exists), nil
			}
			if !exists {
				ids := make([]string, 0, fv.Len())
				for _, k := range fv.MapKeys() {
					ids = append(ids, k.String())
				}
				slices.Sort(ids)
				return reflect.Value{}, &keyError{n: i + 1, err: ErrUnknownKey, hint: textdist.Suggest(path[i], ids)}
			}
			if cur.Kind() == reflect.Pointer {
				cur = cur.Elem()
			}
			if i+1 == len(path) {
				return cur, nil
			}
			return lookupIn(cur, path, i+1, true)
		default:
			return reflect.Value{}, &keyError{n: i, err: Errorf(ErrType, "unsupported type %s in the schema", t)}
		}
	}
}

// leafPaths appends to out the dotted path of every leaf below the table
// v, in schema order. Optional tables that are off are listed as if on
// (setting a key turns them on), with their "enabled" key; entries of map
// tables are listed in the order of their ids.
func leafPaths(out []string, prefix []string, v reflect.Value) []string {
	for _, f := range fields(v.Type()) {
		path := append(slices.Clip(prefix), f.key)
		fv := v.FieldByIndex(f.index)
		switch kindOf(f.typ) {
		case leafNode:
			out = append(out, JoinKey(path))
		case tableNode:
			out = leafPaths(out, path, fv)
		case optionalNode:
			out = append(out, JoinKey(append(slices.Clip(path), EnabledKey)))
			if fv.IsNil() {
				fv = newEntry(f.typ)
			}
			out = leafPaths(out, path, fv.Elem())
		case mapNode:
			for id, e := range entries(fv) {
				p := append(slices.Clip(path), id)
				out = append(out, JoinKey(append(slices.Clip(p), EnabledKey)))
				out = leafPaths(out, p, e)
			}
		}
	}
	return out
}

// entries yields the entries of the map table m by id, in the order of
// the ids, each the struct itself (pointers followed, nil ones left out).
func entries(m reflect.Value) iter.Seq2[string, reflect.Value] {
	return func(yield func(string, reflect.Value) bool) {
		ks := m.MapKeys()
		slices.SortFunc(ks, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		for _, k := range ks {
			e := m.MapIndex(k)
			if e.Kind() == reflect.Pointer {
				if e.IsNil() {
					continue
				}
				e = e.Elem()
			}
			if !yield(k.String(), e) {
				return
			}
		}
	}
}

// eachTable calls yield with each table the field f holds in fv (and the
// keys below f that lead to it): fv itself for a table, what it points
// to for an optional table that is on, each entry of a map table in the
// order of their ids; none for a leaf. It stops when yield returns false.
func eachTable(f field, fv reflect.Value, yield func(sub []string, t reflect.Value) bool) {
	switch kindOf(f.typ) {
	case tableNode:
		yield(nil, fv)
	case optionalNode:
		if !fv.IsNil() {
			yield(nil, fv.Elem())
		}
	case mapNode:
		for id, x := range entries(fv) {
			if !yield([]string{id}, x) {
				return
			}
		}
	}
}

// deepCopy returns a deep copy of v: slices, maps and pointers reachable
// through exported fields are copied, not shared.
func deepCopy(v reflect.Value) reflect.Value {
	t := v.Type()
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(deepCopy(v.Elem()))
		return p
	case reflect.Struct:
		c := reflect.New(t).Elem()
		c.Set(v)
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				c.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		c := reflect.MakeSlice(t, v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Array:
		c := reflect.New(t).Elem()
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		c := reflect.MakeMapWithSize(t, v.Len())
		for _, k := range v.MapKeys() {
			c.SetMapIndex(k, deepCopy(v.MapIndex(k)))
		}
		return c
	}
	return v
}

// convert converts raw, a value as decoded from TOML (or normalised from
// Go by Normalize), to type t, checking the range given by the field's
// tags min, max and enum.
func convert(raw any, t reflect.Type, tag reflect.StructTag) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isDate(t) {
		d, err := toDate(raw)
		if err != nil {
			return v, err
		}
		v.Set(reflect.ValueOf(d))
		return v, nil
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := raw.(string)
		if !ok {
			return v, typeError(t, raw)
		}
		if !utf8.ValidString(s) {
			return v, Errorf(ErrType, "want a string of valid UTF-8, got %q", s)
		}
		if enum, ok := tag.Lookup("enum"); ok && !slices.Contains(strings.Split(enum, "|"), s) {
			return v, Errorf(ErrRange, "want one of %s, got %q", quoteAll(strings.Split(enum, "|")), s)
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := raw.(bool)
		if !ok {
			return v, typeError(t, raw)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := toInt(raw, t)
		if err != nil {
			return v, err
		}
		if v.OverflowInt(n) {
			return v, Errorf(ErrRange, "%d does not fit in %s", n, t)
		}
		if err := checkRange(float64(n), strconv.FormatInt(n, 10), tag, func(s string) bool {
			m, err := strconv.ParseInt(s, 10, 64)
			return err == nil && m == n
		}); err != nil {
			return v, err
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := toInt(raw, t)
		if err != nil {
			return v, err
		}
		if n < 0 {
			return v, Errorf(ErrRange, "want a non-negative integer, got %d", n)
		}
		if v.OverflowUint(uint64(n)) {
			return v, Errorf(ErrRange, "%d does not fit in %s", n, t)
		}
		if err := checkRange(float64(n), strconv.FormatInt(n, 10), tag, func(s string) bool {
			m, err := strconv.ParseUint(s, 10, 64)
			return err == nil && m == uint64(n)
		}); err != nil {
			return v, err
		}
		v.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		var f float64
		switch x := raw.(type) {
		case float64:
			f = x
		case int64:
			f = float64(x)
		default:
			return v, typeError(t, raw)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return v, Errorf(ErrRange, "want a finite number, got %v", f)
		}
		if v.OverflowFloat(f) {
			return v, Errorf(ErrRange, "%v does not fit in %s", f, t)
		}
		if err := checkRange(f, formatFloat(f, t.Bits()), tag, func(s string) bool {
			m, err := strconv.ParseFloat(s, 64)
			return err == nil && m == f
		}); err != nil {
			return v, err
		}
		v.SetFloat(f)
	case reflect.Slice, reflect.Array:
		arr, ok := raw.([]any)
		if !ok {
			return v, typeError(t, raw)
		}
		if t.Kind() == reflect.Array && len(arr) != t.Len() {
			return v, Errorf(ErrType, "want %s, got %d elements", want(t), len(arr))
		}
		if len(arr) == 0 {
			return v, nil // an empty array is a nil slice
		}
		if t.Kind() == reflect.Slice {
			v = reflect.MakeSlice(t, len(arr), len(arr))
		}
		for i, x := range arr {
			e, err := convert(x, t.Elem(), tag)
			if err != nil {
				return reflect.New(t).Elem(), Errorf(err, "element %d: %v", i+1, err)
			}
			v.Index(i).Set(e)
		}
	default:
		return v, Errorf(ErrType, "unsupported type %s in the schema", t)
	}
	return v, nil
}

// toInt converts raw to an integer: integers are taken as they are, and
// floats only if they are integral.
func toInt(raw any, t reflect.Type) (int64, error) {
	switch x := raw.(type) {
	case int64:
		return x, nil
	case uint64:
		if x > math.MaxInt64 {
			return 0, Errorf(ErrRange, "want at most %d (TOML integers are signed 64-bit), got %d", int64(math.MaxInt64), x)
		}
		return int64(x), nil
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) {
			return 0, typeError(t, raw)
		}
		if x < math.MinInt64 || x >= math.MaxInt64 {
			return 0, Errorf(ErrRange, "%v does not fit in %s", x, t)
		}
		return int64(x), nil
	}
	return 0, typeError(t, raw)
}

// errQuotedDate is the error of a date written as a string: of kind
// ErrType from a file (SetDecoded), accepted as the date from Go (Set).
var errQuotedDate = fmt.Errorf("%w: a date in quotes", ErrType)

// toDate converts raw to a date: a TOML local date, or the empty string
// for no date. A date written as a string ("2022-12-31") is refused,
// saying to write it without quotes: TOML has dates, and a string is
// not one.
func toDate(raw any) (sim.Date, error) {
	var d sim.Date
	switch x := raw.(type) {
	case sim.Date:
		d = x
	case time.Time:
		if x.Location().String() != "date-local" {
			return d, typeError(reflect.TypeFor[sim.Date](), raw)
		}
		d = sim.NewDate(x.Date())
	case string:
		if x == "" {
			return d, nil
		}
		if _, err := sim.ParseDate(x); err == nil {
			return d, Errorf(errQuotedDate, "want a TOML date, written without quotes (%s, not %q), got a string", x, x)
		}
		return d, Errorf(ErrType, "want a TOML date, written without quotes as YYYY-MM-DD (e.g. 2022-12-31), got the string %q", x)
	default:
		return d, typeError(reflect.TypeFor[sim.Date](), raw)
	}
	if !d.IsZero() && (d.Year() < 1 || d.Year() > 9999) {
		return sim.Date{}, Errorf(ErrRange, "want a year from 1 to 9999, got %s", d)
	}
	return d, nil
}

// checkRange checks the number f (formatted s) against the tags min, max
// and enum; in reports whether an enum value equals it.
func checkRange(f float64, s string, tag reflect.StructTag, in func(string) bool) error {
	if enum, ok := tag.Lookup("enum"); ok {
		vals := strings.Split(enum, "|")
		if !slices.ContainsFunc(vals, in) {
			return Errorf(ErrRange, "want one of %s, got %s", strings.Join(vals, ", "), s)
		}
	}
	lo, hasLo := parseBound(tag, "min")
	hi, hasHi := parseBound(tag, "max")
	switch {
	case hasLo && hasHi && (f < lo || f > hi):
		return Errorf(ErrRange, "want a value from %s to %s, got %s", tag.Get("min"), tag.Get("max"), s)
	case hasLo && f < lo:
		return Errorf(ErrRange, "want at least %s, got %s", tag.Get("min"), s)
	case hasHi && f > hi:
		return Errorf(ErrRange, "want at most %s, got %s", tag.Get("max"), s)
	}
	return nil
}

// parseBound returns the number in the tag key (min or max), if any.
func parseBound(tag reflect.StructTag, key string) (float64, bool) {
	s, ok := tag.Lookup(key)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// quoteAll quotes each string of ss and joins them with commas.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// typeError reports that raw is not a value of type t.
func typeError(t reflect.Type, raw any) error {
	return Errorf(ErrType, "want %s, got %s", want(t), Describe(raw))
}

// want describes the values of type t, for errors.
func want(t reflect.Type) string {
	if isDate(t) {
		return "a date (YYYY-MM-DD)"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "an array of " + plural(t.Elem())
	case reflect.Array:
		return fmt.Sprintf("an array of %d %s", t.Len(), plural(t.Elem()))
	}
	return "a table"
}

// plural names values of type t in the plural.
func plural(t reflect.Type) string {
	w := want(t)
	w = strings.TrimPrefix(strings.TrimPrefix(w, "an "), "a ")
	if i := strings.Index(w, " ("); i >= 0 {
		return w[:i] + "s" + w[i:]
	}
	return w + "s"
}

// Describe describes raw, a value as decoded from TOML (or as Normalize
// gives it), for errors: `string "many"`, "integer 3", "a table", ….
func Describe(raw any) string {
	switch x := raw.(type) {
	case nil:
		return "nothing"
	case string:
		if utf8.RuneCountInString(x) > 40 {
			x = string([]rune(x)[:40]) + "…"
		}
		return fmt.Sprintf("string %q", x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case int64:
		return fmt.Sprintf("integer %d", x)
	case uint64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return "float " + formatFloat(x, 64)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "date " + x.Format(time.DateOnly)
		case "time-local":
			return "time " + x.Format("15:04:05.999999999")
		case "datetime-local":
			return "datetime " + x.Format("2006-01-02T15:04:05.999999999")
		}
		return "datetime " + x.Format(time.RFC3339Nano)
	case sim.Date:
		return "date " + x.String()
	case []any:
		return "an array"
	case Table, map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	}
	return fmt.Sprintf("a value of type %T", raw)
}

// Normalize converts a Go value, as Set takes it, to the form of decoded
// TOML values: int64 (any signed or unsigned integer up to
// math.MaxInt64), uint64 (above it), float64, string, bool, sim.Date (a
// time.Time too) or []any of them; other values are returned as they are.
func Normalize(x any) any {
	switch d := x.(type) {
	case nil:
		return nil
	case sim.Date:
		return d
	case time.Time:
		return sim.DateOf(d)
	case Table:
		return d
	}
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := v.Uint(); u > math.MaxInt64 {
			return u
		}
		return int64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Slice, reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = Normalize(v.Index(i).Interface())
		}
		return out
	}
	return x
}

// JoinKey joins the keys of a path with dots, quoting those that are not
// bare TOML keys: "groups.flm.fighters", `zones."a b".label`.
func JoinKey(path []string) string {
	var b strings.Builder
	for i, k := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(formatKey(k))
	}
	return b.String()
}

// formatKey returns k as a TOML key: bare if it can be, quoted otherwise.
func formatKey(k string) string {
	if k == "" {
		return `""`
	}
	for _, c := range []byte(k) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return quote(k)
		}
	}
	return k
}
