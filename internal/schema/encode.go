package schema

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sahelsim/sahelsim/sim"
)

// Encode writes the table *v (v points to a struct) to w as TOML: every
// key of the schema with its current value, each after a comment with
// its documentation and unit, so that the text stands alone. Keys come in
// schema order, leaves before sub-tables; optional tables that are off
// are left out, and the entries of map tables are sorted by id. The
// top-level keys omit names are left out. SetDecoded of every key of the
// decoded output gives back *v, but for the keys omitted.
func Encode(w io.Writer, v any, omit ...string) error {
	e := encoder{omit: omit}
	if err := e.table(nil, rootOf(v), false, ""); err != nil {
		return err
	}
	_, err := w.Write(e.buf.Bytes())
	return err
}

type encoder struct {
	buf  bytes.Buffer
	omit []string // top-level keys left out
}

// table writes the table v (a struct) at path: its header if it needs one,
// then its leaves, then its sub-tables. optional says whether the table
// may be absent, so its header must be written even if it has no leaves;
// doc documents the table.
func (e *encoder) table(path []string, v reflect.Value, optional bool, doc string) error {
	fs := fields(v.Type())
	var leaves, subs []field
	for _, f := range fs {
		switch {
		case len(path) == 0 && slices.Contains(e.omit, f.key):
		case kindOf(f.typ) == leafNode:
			leaves = append(leaves, f)
		default:
			subs = append(subs, f)
		}
	}
	if len(path) > 0 && (len(leaves) > 0 || optional) {
		e.buf.WriteString("\n")
		comment(&e.buf, doc)
		fmt.Fprintf(&e.buf, "[%s]\n", JoinKey(path))
		if len(leaves) == 0 {
			fmt.Fprintf(&e.buf, "%s = true\n", EnabledKey)
		}
	}
	for _, f := range leaves {
		s, err := formatValue(v.FieldByIndex(f.index))
		if err != nil {
			return fmt.Errorf("%s: %w", JoinKey(append(slices.Clip(path), f.key)), err)
		}
		comment(&e.buf, f.doc())
		fmt.Fprintf(&e.buf, "%s = %s\n", formatKey(f.key), s)
	}
	for _, f := range subs {
		p := append(slices.Clip(path), f.key)
		if kindOf(f.typ) == badNode {
			return fmt.Errorf("%s: unsupported type %s in the schema", JoinKey(p), f.typ)
		}
		// A table's doc heads it; a map's, its first entry.
		doc, optional := f.doc(), kindOf(f.typ) != tableNode
		var err error
		eachTable(f, v.FieldByIndex(f.index), func(sub []string, t reflect.Value) bool {
			err = e.table(append(slices.Clip(p), sub...), t, optional, doc)
			doc = ""
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// comment writes doc as a comment line, if it is not empty.
func comment(b *bytes.Buffer, doc string) {
	if doc != "" {
		b.WriteString("# ")
		b.WriteString(doc)
		b.WriteString("\n")
	}
}

// formatValue formats the leaf v as a TOML value.
func formatValue(v reflect.Value) (string, error) {
	t := v.Type()
	if isDate(t) {
		d := v.Interface().(sim.Date)
		if d.IsZero() {
			return `""`, nil
		}
		if d.Year() < 1 || d.Year() > 9999 {
			return "", fmt.Errorf("date %s: year out of TOML's range", d)
		}
		return d.String(), nil
	}
	switch t.Kind() {
	case reflect.String:
		return quote(v.String()), nil
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() > math.MaxInt64 {
			return "", fmt.Errorf("%d is above TOML's largest integer", v.Uint())
		}
		return strconv.FormatUint(v.Uint(), 10), nil
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return "", fmt.Errorf("%v is not a finite number", f)
		}
		return formatFloat(f, t.Bits()), nil
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			s, err := formatValue(v.Index(i))
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	}
	return "", fmt.Errorf("unsupported type %s in the schema", t)
}

// formatFloat formats f in the shortest form that reads back exactly, with
// a decimal point or an exponent so that TOML reads a float.
func formatFloat(f float64, bits int) string {
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if !strings.ContainsAny(s, ".eEnN") {
		s += ".0"
	}
	return s
}

// quote returns s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
