package scenarios

import (
	"bytes"
	"fmt"
	"io"

	"github.com/sahelsim/sahelsim/internal/schema"
)

// Encode writes s to w as a scenario file: every key of the schema with
// its current value, so the file stands alone (it has no extends). Keys
// come in schema order, each after a comment with its documentation and
// unit; optional tables that are off are left out, and the entries of map
// tables (zones) are sorted by id (schema.Encode). Parsing the output
// gives back s, except for its Extends.
func Encode(w io.Writer, s *Scenario) error {
	if s == nil {
		return fmt.Errorf("scenarios: Encode of a nil scenario")
	}
	var b bytes.Buffer
	b.WriteString("# Scenario file, resolved: every key has its value, nothing is inherited.\n")
	if err := schema.Encode(&b, s, "extends"); err != nil {
		return fmt.Errorf("scenarios: encoding %q: %w", s.Name, err)
	}
	encodeTimeline(&b, s)
	_, err := w.Write(b.Bytes())
	return err
}
