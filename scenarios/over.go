package scenarios

import (
	"fmt"
	"strings"

	"github.com/sahelsim/sahelsim/internal/textdist"
)

// Rebased is the scenario that extends a base instead of the baseline.
//
// LoadOver loads the scenario nameOrPath (as Load does) laid over the
// scenario over instead of the baseline: wherever its extends chain says
// extends = "baseline", it extends over instead, so that its own keys (a
// lever's table, say) apply in the world over describes. over must itself
// extend the baseline (directly or not), as the shipped history does:
// LoadOver("reintegration", "history") is the reintegration lever, from
// its start date, in the world as it happened. LoadOver("baseline", over)
// is over itself. The result is named "<name>_over_<over's name>", or
// over's name for the baseline, so that a sweep tells the runs apart.
func LoadOver(nameOrPath, over string) (*Scenario, error) {
	base, err := Load(over)
	if err != nil {
		return nil, err
	}
	if nameOrPath == "baseline" {
		return base, nil
	}
	var src source
	if isBuiltinName(nameOrPath) {
		var ok bool
		if src, ok = builtinSource(nameOrPath); !ok {
			hint := "built-ins: " + strings.Join(builtinNames(), ", ")
			if c, ok := textdist.Nearest(nameOrPath, builtinNames()); ok {
				hint = fmt.Sprintf("did you mean %q?", c)
			}
			return nil, &Error{Value: nameOrPath, Err: errorf(ErrExtends, "no built-in scenario %q", nameOrPath), Hint: hint}
		}
	} else {
		data, err := readFile(nameOrPath)
		if err != nil {
			return nil, &Error{File: nameOrPath, Err: unwrapPath(err)}
		}
		src = fileSource(nameOrPath, data)
	}
	var osrc source
	if isBuiltinName(over) {
		osrc, _ = builtinSource(over)
	} else {
		data, err := readFile(over)
		if err != nil {
			return nil, &Error{File: over, Err: unwrapPath(err)}
		}
		osrc = fileSource(over, data)
	}
	l := loader{over: &osrc}
	s, lerr := l.load(src)
	if lerr != nil {
		return nil, lerr
	}
	if !l.rebased {
		return nil, &Error{File: src.name, Key: "extends", Err: errorf(ErrExtends, "%s does not extend the baseline: it cannot be laid over %s", src.name, base.Name),
			Hint: "name a scenario whose extends chain reaches \"baseline\", as the lever scenarios do"}
	}
	s.Name = s.Name + "_over_" + base.Name
	if len(s.Name) > MaxNameLength {
		s.Name = s.Name[:MaxNameLength]
	}
	if err := s.validate(); err != nil {
		err.File, err.Line = l.locate(err.Key)
		return nil, err
	}
	return s, nil
}
