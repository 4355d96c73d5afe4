package scenarios

import (
	"errors"
	"fmt"
	"github.com/sahelsim/sahelsim/internal/textdist"
	"strconv"
	"strings"
)

// Kinds of error. Every error that Load, Parse, Set and Get return is an
// *Error whose Err wraps one of these, so callers can test the kind with
// errors.Is.
var (
	// ErrUnknownKey: a key that the schema does not have.
	ErrUnknownKey = errors.New("unknown key")
	// ErrType: a value of the wrong type, such as a string for an integer.
	ErrType = errors.New("wrong type")
	// ErrRange: a value outside its documented range or set of values.
	ErrRange = errors.New("out of range")
	// ErrSyntax: a file that is not valid TOML.
	ErrSyntax = errors.New("syntax error")
	// ErrExtends: a parent scenario that is missing, or a cycle of extends.
	ErrExtends = errors.New("bad extends")
	// ErrInvalid: values that are each allowed but make no sense together,
	// as reported by the generic checks and by the model's validation.
	ErrInvalid = errors.New("invalid scenario")
	// ErrOff: a key read under an optional table that is off (nil).
	ErrOff = errors.New("table is off")
)

// An Error is a problem with one key of a scenario file.
type Error struct {
	File  string // name of the file, as given to Load or Parse; "" if none
	Line  int    // line of the key in File (1-based); 0 if unknown
	Key   string // dotted path of the key, e.g. "groups.flm.fighters"; "" if none
	Value any    // the offending value, if any
	Err   error  // what is wrong; wraps one of the Err* kinds
	Hint  string // a suggestion, e.g. `did you mean "fighters"?`; may be ""
}

// Error formats e as "file:line: key: problem (hint)", leaving out the
// parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(e.Line))
		}
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns the underlying error, which wraps one of the Err* kinds.
func (e *Error) Unwrap() error { return e.Err }

// A detail is an error with a specific message that wraps an error kind
// (and possibly the error that caused it).
type detail struct {
	msg  string
	errs []error
}

func (d *detail) Error() string   { return d.msg }
func (d *detail) Unwrap() []error { return d.errs }

// errorf returns an error of the given kind with a formatted message.
func errorf(kind error, format string, args ...any) error {
	return &detail{msg: fmt.Sprintf(format, args...), errs: []error{kind}}
}

// wrapf returns an error with a formatted message that wraps err.
func wrapf(err error, format string, args ...any) error {
	return &detail{msg: fmt.Sprintf(format, args...), errs: []error{err}}
}

// nearest returns the candidate closest to key by edit distance, if it is
// close enough to be a plausible typo.
func nearest(key string, candidates []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range candidates {
		d := textdist.Levenshtein(key, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return "", false
	}
	n := len([]rune(key))
	limit := max(1, (n+1)/3)
	if key != "" && (strings.HasPrefix(best, key) || strings.HasPrefix(key, best)) {
		limit = max(limit, len(best)/2)
	}
	return best, bestD <= limit && bestD < n
}

// suggest returns a hint for an unknown key among candidates: the nearest
// one, or the list of them if it is short.
func suggest(key string, candidates []string) string {
	if c, ok := nearest(key, candidates); ok {
		return fmt.Sprintf("did you mean %q?", c)
	}
	if len(candidates) > 0 && len(candidates) <= 12 {
		return "valid keys: " + strings.Join(candidates, ", ")
	}
	return ""
}
