package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/sim"
)

// CheckDates checks, in every table of *v (v points to a struct) and
// below it, that a date "end" is not before a date "start" of the same
// table: the one check across keys that the file format makes. The error
// is a *KeyError at the end key, wrapping ErrInvalid.
func CheckDates(v any) error {
	if err := checkDates(nil, rootOf(v)); err != nil {
		return err
	}
	return nil
}

func checkDates(path []string, v reflect.Value) *KeyError {
	fs := fields(v.Type())
	start, okStart := findField(fs, "start")
	end, okEnd := findField(fs, "end")
	if okStart && okEnd && isDate(start.typ) && isDate(end.typ) {
		s := v.FieldByIndex(start.index).Interface().(sim.Date)
		e := v.FieldByIndex(end.index).Interface().(sim.Date)
		if !s.IsZero() && !e.IsZero() && e.Before(s) {
			return &KeyError{Path: append(slices.Clip(path), end.key), Value: e,
				Err: Errorf(ErrInvalid, "end %s is before start %s", e, s)}
		}
	}
	for _, f := range fs {
		p := append(slices.Clip(path), f.key)
		var err *KeyError
		eachTable(f, v.FieldByIndex(f.index), func(sub []string, t reflect.Value) bool {
			err = checkDates(append(slices.Clip(p), sub...), t)
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Check reports what is wrong with the struct type t as a schema, key by
// key: a type the file format cannot hold, a key that is not snake_case
// or is given by two fields, a leaf without a doc tag, min and max tags
// that are not numbers on a number (or min above max), enum values that
// are not values of the field's type or are out of its range, range tags
// on a table, and an optional table with a key "enabled". A schema with
// none of these reads and writes every value of its type.
func Check(t reflect.Type) []error {
	var errs []error
	report := func(path, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
	}
	var walk func(path string, typ reflect.Type, optional bool)
	walk = func(path string, typ reflect.Type, optional bool) {
		seen := map[string]bool{}
		var dup func(st reflect.Type)
		dup = func(st reflect.Type) {
			for i := range st.NumField() {
				sf := st.Field(i)
				name, hasTag := sf.Tag.Lookup("toml")
				if sf.Anonymous && !hasTag && sf.Type.Kind() == reflect.Struct {
					dup(sf.Type)
					continue
				}
				if name == "" || name == "-" || !sf.IsExported() {
					continue
				}
				if seen[name] {
					report(typ.String(), "two fields with the key %q", name)
				}
				seen[name] = true
			}
		}
		dup(typ)
		for _, f := range fields(typ) {
			p := strings.TrimPrefix(path+"."+f.key, ".")
			if optional && f.key == EnabledKey {
				report(p, "key %q clashes with the key that turns the table off", EnabledKey)
			}
			if !ValidID(f.key) {
				report(p, "key %q is not snake_case", f.key)
			}
			switch kindOf(f.typ) {
			case badNode:
				report(p, "type %s is not supported by the file format", f.typ)
			case leafNode:
				if f.tag.Get("doc") == "" {
					report(p, "no doc tag")
				}
				errs = append(errs, checkTags(p, f)...)
			case tableNode:
				walk(p, f.typ, false)
			case optionalNode:
				walk(p, f.typ.Elem(), true)
			case mapNode:
				e := f.typ.Elem()
				if e.Kind() == reflect.Pointer {
					e = e.Elem()
				}
				walk(p+".<id>", e, true)
			}
			if kindOf(f.typ) != leafNode {
				for _, k := range []string{"min", "max", "enum", "unit"} {
					if _, ok := f.tag.Lookup(k); ok {
						report(p, "tag %s on a table", k)
					}
				}
			}
		}
	}
	walk("", t, false)
	return errs
}

// checkTags checks the range tags of the leaf f at path.
func checkTags(path string, f field) []error {
	var errs []error
	elem := f.typ
	if k := elem.Kind(); (k == reflect.Slice || k == reflect.Array) && !isDate(elem) {
		elem = elem.Elem()
	}
	numeric := false
	switch elem.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		numeric = !isDate(elem)
	}
	var bound [2]float64
	for i, k := range []string{"min", "max"} {
		s, ok := f.tag.Lookup(k)
		if !ok {
			continue
		}
		if !numeric {
			errs = append(errs, fmt.Errorf("%s: tag %s on a %s", path, k, f.typ))
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: tag %s:%q is not a number", path, k, s))
		}
		bound[i] = v
	}
	_, hasMin := f.tag.Lookup("min")
	_, hasMax := f.tag.Lookup("max")
	if numeric && hasMin && hasMax && bound[0] > bound[1] {
		errs = append(errs, fmt.Errorf("%s: min %v above max %v", path, bound[0], bound[1]))
	}
	if enum, ok := f.tag.Lookup("enum"); ok {
		for _, v := range strings.Split(enum, "|") {
			if _, err := convert(enumValue(v, elem), elem, ""); err != nil {
				errs = append(errs, fmt.Errorf("%s: enum value %q: %v", path, v, err))
			} else if _, err := convert(enumValue(v, elem), elem, f.tag); err != nil && !isDate(elem) {
				errs = append(errs, fmt.Errorf("%s: enum value %q out of its own range: %v", path, v, err))
			}
		}
	}
	return errs
}

// enumValue converts the enum value s to the decoded form for type t.
func enumValue(s string, t reflect.Type) any {
	switch t.Kind() {
	case reflect.String:
		return s
	case reflect.Float32, reflect.Float64:
		f, _ := strconv.ParseFloat(s, 64)
		return f
	case reflect.Bool:
		b, _ := strconv.ParseBool(s)
		return b
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	return n
}
