package outputs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// This file is sahelsim's one writer of single files: every file written
// outside a directory that is itself put in place whole (ReplaceDir,
// ReplaceFiles) goes through an AtomicFile, so that a reader, or a
// process killed at any instant, sees the old content or the new, whole,
// never part of it. (github.com/google/renameio does the same job, but
// names its temporary files in a way LockDir could not tell from the
// user's, and syncs each file to disk, which a sweep writing a part per
// run does not need: a part lost in a power cut is run again.)

// An AtomicFile is a file written under a temporary name beside its path
// and put in place whole by Commit (renamed over the path) or CommitNew
// (linked to the path, which must not exist), or removed by Discard. Its
// temporary name is TempPrefix + the path's base + "-" + digits, so that
// what a process killed before committing leaves is recognised, and
// removed, by the next process that locks the directory (LockDir).
// Writes are buffered; a write fails with the context's error once the
// context given to CreateAtomic is done (checked at each flush of the
// buffer), so that a writer of a large file stops soon after SIGINT.
//
// An AtomicFile is not safe for concurrent use.
type AtomicFile struct {
	path string
	f    *os.File // nil once committed or discarded
	bw   *bufio.Writer
	ctx  context.Context
}

// CreateAtomic creates the temporary file of an AtomicFile for path. A
// path that exists and is not a regular file (a device such as /dev/null,
// a link, a directory) is refused, wrapping ErrNotOurs, rather than
// replaced.
func CreateAtomic(ctx context.Context, path string) (*AtomicFile, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("write %s: %w: it exists and is not a regular file", path, ErrNotOurs)
	}
	f, err := os.CreateTemp(filepath.Dir(path), TempPrefix+filepath.Base(path)+"-")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	a := &AtomicFile{path: path, f: f, ctx: ctx}
	a.bw = bufio.NewWriterSize(ctxWriter{ctx, f}, 1<<16)
	return a, nil
}

// Write writes p to the temporary file.
func (a *AtomicFile) Write(p []byte) (int, error) {
	if a.f == nil {
		return 0, fmt.Errorf("write %s: %w", a.path, os.ErrClosed)
	}
	return a.bw.Write(p)
}

// Commit flushes and closes the temporary file and renames it to the
// path, replacing what was there. On error, or if the context is done
// (its error is returned), the temporary file is removed and the path is
// left as it was.
func (a *AtomicFile) Commit() error {
	return a.commit(func(tmp string) error { return os.Rename(tmp, a.path) })
}

// CommitNew is Commit, but it puts the file in place only if the path
// does not exist, failing with an error that wraps fs.ErrExist if it
// does: the temporary file is linked to the path, so that of several
// processes writing the same new file at once exactly one wins, whole.
func (a *AtomicFile) CommitNew() error {
	return a.commit(func(tmp string) error {
		err := os.Link(tmp, a.path)
		os.Remove(tmp)
		return err
	})
}

// commit finishes the temporary file and puts it in place with put.
func (a *AtomicFile) commit(put func(tmp string) error) error {
	if a.f == nil {
		return fmt.Errorf("write %s: %w", a.path, os.ErrClosed)
	}
	defer a.Discard()
	if err := a.bw.Flush(); err != nil {
		if a.ctx.Err() != nil {
			return a.ctx.Err()
		}
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	if err := a.f.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	if err := a.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	if err := a.ctx.Err(); err != nil {
		return err
	}
	if err := put(a.f.Name()); err != nil {
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	a.f = nil
	return nil
}

// Discard removes the temporary file, unless it was committed. It may be
// called more than once, and after Commit.
func (a *AtomicFile) Discard() {
	if a.f != nil {
		a.f.Close()
		os.Remove(a.f.Name())
		a.f = nil
	}
}

// WriteFileAtomic writes path with write through an AtomicFile: path
// holds the old content or the new, whole. Writing stops with ctx's
// error once ctx is done. A path that exists and is not a regular file
// is refused (see CreateAtomic).
func WriteFileAtomic(ctx context.Context, path string, write func(io.Writer) error) error {
	a, err := CreateAtomic(ctx, path)
	if err != nil {
		return err
	}
	defer a.Discard()
	if err := write(a); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return a.Commit()
}

// ErrFileExists is wrapped by the error of WriteNewFileAtomic for a path
// that exists, when it may not replace it.
var ErrFileExists = errors.New("exists (use --force to replace it)")

// WriteNewFileAtomic is WriteFileAtomic for a file a command adds to an
// output directory (an export, a comparison): a path that exists is
// replaced only if force, and refused otherwise with an error wrapping
// ErrFileExists ("PATH exists (use --force to replace it)").
func WriteNewFileAtomic(ctx context.Context, path string, force bool, write func(io.Writer) error) error {
	if err := CheckNewFile(path, force); err != nil {
		return err
	}
	return WriteFileAtomic(ctx, path, write)
}

// CheckNewFile returns the error of WriteNewFileAtomic for a path that
// exists, if force is false: a command checks it before its work.
func CheckNewFile(path string, force bool) error {
	if _, err := os.Lstat(path); err == nil && !force {
		return fmt.Errorf("%s %w", path, ErrFileExists)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// A ctxWriter fails its writes once its context is done: writers of large
// files stop within a buffer of a cancellation.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
