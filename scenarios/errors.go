package scenarios

import (
	"errors"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/internal/schema"
)

// Kinds of error. Every error that Load, Parse, Set and Get return is an
// *Error whose Err wraps one of these, so callers can test the kind with
// errors.Is. Those of the schema are package schema's own.
var (
	// ErrUnknownKey: a key that the schema does not have.
	ErrUnknownKey = schema.ErrUnknownKey
	// ErrType: a value of the wrong type, such as a string for an integer.
	ErrType = schema.ErrType
	// ErrRange: a value outside its documented range or set of values.
	ErrRange = schema.ErrRange
	// ErrSyntax: a file that is not valid TOML.
	ErrSyntax = errors.New("syntax error")
	// ErrExtends: a parent scenario that is missing, or a cycle of extends.
	ErrExtends = errors.New("bad extends")
	// ErrInvalid: values that are each allowed but make no sense together,
	// as reported by the generic checks and by the model's validation.
	ErrInvalid = schema.ErrInvalid
	// ErrOff: a key read under an optional table that is off (nil).
	ErrOff = schema.ErrOff
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

// errorf returns an error with a formatted message that wraps err, an
// error of a kind or several joined (schema.Errorf).
func errorf(err error, format string, args ...any) error {
	return schema.Errorf(err, format, args...)
}

// keyError returns the *Error of the schema's error err, if it is one,
// at the key it names; value, if not nil, is the offending value.
func keyError(err error, value any) *Error {
	var ke *schema.KeyError
	if !errors.As(err, &ke) {
		return &Error{Value: value, Err: err}
	}
	if value == nil {
		value = ke.Value
	}
	return &Error{Key: schema.JoinKey(ke.Path), Value: value, Err: ke.Err, Hint: ke.Hint}
}
