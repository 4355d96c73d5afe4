package effects

import (
	"strings"
	"testing"
)

// TestDoseStatements checks that a dose-response statement gives the share
// of the full effect reached at half intensity only where the full effect
// is measurable.
func TestDoseStatements(t *testing.T) {
	for _, tt := range []struct {
		name          string
		full          DosePoint
		want, wantNot string
	}{
		{"measurable", DosePoint{Mean: -1000, Low: -1400, High: -600}, "50% of it", "no share"},
		{"not measurable", DosePoint{Mean: 16, Low: -348, High: 381}, "no measurable effect at full intensity", "% of it"},
	} {
		full := tt.full
		full.Lever, full.Indicator, full.Intensity, full.N = "reintegration", "fatalities_total", 1, 10
		half := DosePoint{Lever: "reintegration", Indicator: "fatalities_total", Intensity: 0.5, Mean: full.Mean / 2, Low: -300, High: 200, N: 10}
		got := doseStatements([]DosePoint{half, full}, "fatalities_total")
		if len(got) != 1 || !strings.Contains(got[0], tt.want) || strings.Contains(got[0], tt.wantNot) {
			t.Errorf("%s: %q; want %q and not %q", tt.name, got, tt.want, tt.wantNot)
		}
	}
}
