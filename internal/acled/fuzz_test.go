package acled

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzReader checks that the reader of ACLED exports never panics or
// hangs on any file: it returns events, each or an error, until io.EOF
// or an error, and advances with each.
func FuzzReader(f *testing.F) {
	for _, file := range []string{"testdata/acled_sahel_sample.csv", "testdata/acled_classic.csv"} {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("event_date,latitude,longitude\n30 September 2020,14.5,-4.2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for n := 0; n <= len(data)+1; n++ {
			e, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				if e != nil {
					t.Fatalf("Read returned an event and the error %v", err)
				}
				return
			}
			if e == nil {
				t.Fatal("Read returned no event and no error")
			}
		}
		t.Fatal(errors.New("more events than bytes: the reader does not advance"))
	})
}
