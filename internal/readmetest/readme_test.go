package readmetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// A block is a fenced block of the README.
type block struct {
	lang string // sh, toml, python, or "" for an output
	text string
	line int // of its opening fence
}

// blocks returns the fenced blocks of the markdown text.
func blocks(text string) []block {
	var out []block
	var cur *block
	var body []string
	for i, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(l, "```") {
			if cur != nil {
				body = append(body, l)
			}
			continue
		}
		if cur == nil {
			cur = &block{lang: strings.TrimSpace(strings.TrimPrefix(l, "```")), line: i + 1}
			body = nil
			continue
		}
		cur.text = strings.Join(body, "\n")
		out = append(out, *cur)
		cur = nil
	}
	return out
}

// fileLine matches the first line of a TOML example naming its file.
var fileLine = regexp.MustCompile(`^# ([A-Za-z0-9_.-]+\.toml)$`)

// reps matches a --reps option.
var reps = regexp.MustCompile(`--reps[ =]\d+`)

// shrink returns the command line c as the test runs it: the replicates
// of a run, validation or sweep cut (2 for a run, 1 for a sweep), and
// the cluster's scratch directory in the test's. ok is false for a
// command the test leaves to others, with the reason.
func shrink(c, scratch string) (out string, ok bool, why string) {
	fields := strings.Fields(c)
	switch {
	case strings.HasPrefix(c, "go test"):
		return c, false, "the test suite itself, which CI runs"
	case strings.Contains(c, "--submit"):
		return c, false, "needs a running Slurm cluster: internal/slurmtest submits the same scripts to a real one"
	case len(fields) >= 3 && fields[0] == "sahelsim" && fields[1] == "calibrate" && !strings.HasPrefix(fields[2], "-") && !strings.Contains(c, "--next"):
		return c, false, "a whole calibration, about 20 minutes: internal/calibrate's tests run the same workflow on a small budget"
	case len(fields) < 2 || fields[0] != "sahelsim":
		return c, true, ""
	}
	want := map[string]string{"run": "2", "validate": "2", "sweep": "1"}[fields[1]]
	if want != "" && !strings.Contains(c, "--list") {
		if reps.MatchString(c) {
			if want == "1" || !strings.Contains(c, "--reps 1") {
				c = reps.ReplaceAllString(c, "--reps "+want)
			}
		} else {
			c += " --reps " + want
		}
	}
	c = strings.ReplaceAll(c, "/scratch/$USER", scratch)
	return c, true, ""
}

// command splits a shell line into the command and its trailing comment.
func command(l string) string {
	if i := strings.Index(l, "   #"); i >= 0 {
		l = l[:i]
	}
	if i := strings.Index(l, "  #"); i >= 0 {
		l = l[:i]
	}
	return strings.TrimSpace(l)
}

// firstFields returns the first field of each non-empty line of text.
func firstFields(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// TestREADME runs the examples of README.md in a new directory, with the
// sahelsim that the README's install step builds.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example of the README: about a minute")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	bin, work := t.TempDir(), t.TempDir()
	scratch := filepath.Join(work, "scratch")
	env := append(os.Environ(), "GOBIN="+bin, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "USER=readme")
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()

	type result struct {
		cmd            string
		stdout, stderr string
		code           int
	}
	run := func(dir, c string) result {
		cmd := exec.CommandContext(ctx, "bash", "-c", c)
		cmd.Dir, cmd.Env = dir, env
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		return result{c, out.String(), errb.String(), code}
	}

	bs := blocks(string(text))
	installed, outputs := false, 0
	var last result
	for i, b := range bs {
		switch b.lang {
		case "toml":
			lines := strings.SplitN(b.text, "\n", 2)
			m := fileLine.FindStringSubmatch(lines[0])
			if m == nil {
				t.Errorf("README.md:%d: a TOML example must name its file on its first line (# NAME.toml)", b.line)
				continue
			}
			if err := os.WriteFile(filepath.Join(work, m[1]), []byte(b.text+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		case "sh":
			if strings.HasPrefix(b.text, "#!") {
				// A script file to save and submit, not commands to type:
				// internal/slurmtest runs the README's job scripts.
				t.Logf("README.md:%d: a script, not run here (internal/slurmtest runs it on a real cluster)", b.line)
				continue
			}
			// An error example's command is followed by the error it
			// prints: it must fail with exit code 2.
			failing := i+1 < len(bs) && bs[i+1].lang == "" && strings.HasPrefix(bs[i+1].text, "sahelsim: ")
			// A line ending in a backslash goes on on the next, as in a shell.
			for _, l := range strings.Split(strings.ReplaceAll(b.text, "\\\n", " "), "\n") {
				c := command(l)
				if c == "" || strings.HasPrefix(c, "#") {
					continue
				}
				if c == "go install ./cmd/sahelsim" {
					res := run(root, c) // the install from a clone, as the README says it
					if res.code != 0 {
						t.Fatalf("README.md:%d: %s: exit %d\n%s", b.line, c, res.code, res.stderr)
					}
					installed = true
					continue
				}
				if !installed {
					t.Fatalf("README.md:%d: %s comes before the install", b.line, c)
				}
				c, ok, why := shrink(c, scratch)
				if !ok {
					t.Logf("README.md:%d: not run here: %s (%s)", b.line, c, why)
					continue
				}
				last = run(work, c)
				want := 0
				if failing {
					want = 2
				}
				if last.code != want {
					t.Errorf("README.md:%d: %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", b.line, c, last.code, want, last.stdout, last.stderr)
				}
			}
		case "":
			// An output: the lines the command before it printed, by
			// their first field (the values differ with fewer
			// replicates), or an error message whole.
			outputs++
			if strings.HasPrefix(b.text, "sahelsim: ") {
				if strings.TrimSpace(last.stderr) != strings.TrimSpace(b.text) {
					t.Errorf("README.md:%d: %s printed\n%s\nnot\n%s", b.line, last.cmd, last.stderr, b.text)
				}
				continue
			}
			got := firstFields(last.stdout)
			for _, f := range firstFields(b.text) {
				j := slices.Index(got, f)
				if j < 0 {
					t.Errorf("README.md:%d: %q is not among the lines %s printed (in order):\n%s", b.line, f, last.cmd, last.stdout)
					break
				}
				got = got[j+1:]
			}
		case "python":
			// The columns the pandas example reads are events.csv's.
			f, err := os.Open(filepath.Join(work, "runs", "baseline-seed1", "events.csv"))
			if err != nil {
				t.Fatalf("README.md:%d: %v", b.line, err)
			}
			header, err := csv.NewReader(f).Read()
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(`\b(?:m|ev)\.([a-z_]+)`).FindAllStringSubmatch(b.text, -1) {
				if !slices.Contains(header, m[1]) && m[1] != "where" && m[1] != "merge" {
					t.Errorf("README.md:%d: the example reads the column %q, which events.csv does not have (%v)", b.line, m[1], header)
				}
			}
		default:
			t.Errorf("README.md:%d: a block of %q, which this test does not know how to check", b.line, b.lang)
		}
	}
	if !installed || outputs < 2 {
		t.Errorf("the README's install ran %t, %d outputs checked", installed, outputs)
	}
}
