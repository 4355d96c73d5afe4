package scenarios

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/agents/epstein"
	"github.com/sahelsim/sahelsim/internal/schema"
	"github.com/sahelsim/sahelsim/internal/textdist"
)

// Scenario is one scenario file, resolved: the model's defaults, then each
// file of its extends chain from the root, then the file itself.
type Scenario struct {
	Name        string `toml:"name" doc:"short name of the scenario (default: the file name without .toml)"`
	Description string `toml:"description" doc:"what the scenario represents and what it tests"`
	Extends     string `toml:"extends" doc:"scenario this one overrides: a path relative to this file, or a built-in name"`
	Model       string `toml:"model" doc:"which model runs" enum:"sahel|epstein"`

	agents.Params // the Sahel model's parameters, at the top level of the file

	// Epstein holds the parameters of Epstein's civil violence model, the
	// reference model that runs on the same engine when model = "epstein".
	Epstein *epstein.Params `toml:"epstein" doc:"Epstein's civil violence model (model = \"epstein\"), with the defaults of Mesa's example"`

	// Shocks are the [timeline.<id>] tables, by id: dated exogenous
	// events that set or scale parameters (see Shock). Validate resolves
	// those that are on into Params.Timeline, which the world applies.
	Shocks map[string]*Shock `toml:"-"`
}

// An Info describes a built-in scenario or sweep.
type Info struct {
	Name        string // what Load or LoadSweep takes, e.g. "baseline"
	Description string
}

//go:embed *.toml
var builtinFS embed.FS

// List returns the built-in scenarios: baseline first, then the others in
// alphabetical order.
func List() []Info {
	out := listFiles(builtinFS, ".")
	slices.SortStableFunc(out, func(a, b Info) int {
		switch {
		case a.Name == "baseline" && b.Name != "baseline":
			return -1
		case b.Name == "baseline" && a.Name != "baseline":
			return 1
		}
		return 0
	})
	return out
}

// listFiles describes the TOML files of the directory dir of fsys, in
// alphabetical order: each one's name without .toml and its description.
func listFiles(fsys fs.FS, dir string) []Info {
	entries, _ := fs.ReadDir(fsys, dir)
	var out []Info
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok {
			continue
		}
		info := Info{Name: name}
		data, _ := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		var head struct {
			Description string `toml:"description"`
		}
		if _, err := toml.Decode(string(data), &head); err == nil {
			info.Description = head.Description
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b Info) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// Builtin returns the text of the built-in scenario name.
func Builtin(name string) ([]byte, bool) {
	if !isBuiltinName(name) || name == "" {
		return nil, false
	}
	data, err := builtinFS.ReadFile(name + ".toml")
	return data, err == nil
}

// isBuiltinName reports whether s is to be read as the name of a built-in
// scenario rather than a path: it has no path separator and no .toml
// suffix.
func isBuiltinName(s string) bool {
	return !strings.ContainsAny(s, `/\`) && !strings.HasSuffix(s, ".toml") && s != "." && s != ".."
}

// builtinNames returns the names of the built-in scenarios.
func builtinNames() []string {
	var names []string
	for _, info := range List() {
		names = append(names, info.Name)
	}
	return names
}

// Load loads a scenario: the built-in scenario of that name if nameOrPath
// has no path separator and no .toml suffix (e.g. "baseline"), otherwise
// the file at that path. The scenario is resolved and validated.
func Load(nameOrPath string) (*Scenario, error) {
	var src source
	if isBuiltinName(nameOrPath) {
		var ok bool
		if src, ok = builtinSource(nameOrPath); !ok {
			hint := "built-ins: " + strings.Join(builtinNames(), ", ")
			if c, ok := textdist.Nearest(nameOrPath, builtinNames()); ok {
				hint = fmt.Sprintf("did you mean %q?", c)
			}
			return nil, &Error{Value: nameOrPath, Err: errorf(fs.ErrNotExist, "no built-in scenario %q", nameOrPath), Hint: hint}
		}
	} else {
		data, err := readFile(nameOrPath)
		if err != nil {
			return nil, &Error{File: nameOrPath, Err: unwrapPath(err)}
		}
		src = fileSource(nameOrPath, data)
	}
	return parse(src)
}

// Parse parses data, the text of a scenario file, resolves and validates
// it. file names the file in errors, and relative extends are resolved
// against its directory; if file is "", only built-in scenarios may be
// extended.
func Parse(data []byte, file string) (*Scenario, error) {
	src := source{name: file, data: data}
	if file != "" {
		src = fileSource(file, data)
	}
	return parse(src)
}

// A source is a scenario file to load.
type source struct {
	name    string // as shown in errors
	id      string // identity, for detecting cycles
	dir     string // directory of the file, for relative extends ("": none)
	builtin bool
	data    []byte
}

func builtinSource(name string) (source, bool) {
	data, ok := Builtin(name)
	if !ok {
		return source{}, false
	}
	return source{name: "scenarios/" + name + ".toml", id: "builtin:" + name, builtin: true, data: data}, true
}

func fileSource(path string, data []byte) source {
	id, err := filepath.Abs(path)
	if err != nil {
		id = filepath.Clean(path)
	}
	return source{name: path, id: id, dir: filepath.Dir(path), data: data}
}

// maxDepth bounds the length of an extends chain.
const maxDepth = 32

// A loader loads one scenario and its extends chain.
type loader struct {
	chain []source    // files being loaded, the outermost first
	files []fileLines // files loaded, parents first

	// over, if not nil, replaces the baseline as the parent of the files
	// that extend it, outside over's own chain (LoadOver).
	over    *source
	inOver  bool // loading over's chain
	rebased bool // a file was laid over over
}

// fileLines are the lines of the keys of one file of the chain.
type fileLines struct {
	name  string
	lines map[string]int
}

func parse(src source) (*Scenario, error) {
	var l loader
	s, err := l.load(src)
	if err != nil {
		return nil, err
	}
	if err := s.validate(); err != nil {
		err.File, err.Line = l.locate(err.Key)
		return nil, err
	}
	return s, nil
}

// locate returns the file and line where key was set, searching the chain
// from the most derived file: first for the key itself, then for its
// longest prefix.
func (l *loader) locate(key string) (string, int) {
	top := l.files[len(l.files)-1].name
	if key == "" {
		return top, 0
	}
	key = stripIndexes(key)
	for _, f := range slices.Backward(l.files) {
		if line, ok := f.lines[key]; ok {
			return f.name, line
		}
	}
	path := strings.Split(key, ".")
	for n := len(path) - 1; n > 0; n-- {
		for _, f := range slices.Backward(l.files) {
			if line, ok := f.lines[schema.JoinKey(path[:n])]; ok {
				return f.name, line
			}
		}
	}
	return top, 0
}

// stripIndexes removes the indexes of array elements from a key, as in
// "zones.central_mali.regions[1]".
func stripIndexes(key string) string {
	var b strings.Builder
	depth := 0
	for _, r := range key {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// load loads src and its parents, without validating the result.
func (l *loader) load(src source) (*Scenario, error) {
	l.chain = append(l.chain, src)
	defer func() { l.chain = l.chain[:len(l.chain)-1] }()

	raw, md, derr := decode(src.data, src.name)
	if derr != nil {
		return nil, derr
	}
	lines := keyLines(string(src.data))
	fail := func(path []string, value any, err error, hint string) *Error {
		return &Error{File: src.name, Line: lookupLine(lines, path), Key: schema.JoinKey(path), Value: value, Err: err, Hint: hint}
	}

	// The parent first.
	s := &Scenario{Model: "sahel", Params: agents.Default()}
	if ext, ok := raw["extends"]; ok {
		name, ok := ext.(string)
		if !ok {
			return nil, fail([]string{"extends"}, ext, errorf(ErrType, "want a string, got %s", schema.Describe(ext)), "")
		}
		if name != "" {
			if l.over != nil && !l.inOver && name == "baseline" {
				// LoadOver: the file extends over instead.
				l.inOver, l.rebased = true, true
				var err error
				s, err = l.load(*l.over)
				l.inOver = false
				if err != nil {
					return nil, err
				}
			} else {
				parent, err := l.resolve(src, name)
				if err != nil {
					return nil, fail([]string{"extends"}, name, err, "")
				}
				if s, err = l.load(parent); err != nil {
					return nil, err
				}
			}
		}
	}

	// Then this file's keys, in the order of the file. Name, description
	// and extends describe the file itself: they are not inherited.
	s.Name, s.Description, s.Extends = defaultName(src), "", ""
	leaves := flatten(raw, md.Keys())
	off := map[string]bool{} // optional tables turned off by enabled = false
	for _, lf := range leaves {
		if lf.path[0] == "timeline" {
			if err := s.setTimeline(lf.path, lf.value, true); err != nil {
				ke := err.(*schema.KeyError)
				return nil, fail(ke.Path, ke.Value, ke.Err, ke.Hint)
			}
		} else if err := schema.SetDecoded(s, lf.path, lf.value); err != nil {
			ke := err.(*schema.KeyError)
			return nil, fail(ke.Path, ke.Value, ke.Err, ke.Hint)
		}
		if n := len(lf.path); lf.path[n-1] == schema.EnabledKey && lf.value == false {
			off[schema.JoinKey(lf.path[:n-1])] = true
		}
	}
	// enabled = false with other keys in the same table is contradictory.
	for _, lf := range leaves {
		for n := len(lf.path) - 1; n > 0; n-- {
			if off[schema.JoinKey(lf.path[:n])] && !(n == len(lf.path)-1 && lf.path[n] == schema.EnabledKey) {
				p := append(slices.Clip(lf.path[:n]), schema.EnabledKey)
				return nil, fail(p, false,
					errorf(ErrInvalid, "enabled = false turns the table off, but %s is set", schema.JoinKey(lf.path)),
					"remove enabled = false, or the other keys of the table")
			}
		}
	}
	l.files = append(l.files, fileLines{src.name, lines})
	return s, nil
}

// defaultName is the name of a scenario whose file does not set one: its
// file name without directory and extension.
func defaultName(src source) string {
	if src.builtin {
		return strings.TrimSuffix(strings.TrimPrefix(src.name, "scenarios/"), ".toml")
	}
	if src.name == "" {
		return ""
	}
	return safeName(strings.TrimSuffix(filepath.Base(src.name), filepath.Ext(src.name)))
}

// resolve finds the parent named by extends = name in the file src.
func (l *loader) resolve(src source, name string) (source, error) {
	var parent source
	if isBuiltinName(name) {
		var ok bool
		if parent, ok = builtinSource(name); !ok {
			return source{}, errorf(ErrExtends, "no built-in scenario %q (built-ins: %s)", name, strings.Join(builtinNames(), ", "))
		}
	} else {
		if src.builtin {
			return source{}, errorf(ErrExtends, "a built-in scenario may extend only built-ins, by name, not %q", name)
		}
		if src.dir == "" {
			return source{}, errorf(ErrExtends, "cannot resolve %q: the scenario has no file name, so it may extend only built-ins", name)
		}
		p := filepath.FromSlash(name)
		if !filepath.IsAbs(p) {
			p = filepath.Join(src.dir, p)
		}
		parent = fileSource(p, nil)
	}
	chain := func() string {
		var names []string
		for _, c := range l.chain {
			names = append(names, c.name)
		}
		return strings.Join(append(names, parent.name), " → ")
	}
	if slices.ContainsFunc(l.chain, func(c source) bool { return c.id == parent.id }) {
		return source{}, errorf(ErrExtends, "cyclic extends: %s", chain())
	}
	if len(l.chain) >= maxDepth {
		return source{}, errorf(ErrExtends, "extends chain longer than %d: %s", maxDepth, chain())
	}
	if !parent.builtin {
		data, err := readFile(parent.name)
		if err != nil {
			what := "cannot read parent"
			if errors.Is(err, fs.ErrNotExist) {
				what = "missing parent"
			}
			return source{}, errorf(errors.Join(ErrExtends, err), "%s %s: %v (chain: %s)", what, parent.name, unwrapPath(err), chain())
		}
		parent.data = data
	}
	return parent, nil
}

// unwrapPath returns the cause of a file error, without the path the
// message already shows.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// A leaf is a key of a file with its value, as decoded.
type leaf struct {
	path  []string
	value any // a schema.Table{} for an empty table
}

// flatten lists the leaves of the decoded file m, in the order of the
// file's keys.
func flatten(m map[string]any, order []toml.Key) []leaf {
	var out []leaf
	var walk func(prefix []string, m map[string]any)
	walk = func(prefix []string, m map[string]any) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			p := append(slices.Clip(prefix), k)
			switch v := m[k].(type) {
			case map[string]any:
				if len(v) == 0 {
					out = append(out, leaf{p, schema.Table{}})
				} else {
					walk(p, v)
				}
			default:
				out = append(out, leaf{p, v})
			}
		}
	}
	walk(nil, m)
	rank := make(map[string]int, len(order))
	for i, k := range order {
		rank[schema.JoinKey(k)] = i
	}
	pos := func(lf leaf) int {
		if r, ok := rank[schema.JoinKey(lf.path)]; ok {
			return r
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b leaf) int { return cmp.Compare(pos(a), pos(b)) })
	return out
}

// Clone returns a deep copy of s: changing the copy does not change s.
func (s *Scenario) Clone() *Scenario { return schema.Clone(s) }

// Set sets the key at the dotted path (e.g. "groups.flm.fighters",
// "policy.reintegration.intensity") to value, with the conversions and
// range checks of a scenario file (schema.Set). Setting a key under an
// optional table that is off turns it on with its defaults first;
// "<table>.enabled" turns it on or off. Set does not run the semantic
// checks of Validate. On error s is unchanged.
func (s *Scenario) Set(path string, value any) error {
	if parts := strings.Split(path, "."); parts[0] == "timeline" {
		c := s.Clone()
		if err := c.setTimeline(parts, schema.Normalize(value), false); err != nil {
			return keyError(err, value)
		}
		s.Shocks = c.Shocks
		s.resolveTimeline()
		return nil
	}
	if err := schema.Set(s, strings.Split(path, "."), value); err != nil {
		return keyError(err, value)
	}
	return nil
}

// Get returns the value of the key at the dotted path: a string, bool,
// int, float64, []string, [2]float64, sim.Date… as declared in the schema
// (slices are copies). "<table>.enabled" reports whether an optional table
// is on. Reading a key under an optional table that is off is an error
// wrapping ErrOff.
func (s *Scenario) Get(path string) (any, error) {
	get := func(path []string) (any, error) { return schema.Get(s, path) }
	if strings.HasPrefix(path, "timeline.") || path == "timeline" {
		get = s.getTimeline
	}
	v, err := get(strings.Split(path, "."))
	if err != nil {
		return nil, keyError(err, nil)
	}
	return v, nil
}

// Paths returns the dotted path of every key that Set accepts, in schema
// order: the leaves of every table, those of optional tables that are off
// included (with their "enabled" key), and those of the existing entries
// of map tables.
func (s *Scenario) Paths() []string { return append(schema.Paths(s), s.timelinePaths()...) }
