package csvrow

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"strconv"
	"testing"
)

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Header([]string{"name", "n"}, []string{"x"})
	w.Text(`a "quoted", name`)
	w.Int(-3)
	w.Float(0.1)
	w.End()
	w.Text("plain")
	w.Uint(math.MaxUint64)
	w.Float(math.NaN())
	w.End()
	want := "name,n,x\n\"a \"\"quoted\"\", name\",-3,0.1\nplain,18446744073709551615,\n"
	if b.String() != want || w.Err() != nil {
		t.Errorf("wrote %q, %v; want %q", b.String(), w.Err(), want)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][0] != `a "quoted", name` {
		t.Errorf("encoding/csv reads back %q, %v", rows, err)
	}
}

// TestFloat checks that every float reads back exactly.
func TestFloat(t *testing.T) {
	for _, v := range []float64{0, 1, -4.3, 1e-7, 2e6, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3} {
		s := string(AppendFloat(nil, v))
		if got, err := strconv.ParseFloat(s, 64); err != nil || got != v {
			t.Errorf("AppendFloat(%v) = %q, reads back as %v, %v", v, s, got, err)
		}
	}
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestErrSticks checks that the first error is kept and stops the writes.
func TestErrSticks(t *testing.T) {
	w := NewWriter(failing{})
	w.Text("a")
	w.End()
	w.Text("b")
	w.End()
	if w.Err() == nil || w.Err().Error() != "disk full" {
		t.Errorf("Err() = %v, want disk full", w.Err())
	}
}
