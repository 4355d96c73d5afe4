package scenarios

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxNameLength is the longest scenario or sweep name, in bytes.
const MaxNameLength = 100

// NameChars describes the characters of a scenario or sweep name, for
// errors and documentation.
const NameChars = "letters A-Z and a-z, digits, '.', '_' and '-', not starting with '.' or '-'"

// CheckName reports whether name may name a scenario or a sweep: at most
// MaxNameLength of the characters NameChars describes. The empty name
// (an unnamed scenario) is allowed. Names become directory names
// (runs/<name>-seed<seed>), Slurm job names and parts of generated
// scripts, so they hold nothing a path, a shell or a terminal reads
// specially: no separator, no "..", no space, quote or line break. The
// error names the first bad character.
func CheckName(name string) error {
	if len(name) > MaxNameLength {
		return errorf(ErrRange, "name %.20q…: %d bytes, at most %d", name, len(name), MaxNameLength)
	}
	for i, r := range name {
		if !nameChar(r) || i == 0 && (r == '.' || r == '-') {
			what := fmt.Sprintf("%q", r)
			if r == utf8.RuneError {
				what = "an invalid UTF-8 byte"
			}
			where := fmt.Sprintf("character %d", utf8.RuneCountInString(name[:i])+1)
			if i == 0 {
				where = "first character"
			}
			return errorf(ErrRange, "name %q: %s is %s: want %s", name, where, what, NameChars)
		}
	}
	return nil
}

func nameChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || r == '_' || r == '-'
}

// safeName turns a file's base name into a valid name, for the default
// name of a file that sets none: each character a name may not hold
// becomes '_'.
func safeName(base string) string {
	var b strings.Builder
	for i, r := range base {
		if !nameChar(r) || i == 0 && (r == '.' || r == '-') {
			r = '_'
		}
		b.WriteRune(r)
		if b.Len() >= MaxNameLength {
			break
		}
	}
	return b.String()
}
