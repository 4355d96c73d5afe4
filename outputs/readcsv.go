package outputs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/sahelsim/sahelsim/internal/input"
)

// A lineReader reads the records of a CSV file whose fields never hold a
// line break, one line at a time, splitting them without allocating: the
// fast path for the large files of a run. It keeps where fields end
// rather than slices of them, so that splitting writes no pointers (which
// the garbage collector would have to track). Lines with quotes are split
// by encoding/csv.
type lineReader struct {
	br   *bufio.Reader // the source, or nil to read data
	data []byte
	name string // file name, for errors
	line int    // current line number, from 1

	cur    []byte   // the current line, without its end
	ends   []int    // where each field of cur ends
	copies [][]byte // the fields of a line with quotes, unquoted; nil otherwise
}

func newLineReader(r io.Reader, name string) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 1<<20), name: name}
}

// newBytesLineReader returns a lineReader of the lines in data.
func newBytesLineReader(data []byte, name string) *lineReader {
	return &lineReader{data: data, name: name}
}

// readLine returns the next line of lr.data, like bufio.Reader.ReadSlice.
func (lr *lineReader) readLine() ([]byte, error) {
	if len(lr.data) == 0 {
		return nil, io.EOF
	}
	i := bytes.IndexByte(lr.data, '\n')
	if i < 0 {
		line := lr.data
		lr.data = nil
		return line, io.EOF
	}
	line := lr.data[:i+1]
	lr.data = lr.data[i+1:]
	return line, nil
}

// next reads the next record, or returns io.EOF; its fields are valid
// until the following call. Empty lines are skipped.
func (lr *lineReader) next() error {
	for {
		var line []byte
		var err error
		if lr.br == nil {
			line, err = lr.readLine()
		} else {
			line, err = lr.br.ReadSlice('\n')
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			// A very long line: gather it.
			buf := append([]byte(nil), line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = lr.br.ReadSlice('\n')
				buf = append(buf, line...)
			}
			line = buf
		}
		if len(line) == 0 && err != nil {
			if err == io.EOF {
				return io.EOF
			}
			return fmt.Errorf("read %s: %w", lr.name, err)
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", lr.name, err)
		}
		lr.line++
		for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
			line = line[:len(line)-1]
		}
		if len(line) == 0 {
			if err == io.EOF {
				return io.EOF
			}
			continue
		}
		lr.cur, lr.ends = line, lr.ends[:0]
		if lr.copies != nil {
			lr.copies = nil
		}
		if bytes.IndexByte(line, '"') >= 0 {
			rec, cerr := csv.NewReader(bytes.NewReader(line)).Read()
			if cerr != nil {
				return fmt.Errorf("%s:%d: %w", lr.name, lr.line, cerr)
			}
			lr.copies = make([][]byte, len(rec))
			for k, f := range rec {
				lr.copies[k] = []byte(f)
			}
			return nil
		}
		off := 0
		for {
			i := bytes.IndexByte(line[off:], ',')
			if i < 0 {
				lr.ends = append(lr.ends, len(line))
				break
			}
			lr.ends = append(lr.ends, off+i)
			off += i + 1
		}
		return nil
	}
}

// nfields returns the number of fields of the current record.
func (lr *lineReader) nfields() int {
	if lr.copies != nil {
		return len(lr.copies)
	}
	return len(lr.ends)
}

// field returns field i of the current record.
func (lr *lineReader) field(i int) []byte {
	if lr.copies != nil {
		return lr.copies[i]
	}
	start := 0
	if i > 0 {
		start = lr.ends[i-1] + 1
	}
	return lr.cur[start:lr.ends[i]]
}

// span returns the text of fields i to j of the current record, commas
// included, as the line has it; false for a line with quotes.
func (lr *lineReader) span(i, j int) ([]byte, bool) {
	if lr.copies != nil {
		return nil, false
	}
	start := 0
	if i > 0 {
		start = lr.ends[i-1] + 1
	}
	return lr.cur[start:lr.ends[j]], true
}

// strings returns the fields of the current record as strings, for
// headers and errors.
func (lr *lineReader) strings() []string {
	out := make([]string, lr.nfields())
	for i := range out {
		out[i] = string(lr.field(i))
	}
	return out
}

// errorf returns an error at the current line.
func (lr *lineReader) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", lr.name, lr.line, fmt.Sprintf(format, args...))
}

// atoi parses a non-negative decimal integer.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseValue parses a float field as the run's files write them: the
// shortest round-trip form, and empty for NaN.
func parseValue(b []byte) (float64, error) {
	if len(b) == 0 {
		return math.NaN(), nil
	}
	if n, ok := atoi(b); ok {
		return float64(n), nil
	}
	return strconv.ParseFloat(string(b), 64)
}

// readTable reads the CSV file path whole (a file of input.MaxData
// bytes at most): its header and its records.
func readTable(path string) (header []string, rows [][]string, err error) {
	f, err := input.Open(path, input.MaxData)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = false
	header, err = cr.Read()
	if err == io.EOF {
		return nil, nil, fmt.Errorf("%s: empty file: want a header row", path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(header) > 0 {
		header[0] = string(bytes.TrimPrefix([]byte(header[0]), []byte("\ufeff")))
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		rows = append(rows, rec)
	}
	return header, rows, nil
}
