// Package shell quotes values for the POSIX shell scripts sahelsim
// writes (the Slurm job scripts) and the commands it prints for users to
// paste. Every value interpolated into a script goes through Quote;
// Comment and SbatchValue refuse what they cannot make safe.
package shell

import (
	"errors"
	"fmt"
	"strings"
)

// Quote returns s quoted for a POSIX shell: unchanged if it holds only
// characters no shell reads specially (letters, digits and /._-+=:,@%),
// single-quoted otherwise, each single quote in s closing the quotes,
// escaped and reopening them. The result is one
// word whose value is s, whatever s holds: spaces, quotes, $, `, ;, line
// breaks.
func Quote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:,@%", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ErrLineBreak is wrapped by the errors of Comment and SbatchValue for a
// value with a line break, which would end the comment or directive and
// start a command.
var ErrLineBreak = errors.New("a line break")

// Comment returns s for the text of a # comment line: it must hold no
// line break.
func Comment(s string) (string, error) {
	if strings.ContainsAny(s, "\r\n") {
		return "", fmt.Errorf("%q: %w in a comment of a generated script", s, ErrLineBreak)
	}
	return s, nil
}

// SbatchValue returns s as the value of an #SBATCH directive, which
// sbatch splits at spaces outside double quotes: double-quoted if it
// holds a space, a tab or a quote. It must hold no line break.
func SbatchValue(s string) (string, error) {
	if strings.ContainsAny(s, "\r\n") {
		return "", fmt.Errorf("%q: %w in an #SBATCH line", s, ErrLineBreak)
	}
	if strings.ContainsAny(s, " \t\"\\") {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`, nil
	}
	return s, nil
}
