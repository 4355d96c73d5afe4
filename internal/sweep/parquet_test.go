package sweep_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/sahelsim/sahelsim/internal/parquettest"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
)

// TestParquetRoundTrip reads runs.parquet and timeseries.parquet back and
// checks that they hold the rows and values of the CSV files.
func TestParquetRoundTrip(t *testing.T) {
	dir := referenceDir(t)
	for _, f := range [][2]string{{sweep.RunsParquet, sweep.RunsCSV}, {sweep.SeriesParquet, sweep.SeriesCSV}} {
		header, rows := parquettest.Read(t, filepath.Join(dir, f[0]))
		want := readCSV(t, filepath.Join(dir, f[1]))
		header, rows = dropCount(t, header, rows)
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

// dropCount checks the column count of a timeseries.parquet, the value of
// every count metric as an integer, and returns the table without it, as
// timeseries.csv has it.
func dropCount(t *testing.T, header []string, rows [][]string) ([]string, [][]string) {
	t.Helper()
	c, v, m := slices.Index(header, "count"), slices.Index(header, "value"), slices.Index(header, "metric")
	if c < 0 {
		return header, rows
	}
	for _, r := range rows {
		if want := ""; outputs.IntegerMetric(r[m]) && r[v] != "" {
			want = r[v]
			if r[c] != want {
				t.Fatalf("row %v: count %q, value %q", r, r[c], r[v])
			}
		} else if r[c] != "" {
			t.Fatalf("row %v: a count for metric %s", r, r[m])
		}
	}
	del := func(s []string) []string { return slices.Delete(slices.Clone(s), c, c+1) }
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = del(r)
	}
	return del(header), out
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
		{sweep.RunsParquet, "events_total", parquet.Int64, true},
		{sweep.RunsParquet, "east_bf_onset_year", parquet.Int64, true},
		{sweep.RunsParquet, "jnim_share_events", parquet.Double, true},
		{sweep.SeriesParquet, "run", parquet.Int64, false},
		{sweep.SeriesParquet, "date", parquet.Int32, false},
		{sweep.SeriesParquet, "metric", parquet.ByteArray, false},
		{sweep.SeriesParquet, "value", parquet.Double, true},
		{sweep.SeriesParquet, "count", parquet.Int64, true},
	} {
		k, opt, ok := parquettest.Column(t, filepath.Join(dir, tt.file), tt.column)
		if !ok {
			t.Errorf("%s has no column %s", tt.file, tt.column)
		} else if k != tt.kind || opt != tt.opt {
			t.Errorf("%s: %s is %v (optional %t), want %v (optional %t)", tt.file, tt.column, k, opt, tt.kind, tt.opt)
		}
	}
}
