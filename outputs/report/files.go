package report

import (
	"fmt"
	"os"
	"path/filepath"
)

// replaceDir fills a new temporary directory beside dir with fill, then
// puts it in dir's place: dir, if it exists, is moved aside and removed
// once the new one is in place. On error dir is left as it was.
func replaceDir(dir string, fill func(tmp string) error) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := fill(tmp); err != nil {
		return err
	}
	var old string
	if _, err := os.Lstat(dir); err == nil {
		o, err := os.MkdirTemp(parent, "."+base+".old-")
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		defer os.RemoveAll(o)
		old = filepath.Join(o, base)
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("report: replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir) // put the old one back
		}
		return fmt.Errorf("report: replace %s: %w", dir, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the
// same directory renamed into place, so that path is never seen half
// written.
func writeFileAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	return nil
}
