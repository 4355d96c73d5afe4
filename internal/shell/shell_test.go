package shell

import (
	"errors"
	"os/exec"
	"testing"
)

// TestQuote has a real shell read each quoted value back.
func TestQuote(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, s := range []string{"plain", "", "two words", "it's", `"double"`, "$(touch /tmp/x)", "`id`", "a;b|c&d", "line\nbreak\n; rm -rf ~", "trailing\\", "*?[]{}~#!", "ünïcode"} {
		out, err := exec.Command(sh, "-c", "printf %s "+Quote(s)).Output()
		if err != nil || string(out) != s {
			t.Errorf("sh read %s back as %q (%v), want %q", Quote(s), out, err, s)
		}
	}
	if Quote("runs/x-1.toml") != "runs/x-1.toml" {
		t.Errorf("Quote quoted a plain path: %s", Quote("runs/x-1.toml"))
	}
}

func TestCommentAndSbatch(t *testing.T) {
	if _, err := Comment("sweep a\nrm -rf ~"); !errors.Is(err, ErrLineBreak) {
		t.Errorf("Comment with a line break: %v", err)
	}
	if _, err := SbatchValue("1:00:00\r\n#SBATCH --x"); !errors.Is(err, ErrLineBreak) {
		t.Errorf("SbatchValue with a line break: %v", err)
	}
	for in, want := range map[string]string{"01:00:00": "01:00:00", "a b": `"a b"`, `x"y`: `"x\"y"`} {
		if got, err := SbatchValue(in); err != nil || got != want {
			t.Errorf("SbatchValue(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
