package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/sim"
)

// Validate runs the checks that involve more than one key: the generic
// ones (in every table with a start and an end date, the end is not
// before the start) and the model's own (agents.Validate). Load and Parse
// call it; call it after Set. The error is an *Error wrapping ErrInvalid.
func (s *Scenario) Validate() error {
	if err := s.validate(); err != nil {
		return err
	}
	return nil
}

func (s *Scenario) validate() *Error {
	if err := CheckName(s.Name); err != nil {
		return &Error{Key: "name", Value: s.Name, Err: err}
	}
	if err := checkDates(nil, reflect.ValueOf(s).Elem()); err != nil {
		return err
	}
	err := validateModel(s)
	if err == nil {
		return nil
	}
	var fe *agents.FieldError
	if errors.As(err, &fe) {
		msg := fe.Msg
		if fe.Value != nil {
			msg = fmt.Sprintf("%s (got %v)", fe.Msg, fe.Value)
		}
		return &Error{Key: fe.Key, Value: fe.Value, Err: &detail{msg: msg, errs: []error{ErrInvalid, fe}}}
	}
	return &Error{Err: wrapf(errors.Join(ErrInvalid, err), "%v", err)}
}

// checkDates checks, in the table v at path and below it, that a date
// "end" is not before a date "start" of the same table.
func checkDates(path []string, v reflect.Value) *Error {
	fs := fields(v.Type())
	start, okStart := findField(fs, "start")
	end, okEnd := findField(fs, "end")
	if okStart && okEnd && isDate(start.typ) && isDate(end.typ) {
		s := v.FieldByIndex(start.index).Interface().(sim.Date)
		e := v.FieldByIndex(end.index).Interface().(sim.Date)
		if !s.IsZero() && !e.IsZero() && e.Before(s) {
			return &Error{Key: joinKey(append(slices.Clip(path), end.key)), Value: e,
				Err: errorf(ErrInvalid, "end %s is before start %s", e, s)}
		}
	}
	for _, f := range fs {
		p := append(slices.Clip(path), f.key)
		fv := v.FieldByIndex(f.index)
		switch kindOf(f.typ) {
		case tableNode:
			if err := checkDates(p, fv); err != nil {
				return err
			}
		case optionalNode:
			if !fv.IsNil() {
				if err := checkDates(p, fv.Elem()); err != nil {
					return err
				}
			}
		case mapNode:
			for _, id := range sortedKeys(fv) {
				x := fv.MapIndex(id)
				if x.Kind() == reflect.Pointer {
					if x.IsNil() {
						continue
					}
					x = x.Elem()
				}
				if err := checkDates(append(slices.Clip(p), id.String()), x); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// validateModel runs the model's own checks.
func validateModel(s *Scenario) error {
	if err := agents.Validate(&s.Params); err != nil {
		return err
	}
	if s.Model == "epstein" {
		p := s.EpsteinParams()
		if err := p.Validate(); err != nil {
			return err
		}
		if cells := int64(p.Width) * int64(p.Height); cells > MaxEpsteinCells {
			return &agents.FieldError{Key: "epstein.width", Value: p.Width,
				Msg: fmt.Sprintf("a grid of %d × %d = %d cells: at most %d (2048 × 2048)", p.Width, p.Height, cells, MaxEpsteinCells)}
		}
	}
	return nil
}

// MaxEpsteinCells bounds the cells of Epstein's grid (width × height):
// each holds its agents and a packed neighbourhood count.
const MaxEpsteinCells = 2048 * 2048

// EpsteinParams returns the Epstein model's parameters: the scenario's
// [epstein] table, or Mesa's defaults if it has none.
func (s *Scenario) EpsteinParams() *epstein.Params {
	if s.Epstein != nil {
		return s.Epstein
	}
	p := epstein.Default()
	return &p
}
