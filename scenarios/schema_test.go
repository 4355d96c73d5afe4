package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/internal/schema"
)

// TestSchema checks the tags of the schema (schema.Check): every key has
// a type the file format supports and a doc, ranges are numbers on
// numbers, enums fit their type, and no table has two fields with one
// key.
func TestSchema(t *testing.T) {
	for _, err := range schema.Check(reflect.TypeFor[Scenario]()) {
		t.Error(err)
	}
}

// TestDefaultsInRange checks that every default, of the model and of each
// lever, is allowed by its own tags: setting a key to its default value
// must succeed.
func TestDefaultsInRange(t *testing.T) {
	s := &Scenario{Model: "sahel", Params: agents.Default()}
	for _, p := range s.Paths() {
		if strings.HasSuffix(p, "."+schema.EnabledKey) {
			continue
		}
		c := s.Clone()
		v, err := c.Get(p)
		if errors.Is(err, ErrOff) {
			// Turn the optional table on with its defaults (the nearest
			// enclosing table that has an enabled key), then read.
			table := p[:strings.LastIndex(p, ".")]
			for c.Set(table+"."+schema.EnabledKey, true) != nil {
				i := strings.LastIndex(table, ".")
				if i < 0 {
					t.Fatalf("%s: no optional table encloses it", p)
				}
				table = table[:i]
			}
			v, err = c.Get(p)
		}
		if err != nil {
			t.Errorf("Get(%q): %v", p, err)
			continue
		}
		if err := c.Set(p, v); err != nil {
			t.Errorf("default of %s is not allowed by its tags: %v", p, err)
		}
	}
}
