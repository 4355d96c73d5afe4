package scenarios

import (
	"errors"
	"fmt"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/internal/schema"
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
	if err := schema.CheckDates(s); err != nil {
		return keyError(err, nil)
	}
	if s.Seed > sim.MaxSeed {
		return &Error{Key: "seed", Value: s.Seed, Err: errorf(ErrRange, "want an integer from 0 to %d (2^53 − 1, which every tool reads exactly), got %d", uint64(sim.MaxSeed), s.Seed)}
	}
	err := validateModel(s)
	if err == nil {
		return s.validateTimeline()
	}
	var fe *agents.FieldError
	if errors.As(err, &fe) {
		msg := fe.Msg
		if fe.Value != nil {
			msg = fmt.Sprintf("%s (got %v)", fe.Msg, fe.Value)
		}
		if fe.Element > 0 {
			msg = fmt.Sprintf("element %d: %s", fe.Element, msg)
		}
		return &Error{Key: fe.Key, Value: fe.Value, Err: errorf(errors.Join(ErrInvalid, fe), "%s", msg)}
	}
	return &Error{Err: errorf(errors.Join(ErrInvalid, err), "%v", err)}
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
