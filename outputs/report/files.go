package report

import (
	"fmt"
	"github.com/sahelsim/sahelsim/outputs"
	"os"
	"path/filepath"
)

// replaceDir fills a new temporary directory beside dir with fill, then
// puts it in dir's place: dir, if it exists, is moved aside and removed
// once the new one is in place. On error dir is left as it was.
func replaceDir(dir string, fill func(tmp string) error) error {
	return outputs.ReplaceDir(dir, true, fill)
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
