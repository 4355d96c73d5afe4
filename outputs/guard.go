package outputs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gofrs/flock"

	"github.com/sahelsim/sahelsim/internal/input"
)

// This file is the guard of output directories: sahelsim writes only
// into directories it wrote or creates, one process at a time, and
// deletes only what it wrote.

// Names sahelsim keeps in the directories it writes.
const (
	// LockFile is the lock of an output directory: a process that writes
	// into the directory holds it (see Lock), so that a second one fails
	// at once instead of mixing its files with the first's.
	LockFile = ".sahelsim.lock"
	// TempPrefix starts the name of every temporary file or directory
	// sahelsim writes, in the output directory or beside it, before
	// renaming it into place. What a killed process left with this
	// prefix is removed by the next process that locks the directory.
	TempPrefix = ".sahelsim-tmp-"
	// DrawnFile, in an output directory, lists the files the last
	// drawing of its figures, tables and report wrote (see
	// ReplaceFiles): a new drawing replaces those, and only those.
	DrawnFile = ".sahelsim-drawn"
)

// Errors of the guard, tested with errors.Is.
var (
	// ErrLocked: another process holds the directory's lock.
	ErrLocked = errors.New("another sahelsim process is writing this directory")
	// ErrNotOurs: the directory exists and its manifest does not show
	// that sahelsim wrote it, or it holds files sahelsim did not write.
	ErrNotOurs = errors.New("not a directory sahelsim wrote")
)

// ownKnown are the entries of a run or validation directory that
// sahelsim writes, besides the files its manifest lists.
var ownKnown = []string{ManifestFile, LockFile, DrawnFile, "figures", "tables", "report.html",
	ACLEDExportFile, ACLEDCompareFile, "validation.csv"}

// Owned reports whether sahelsim wrote the directory dir: its
// manifest.json is a manifest sahelsim writes (a run's, a validation's
// or a sweep's: a "build" that records the Go version, and the resolved
// scenario or the sweep's hash). It returns an error wrapping ErrNotOurs if not.
func Owned(dir string) error {
	path := filepath.Join(dir, ManifestFile)
	b, err := input.ReadFile(path, input.MaxManifest)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s has no %s", ErrNotOurs, dir, ManifestFile)
		}
		return fmt.Errorf("%w: %s: %v", ErrNotOurs, path, err)
	}
	var m struct {
		Build *struct {
			GoVersion *string `json:"go_version"`
		} `json:"build"`
		ScenarioTOML *string `json:"scenario_toml"`
		SweepHash    *string `json:"sweep_hash"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Build == nil || m.Build.GoVersion == nil || m.ScenarioTOML == nil && m.SweepHash == nil {
		return fmt.Errorf("%w: %s is not a manifest sahelsim writes", ErrNotOurs, path)
	}
	return nil
}

// foreign returns the first entry of the run or validation directory dir
// that sahelsim did not write: not listed in its manifest, not one of
// the files it adds, and in figures/ and tables/ not drawn (DrawnFile).
func foreign(dir string) (string, error) {
	b, err := input.ReadFile(filepath.Join(dir, ManifestFile), input.MaxManifest)
	if err != nil {
		return "", err
	}
	var m struct {
		Files []string `json:"files"`
	}
	json.Unmarshal(b, &m) // Owned checked it
	drawn, err := readDrawn(dir)
	if err != nil {
		return "", err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case isTemp(name):
		case name == "figures" || name == "tables":
			if !e.IsDir() {
				return name, nil
			}
			sub, err := os.ReadDir(filepath.Join(dir, name))
			if err != nil {
				return "", err
			}
			for _, s := range sub {
				rel := filepath.ToSlash(filepath.Join(name, s.Name()))
				if !isTemp(s.Name()) && !slices.Contains(drawn, rel) && !(len(drawn) == 0 && drawnExt(s)) {
					return rel, nil
				}
			}
		case slices.Contains(m.Files, name) || slices.Contains(ownKnown, name):
		default:
			return name, nil
		}
	}
	return "", nil
}

// drawnExt reports whether e is a file of a kind sahelsim draws: for the
// directories drawn before DrawnFile was kept.
func drawnExt(e fs.DirEntry) bool {
	ext := filepath.Ext(e.Name())
	return e.Type().IsRegular() && (ext == ".pdf" || ext == ".svg" || ext == ".png" || ext == ".tex")
}

// isTemp reports whether name is a lock or temporary file of sahelsim.
func isTemp(name string) bool { return name == LockFile || strings.HasPrefix(name, TempPrefix) }

// isEmpty reports whether dir holds nothing but sahelsim's lock and
// temporary files (what a process killed before finishing leaves), and
// whether it holds nothing at all.
func isEmpty(dir string) (leftovers, nothing bool, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, false, err
	}
	for _, e := range entries {
		if !isTemp(e.Name()) {
			return false, false, nil
		}
	}
	return true, len(entries) == 0, nil
}

// CheckOutDir reports whether a run or validation may be written to dir:
// it may if dir does not exist, or holds nothing but the lock and
// temporary files of a sahelsim process (one that was killed, or one
// writing it now, which LockDir then tells). If dir exists otherwise,
// CheckOutDir fails, wrapping ErrExists, unless force is true; with
// force, dir must be empty, or a directory sahelsim wrote (Owned) holding
// only files sahelsim wrote, or CheckOutDir fails wrapping ErrNotOurs:
// --force never deletes a directory or file sahelsim did not write. Call it before running the
// simulation, so that a run is not lost for want of a place to put it.
func CheckOutDir(dir string, force bool) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output directory: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("output directory %s exists and is not a directory", dir)
	}
	leftovers, nothing, err := isEmpty(dir)
	switch {
	case err != nil:
		return fmt.Errorf("output directory: %w", err)
	case leftovers && !nothing:
		return nil
	case !force:
		return fmt.Errorf("%w: %s (use --force to replace it)", ErrExists, dir)
	case nothing:
		return nil
	}
	if err := Owned(dir); err != nil {
		return fmt.Errorf("%w: --force replaces only a directory sahelsim wrote, and leaves this one untouched (use another --out)", err)
	}
	name, err := foreign(dir)
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	if name != "" {
		return fmt.Errorf("%w: %s holds %s, which sahelsim did not write: --force replaces only what sahelsim wrote, and leaves this directory untouched (move %s away, or use another --out)",
			ErrNotOurs, dir, name, name)
	}
	return nil
}

// A Lock is the lock of an output directory, held by one process (or,
// shared, by the shards of one sweep).
type Lock struct {
	dir     string
	fl      *flock.Flock
	shared  bool
	created bool // the directory did not exist, or held only a killed process's lock
}

// LockOptions say how to lock a directory.
type LockOptions struct {
	// Create creates the directory (and its parents) if it does not
	// exist; without it, the directory must exist.
	Create bool
	// Shared takes a shared lock, as the shards of a sweep do: any number
	// of them write the directory at once, but no process that takes the
	// lock alone (a merge, a plot, a whole sweep).
	Shared bool
}

// LockDir locks the output directory dir for this process, or fails at
// once, wrapping ErrLocked, if another holds it. The lock is the file
// LockFile in dir (an advisory lock, flock(2) where there is one; it
// holds on NFS too). Holding it alone, LockDir removes what killed
// processes left in dir and beside it (TempPrefix). Release it with
// Unlock.
func LockDir(dir string, o LockOptions) (*Lock, error) {
	dir = filepath.Clean(dir)
	l := &Lock{dir: dir}
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && o.Create:
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("create parent of %s: %w", dir, err)
		}
		if err := os.Mkdir(dir, 0o755); err == nil {
			l.created = true
		} else if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create %s: %w", dir, err)
		}
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s exists and is not a directory", dir)
	}
	if !l.created {
		if leftovers, nothing, err := isEmpty(dir); err == nil && leftovers && !nothing {
			l.created = true // a killed process's: removed again if nothing is written
		}
	}
	l.shared = o.Shared
	path := filepath.Join(dir, LockFile)
	var ok bool
	for try := 0; try < 3 && !ok; try++ {
		l.fl = flock.New(path, flock.SetPermissions(0o644))
		if o.Shared {
			ok, err = l.fl.TryRLock()
		} else {
			ok, err = l.fl.TryLock()
		}
		if err != nil {
			l.fl.Close()
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		if !ok {
			break
		}
		// The holder before removes the file as it unlocks it: the lock
		// is the file at the path now, or it must be taken again.
		held, err1 := l.fl.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			l.fl.Unlock()
			l.fl.Close()
			ok = false
			continue
		}
	}
	if !ok {
		l.fl.Close()
		who := ""
		if b, err := input.ReadFile(filepath.Join(dir, LockFile), 64); err == nil && len(bytes.TrimSpace(b)) > 0 {
			who = " (pid " + string(bytes.TrimSpace(b)) + ")"
		}
		return nil, fmt.Errorf("%w: %s%s: wait for it to finish, or stop it", ErrLocked, dir, who)
	}
	if !o.Shared {
		// The holder's pid, for the message of the next one.
		if f, err := os.OpenFile(filepath.Join(dir, LockFile), os.O_WRONLY|os.O_TRUNC, 0o644); err == nil {
			f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
			f.Close()
		}
		if err := CleanTemp(dir); err != nil {
			l.Unlock()
			return nil, err
		}
	}
	return l, nil
}

// Unlock releases the lock. If LockDir created the directory (or found
// only what a killed process left) and it holds nothing else now, the
// directory is removed: a command that failed or was interrupted leaves
// nothing behind.
func (l *Lock) Unlock() {
	if l == nil || l.fl == nil {
		return
	}
	if l.created {
		if leftovers, _, err := isEmpty(l.dir); err == nil && leftovers {
			CleanTemp(l.dir)
			os.Remove(filepath.Join(l.dir, LockFile))
			os.Remove(l.dir)
		}
	}
	if !l.shared {
		// Held alone: the file goes, so that nothing is left in the
		// directory. A process that opened it meanwhile finds, once it
		// has locked it, that it is no longer the lock (see LockDir).
		os.Remove(filepath.Join(l.dir, LockFile))
	}
	l.fl.Unlock()
	l.fl.Close()
	l.fl = nil
}

// CleanTemp removes what killed processes left in dir, and beside it for
// dir, under TempPrefix: the temporary files of dir and of its
// subdirectories figures/, tables/, sensitivity/ and calibration/, and
// the temporary and old directories of dir in its parent. Call it only
// while holding dir's lock alone.
func CleanTemp(dir string) error {
	for _, d := range []string{dir, filepath.Join(dir, "figures"), filepath.Join(dir, "tables"),
		filepath.Join(dir, "sensitivity"), filepath.Join(dir, "calibration")} {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), TempPrefix) {
				if err := os.RemoveAll(filepath.Join(d, e.Name())); err != nil {
					return err
				}
			}
		}
	}
	parent, base := filepath.Split(dir)
	entries, err := os.ReadDir(filepath.Clean(parent))
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if rest, ok := strings.CutPrefix(e.Name(), tempDirPrefix(base)); ok && isDigits(rest) {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// tempDirPrefix is the prefix of the temporary directories made beside
// the directory base: TempPrefix, base, "-", then digits.
func tempDirPrefix(base string) string { return TempPrefix + base + "-" }

func isDigits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// ReplaceFiles draws files into the existing directory dir and replaces
// there exactly the files it draws: fill writes them into a new staging
// directory (inside dir, under TempPrefix) and returns their paths
// relative to it; each is then renamed into place in dir (its
// subdirectory created if needed), the files the previous drawing listed
// in DrawnFile that this one did not draw are removed, and DrawnFile
// lists the new ones. Files sahelsim did not draw are never touched. If
// fill fails, or ctx is done before the files are moved, dir is left as
// it was.
func ReplaceFiles(ctx context.Context, dir string, fill func(stage string) ([]string, error)) (err error) {
	return ReplaceFilesKeeping(ctx, dir, nil, fill)
}

// ReplaceFilesKeeping is ReplaceFiles keeping the files of the previous
// drawing that this one did not draw and keep, if not nil, selects (a
// redrawing in one format keeps the figures in the others): they stay,
// and DrawnFile lists them still, if they exist.
func ReplaceFilesKeeping(ctx context.Context, dir string, keep func(f string) bool, fill func(stage string) ([]string, error)) (err error) {
	stage, err := os.MkdirTemp(dir, TempPrefix+"draw-")
	if err != nil {
		return fmt.Errorf("create a staging directory in %s: %w", dir, err)
	}
	defer os.RemoveAll(stage)
	files, err := fill(stage)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	old, err := readDrawn(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		dst := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(stage, f), dst); err != nil {
			return fmt.Errorf("move %s into place: %w", f, err)
		}
	}
	for _, f := range old {
		if slices.Contains(files, f) || !drawable(f) {
			continue
		}
		if keep != nil && keep(f) {
			if fi, err := os.Lstat(filepath.Join(dir, f)); err == nil && fi.Mode().IsRegular() {
				files = append(files, f)
			}
			continue
		}
		os.Remove(filepath.Join(dir, f))
	}
	slices.Sort(files)
	return WriteFileAtomic(context.Background(), filepath.Join(dir, DrawnFile), func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(files, "\n")+"\n")
		return err
	})
}

// drawable reports whether f, a path relative to an output directory,
// names a file a drawing may have written: report.html, or a file
// directly in figures/ or tables/. A DrawnFile that lists anything else
// (damaged, or edited) never makes a drawing delete it.
func drawable(f string) bool {
	if f == "report.html" {
		return true
	}
	d, name := path.Split(f)
	return (d == "figures/" || d == "tables/") && name != "" && name != "." && name != ".." && !strings.ContainsRune(name, '\\')
}

// Drawn returns the files dir's DrawnFile lists (those a drawing may
// write: see ReplaceFiles), or none.
func Drawn(dir string) ([]string, error) {
	files, err := readDrawn(dir)
	return slices.DeleteFunc(files, func(f string) bool { return !drawable(f) }), err
}

// readDrawn reads the list of files in dir's DrawnFile, or none.
func readDrawn(dir string) ([]string, error) {
	b, err := input.ReadFile(filepath.Join(dir, DrawnFile), input.MaxTable)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			files = append(files, filepath.ToSlash(l))
		}
	}
	return files, nil
}
