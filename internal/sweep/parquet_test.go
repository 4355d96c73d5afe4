package sweep_test

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
)

// readParquet reads the Parquet file path whole: its column names and its
// rows, each value formatted as the CSV files format it (null as "").
func readParquet(t *testing.T, path string) (header []string, rows [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	schema := pf.Schema()
	var isDate []bool
	for _, c := range schema.Columns() {
		header = append(header, c[0])
		leaf, _ := schema.Lookup(c...)
		lt := leaf.Node.Type().LogicalType()
		date := false
		if lt != nil {
			_, date = lt.Value.(*format.DateType)
		}
		isDate = append(isDate, date)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rec := make([]string, len(row))
			for _, v := range row {
				c := v.Column()
				switch {
				case v.IsNull():
				case isDate[c]:
					rec[c] = time.Unix(int64(v.Int32())*86400, 0).UTC().Format(time.DateOnly)
				case v.Kind() == parquet.Int64:
					rec[c] = strconv.FormatInt(v.Int64(), 10)
				case v.Kind() == parquet.Int32:
					rec[c] = strconv.FormatInt(int64(v.Int32()), 10)
				case v.Kind() == parquet.Double:
					rec[c] = outputs.FormatFloat(v.Double())
				case v.Kind() == parquet.Boolean:
					rec[c] = strconv.FormatBool(v.Boolean())
				default:
					rec[c] = string(v.ByteArray())
				}
			}
			rows = append(rows, rec)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return header, rows
}

// TestParquetRoundTrip reads runs.parquet and timeseries.parquet back and
// checks that they hold the rows and values of the CSV files.
func TestParquetRoundTrip(t *testing.T) {
	dir := referenceDir(t)
	for _, f := range [][2]string{{sweep.RunsParquet, sweep.RunsCSV}, {sweep.SeriesParquet, sweep.SeriesCSV}} {
		header, rows := readParquet(t, filepath.Join(dir, f[0]))
		want := readCSV(t, filepath.Join(dir, f[1]))
		if !slices.Equal(header, want[0]) {
			t.Errorf("%s: columns\n%v\nwant those of %s\n%v", f[0], header, f[1], want[0])
		}
		if len(rows) != len(want)-1 {
			t.Errorf("%s: %d rows, %s has %d", f[0], len(rows), f[1], len(want)-1)
			continue
		}
		for i, r := range rows {
			if !slices.Equal(r, want[i+1]) {
				t.Errorf("%s row %d:\n%v\nwant\n%v", f[0], i, r, want[i+1])
				break
			}
		}
	}
}

// TestParquetTypes checks the types of the columns that analysis tools
// rely on.
func TestParquetTypes(t *testing.T) {
	dir := referenceDir(t)
	for _, tt := range []struct {
		file   string
		column string
		kind   parquet.Kind
		opt    bool
	}{
		{sweep.RunsParquet, "run", parquet.Int64, false},
		{sweep.RunsParquet, "seed", parquet.Int64, false},
		{sweep.RunsParquet, "scenario", parquet.ByteArray, false},
		{sweep.RunsParquet, "groups.flm.fighters", parquet.Int64, false},
		{sweep.RunsParquet, "end", parquet.Int32, false},
		{sweep.RunsParquet, "events_total", parquet.Double, true},
		{sweep.SeriesParquet, "run", parquet.Int64, false},
		{sweep.SeriesParquet, "date", parquet.Int32, false},
		{sweep.SeriesParquet, "metric", parquet.ByteArray, false},
		{sweep.SeriesParquet, "value", parquet.Double, true},
	} {
		f, err := os.Open(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		leaf, ok := pf.Schema().Lookup(tt.column)
		if !ok {
			t.Errorf("%s has no column %s", tt.file, tt.column)
		} else if k := leaf.Node.Type().Kind(); k != tt.kind || leaf.Node.Optional() != tt.opt {
			t.Errorf("%s: %s is %v (optional %t), want %v (optional %t)", tt.file, tt.column, k, leaf.Node.Optional(), tt.kind, tt.opt)
		}
		f.Close()
	}
}
