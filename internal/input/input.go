// Package input opens the files sahelsim reads, whoever wrote them:
// scenario and sweep files and their extends parents, targets files, ACLED
// exports, and the manifests, tables and parts of run and sweep
// directories. It is the one place where a file enters the program, and
// it refuses what would hang it or exhaust its memory:
//
//   - anything but a regular file (a directory, a FIFO, a device such as
//     /dev/zero, a socket), checked on the open file without blocking, so
//     that a FIFO with no writer does not hang the open;
//   - a file larger than the limit of its kind (MaxTOML, MaxTable,
//     MaxManifest, MaxPart, MaxData), checked before reading and again
//     while reading, so that a file that grows is cut off too;
//   - in a streamed text file, a record (a line, or a CSV record whose
//     quoted fields span lines) longer than MaxRecord, so that a reader
//     never holds more than one bounded record.
//
// Every error names the file and wraps ErrNotRegular, ErrTooLarge or
// ErrRecordTooLong; IsRefused tells them from other I/O errors.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limits of the files sahelsim reads, in bytes.
const (
	// MaxTOML bounds scenario and sweep files (and extends parents): the
	// largest shipped one is under 20 KB.
	MaxTOML = 1 << 20 // 1 MiB
	// MaxTable bounds small tables read whole: targets files.
	MaxTable = 16 << 20 // 16 MiB
	// MaxManifest bounds the manifest.json of a run or sweep directory,
	// which holds the resolved scenarios as TOML.
	MaxManifest = 64 << 20 // 64 MiB
	// MaxPart bounds one part file of a sweep (one run's indicators and
	// time series).
	MaxPart = 1 << 30 // 1 GiB
	// MaxData bounds the data files that are streamed, never held whole:
	// ACLED exports and the CSV files of run and sweep directories.
	MaxData = 1 << 40 // 1 TiB
	// MaxRecord bounds one record of a streamed text file: a line, or a
	// CSV record whose quoted fields span lines.
	MaxRecord = 1 << 20 // 1 MiB
)

// Kinds of refusal, tested with errors.Is.
var (
	ErrNotRegular    = errors.New("not a regular file")
	ErrTooLarge      = errors.New("file too large")
	ErrRecordTooLong = errors.New("record too long")
)

// IsRefused reports whether err is a refusal of this package: a file
// that is not regular, too large, or with a record too long. They are
// the user's to fix.
func IsRefused(err error) bool {
	return errors.Is(err, ErrNotRegular) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrRecordTooLong)
}

// ReadFile reads the whole regular file at path, of at most max bytes.
func ReadFile(path string, max int64) ([]byte, error) {
	f, size, err := open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One byte more than allowed tells a file that grew past max.
	b := make([]byte, 0, min(size, max)+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > max {
			return nil, tooLarge(path, max)
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// A File is a regular file opened for streaming: reads fail once more
// than its limit of bytes has been read, or when a record exceeds
// MaxRecord.
type File struct {
	f    *os.File
	name string
	max  int64
	n    int64 // bytes read

	rec    int  // bytes of the current record
	quoted bool // inside a quoted CSV field
	csv    bool
	line   int // 1-based line being read
	start  int // line where the current record starts
}

// Open opens the regular file at path for streaming, of at most max
// bytes, its lines at most MaxRecord long.
func Open(path string, max int64) (*File, error) {
	f, _, err := open(path, max)
	if err != nil {
		return nil, err
	}
	return &File{f: f, name: path, max: max, line: 1, start: 1}, nil
}

// OpenCSV is Open for a CSV file: a record ends at a line break outside
// double quotes, and MaxRecord bounds records, not lines.
func OpenCSV(path string, max int64) (*File, error) {
	f, err := Open(path, max)
	if err == nil {
		f.csv = true
	}
	return f, err
}

// Name returns the path the file was opened with.
func (f *File) Name() string { return f.name }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// Read reads from the file, failing with an error wrapping ErrTooLarge or
// ErrRecordTooLong past the limits.
func (f *File) Read(p []byte) (int, error) {
	if f.n > f.max {
		return 0, tooLarge(f.name, f.max)
	}
	n, err := f.f.Read(p)
	f.n += int64(n)
	if f.n > f.max {
		return 0, tooLarge(f.name, f.max)
	}
	for _, c := range p[:n] {
		switch {
		case c == '"' && f.csv:
			f.quoted = !f.quoted // "" inside quotes toggles twice
		case c == '\n':
			f.line++
			if !f.quoted {
				f.rec, f.start = 0, f.line
				continue
			}
		}
		if f.rec++; f.rec > MaxRecord {
			return 0, fmt.Errorf("%s:%d: %w: longer than %s (a file of another kind, or damaged?)", f.name, f.start, ErrRecordTooLong, Size(MaxRecord))
		}
	}
	return n, err
}

// open opens path without blocking (a FIFO with no writer would block a
// plain open), checks that it is a regular file of at most max bytes,
// and returns it with its size.
func open(path string, max int64) (*os.File, int64, error) {
	// Stat first: refuse a device or FIFO without opening it at all.
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, 0, notRegular(path, fi)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() { // replaced between the two checks
		f.Close()
		return nil, 0, notRegular(path, fi)
	}
	if fi.Size() > max {
		f.Close()
		return nil, 0, tooLarge(path, max)
	}
	if err := clearNonBlock(f); err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

func notRegular(path string, fi fs.FileInfo) error {
	what := "a special file"
	switch m := fi.Mode(); {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is %s", ErrNotRegular, what)}
}

func tooLarge(path string, max int64) error {
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: larger than %s, the limit for this kind of file", ErrTooLarge, Size(max))}
}

// Size formats a number of bytes for people: "1 MiB", "64 GiB", "1.5 KiB".
func Size(n int64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%d bytes", n)
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[u])
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}
