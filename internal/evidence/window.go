package evidence

import (
	"regexp"
	"strconv"
	"time"
)

// periodDate matches a year or a year and month in a target's Period
// ("2017-01..2020-09", "recent years (2018-2020)", "2017 vs 2019-10..2020-09").
var periodDate = regexp.MustCompile(`\b(\d{4})(?:-(\d{2}))?\b`)

// Window returns the period a target's figure covers, from the earliest
// and the latest year or month its Period names: the first day of the
// first, and the last month or year named (byMonth: whether the end names
// its month). ok is false for a figure of no period ("per year", or none:
// a rate, a year of onset).
func (t *Target) Window() (start, end time.Time, byMonth, ok bool) {
	first, last := [2]int{}, [2]int{}
	for i, m := range periodDate.FindAllStringSubmatch(t.Period, -1) {
		y, _ := strconv.Atoi(m[1])
		mo := 0
		if m[2] != "" {
			mo, _ = strconv.Atoi(m[2])
			if mo < 1 || mo > 12 {
				continue
			}
		}
		d := [2]int{y, mo}
		if i == 0 || d[0] < first[0] || d[0] == first[0] && d[1] < first[1] {
			first = d
		}
		if i == 0 || d[0] > last[0] || d[0] == last[0] && d[1] > last[1] {
			last = d
		}
		ok = true
	}
	if !ok {
		return time.Time{}, time.Time{}, false, false
	}
	start = day(first[0], time.Month(max(first[1], 1)), 1)
	if last[1] == 0 {
		return start, day(last[0], 12, 31), false, true
	}
	return start, day(last[0], time.Month(last[1]+1), 1).AddDate(0, 0, -1), true, true
}

// Matches reports whether a run from start to end measures what the
// target's figure covers: it starts no later than the figure's period
// and ends in the period's last month (or year, for a period named by
// years). A figure of no period matches every run. A run that ends
// elsewhere (a projection to 2022, say) measures another period, and its
// indicators cannot be judged against the figure.
func (t *Target) Matches(start, end time.Time) bool {
	ws, we, byMonth, ok := t.Window()
	if !ok {
		return true
	}
	if start.After(ws) {
		return false
	}
	if byMonth {
		return end.Year() == we.Year() && end.Month() == we.Month()
	}
	return end.Year() == we.Year()
}

// day returns the date y-m-d at midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
