package sweep

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/sim"
)

// A part is what a finished run leaves in the sweep directory: its
// identity (with the hash of its sweep), its parameter values, its
// headline indicators and its time series. A part file is
//
//	"sahelsim part 2\n"
//	uint32 n, then n bytes of JSON: the partHeader
//	float64 × len(Columns): the headline indicators
//	float64 × Steps × len(Keys): the time series, step by step
//	uint32: the CRC-32C (Castagnoli) of everything before it
//
// with every number little-endian.
type part struct {
	partHeader
	Summary []float64
	Series  []float64 // Steps × len(Keys)
}

// partHeader is the JSON header of a part file.
type partHeader struct {
	Sweep     string      `json:"sweep"` // the hash of the sweep (Manifest.Hash)
	Run       int         `json:"run"`
	Scenario  string      `json:"scenario"`
	Point     int         `json:"point"`
	Replicate int         `json:"replicate"`
	Seed      uint64      `json:"seed"`
	Params    []string    `json:"params"`  // formatted as in runs.csv
	Columns   []string    `json:"columns"` // of Summary
	Start     sim.Date    `json:"start"`   // date of step 0
	StepDays  int         `json:"step_days"`
	Steps     int         `json:"steps"`
	Keys      [][3]string `json:"keys"` // zone, group, metric of each row of a step
}

// A Failure is a run that failed: its identity and its error.
type Failure struct {
	Run       int    `json:"run"`
	Scenario  string `json:"scenario"`
	Point     int    `json:"point"`
	Replicate int    `json:"replicate"`
	Seed      uint64 `json:"seed"`
	Error     string `json:"error"`
	Stack     string `json:"stack,omitempty"` // of a panic
}

const partMagic = "sahelsim part 2\n"

// oldPartMagic starts the parts of format 1, which do not say which sweep
// they belong to.
const oldPartMagic = "sahelsim part 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// bucket returns the directory of the parts of run.
func bucket(dir string, run int) string {
	return filepath.Join(dir, PartsDir, fmt.Sprintf("%04d", run/partsPerBucket))
}

// partPath and failPath return the paths of the part and of the failure
// record of run.
func partPath(dir string, run int) string {
	return filepath.Join(bucket(dir, run), strconv.Itoa(run)+".part")
}

func failPath(dir string, run int) string {
	return filepath.Join(bucket(dir, run), strconv.Itoa(run)+".fail")
}

// encode returns the bytes of the part file of p.
func (p *part) encode() ([]byte, error) {
	h, err := json.Marshal(&p.partHeader)
	if err != nil {
		return nil, err
	}
	n := len(partMagic) + 4 + len(h) + 8*(len(p.Summary)+len(p.Series)) + 4
	b := make([]byte, 0, n)
	b = append(b, partMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(h)))
	b = append(b, h...)
	for _, v := range p.Summary {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	for _, v := range p.Series {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)), nil
}

// errCorrupt is wrapped by the errors of decodePart.
var errCorrupt = errors.New("corrupt part")

// decodePart decodes the part file b.
func decodePart(b []byte) (*part, error) {
	if bytes.HasPrefix(b, []byte(oldPartMagic)) {
		return nil, fmt.Errorf("%w: a part of an older sahelsim (format 1), which does not say which sweep it belongs to: run the sweep into a new directory", errCorrupt)
	}
	if len(b) < len(partMagic)+8 || !bytes.HasPrefix(b, []byte(partMagic)) {
		return nil, fmt.Errorf("%w: not a part file", errCorrupt)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	rest := body[len(partMagic):]
	n := int(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if n > len(rest) {
		return nil, fmt.Errorf("%w: header of %d bytes in %d", errCorrupt, n, len(rest))
	}
	p := &part{}
	if err := json.Unmarshal(rest[:n], &p.partHeader); err != nil {
		return nil, fmt.Errorf("%w: header: %v", errCorrupt, err)
	}
	rest = rest[n:]
	ns, nv := len(p.Columns), p.Steps*len(p.Keys)
	if len(rest) != 8*(ns+nv) {
		return nil, fmt.Errorf("%w: %d bytes of values, want %d", errCorrupt, len(rest), 8*(ns+nv))
	}
	vals := make([]float64, ns+nv)
	for i := range vals {
		vals[i] = math.Float64frombits(binary.LittleEndian.Uint64(rest[8*i:]))
	}
	p.Summary, p.Series = vals[:ns:ns], vals[ns:]
	return p, nil
}

// readPart reads and checks the part of run in dir.
func readPart(dir string, run int) (*part, error) {
	path := partPath(dir, run)
	b, err := input.ReadFile(path, input.MaxPart)
	if err != nil {
		return nil, err
	}
	p, err := decodePart(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (remove it and run the sweep again to redo the run)", path, err)
	}
	if p.Run != run {
		return nil, fmt.Errorf("%s: %w: holds run %d", path, errCorrupt, p.Run)
	}
	return p, nil
}

// readFailure reads the failure record of run in dir.
func readFailure(dir string, run int) (*Failure, error) {
	path := failPath(dir, run)
	b, err := input.ReadFile(path, input.MaxTable)
	if err != nil {
		return nil, err
	}
	var f Failure
	if err := json.Unmarshal(b, &f); err != nil || f.Run != run {
		return nil, fmt.Errorf("%s: %w: not the failure record of run %d", path, errCorrupt, run)
	}
	return &f, nil
}

// newPart returns the part of a finished run: rep recorded, keeping the
// given time series.
func newPart(h partHeader, rep *outputs.Replicate, series Series) *part {
	h.Columns = rep.Columns
	h.Start, h.StepDays = rep.Clock.Start, rep.Clock.StepDays
	p := &part{partHeader: h, Summary: rep.Summary}
	if series == SeriesNone {
		return p
	}
	keys := rep.SeriesKeys(series)
	p.Keys = make([][3]string, len(keys))
	for i, k := range keys {
		p.Keys[i] = [3]string{k.Zone, k.Group, k.Metric}
	}
	p.Steps = rep.Steps
	p.Series = make([]float64, 0, rep.Steps*len(keys))
	for s := range rep.Steps {
		p.Series = rep.SeriesStep(s, series, p.Series)
	}
	return p
}

// writeAtomic writes data to path through an outputs.AtomicFile, so
// that path holds the old content or the new, whole, whenever the process
// dies.
func writeAtomic(path string, data []byte) error {
	return outputs.WriteFileAtomic(context.Background(), path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// A state records, for each run of a sweep, whether it has a part or a
// failure record.
type state struct {
	done, failed bitset
}

// scan reads the state of the n runs of the sweep in dir. With clean, it
// removes the temporary files left by killed processes for the runs of
// shard, which no other process writes.
func scan(dir string, n int, shard Shard, clean bool) (*state, error) {
	st := &state{done: newBitset(n), failed: newBitset(n)}
	root := filepath.Join(dir, PartsDir)
	buckets, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	for _, b := range buckets {
		if !b.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(root, b.Name()))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if rest, ok := strings.CutPrefix(name, outputs.TempPrefix); ok {
				// The temporary file of RUN.part or RUN.fail.
				id, _, _ := strings.Cut(rest, ".")
				if run, err := strconv.Atoi(id); err == nil && clean && shard.Has(run) {
					os.Remove(filepath.Join(root, b.Name(), name))
				}
				continue
			}
			if strings.HasPrefix(name, ".") {
				continue
			}
			id, ext, _ := strings.Cut(name, ".")
			run, err := strconv.Atoi(id)
			if err != nil || run < 0 || run >= n {
				continue
			}
			switch ext {
			case "part":
				st.done.set(run)
			case "fail":
				st.failed.set(run)
			}
		}
	}
	return st, nil
}

// A bitset is a set of small non-negative integers.
type bitset []uint64

func newBitset(n int) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }

// ranges formats the sorted integers xs as ranges, "3, 7-9, 12", with at
// most max ranges and "…" for the rest.
func ranges(xs []int, max int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if len(parts) == max {
			parts = append(parts, "…")
			break
		}
		if j == i {
			parts = append(parts, strconv.Itoa(xs[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
