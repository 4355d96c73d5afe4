package schema

import (
	"errors"
	"fmt"
	"strings"
)

// Kinds of error. Every error of Set, SetDecoded, Get and CheckDates is a
// *KeyError whose Err wraps one of these, tested with errors.Is.
var (
	// ErrUnknownKey: a key that the schema does not have.
	ErrUnknownKey = errors.New("unknown key")
	// ErrType: a value of the wrong type, such as a string for an integer.
	ErrType = errors.New("wrong type")
	// ErrRange: a value outside its documented range or set of values.
	ErrRange = errors.New("out of range")
	// ErrInvalid: values that are each allowed but make no sense together
	// (an end date before its start, an invalid id).
	ErrInvalid = errors.New("invalid value")
	// ErrOff: a key read under an optional table that is off (nil).
	ErrOff = errors.New("table is off")
)

// A KeyError is a problem with one key of a schema value.
type KeyError struct {
	Path  []string // the key, from the root table
	Value any      // the offending value, if known
	Err   error    // what is wrong; wraps one of the Err* kinds
	Hint  string   // a suggestion, e.g. `did you mean "fighters"?`; may be ""
}

// Error formats e as "key: problem (hint)".
func (e *KeyError) Error() string {
	var b strings.Builder
	if len(e.Path) > 0 {
		b.WriteString(JoinKey(e.Path))
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

// Unwrap returns the underlying error, which wraps one of the Err* kinds.
func (e *KeyError) Unwrap() error { return e.Err }

// Errorf returns an error whose text is the formatted message alone and
// which wraps err (errors.Is(Errorf(ErrRange, …), ErrRange) holds): an
// error of a kind, in its own words. The loaders of files built on the
// schema make their errors of these kinds, and of their own, with it.
func Errorf(err error, format string, args ...any) error {
	return &detail{msg: fmt.Sprintf(format, args...), err: err}
}

// A detail is the error of Errorf.
type detail struct {
	msg string
	err error
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.err }
