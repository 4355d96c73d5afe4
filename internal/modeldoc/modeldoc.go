// Package modeldoc generates the tables of the documentation from the code:
// the parameter tables of agents/MODEL.md from the scenario schema (the
// tags of agents.Params) and the shipped defaults (agents.Default and each
// lever's SetDefaults), and the output tables of README.md from the
// indicator and metric tables of package outputs. The documentation cannot
// drift from the code: a test compares the committed files with what this
// package generates.
package modeldoc

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/sahelsim/sahelsim/agents"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/sim"
)

// Markers delimit the generated parts of MODEL.md and README.md.
const (
	Begin       = "<!-- BEGIN GENERATED PARAMETER TABLES: go generate ./agents -->"
	End         = "<!-- END GENERATED PARAMETER TABLES -->"
	BeginOutput = "<!-- BEGIN GENERATED OUTPUT TABLES: go generate ./outputs -->"
	EndOutput   = "<!-- END GENERATED OUTPUT TABLES -->"
)

// Tables returns the Markdown parameter tables.
func Tables() string {
	p := agents.Default()
	var b strings.Builder
	section := func(title, prefix string, v any) {
		fmt.Fprintf(&b, "\n#### %s\n\n", title)
		b.WriteString("| key | meaning | unit | range | default | source |\n|---|---|---|---|---|---|\n")
		rows(&b, prefix, reflect.ValueOf(v).Elem())
	}
	b.WriteString("\n#### Run\n\n| key | meaning | unit | range | default | source |\n|---|---|---|---|---|---|\n")
	top := reflect.ValueOf(&p).Elem()
	for i := range top.NumField() {
		f := top.Type().Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[sim.Date]() || f.Type.Kind() == reflect.Map {
			continue
		}
		row(&b, "", f, top.Field(i))
	}
	rows(&b, "map.", top.FieldByName("Map"))

	// Groups: one column per group.
	b.WriteString("\n#### Groups (`[groups.<id>]`)\n\n| key | meaning | unit | range |")
	groups := p.Groups.List()
	for _, id := range agents.GroupIDs {
		fmt.Fprintf(&b, " %s |", id)
	}
	b.WriteString(" source |\n|---|---|---|---|")
	for range groups {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	gt := reflect.TypeFor[agents.GroupParams]()
	for i := range gt.NumField() {
		f := gt.Field(i)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |", key(f), f.Tag.Get("doc"), f.Tag.Get("unit"), rangeOf(f))
		for _, g := range groups {
			fmt.Fprintf(&b, " %s |", value(reflect.ValueOf(g).Elem().Field(i)))
		}
		fmt.Fprintf(&b, " %s |\n", f.Tag.Get("src"))
	}

	section("Fighters (`[fighters]`)", "fighters.", &p.Fighters)
	section("Movement (`[movement]`)", "movement.", &p.Movement)
	section("Violence (`[violence]`)", "violence.", &p.Violence)
	section("Recruitment (`[recruitment]`)", "recruitment.", &p.Recruitment)
	section("Leadership and cohesion (`[leadership]`)", "leadership.", &p.Leadership)
	section("Rivalry between JNIM and ISGS (`[rivalry]`)", "rivalry.", &p.Rivalry)
	section("Fighters turned criminal (`[crime]`)", "crime.", &p.Crime)
	section("Communities and militias (`[communities]`)", "communities.", &p.Communities)

	// Forces: shared rules, then one column per force.
	fmt.Fprintf(&b, "\n#### Security forces (`[forces]`)\n\n| key | meaning | unit | range | default | source |\n|---|---|---|---|---|---|\n")
	fv := reflect.ValueOf(&p.Forces).Elem()
	for i := range fv.NumField() {
		if f := fv.Type().Field(i); f.Type.Kind() != reflect.Struct {
			row(&b, "forces.", f, fv.Field(i))
		}
	}
	b.WriteString("\n| key (`[forces.<id>]`) | meaning | range |")
	var ids []string
	for i := range fv.NumField() {
		if f := fv.Type().Field(i); f.Type.Kind() == reflect.Struct {
			ids = append(ids, key(f))
			fmt.Fprintf(&b, " %s |", key(f))
		}
	}
	b.WriteString(" source |\n|---|---|---|")
	for range ids {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	ft := reflect.TypeFor[agents.ForceParams]()
	for i := range ft.NumField() {
		f := ft.Field(i)
		fmt.Fprintf(&b, "| `%s` | %s | %s |", key(f), f.Tag.Get("doc"), rangeOf(f))
		for j := range fv.NumField() {
			if fv.Type().Field(j).Type.Kind() == reflect.Struct {
				fmt.Fprintf(&b, " %s |", value(fv.Field(j).Field(i)))
			}
		}
		fmt.Fprintf(&b, " %s |\n", f.Tag.Get("src"))
	}

	section("The observer (`[attribution]`)", "attribution.", &p.Attribution)
	section("Illicit economy (`[illicit]`)", "illicit.", &p.Illicit)

	// Levers: the defaults a lever takes when any of its keys is set.
	levers := []struct {
		id string
		v  interface{ SetDefaults() }
	}{
		{"disaggregation", new(agents.Disaggregation)},
		{"counterinsurgency", new(agents.Counterinsurgency)},
		{"illicit_networks", new(agents.IllicitNetworks)},
		{"community_protection", new(agents.CommunityProtection)},
		{"political_settlement", new(agents.PoliticalSettlement)},
		{"reintegration", new(agents.Reintegration)},
	}
	for _, l := range levers {
		l.v.SetDefaults()
		section(fmt.Sprintf("Lever `[policy.%s]`", l.id), "policy."+l.id+".", l.v)
	}
	return b.String()
}

// rows writes one row per leaf field of the struct v, promoting embedded
// structs (a lever's shared keys) and descending into named sub-tables (a
// lever's mechanisms) with their key as a prefix.
func rows(b *strings.Builder, prefix string, v reflect.Value) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch {
		case f.Anonymous:
			rows(b, prefix, v.Field(i))
		case f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[sim.Date]():
			rows(b, prefix+key(f)+".", v.Field(i))
		default:
			row(b, prefix, f, v.Field(i))
		}
	}
}

func row(b *strings.Builder, prefix string, f reflect.StructField, v reflect.Value) {
	fmt.Fprintf(b, "| `%s%s` | %s | %s | %s | %s | %s |\n", prefix, key(f), f.Tag.Get("doc"), f.Tag.Get("unit"),
		rangeOf(f), value(v), f.Tag.Get("src"))
}

func key(f reflect.StructField) string { return strings.Split(f.Tag.Get("toml"), ",")[0] }

// rangeOf renders the min/max/enum tags.
func rangeOf(f reflect.StructField) string {
	if e := f.Tag.Get("enum"); e != "" {
		var q []string
		for _, s := range strings.Split(e, "|") {
			q = append(q, strconv.Quote(s))
		}
		return strings.Join(q, ", ")
	}
	lo, hi := f.Tag.Get("min"), f.Tag.Get("max")
	switch {
	case lo != "" && hi != "":
		return lo + " – " + hi
	case lo != "":
		return "≥ " + lo
	case hi != "":
		return "≤ " + hi
	}
	return ""
}

// value renders a default for a table cell.
func value(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case sim.Date:
		if x.IsZero() {
			return "–"
		}
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		if x == "" {
			return `""`
		}
		return strconv.Quote(x)
	case []string:
		if len(x) == 0 {
			return "[]"
		}
		return strings.Join(x, ", ")
	case [2]float64:
		return fmt.Sprintf("%g, %g", x[0], x[1])
	}
	return fmt.Sprint(v.Interface())
}

// OutputTables returns the Markdown tables of the headline indicators
// (columns of summary.csv) and the time-series metrics.
func OutputTables() string {
	var b strings.Builder
	b.WriteString("\n#### Headline indicators (`summary.csv` columns)\n\n")
	b.WriteString("A name with `<year>`, `<zone>` or `<group>` stands for one column per calendar year, zone (with `rest`) or group.\n\n")
	b.WriteString("| column | meaning |\n|---|---|\n")
	for _, in := range outputs.Indicators() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", in.Name, in.Doc)
	}
	b.WriteString("\n#### Time-series metrics (`timeseries.csv`)\n\n")
	b.WriteString("`zone` and `group` are `all` in the rows that total over them.\n\n")
	b.WriteString("| metric | by | meaning |\n|---|---|---|\n")
	for _, m := range outputs.Metrics() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", m.Name, m.By, m.Doc)
	}
	return b.String()
}

// Replace returns doc with the text between each pair of markers it holds
// replaced by the generated tables, or an error if it holds none.
func Replace(doc string) (string, error) {
	found := false
	for _, m := range []struct {
		begin, end string
		gen        func() string
	}{{Begin, End, Tables}, {BeginOutput, EndOutput, OutputTables}} {
		i := strings.Index(doc, m.begin)
		j := strings.Index(doc, m.end)
		if i < 0 || j < i {
			continue
		}
		found = true
		doc = doc[:i+len(m.begin)] + "\n" + m.gen() + "\n" + doc[j:]
	}
	if !found {
		return "", fmt.Errorf("modeldoc: no generated-table markers (%q, %q)", Begin, BeginOutput)
	}
	return doc, nil
}
