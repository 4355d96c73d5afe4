package agents

import "fmt"

// A FieldError reports a parameter that is invalid for the model: Key is
// its dotted path in the scenario (e.g. "policy.reintegration.zones"),
// Value the offending value, and Msg what is allowed.
type FieldError struct {
	Key   string
	Value any
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Value == nil {
		return fmt.Sprintf("%s: %s", e.Key, e.Msg)
	}
	return fmt.Sprintf("%s = %v: %s", e.Key, e.Value, e.Msg)
}
