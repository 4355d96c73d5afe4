// Package parquettest reads the Parquet files sahelsim writes back for
// tests: every row, each value formatted as the CSV files format it, so
// that a test compares a Parquet file with its CSV twin; and the type of
// a column.
package parquettest

import (
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/sahelsim/sahelsim/outputs"
)

// open opens the Parquet file path, closed at the end of the test.
func open(t testing.TB, path string) *parquet.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pf
}

// Read reads the Parquet file path whole: its column names and its
// rows, each value formatted as the CSV files format it (null as "").
func Read(t testing.TB, path string) (header []string, rows [][]string) {
	t.Helper()
	pf := open(t, path)
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

// Column returns the physical type of column name of the Parquet file
// path and whether it is optional; ok is false if there is no such
// column.
func Column(t testing.TB, path, name string) (kind parquet.Kind, optional, ok bool) {
	t.Helper()
	pf := open(t, path)
	leaf, ok := pf.Schema().Lookup(name)
	if !ok {
		return 0, false, false
	}
	return leaf.Node.Type().Kind(), leaf.Node.Optional(), true
}
