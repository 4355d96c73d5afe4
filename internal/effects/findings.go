package effects

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/outputs/figures"
	"github.com/sahelsim/sahelsim/outputs/report"
)

// Robust is the probability of the expected sign from which an effect
// holds across the posterior: in at least 90 % of the plausible worlds.
const Robust = 0.9

// NoiseShare is the parameter share of the variance below which the
// findings put an effect's uncertain sign down to the model's noise
// rather than to the parameters.
const NoiseShare = 0.25

// MinR2 is the adjusted R² below which the findings name no parameter
// as what drives an effect.
const MinR2 = 0.1

// TopDrivers is the number of parameters the drivers' tables and figures
// show per lever.
const TopDrivers = 5

// FindingsHTML is the findings page, FindingsMD the effects over the
// posterior and the findings in Markdown.
const (
	FindingsHTML = "findings.html"
	FindingsMD   = "findings.md"
)

// Options say how to write the findings.
type Options struct {
	Reference string        // the reference scenario of a posterior sweep ("" for its first)
	Style     figures.Style // of the figures
	Formats   []string      // of the figures; figures.DefaultFormats() if empty
	Stdout    io.Writer     // where to print the effects table; nil for nowhere
	Only      []string      // indicators of the printed table (Main() if nil)
}

// A Result is what WriteFindings wrote, and what it found.
type Result struct {
	Files      []string // relative to the output directory
	Statements []string // the findings, as the page states them
}

// sweeps are the finished sweeps WriteFindings reads, by kind.
type sweeps struct {
	posterior        *Analysis
	posteriorDir     string
	ablation         []AblationRow
	ablationDirs     []string
	dose             []DosePoint
	doseDirs, levers []string
}

// readSweeps reads each directory of dirs and analyses it by its kind:
// a posterior sweep (at most one), ablation sweeps and intensity sweeps.
func readSweeps(dirs []string, reference string) (*sweeps, error) {
	s := &sweeps{}
	for _, dir := range dirs {
		t, err := sweep.ReadTable(dir)
		if err != nil {
			return nil, err
		}
		switch {
		case IsPosterior(t):
			if s.posterior != nil {
				return nil, fmt.Errorf("%s: a second posterior sweep (the first is %s): give one", dir, s.posteriorDir)
			}
			if s.posterior, err = Analyse(t, reference); err != nil {
				return nil, fmt.Errorf("%s: %w", dir, err)
			}
			s.posteriorDir = dir
		case IsAblation(t):
			rows, err := Ablate(t)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", dir, err)
			}
			s.ablation = append(s.ablation, rows...)
			s.ablationDirs = append(s.ablationDirs, dir)
		case IsDose(t):
			ps, err := Dose(t)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", dir, err)
			}
			s.dose = append(s.dose, ps...)
			s.doseDirs = append(s.doseDirs, dir)
		default:
			return nil, fmt.Errorf("%s: sweep %s is none of a posterior sweep ([posterior] over several scenarios), an ablation (a lever's intensity and sub-mechanism switches) or an intensity sweep (a lever's intensity alone)", dir, t.Manifest.Sweep)
		}
	}
	return s, nil
}

// WritePosterior analyses the posterior sweep in dir against reference
// ("" for its first scenario) and writes effects.csv, drivers.csv and
// effects_posterior.tex into it.
func WritePosterior(ctx context.Context, dir, reference string) (*Analysis, []Regression, error) {
	return writePosterior(ctx, dir, dir, reference)
}

// ComparePosterior is what 'sahelsim compare' does of a posterior sweep
// in dir: it writes the effects into outDir (WritePosterior) and prints
// those on the indicators only (every one if nil) to w.
func ComparePosterior(ctx context.Context, w io.Writer, dir, outDir, reference string, only []string) error {
	a, _, err := writePosterior(ctx, dir, outDir, reference)
	if err != nil {
		return err
	}
	if err := PrintEffects(w, a, only); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\neffects over the posterior: %s, %s\n", filepath.Join(outDir, EffectsCSV), filepath.Join(outDir, DriversCSV))
	return err
}

func writePosterior(ctx context.Context, dir, outDir, reference string) (*Analysis, []Regression, error) {
	t, err := sweep.ReadTable(dir)
	if err != nil {
		return nil, nil, err
	}
	a, err := Analyse(t, reference)
	if err != nil {
		return nil, nil, err
	}
	rs, _ := a.Drivers()
	writes := []struct {
		name  string
		write func(io.Writer) error
	}{
		{EffectsCSV, func(w io.Writer) error { return WriteEffects(w, a.Effects) }},
		{DriversCSV, func(w io.Writer) error { return WriteDrivers(w, rs) }},
		{"effects_posterior.tex", EffectsTable(a, Main()).LaTeX},
	}
	for _, f := range writes {
		if err := outputs.WriteFileAtomic(ctx, filepath.Join(outDir, f.name), f.write); err != nil {
			return nil, nil, err
		}
	}
	return a, rs, nil
}

// WriteFindings reads the finished sweeps in dirs (a posterior sweep,
// ablation sweeps, intensity sweeps, in any order) and writes into out
// the findings page, findings.html, with the CSV files of the analyses,
// their LaTeX tables (tables/) and figures (figures/).
func WriteFindings(ctx context.Context, dirs []string, out string, o Options) (*Result, error) {
	if len(dirs) == 0 {
		return nil, errors.New("findings: no sweep directory")
	}
	s, err := readSweeps(dirs, o.Reference)
	if err != nil {
		return nil, err
	}
	formats := o.Formats
	if len(formats) == 0 {
		formats = figures.DefaultFormats()
	}
	res := &Result{}
	page := &report.Findings{
		Title: "sahelsim findings: which policy conclusions hold",
		Lede:  "What the levers do across the plausible worlds of the posterior, what drives and carries their effects, and how they grow with their intensity.",
	}
	fact := func(k, v string) { page.Facts = append(page.Facts, [2]string{k, v}) }
	var csvs []struct {
		name  string
		write func(io.Writer) error
	}
	var tables []*report.Table
	var figs []*figures.Figure
	if a := s.posterior; a != nil {
		fact("Posterior sweep", localName(s.posteriorDir)+fmt.Sprintf(" (%s: %d draws × %d replicates, against %s)", a.Sweep, a.Draws, a.Replicates, a.Reference))
		rs, _ := a.Drivers()
		csvs = append(csvs, struct {
			name  string
			write func(io.Writer) error
		}{EffectsCSV, func(w io.Writer) error { return WriteEffects(w, a.Effects) }},
			struct {
				name  string
				write func(io.Writer) error
			}{DriversCSV, func(w io.Writer) error { return WriteDrivers(w, rs) }})
		et := EffectsTable(a, Main())
		var les []figures.LeverEffect
		for _, e := range a.Effects {
			les = append(les, figures.LeverEffect{Lever: e.Lever, Indicator: e.Indicator, Mean: e.Mean, MeanLow: e.MeanLow, MeanHigh: e.MeanHigh, Low: e.Low, High: e.High})
		}
		ef := figures.PosteriorEffects(les, Main(), a.Reference, o.Style)
		robust, depends, side := a.statements(rs)
		page.Sections = append(page.Sections,
			report.FindingsSection{ID: "robust", Title: "Which levers reduce violence robustly",
				Paragraphs: []string{fmt.Sprintf("A lever reduces violence robustly if, in at least %.0f%% of the draws of the posterior, it lowers every measure of violence (%s) against %s. Each draw's effect is the mean over its replicates of the paired differences (common random numbers).",
					100*Robust, strings.Join(titles(indicatorsOf(Violence)), ", "), a.Reference)},
				Items: robust, Tables: []*report.Table{et}, Figures: []*figures.Figure{ef}},
		)
		var dts []*report.Table
		var dfs []*figures.Figure
		for _, ind := range indicatorsOf(Violence)[:1] {
			dts = append(dts, DriversTable(rs, ind, TopDrivers))
			var lds []figures.LeverDrivers
			for _, r := range rs {
				if r.Indicator == ind {
					lds = append(lds, figures.LeverDrivers{Lever: r.Lever, R2: r.R2Adj, Params: r.Params, SRC: r.SRC})
				}
			}
			dfs = append(dfs, figures.Drivers(ind, lds, TopDrivers, o.Style))
		}
		page.Sections = append(page.Sections,
			report.FindingsSection{ID: "drivers", Title: "Which depend on an assumption, and on which",
				Paragraphs: []string{"The parameters whose uncertainty moves each lever's effect most: the regression of the per-draw effect on the draws' standardised parameters (standardised regression coefficients, R²). Posterior draws are correlated and are no Saltelli design, so Sobol' indices do not apply to them; the coefficients are partial effects, each with the others held."},
				Items:      depends, Tables: dts, Figures: dfs},
			report.FindingsSection{ID: "side-effects", Title: "Side effects: displacement, recruitment, civilian harm",
				Paragraphs: []string{"What each lever does to the displaced, to recruitment and to civilians killed by the forces, with the probability over the posterior that it lowers them."},
				Items:      side},
		)
		tables = append(tables, et)
		tables = append(tables, dts...)
		figs = append(figs, ef)
		figs = append(figs, dfs...)
		res.Statements = append(res.Statements, robust...)
		res.Statements = append(res.Statements, depends...)
		res.Statements = append(res.Statements, side...)
		csvs = append(csvs, struct {
			name  string
			write func(io.Writer) error
		}{FindingsMD, func(w io.Writer) error { return WriteMarkdown(w, a, Main(), res.Statements) }}) // every statement, once all are made
		if o.Stdout != nil {
			only := o.Only
			if only == nil {
				only = Main()
			}
			if err := PrintEffects(o.Stdout, a, only); err != nil {
				return nil, err
			}
		}
	}
	if len(s.ablation) > 0 {
		var names []string
		for _, d := range s.ablationDirs {
			names = append(names, localName(d))
		}
		fact("Ablation sweeps", strings.Join(names, ", "))
		csvs = append(csvs, struct {
			name  string
			write func(io.Writer) error
		}{AblationCSV, func(w io.Writer) error { return WriteAblation(w, s.ablation) }})
		ind := indicatorsOf(Violence)[0]
		at := AblationTable(s.ablation, ind)
		items := ablationStatements(s.ablation, ind)
		var afs []*figures.Figure
		for _, name := range Main() {
			var parts []figures.AblationPart
			for _, r := range s.ablation {
				if r.Indicator != name {
					continue
				}
				label := map[string]string{PartWhole: "whole", PartAlone: r.Mechanism + " alone", PartInteraction: "interaction"}[r.Part]
				if label != "" {
					parts = append(parts, figures.AblationPart{Lever: r.Lever, Label: label, Mean: r.Mean, Low: r.Low, High: r.High})
				}
			}
			if len(parts) > 0 {
				afs = append(afs, figures.Ablation(name, parts, o.Style))
			}
		}
		page.Sections = append(page.Sections, report.FindingsSection{ID: "ablation", Title: "What carries each lever's effect",
			Paragraphs: []string{"Each lever's sub-mechanisms switched on alone, against the lever off, paired by replicate: the share of the whole effect each carries alone, and the interaction, the whole less the sum of the parts (what they do only together). An interval that includes 0 is within the noise."},
			Items:      items, Tables: []*report.Table{at}, Figures: afs})
		tables = append(tables, at)
		figs = append(figs, afs...)
		res.Statements = append(res.Statements, items...)
	}
	if len(s.dose) > 0 {
		var names []string
		for _, d := range s.doseDirs {
			names = append(names, localName(d))
		}
		fact("Intensity sweeps", strings.Join(names, ", "))
		csvs = append(csvs, struct {
			name  string
			write func(io.Writer) error
		}{DoseCSV, func(w io.Writer) error { return WriteDose(w, s.dose) }})
		var dfs []*figures.Figure
		for _, ind := range Main() {
			var curves []figures.DoseCurve
			for _, p := range s.dose {
				if p.Indicator != ind {
					continue
				}
				k := slices.IndexFunc(curves, func(c figures.DoseCurve) bool { return c.Lever == p.Lever })
				if k < 0 {
					curves = append(curves, figures.DoseCurve{Lever: p.Lever})
					k = len(curves) - 1
				}
				c := &curves[k]
				c.Intensity, c.Mean, c.Low, c.High = append(c.Intensity, p.Intensity), append(c.Mean, p.Mean), append(c.Low, p.Low), append(c.High, p.High)
			}
			if len(curves) > 0 {
				dfs = append(dfs, figures.DoseResponse(ind, curves, o.Style))
			}
		}
		items := doseStatements(s.dose, indicatorsOf(Violence)[0])
		page.Sections = append(page.Sections, report.FindingsSection{ID: "dose", Title: "Dose-response",
			Paragraphs: []string{"Each lever's effect against its intensity from 0 to 1, with 95% bands."},
			Items:      items, Figures: dfs})
		figs = append(figs, dfs...)
		res.Statements = append(res.Statements, items...)
	}
	if len(page.Sections) == 0 {
		return nil, errors.New("findings: nothing to report")
	}
	// Not into a run or a sweep: their reports list the files they drew
	// as findings does, and one would remove the other's.
	_, isOutput := outputs.Detect(out)
	if _, err := os.Stat(filepath.Join(out, outputs.ManifestFile)); isOutput == nil || err == nil {
		return nil, fmt.Errorf("findings: %s is a run or sweep directory: write the findings into a directory of their own (the default is DIR/findings)", out)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	err = outputs.ReplaceFiles(ctx, out, func(stage string) ([]string, error) {
		var files []string
		for _, c := range csvs {
			if err := outputs.WriteFile(filepath.Join(stage, c.name), c.write); err != nil {
				return nil, err
			}
			files = append(files, c.name)
		}
		if err := os.MkdirAll(filepath.Join(stage, report.TablesDir), 0o755); err != nil {
			return nil, err
		}
		for _, t := range tables {
			name := path.Join(report.TablesDir, t.Name+".tex")
			if err := outputs.WriteFile(filepath.Join(stage, name), t.LaTeX); err != nil {
				return nil, err
			}
			files = append(files, name)
		}
		names, err := figures.Write(ctx, filepath.Join(stage, report.FiguresDir), figs, formats...)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			files = append(files, path.Join(report.FiguresDir, n))
		}
		if err := outputs.WriteFile(filepath.Join(stage, FindingsHTML), func(w io.Writer) error { return report.WriteFindings(w, page, formats) }); err != nil {
			return nil, err
		}
		res.Files = append(files, FindingsHTML)
		return res.Files, nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// localName names a directory on the page: its last element (a page is
// shared: it names no one's home directory).
func localName(dir string) string { return filepath.Base(filepath.Clean(dir)) }

// indicatorsOf returns the names of the Indicators of role.
func indicatorsOf(role string) []string {
	var out []string
	for _, ind := range Indicators() {
		if ind.Role == role {
			out = append(out, ind.Name)
		}
	}
	return out
}

func titles(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(figures.IndicatorTitle(n))
	}
	return out
}

// effect returns the effect of lever on indicator, if a has it.
func (a *Analysis) effect(lever, indicator string) (Effect, bool) {
	i := slices.IndexFunc(a.Effects, func(e Effect) bool { return e.Lever == lever && e.Indicator == indicator })
	if i < 0 {
		return Effect{}, false
	}
	return a.Effects[i], true
}

// statements returns the findings of a: for each lever whether it
// reduces violence robustly, what its effect depends on, and its side
// effects.
func (a *Analysis) statements(rs []Regression) (robust, depends, side []string) {
	violence := indicatorsOf(Violence)
	driver := func(lever, ind string) string {
		for _, r := range rs {
			if r.Lever == lever && r.Indicator == ind && len(r.Params) > 0 {
				if !(r.R2Adj >= MinR2) {
					return fmt.Sprintf("no parameter of the sample: the regression explains nothing of the spread (adjusted R² %.2f)", r.R2Adj)
				}
				return fmt.Sprintf("%s (standardised coefficient %+.2f; adjusted R² of the regression %.2f)", r.Params[0], r.SRC[0], r.R2Adj)
			}
		}
		return "no parameter the regression could single out"
	}
	for _, lever := range a.Levers {
		minP, maxP := math.Inf(1), math.Inf(-1)
		weakest := ""
		var parts []string
		for _, ind := range violence {
			e, ok := a.effect(lever, ind)
			if !ok || math.IsNaN(e.PSign) {
				continue
			}
			if e.PSign < minP {
				minP, weakest = e.PSign, ind
			}
			maxP = max(maxP, e.PSign)
			parts = append(parts, fmt.Sprintf("%s %s (5–95%%: %s to %s; P(fewer) = %.2f)", strings.ToLower(figures.IndicatorTitle(ind)),
				signed(e.Mean, ind), signed(e.Low, ind), signed(e.High, ind), e.PSign))
		}
		if weakest == "" {
			continue
		}
		fat, _ := a.effect(lever, violence[0])
		switch {
		case minP >= Robust:
			robust = append(robust, fmt.Sprintf("%s reduces violence robustly: %s.", lever, strings.Join(parts, "; ")))
			if fat.Split.Share >= 0.5 {
				depends = append(depends, fmt.Sprintf("%s: the sign holds, but %.0f%% of the variance of its effect on %s is parameter uncertainty; its size depends most on %s.",
					lever, 100*fat.Split.Share, strings.ToLower(figures.IndicatorTitle(violence[0])), driver(lever, violence[0])))
			}
		case maxP <= 1-Robust:
			robust = append(robust, fmt.Sprintf("%s raises violence in at least %.0f%% of the plausible worlds: %s.", lever, 100*Robust, strings.Join(parts, "; ")))
		default:
			e, _ := a.effect(lever, weakest)
			none := true // no mean effect on violence measurable
			for _, ind := range violence {
				if v, ok := a.effect(lever, ind); ok && (v.MeanLow > 0 || v.MeanHigh < 0) {
					none = false
				}
			}
			if none {
				robust = append(robust, fmt.Sprintf("%s has no measurable effect on violence (every mean's 95%% interval includes 0): %s.", lever, strings.Join(parts, "; ")))
			} else {
				robust = append(robust, fmt.Sprintf("%s does not reduce violence robustly: %s.", lever, strings.Join(parts, "; ")))
			}
			if e.Split.Share < NoiseShare {
				depends = append(depends, fmt.Sprintf("%s: its effect on %s is small against the model's noise (%.0f%% of the variance of a run's effect is parameter uncertainty, the rest noise): the draws disagree on its sign mostly by chance (P(fewer) = %.2f), not for a parameter; more replicates a draw would sharpen it. What moves it most: %s.",
					lever, strings.ToLower(figures.IndicatorTitle(weakest)), 100*e.Split.Share, e.PSign, driver(lever, weakest)))
			} else {
				depends = append(depends, fmt.Sprintf("%s: whether it lowers %s depends on the parameters (P(fewer) = %.2f; %.0f%% of the variance of a run's effect is parameter uncertainty); most on %s.",
					lever, strings.ToLower(figures.IndicatorTitle(weakest)), e.PSign, 100*e.Split.Share, driver(lever, weakest)))
			}
		}
		var sides []string
		for _, ind := range indicatorsOf(SideEffect) {
			e, ok := a.effect(lever, ind)
			if !ok || math.IsNaN(e.PSign) {
				continue
			}
			verb := "lowers"
			switch {
			case e.PSign <= 1-Robust:
				verb = "raises"
			case e.PSign < Robust:
				verb = "may raise or lower"
			}
			sides = append(sides, fmt.Sprintf("%s %s (%s; P(fewer) = %.2f)", verb, strings.ToLower(figures.IndicatorTitle(ind)), signed(e.Mean, ind), e.PSign))
		}
		if len(sides) > 0 {
			side = append(side, fmt.Sprintf("%s %s.", lever, strings.Join(sides, ", ")))
		}
	}
	return robust, depends, side
}

// signed formats an effect with its sign.
func signed(v float64, ind string) string {
	f, _ := unitFormat(ind, math.Abs(v))
	s := f(v, math.Abs(v))
	if v > 0 {
		s = "+" + s
	}
	if figures.IndicatorUnit(ind) == "share" {
		s += " pp"
	}
	return s
}

// ablationStatements states, for each lever of rows, what carries its
// effect on indicator.
func ablationStatements(rows []AblationRow, indicator string) []string {
	var out []string
	var levers []string
	for _, r := range rows {
		if r.Indicator == indicator && !slices.Contains(levers, r.Lever) {
			levers = append(levers, r.Lever)
		}
	}
	for _, lever := range levers {
		var whole, inter AblationRow
		var alone []AblationRow
		for _, r := range rows {
			if r.Lever != lever || r.Indicator != indicator {
				continue
			}
			switch r.Part {
			case PartWhole:
				whole = r
			case PartInteraction:
				inter = r
			case PartAlone:
				alone = append(alone, r)
			}
		}
		measurable := whole.Low > 0 || whole.High < 0
		var parts []string
		for _, r := range alone {
			p := fmt.Sprintf("%s %s [%s, %s]", r.Mechanism, signed(r.Mean, indicator), signed(r.Low, indicator), signed(r.High, indicator))
			if measurable {
				p += fmt.Sprintf(" (%s of the whole)", pct(r.Share))
			}
			parts = append(parts, p)
		}
		noise := "beyond the noise"
		if inter.Low <= 0 && inter.High >= 0 {
			noise = "within the noise"
		}
		head := fmt.Sprintf("%s: whole effect on %s %s [%s, %s]", lever, strings.ToLower(figures.IndicatorTitle(indicator)), signed(whole.Mean, indicator), signed(whole.Low, indicator), signed(whole.High, indicator))
		if !measurable {
			head += " (not measurable: no shares)"
		}
		out = append(out, fmt.Sprintf("%s; each sub-mechanism alone (the others off): %s; interaction (whole − sum) %s [%s, %s], %s.",
			head, strings.Join(parts, ", "), signed(inter.Mean, indicator), signed(inter.Low, indicator), signed(inter.High, indicator), noise))
	}
	return out
}

// doseStatements states, for each lever of ps, its effect on indicator
// at half intensity as a share of its effect at full intensity.
func doseStatements(ps []DosePoint, indicator string) []string {
	var out []string
	var levers []string
	for _, p := range ps {
		if p.Indicator == indicator && !slices.Contains(levers, p.Lever) {
			levers = append(levers, p.Lever)
		}
	}
	for _, lever := range levers {
		var half, full DosePoint
		full.Intensity = math.Inf(-1)
		for _, p := range ps {
			if p.Lever != lever || p.Indicator != indicator {
				continue
			}
			if p.Intensity == 0.5 {
				half = p
			}
			if p.Intensity > full.Intensity {
				full = p
			}
		}
		s := fmt.Sprintf("%s: effect on %s at intensity %g %s [%s, %s]", lever, strings.ToLower(figures.IndicatorTitle(indicator)), full.Intensity,
			signed(full.Mean, indicator), signed(full.Low, indicator), signed(full.High, indicator))
		switch {
		case half.N > 0 && (full.Low > 0 || full.High < 0):
			s += fmt.Sprintf("; at 0.5, %s, %s of it", signed(half.Mean, indicator), pct(half.Mean/full.Mean))
		case half.N > 0:
			// No measurable effect at full intensity: a share of it
			// would be a ratio of noises.
			s += fmt.Sprintf("; at 0.5, %s [%s, %s]; no measurable effect at full intensity, so no share of it",
				signed(half.Mean, indicator), signed(half.Low, indicator), signed(half.High, indicator))
		}
		out = append(out, s+".")
	}
	return out
}
