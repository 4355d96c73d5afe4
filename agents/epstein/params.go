package epstein

import "fmt"

// Params are the parameters of the model. Field tags say how each key is
// named in TOML (toml), what it means (doc), its allowed range (min, max)
// or values (enum) and where its default comes from (src). The names
// follow the keyword arguments of Mesa's EpsteinCivilViolence.
type Params struct {
	Width          int     `toml:"width" doc:"grid width; the grid is a torus" unit:"cells" min:"1" max:"32768" src:"Mesa example: 40"`
	Height         int     `toml:"height" doc:"grid height" unit:"cells" min:"1" max:"32768" src:"Mesa example: 40"`
	CitizenDensity float64 `toml:"citizen_density" doc:"probability that a cell starts with a citizen" min:"0" max:"1" src:"Epstein 2002 and Mesa example: 0.7"`
	CopDensity     float64 `toml:"cop_density" doc:"probability that a cell starts with a cop" min:"0" max:"1" src:"Mesa example: 0.074"`
	Legitimacy     float64 `toml:"legitimacy" doc:"regime legitimacy L as every citizen perceives it; grievance = hardship × (1 − L)" min:"0" max:"1" src:"Mesa example: 0.8"`
	Threshold      float64 `toml:"active_threshold" doc:"a citizen is active when grievance − risk aversion × arrest probability exceeds this" min:"-1" max:"1" src:"Epstein 2002 and Mesa example: 0.1"`
	ArrestK        float64 `toml:"arrest_prob_constant" doc:"k in the arrest probability 1 − exp(−k·round(C/A)); 2.3 makes it 0.9 when C/A = 1" min:"0" max:"100" src:"Epstein 2002 and Mesa example: 2.3"`
	CitizenVision  int     `toml:"citizen_vision" doc:"how far a citizen sees (Manhattan distance)" unit:"cells" min:"1" max:"20" src:"Epstein 2002 and Mesa example: 7"`
	CopVision      int     `toml:"cop_vision" doc:"how far a cop sees (Manhattan distance)" unit:"cells" min:"1" max:"20" src:"Epstein 2002 and Mesa example: 7"`
	MaxJail        int     `toml:"max_jail_term" doc:"jail terms are uniform on 0 … max_jail_term" unit:"steps" min:"0" max:"1000000" src:"Mesa example: 1000"`
	Movement       bool    `toml:"movement" doc:"whether agents move to a random empty cell in their vision after acting" src:"Mesa example: true"`
	Jail           string  `toml:"jail" doc:"where jailed citizens are: kept on their cell (Mesa) or removed from the grid until release, then put on a random empty cell" enum:"board|removed" src:"Mesa example: board"`
	Steps          int     `toml:"steps" doc:"number of steps in a run" min:"0" max:"10000000" src:"Mesa example: max_iters 1000"`
}

// Jail modes.
const (
	JailBoard   = "board"   // jailed citizens stay on their cell (Mesa)
	JailRemoved = "removed" // jailed citizens leave the grid until release
)

// Default returns the defaults of Mesa's example: a 40 × 40 torus, 70 %
// citizens, 7.4 % cops, legitimacy 0.8, threshold 0.1, k = 2.3, vision 7,
// jail terms up to 1000 steps, movement on, jailed citizens kept on the
// board, and 1000 steps.
func Default() Params {
	return Params{
		Width:          40,
		Height:         40,
		CitizenDensity: 0.7,
		CopDensity:     0.074,
		Legitimacy:     0.8,
		Threshold:      0.1,
		ArrestK:        2.3,
		CitizenVision:  7,
		CopVision:      7,
		MaxJail:        1000,
		Movement:       true,
		Jail:           JailBoard,
		Steps:          1000,
	}
}

// SetDefaults sets p to Default: a scenario that sets any key of its
// [epstein] table gets Mesa's defaults for the others.
func (p *Params) SetDefaults() { *p = Default() }

// Validate reports the first parameter out of its range, or nil. Besides
// the ranges of the tags, the densities must sum to at most 1 and each side
// of the grid must be at least 2·vision+1 cells, so that a vision diamond
// does not wrap onto itself.
func (p *Params) Validate() error {
	bad := func(key string, v any, msg string) error {
		return fmt.Errorf("epstein: %s = %v: %s", key, v, msg)
	}
	in := func(x, lo, hi float64) bool { return x >= lo && x <= hi } // false for NaN
	vision := max(p.CitizenVision, p.CopVision)
	switch {
	case p.Width < 1 || p.Width > 32768:
		return bad("width", p.Width, "want 1 … 32768")
	case p.Height < 1 || p.Height > 32768:
		return bad("height", p.Height, "want 1 … 32768")
	case !in(p.CitizenDensity, 0, 1):
		return bad("citizen_density", p.CitizenDensity, "want 0 … 1")
	case !in(p.CopDensity, 0, 1):
		return bad("cop_density", p.CopDensity, "want 0 … 1")
	case p.CitizenDensity+p.CopDensity > 1:
		return bad("cop_density", p.CopDensity, "citizen_density + cop_density must be at most 1")
	case !in(p.Legitimacy, 0, 1):
		return bad("legitimacy", p.Legitimacy, "want 0 … 1")
	case !in(p.Threshold, -1, 1):
		return bad("active_threshold", p.Threshold, "want -1 … 1")
	case !in(p.ArrestK, 0, 100):
		return bad("arrest_prob_constant", p.ArrestK, "want 0 … 100")
	case p.CitizenVision < 1 || p.CitizenVision > maxVision:
		return bad("citizen_vision", p.CitizenVision, fmt.Sprintf("want 1 … %d", maxVision))
	case p.CopVision < 1 || p.CopVision > maxVision:
		return bad("cop_vision", p.CopVision, fmt.Sprintf("want 1 … %d", maxVision))
	case p.Width < 2*vision+1:
		return bad("width", p.Width, fmt.Sprintf("want at least 2·vision+1 = %d", 2*vision+1))
	case p.Height < 2*vision+1:
		return bad("height", p.Height, fmt.Sprintf("want at least 2·vision+1 = %d", 2*vision+1))
	case p.MaxJail < 0 || p.MaxJail > 1000000:
		return bad("max_jail_term", p.MaxJail, "want 0 … 1000000")
	case p.Jail != JailBoard && p.Jail != JailRemoved:
		return bad("jail", fmt.Sprintf("%q", p.Jail), `want "board" or "removed"`)
	case p.Steps < 0 || p.Steps > 10000000:
		return bad("steps", p.Steps, "want 0 … 10000000")
	}
	return nil
}
