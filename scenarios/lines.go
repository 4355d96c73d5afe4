package scenarios

import (
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/internal/schema"
)

// keyLines maps the dotted path of every key and table header of the TOML
// text to the line (1-based) where it first appears. A dotted key a.b = 1
// also defines a, and a.b. It is a best-effort scanner for error messages:
// it never fails, and keys it cannot read are left out.
func keyLines(text string) map[string]int {
	sc := lineScanner{s: text, line: 1, lines: map[string]int{}}
	sc.scan()
	return sc.lines
}

// lookupLine returns the line of the key path in lines, or of its longest
// prefix that has one; 0 if none.
func lookupLine(lines map[string]int, path []string) int {
	for n := len(path); n > 0; n-- {
		if l, ok := lines[schema.JoinKey(path[:n])]; ok {
			return l
		}
	}
	return 0
}

type lineScanner struct {
	s     string
	i     int // position in s
	line  int // line at position i
	table []string
	lines map[string]int
}

func (sc *lineScanner) record(path []string) {
	for n := 1; n <= len(path); n++ {
		k := schema.JoinKey(path[:n])
		if _, ok := sc.lines[k]; !ok {
			sc.lines[k] = sc.line
		}
	}
}

func (sc *lineScanner) scan() {
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case c == '\n':
			sc.line++
			sc.i++
		case c == ' ' || c == '\t' || c == '\r':
			sc.i++
		case c == '#':
			sc.skipLine()
		case c == '[':
			sc.i++
			if sc.i < len(sc.s) && sc.s[sc.i] == '[' {
				sc.i++
			}
			if k, ok := sc.key(); ok {
				sc.table = k
				sc.record(k)
			}
			sc.skipLine()
		default:
			k, ok := sc.key()
			sc.spaces()
			if !ok || sc.i >= len(sc.s) || sc.s[sc.i] != '=' {
				sc.skipLine()
				continue
			}
			sc.i++
			full := append(append([]string(nil), sc.table...), k...)
			sc.record(full)
			sc.value()
		}
	}
}

// spaces skips spaces and tabs.
func (sc *lineScanner) spaces() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

// skipLine skips to the next newline (not past it).
func (sc *lineScanner) skipLine() {
	if j := strings.IndexByte(sc.s[sc.i:], '\n'); j >= 0 {
		sc.i += j
	} else {
		sc.i = len(sc.s)
	}
}

// key reads a dotted key: bare, "basic" or 'literal' parts joined by dots.
func (sc *lineScanner) key() ([]string, bool) {
	var parts []string
	for {
		sc.spaces()
		if sc.i >= len(sc.s) {
			return nil, false
		}
		switch sc.s[sc.i] {
		case '"':
			j := sc.i + 1
			for j < len(sc.s) && sc.s[j] != '"' && sc.s[j] != '\n' {
				if sc.s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(sc.s) || sc.s[j] != '"' {
				return nil, false
			}
			raw := sc.s[sc.i : j+1]
			k, err := strconv.Unquote(raw)
			if err != nil {
				k = raw[1 : len(raw)-1]
			}
			parts = append(parts, k)
			sc.i = j + 1
		case '\'':
			j := strings.IndexAny(sc.s[sc.i+1:], "'\n")
			if j < 0 || sc.s[sc.i+1+j] != '\'' {
				return nil, false
			}
			parts = append(parts, sc.s[sc.i+1:sc.i+1+j])
			sc.i += j + 2
		default:
			j := sc.i
			for j < len(sc.s) && isBare(sc.s[j]) {
				j++
			}
			if j == sc.i {
				return nil, false
			}
			parts = append(parts, sc.s[sc.i:j])
			sc.i = j
		}
		sc.spaces()
		if sc.i >= len(sc.s) || sc.s[sc.i] != '.' {
			return parts, true
		}
		sc.i++
	}
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// value skips a value, which may span lines (arrays, inline tables and
// multi-line strings), up to the end of its line.
func (sc *lineScanner) value() {
	depth := 0
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case c == '\n':
			if depth <= 0 {
				return
			}
			sc.line++
			sc.i++
		case c == '#':
			sc.skipLine()
		case strings.HasPrefix(sc.s[sc.i:], `"""`), strings.HasPrefix(sc.s[sc.i:], "'''"):
			delim := sc.s[sc.i : sc.i+3]
			sc.i += 3
			for sc.i < len(sc.s) && !strings.HasPrefix(sc.s[sc.i:], delim) {
				switch sc.s[sc.i] {
				case '\n':
					sc.line++
				case '\\':
					if delim == `"""` {
						sc.i++
						if sc.i < len(sc.s) && sc.s[sc.i] == '\n' {
							sc.line++
						}
					}
				}
				sc.i++
			}
			sc.i += 3
			// A closing delimiter may be followed by up to two more quotes.
			for k := 0; k < 2 && sc.i < len(sc.s) && sc.s[sc.i] == delim[0]; k++ {
				sc.i++
			}
		case c == '"' || c == '\'':
			sc.i++
			for sc.i < len(sc.s) && sc.s[sc.i] != c && sc.s[sc.i] != '\n' {
				if c == '"' && sc.s[sc.i] == '\\' {
					sc.i++
				}
				sc.i++
			}
			if sc.i < len(sc.s) && sc.s[sc.i] == c {
				sc.i++
			}
		case c == '[' || c == '{':
			depth++
			sc.i++
		case c == ']' || c == '}':
			depth--
			sc.i++
		default:
			sc.i++
		}
	}
	sc.i = min(sc.i, len(sc.s))
}
