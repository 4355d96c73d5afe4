package scenarios

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
)

// TestSchema checks the tags of the schema: every key has a type the file
// format supports and a doc, ranges are numbers on numbers, enums fit their
// type, and no table has two fields with one key.
func TestSchema(t *testing.T) {
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
					t.Errorf("%s: two fields with the key %q", typ, name)
				}
				seen[name] = true
			}
		}
		dup(typ)
		for _, f := range fields(typ) {
			p := strings.TrimPrefix(path+"."+f.key, ".")
			if optional && f.key == enabledKey {
				t.Errorf("%s: key %q clashes with the key that turns the table off", p, enabledKey)
			}
			if !validKey(f.key) {
				t.Errorf("%s: key %q is not snake_case", p, f.key)
			}
			switch kindOf(f.typ) {
			case badNode:
				t.Errorf("%s: type %s is not supported by the file format", p, f.typ)
			case leafNode:
				if f.tag.Get("doc") == "" {
					t.Errorf("%s: no doc tag", p)
				}
				checkTags(t, p, f)
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
						t.Errorf("%s: tag %s on a table", p, k)
					}
				}
			}
		}
	}
	walk("", reflect.TypeFor[Scenario](), false)
}

func validKey(k string) bool { return validID(k) }

func checkTags(t *testing.T, path string, f field) {
	t.Helper()
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
	var lo, hi float64
	for _, k := range []string{"min", "max"} {
		s, ok := f.tag.Lookup(k)
		if !ok {
			continue
		}
		if !numeric {
			t.Errorf("%s: tag %s on a %s", path, k, f.typ)
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Errorf("%s: tag %s:%q is not a number", path, k, s)
		}
		if k == "min" {
			lo = v
		} else {
			hi = v
		}
	}
	if _, ok := f.tag.Lookup("min"); ok {
		if _, ok := f.tag.Lookup("max"); ok && lo > hi {
			t.Errorf("%s: min %v above max %v", path, lo, hi)
		}
	}
	if enum, ok := f.tag.Lookup("enum"); ok {
		for _, v := range strings.Split(enum, "|") {
			if _, err := convert(normalizeEnum(v, elem), elem, ""); err != nil {
				t.Errorf("%s: enum value %q: %v", path, v, err)
			}
			if _, err := convert(normalizeEnum(v, elem), elem, f.tag); err != nil && !isDate(elem) {
				t.Errorf("%s: enum value %q out of its own range: %v", path, v, err)
			}
		}
	}
}

// normalizeEnum converts the enum value s to the decoded form for type t.
func normalizeEnum(s string, t reflect.Type) any {
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

// TestDefaultsInRange checks that every default, of the model and of each
// lever, is allowed by its own tags: setting a key to its default value
// must succeed.
func TestDefaultsInRange(t *testing.T) {
	s := &Scenario{Model: "sahel", Params: agents.Default()}
	for _, p := range s.Paths() {
		if strings.HasSuffix(p, "."+enabledKey) {
			continue
		}
		c := s.Clone()
		v, err := c.Get(p)
		if errors.Is(err, ErrOff) {
			// Turn the optional table on with its defaults (the nearest
			// enclosing table that has an enabled key), then read.
			table := p[:strings.LastIndex(p, ".")]
			for c.Set(table+"."+enabledKey, true) != nil {
				i := strings.LastIndex(table, ".")
				if i < 0 {
					t.Fatalf("%s: no optional table encloses it", p)
				}
				table = table[:i]
			}
			v, err = c.Get(p)
		}
		if err != nil {
			t.Errorf("Get(%q): %v", p, err)
			continue
		}
		if err := c.Set(p, v); err != nil {
			t.Errorf("default of %s is not allowed by its tags: %v", p, err)
		}
	}
}
