package evidence

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// This file defines the patterns of the training window: the statistics
// of ACLED's militant Islamist events that the model must reproduce, how
// each is computed from a table of counts, and its tolerance.

// Kinds of targets: the report's figures, and the kinds of training
// patterns.
const (
	KindReport    = "report"     // a figure of the report (report_targets.csv)
	KindHalfYear  = "half_year"  // events and fatalities per half-year
	KindCountry   = "country"    // events and fatalities per country
	KindZone      = "zone"       // events and fatalities per analysis zone
	KindLabelMix  = "label_mix"  // the labels of events per country and year
	KindClassMix  = "class_mix"  // the classes of events per zone
	KindEventSize = "event_size" // the distribution of fatalities per event
	KindGrowth    = "growth"     // year-on-year growth of events and fatalities
)

// Kinds returns the kinds of targets in the order they are reported.
func Kinds() []string {
	return []string{KindReport, KindHalfYear, KindCountry, KindZone, KindLabelMix, KindClassMix, KindEventSize, KindGrowth}
}

// KindTitle returns what a kind of targets measures, for tables.
func KindTitle(kind string) string {
	switch kind {
	case KindReport:
		return "the report's figures"
	case KindHalfYear:
		return "events and fatalities per half-year"
	case KindCountry:
		return "events and fatalities per country"
	case KindZone:
		return "events and fatalities per zone"
	case KindLabelMix:
		return "label mix per country and year"
	case KindClassMix:
		return "event-class mix per zone"
	case KindEventSize:
		return "fatalities per event"
	case KindGrowth:
		return "growth"
	}
	return kind
}

// A Coded event is one militant Islamist event of the training window as
// the data count it: its half-year, country, zone, label and class (as
// indices of the data's dimensions) and its fatalities.
type Coded struct {
	Half, Country, Zone, Label, Class int
	Fatalities                        int
}

// cubeSize is the number of cells of a Counts table.
const cubeSize = NumHalves * NumCountries * NumZones * NumLabels * NumClasses

func cubeIndex(h, c, z, l, k int) int {
	return (((h*NumCountries+c)*NumZones+z)*NumLabels+l)*NumClasses + k
}

// Counts is a table of the militant Islamist events of the training
// window: events and fatalities by half-year, country, zone, label and
// class, and events by period and fatalities per event. The real events
// ([ObservedCounts]) and a simulated run's (package acled) are counted
// into the same table, and every pattern is computed from it the same way.
type Counts struct {
	Events, Fatalities [cubeSize]float64
	Sizes              [NumSizePeriods][NumSizeBins]float64
}

// Add counts e.
func (c *Counts) Add(e Coded) {
	i := cubeIndex(e.Half, e.Country, e.Zone, e.Label, e.Class)
	c.Events[i]++
	c.Fatalities[i] += float64(e.Fatalities)
	c.Sizes[SizePeriodOf(e.Half)][SizeBinOf(e.Fatalities)]++
}

// Reset empties c.
func (c *Counts) Reset() { *c = Counts{} }

// ObservedCounts returns the counts of the shipped data: events and
// fatalities from the monthly file, events per period and fatalities per
// event from the sizes file. It checks that the two files count the same
// events in each period.
func ObservedCounts() (*Counts, error) {
	rows, err := Monthly()
	if err != nil {
		return nil, err
	}
	sizes, err := EventSizes()
	if err != nil {
		return nil, err
	}
	c := &Counts{}
	var perPeriod [NumSizePeriods]float64
	for _, r := range rows {
		h := 2*(r.Year-2017) + (r.Month-1)/6
		i := cubeIndex(h, CountryIndex(r.Country), ZoneIndex(r.Zone), LabelIndex(r.Label), ClassIndex(r.Class))
		c.Events[i] += float64(r.Events)
		c.Fatalities[i] += float64(r.Fatalities)
		perPeriod[SizePeriodOf(h)] += float64(r.Events)
	}
	for _, s := range sizes {
		p := indexOf(SizePeriods[:], s.Period)
		b := 0
		for b < NumSizeBins && SizeBins[b].Name != s.Bin {
			b++
		}
		c.Sizes[p][b] += float64(s.Events)
	}
	for p := range NumSizePeriods {
		n := 0.0
		for _, v := range c.Sizes[p] {
			n += v
		}
		if n != perPeriod[p] {
			return nil, fmt.Errorf("%s has %g events in %s, %s %g", SizesFile, n, SizePeriods[p], MonthlyFile, perPeriod[p])
		}
	}
	return c, nil
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

// A sel selects cells of a Counts table: one bit mask per dimension (bit
// i for index i); a zero mask selects every index.
type sel struct{ half, country, zone, label, class uint16 }

func bit(i int) uint16 { return 1 << i }

func has(mask uint16, i int) bool { return mask == 0 || mask&bit(i) != 0 }

// sum adds up a over the cells s selects.
func (s sel) sum(a *[cubeSize]float64) float64 {
	t := 0.0
	for h := range NumHalves {
		if !has(s.half, h) {
			continue
		}
		for c := range NumCountries {
			if !has(s.country, c) {
				continue
			}
			for z := range NumZones {
				if !has(s.zone, z) {
					continue
				}
				for l := range NumLabels {
					if !has(s.label, l) {
						continue
					}
					i := cubeIndex(h, c, z, l, 0)
					for k := range NumClasses {
						if has(s.class, k) {
							t += a[i+k]
						}
					}
				}
			}
		}
	}
	return t
}

// statistics of patterns.
type statistic uint8

const (
	statEvents         statistic = iota // events in num
	statFatalities                      // fatalities in num
	statShare                           // events in num / events in den
	statSize                            // events in bin / all events (Sizes)
	statGrowth                          // events in num / events in den
	statFatalityGrowth                  // fatalities in num / fatalities in den
)

// A Pattern is one statistic of the training window's events: a count, a
// share or a ratio, computed from a Counts table.
type Pattern struct {
	ID   string // e.g. "acled_events_2017h1"; a column of a sweep's runs.csv
	Kind string // KindHalfYear, …
	What string // what it measures, in words

	// Panel and Item place the pattern in figures: the panel it is drawn
	// in (patterns of one panel are adjacent) and its label there.
	Panel, Item string

	stat     statistic
	num, den sel
	bin      int // statSize
}

// parts returns the pattern's numerator and denominator in c: the count
// and 1 for counts, the two counts of a share or ratio.
func (p *Pattern) parts(c *Counts) (num, den float64) {
	switch p.stat {
	case statEvents:
		return p.num.sum(&c.Events), 1
	case statFatalities:
		return p.num.sum(&c.Fatalities), 1
	case statShare, statGrowth:
		return p.num.sum(&c.Events), p.den.sum(&c.Events)
	case statFatalityGrowth:
		return p.num.sum(&c.Fatalities), p.den.sum(&c.Fatalities)
	case statSize:
		for per := range NumSizePeriods {
			num += c.Sizes[per][p.bin]
			for _, v := range c.Sizes[per] {
				den += v
			}
		}
		return num, den
	}
	return math.NaN(), math.NaN()
}

// Value returns the pattern's value in c: NaN for a share or ratio of
// nothing.
func (p *Pattern) Value(c *Counts) float64 {
	num, den := p.parts(c)
	if den == 0 {
		return math.NaN()
	}
	return num / den
}

// PatternValues appends the value of every pattern of ps in c to dst.
func PatternValues(ps []Pattern, c *Counts, dst []float64) []float64 {
	for i := range ps {
		dst = append(dst, ps[i].Value(c))
	}
	return dst
}

// zoneShort are short names of the zones, for figures.
var zoneShort = [NumZones]string{"N Mali", "C Mali", "N Burkina", "E Burkina/Niger", "SW Burkina", "Rest"}

// years are the years of the label mix: 2017, 2018 and the first half of
// 2019, as masks of half-years.
var years = [3]struct {
	id   string
	mask uint16
}{{"2017", bit(0) | bit(1)}, {"2018", bit(2) | bit(3)}, {"2019h1", bit(4)}}

// labelKinds are the kinds of labels of the label mix: a named group
// other than ISGS (a JNIM component or ally), the coalition alone, the
// ambiguous "JNIM and/or ISGS", and ISGS.
var labelKinds = [4]struct {
	id, what string
	mask     uint16
}{
	{"named", "name a JNIM component or allied group (Katiba Macina, Ansar Dine, Katiba Serma, Ansaroul Islam, AQIM, al Mourabitoun)",
		bit(0) | bit(1) | bit(2) | bit(3) | bit(4) | bit(5)},
	{"jnim", "name JNIM alone", bit(LabelJNIM)},
	{"ambiguous", `name "JNIM and/or ISGS" (ACLED's ambiguous actors)`, bit(LabelAmbiguous)},
	{"isgs", "name ISGS", bit(LabelISGS)},
}

// classKinds are the classes of the class mix: vac_other (one real event)
// is counted with attacks.
var classKinds = [4]struct {
	id, what string
	mask     uint16
}{
	{"battle", "battles", bit(ClassBattle)},
	{"remote", "explosions and remote violence", bit(ClassRemote)},
	{"attack", "attacks on civilians (and other violence against civilians)", bit(ClassAttack) | bit(ClassOther)},
	{"abduction", "abductions", bit(ClassAbduction)},
}

// Patterns returns the patterns of the training window, in a fixed order:
//
//	half_year   events and fatalities in each half-year (acled_events_2017h1, acled_fatalities_2017h1, …)
//	country     events and fatalities in each country (acled_events_mali, …)
//	zone        events and fatalities in each zone (acled_events_central_mali, …)
//	label_mix   in each country and year (2017, 2018, 2019h1), the share of events whose
//	            record names a component or allied group, JNIM alone, "JNIM and/or
//	            ISGS", or ISGS (acled_label_named_mali_2017, …)
//	class_mix   in each zone, the share of battles, remote violence, attacks on
//	            civilians and abductions (acled_class_battle_central_mali, …)
//	event_size  the share of events with 0, 1, 2-4, 5-9, 10-19, 20-49, 50-99 and 100 or
//	            more fatalities (acled_size_0, …, acled_size_100_plus)
//	growth      events and fatalities in 2018 over 2017, and in the first half of
//	            2019 over the first half of 2018 (acled_growth_events_2018, …)
func Patterns() []Pattern {
	var ps []Pattern
	add := func(p Pattern) { ps = append(ps, p) }
	for h := range NumHalves {
		name := HalfName(h)
		add(Pattern{ID: "acled_events_" + strings.ToLower(name), Kind: KindHalfYear, What: "militant Islamist events in " + name,
			Panel: "Events per half-year", Item: name, stat: statEvents, num: sel{half: bit(h)}})
	}
	for h := range NumHalves {
		name := HalfName(h)
		add(Pattern{ID: "acled_fatalities_" + strings.ToLower(name), Kind: KindHalfYear, What: "fatalities of militant Islamist events in " + name,
			Panel: "Fatalities per half-year", Item: name, stat: statFatalities, num: sel{half: bit(h)}})
	}
	for c := range NumCountries {
		scope := Countries[c]
		if c == 2 {
			scope = "Niger (Tillabéri and Tahoua)"
		}
		add(Pattern{ID: "acled_events_" + CountryIDs[c], Kind: KindCountry, What: "militant Islamist events in " + scope + ", Jan 2017 – Jun 2019",
			Panel: "Events per country", Item: Countries[c], stat: statEvents, num: sel{country: bit(c)}})
	}
	for c := range NumCountries {
		scope := Countries[c]
		if c == 2 {
			scope = "Niger (Tillabéri and Tahoua)"
		}
		add(Pattern{ID: "acled_fatalities_" + CountryIDs[c], Kind: KindCountry, What: "fatalities of militant Islamist events in " + scope + ", Jan 2017 – Jun 2019",
			Panel: "Fatalities per country", Item: Countries[c], stat: statFatalities, num: sel{country: bit(c)}})
	}
	for z := range NumZones {
		add(Pattern{ID: "acled_events_" + Zones[z], Kind: KindZone, What: "militant Islamist events in zone " + Zones[z] + ", Jan 2017 – Jun 2019",
			Panel: "Events per zone", Item: zoneShort[z], stat: statEvents, num: sel{zone: bit(z)}})
	}
	for z := range NumZones {
		add(Pattern{ID: "acled_fatalities_" + Zones[z], Kind: KindZone, What: "fatalities of militant Islamist events in zone " + Zones[z] + ", Jan 2017 – Jun 2019",
			Panel: "Fatalities per zone", Item: zoneShort[z], stat: statFatalities, num: sel{zone: bit(z)}})
	}
	for c := range NumCountries {
		for _, y := range years {
			for _, k := range labelKinds {
				add(Pattern{ID: "acled_label_" + k.id + "_" + CountryIDs[c] + "_" + y.id, Kind: KindLabelMix,
					What:  fmt.Sprintf("share of militant Islamist events in %s in %s whose record names %s", Countries[c], y.id, labelOnly(k.what)),
					Panel: "Labels in " + Countries[c], Item: k.id + " " + y.id,
					stat: statShare, num: sel{half: y.mask, country: bit(c), label: k.mask}, den: sel{half: y.mask, country: bit(c)}})
			}
		}
	}
	for z := range NumZones {
		for _, k := range classKinds {
			add(Pattern{ID: "acled_class_" + k.id + "_" + Zones[z], Kind: KindClassMix,
				What:  fmt.Sprintf("share of %s among militant Islamist events in zone %s", k.what, Zones[z]),
				Panel: "Event classes: " + zoneShort[z], Item: k.id,
				stat: statShare, num: sel{zone: bit(z), class: k.mask}, den: sel{zone: bit(z)}})
		}
	}
	for b, sb := range SizeBins {
		id := strings.ReplaceAll(sb.Name, "-", "_")
		what := sb.Name
		if sb.Max < 0 {
			id, what = strings.TrimSuffix(sb.Name, "+")+"_plus", strings.TrimSuffix(sb.Name, "+")+" or more"
		}
		panel := "Events with 0 to 9 fatalities"
		if sb.Min >= 10 {
			panel = "Events with 10 or more fatalities"
		}
		add(Pattern{ID: "acled_size_" + id, Kind: KindEventSize, What: "share of militant Islamist events with " + what + " fatalities",
			Panel: panel, Item: sb.Name, stat: statSize, bin: b})
	}
	for _, g := range []struct {
		id, what, item string
		num, den       uint16
		stat           statistic
	}{
		{"events_2018", "militant Islamist events in 2018 over 2017", "events 2018/2017", bit(2) | bit(3), bit(0) | bit(1), statGrowth},
		{"events_2019h1", "militant Islamist events in the first half of 2019 over the first half of 2018", "events 2019H1/2018H1", bit(4), bit(2), statGrowth},
		{"fatalities_2018", "fatalities in 2018 over 2017", "fatalities 2018/2017", bit(2) | bit(3), bit(0) | bit(1), statFatalityGrowth},
		{"fatalities_2019h1", "fatalities in the first half of 2019 over the first half of 2018", "fatalities 2019H1/2018H1", bit(4), bit(2), statFatalityGrowth},
	} {
		add(Pattern{ID: "acled_growth_" + g.id, Kind: KindGrowth, What: g.what, Panel: "Growth (ratio)", Item: g.item,
			stat: g.stat, num: sel{half: g.num}, den: sel{half: g.den}})
	}
	return ps
}

// labelOnly returns a label kind's description without its parenthesis.
func labelOnly(s string) string {
	if i := strings.Index(s, " ("); i >= 0 && !strings.HasPrefix(s, `name "`) {
		return s[:i]
	}
	return s
}

// PatternIDs returns the ids of Patterns, in order.
func PatternIDs() []string {
	ps := Patterns()
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// Tolerances of the patterns: the allowance for what the model does not
// represent, added to the noise of counts. They are assumptions, stated
// and documented in the package documentation.
const (
	// Confidence is the level of the intervals of count noise.
	Confidence = 0.95
	// CountAllowance widens the Poisson interval of an event count by
	// this factor either way (÷ and ×(1 + CountAllowance)).
	CountAllowance = 0.25
	// FatalityAllowance widens the interval of a fatality count.
	FatalityAllowance = 0.25
	// ShareAllowance widens the binomial interval of a share of the
	// label or class mix by this many points either way.
	ShareAllowance = 0.05
	// SizeAllowance widens the binomial interval of a share of event
	// sizes by this factor either way.
	SizeAllowance = 0.5
	// GrowthAllowance widens the interval of a growth ratio by this
	// factor either way.
	GrowthAllowance = 0.25
)

// sizeValue is the representative number of fatalities of bin b, for the
// dispersion of fatality counts: the middle of the bin, 150 for 100+.
func sizeValue(b int) float64 {
	sb := SizeBins[b]
	if sb.Max < 0 {
		return 150
	}
	return float64(sb.Min+sb.Max) / 2
}

// FatalityDispersion returns the dispersion of fatality counts implied by
// the distribution of fatalities per event in c: D = E[f²] / E[f], with
// each bin at its representative value. If events come as a Poisson
// process and their sizes are independent, a fatality count F has
// variance D·E[F], so F/D behaves as a Poisson count (the quasi-Poisson
// approximation of a compound Poisson sum).
func FatalityDispersion(c *Counts) float64 {
	var s1, s2 float64
	for p := range NumSizePeriods {
		for b, n := range c.Sizes[p] {
			v := sizeValue(b)
			s1 += n * v
			s2 += n * v * v
		}
	}
	if s1 == 0 {
		return 1
	}
	return max(1, s2/s1)
}

// z is the standard normal quantile of Confidence.
func z() float64 { return distuv.UnitNormal.Quantile((1 + Confidence) / 2) }

// PoissonInterval returns the exact (Garwood) confidence interval at
// level Confidence of the mean of a Poisson count observed as n: the
// quantiles of chi-square distributions with 2n and 2n+2 degrees of
// freedom, halved. n need not be whole (a quasi-Poisson count).
func PoissonInterval(n float64) (lo, hi float64) {
	a := (1 - Confidence) / 2
	if n > 0 {
		lo = distuv.ChiSquared{K: 2 * n}.Quantile(a) / 2
	}
	hi = distuv.ChiSquared{K: 2*n + 2}.Quantile(1-a) / 2
	return lo, hi
}

// WilsonInterval returns the Wilson score interval at level Confidence of
// a proportion observed as k of n.
func WilsonInterval(k, n float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	zz := z()
	p := k / n
	d := 1 + zz*zz/n
	centre := (p + zz*zz/(2*n)) / d
	half := zz / d * math.Sqrt(p*(1-p)/n+zz*zz/(4*n*n))
	return max(0, centre-half), min(1, centre+half)
}

// PatternTargets returns the targets of the training window: for every
// pattern defined in the shipped data (a share of no event is left out),
// its observed value and its tolerance band, which is the interval of
// count noise at level Confidence widened by the pattern's allowance:
//
//	events        Poisson (exact Garwood interval), ÷ and × (1 + CountAllowance)
//	fatalities    D × the Poisson interval of F/D, with D = FatalityDispersion of
//	              the data, ÷ and × (1 + FatalityAllowance)
//	label, class  Wilson binomial interval, ± ShareAllowance
//	event sizes   Wilson binomial interval, ÷ and × (1 + SizeAllowance)
//	growth        r·exp(±z·√(1/N₁ + 1/N₀)) for events (D/F₁ + D/F₀ for fatalities),
//	              ÷ and × (1 + GrowthAllowance)
//
// Each target's Quote says how its band was made.
func PatternTargets() ([]Target, error) {
	obs, err := ObservedCounts()
	if err != nil {
		return nil, err
	}
	return PatternTargetsOf(obs), nil
}

// PatternTargetsOf returns the targets of the patterns observed in obs,
// with their bands made as PatternTargets makes them: the targets of
// another set of counts, such as a run of the model itself, whose
// parameters a calibration should then recover.
func PatternTargetsOf(obs *Counts) []Target {
	d := FatalityDispersion(obs)
	zz := z()
	var out []Target
	for _, p := range Patterns() {
		num, den := p.parts(obs)
		if den == 0 {
			continue
		}
		t := Target{ID: p.ID, Kind: p.Kind, What: p.What, Value: num / den, Panel: p.Panel, Item: p.Item,
			Period: "2017-01..2019-06", Scope: "Mali, Burkina Faso, Niger (Tillabéri, Tahoua)"}
		switch p.stat {
		case statEvents:
			lo, hi := PoissonInterval(num)
			t.Low, t.High = lo/(1+CountAllowance), hi*(1+CountAllowance)
			t.Quote = fmt.Sprintf("ACLED: %s events; Poisson 95%% interval %s–%s, widened by %s", fmtNum(num), fmtNum(lo), fmtNum(hi), pct(CountAllowance))
		case statFatalities:
			lo, hi := PoissonInterval(num / d)
			lo, hi = lo*d, hi*d
			t.Low, t.High = lo/(1+FatalityAllowance), hi*(1+FatalityAllowance)
			t.Quote = fmt.Sprintf("ACLED: %s fatalities; quasi-Poisson 95%% interval %s–%s (dispersion %.1f), widened by %s", fmtNum(num), fmtNum(lo), fmtNum(hi), d, pct(FatalityAllowance))
		case statShare:
			lo, hi := WilsonInterval(num, den)
			t.Low, t.High = max(0, lo-ShareAllowance), min(1, hi+ShareAllowance)
			t.Quote = fmt.Sprintf("ACLED: %s of %s events; binomial 95%% interval %.3f–%.3f, ± %g points", fmtNum(num), fmtNum(den), lo, hi, 100*ShareAllowance)
		case statSize:
			lo, hi := WilsonInterval(num, den)
			t.Low, t.High = lo/(1+SizeAllowance), min(1, hi*(1+SizeAllowance))
			t.Quote = fmt.Sprintf("ACLED: %s of %s events; binomial 95%% interval %.4f–%.4f, widened by %s", fmtNum(num), fmtNum(den), lo, hi, pct(SizeAllowance))
		case statGrowth, statFatalityGrowth:
			disp := 1.0
			if p.stat == statFatalityGrowth {
				disp = d
			}
			s := math.Sqrt(disp/num + disp/den)
			lo, hi := t.Value*math.Exp(-zz*s), t.Value*math.Exp(zz*s)
			t.Low, t.High = lo/(1+GrowthAllowance), hi*(1+GrowthAllowance)
			t.Quote = fmt.Sprintf("ACLED: %s over %s; 95%% interval %.2f–%.2f, widened by %s", fmtNum(num), fmtNum(den), lo, hi, pct(GrowthAllowance))
		}
		out = append(out, t)
	}
	return out
}

func fmtNum(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func pct(a float64) string { return strconv.FormatFloat(100*a, 'f', -1, 64) + " %" }
