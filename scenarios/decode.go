package scenarios

import (
	"errors"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/sahelsim/sahelsim/internal/input"
)

// MaxNesting bounds how deeply the keys of a scenario or sweep file nest:
// the components of a dotted key or table header, and the inline tables
// and arrays around a value. The schema's deepest key has five
// ("policy.reintegration.zones", an array of strings, in a table); the
// TOML decoder's memory grows with the square of the depth, so a deeper
// file is refused before it is decoded.
const MaxNesting = 32

// readFile reads a scenario or sweep file: a regular file of at most
// input.MaxTOML bytes.
func readFile(path string) ([]byte, error) {
	return input.ReadFile(path, input.MaxTOML)
}

// DateHint says what a date in a scenario or sweep file may be.
const DateHint = "a date is a TOML local date written without quotes, YYYY-MM-DD, with a month from 01 to 12 and a day that month has, from 0001-01-01 to 9999-12-31: end = 2022-12-31, say"

// decode decodes the TOML text data of file into raw, once its nesting
// is checked. Its errors are *Error with the line where known.
func decode(data []byte, file string) (map[string]any, toml.MetaData, *Error) {
	text := string(data)
	if line, depth := nesting(text); depth > MaxNesting {
		return nil, toml.MetaData{}, &Error{File: file, Line: line,
			Err: errorf(ErrSyntax, "keys nested %d deep or more: at most %d allowed", depth, MaxNesting)}
	}
	var raw map[string]any
	md, err := toml.Decode(text, &raw)
	if err != nil {
		e := &Error{File: file, Err: errorf(ErrSyntax, "syntax error: %v", err)}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e.Line = pe.Position.Line
			e.Err = errorf(ErrSyntax, "syntax error: %s", pe.Message)
			if strings.HasPrefix(pe.Message, "invalid datetime") {
				e.Hint = DateHint
			}
		}
		return nil, toml.MetaData{}, e
	}
	return raw, md, nil
}

// nesting returns an upper bound of the nesting depth of the keys of the
// TOML text, counting the components of table headers and dotted keys
// and the open arrays and inline tables, and the line where it first
// exceeds MaxNesting (or where it is largest). It reads the text once and
// stops early; strings and comments do not count.
func nesting(text string) (line, depth int) {
	var (
		ln       = 1
		header   = 0     // components of the current [table] header
		keyParts = 1     // components of the key being read
		open     []byte  // open '[' and '{' of values
		inValue  = false // after '=', before the end of the value
		deepest  = 0
		at       = 1
	)
	note := func(d int) bool {
		if d > deepest {
			deepest, at = d, ln
		}
		return deepest > MaxNesting
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
			i--
		case '"', '\'':
			q := text[i : i+1]
			if i+2 < len(text) && text[i+1] == c && text[i+2] == c { // multi-line
				q = text[i : i+3]
			}
			i += len(q)
			for i < len(text) && text[i:min(i+len(q), len(text))] != q {
				switch text[i] {
				case '\n':
					ln++
				case '\\':
					if c == '"' {
						i++
						if i < len(text) && text[i] == '\n' {
							ln++
						}
					}
				}
				i++
				if len(q) == 1 && i < len(text) && text[i] == '\n' {
					break // an unterminated string: the decoder reports it
				}
			}
			i += len(q) - 1
		case '\n':
			ln++
			if len(open) == 0 {
				inValue, keyParts = false, 1
			}
		case '[':
			if !inValue && len(open) == 0 { // a table header
				header = 1
				for i++; i < len(text) && text[i] != '\n' && text[i] != ']'; i++ {
					if text[i] == '.' {
						header++
					}
					if text[i] == '"' || text[i] == '\'' {
						q := text[i]
						for i++; i < len(text) && text[i] != q && text[i] != '\n'; i++ {
						}
					}
				}
				if note(header) {
					return at, deepest
				}
				i--
				continue
			}
			open = append(open, c)
			if note(header + keyParts + len(open)) {
				return at, deepest
			}
		case '{':
			open = append(open, c)
			inValue, keyParts = false, 1
			if note(header + len(open)) {
				return at, deepest
			}
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			inValue = true
		case ',':
			if len(open) > 0 && open[len(open)-1] == '{' {
				inValue, keyParts = false, 1
			}
		case '=':
			inValue = true
			if note(header + keyParts + len(open)) {
				return at, deepest
			}
		case '.':
			if !inValue {
				keyParts++
				if note(header + keyParts + len(open)) {
					return at, deepest
				}
			}
		}
	}
	return at, deepest
}
