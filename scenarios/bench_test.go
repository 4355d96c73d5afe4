package scenarios

import "testing"

// BenchmarkLoad loads a scenario of two files with six levers.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load("combined"); err != nil {
			b.Fatal(err)
		}
	}
}
