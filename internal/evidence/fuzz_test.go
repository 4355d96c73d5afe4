package evidence

import (
	"bytes"
	"testing"
)

// FuzzReadTargets checks that ReadTargets never panics or hangs: it
// returns targets with unique, non-empty identifiers, or an error.
func FuzzReadTargets(f *testing.F) {
	f.Add([]byte(reportTargets))
	f.Add([]byte("id,what,value,tolerance_low,tolerance_high,period,scope,quote_from_report\nx,y,1,0,2,2017,all,\"a \"\"quote\"\"\"\n"))
	f.Add([]byte("\ufeffid,what\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := ReadTargets(bytes.NewReader(data))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, tg := range ts {
			if tg.ID == "" || seen[tg.ID] {
				t.Fatalf("target id %q empty or repeated", tg.ID)
			}
			seen[tg.ID] = true
		}
	})
}
