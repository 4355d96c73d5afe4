package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/sahelsim/sahelsim"

// imports returns the packages of the module (short paths, "agents",
// "internal/geo", …) and the module packages each imports, from go list.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	graph := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module+"/")
		graph[pkg] = nil
		for _, imp := range f[1:] {
			if short, ok := strings.CutPrefix(imp, module+"/"); ok {
				graph[pkg] = append(graph[pkg], short)
			}
		}
	}
	return graph
}

// TestImports checks the import rules of the module, each the claim of a
// package doc or of README's Layout section.
func TestImports(t *testing.T) {
	graph := imports(t)
	analysis := []string{"internal/sensitivity", "internal/validate", "internal/calibrate", "internal/acled",
		"internal/evidence", "internal/sweep", "internal/runner", "outputs", "outputs/figures", "outputs/report"}
	tests := []struct {
		pkg string
		// only lists every module package pkg may import; forbid the
		// ones it must not, where any other is allowed.
		only, forbid []string
		why          string
	}{
		{"sim", []string{}, nil, "the engine knows nothing of the model, files or terminals"},
		{"internal/design", []string{"sim"}, nil, "sweep designs depend on the seed alone"},
		{"agents", []string{"sim", "internal/geo", "internal/textdist"}, nil, "the model knows nothing of files, scenarios or its observers"},
		{"agents/epstein", []string{"sim"}, nil, "Epstein's model runs on the engine alone"},
		{"scenarios", nil, analysis, "the loader imports no analysis package"},
		{"internal/schema", []string{"sim", "internal/textdist"}, nil, "the schema engine names nothing of the model: its types are the schema"},
		{"internal/textdist", []string{}, nil, "edit distances are plain text"},
		{"internal/progress", []string{}, nil, "a progress meter counts, whatever it counts"},
		{"internal/shell", []string{}, nil, "quoting for the shell knows nothing of sweeps"},
		{"outputs", nil, []string{"internal/evidence", "internal/validate", "internal/calibrate", "internal/acled", "internal/sweep", "internal/runner", "internal/sensitivity"}, "the observers and the reader know nothing of the evidence or the analyses"},
		{"outputs/figures", nil, []string{"internal/evidence", "internal/validate", "internal/sweep", "internal/runner"}, "figures draw what outputs reads"},
		// The evidence is data, and so is its calendar: the training
		// window and its half-years are days of the standard library's
		// time, which the simulation's dates convert to (sim.Date.Time,
		// sim.DateOf), so that what the model is judged against depends
		// on no part of the model or its engine.
		{"internal/evidence", []string{}, nil, "the report's figures and the ACLED-derived data are data"},
	}
	for _, tt := range tests {
		got, ok := graph[tt.pkg]
		if !ok {
			t.Errorf("%s: no such package", tt.pkg)
			continue
		}
		for _, imp := range got {
			if tt.only != nil && !slices.Contains(tt.only, imp) || slices.Contains(tt.forbid, imp) {
				t.Errorf("%s imports %s: %s", tt.pkg, imp, tt.why)
			}
		}
	}
	for pkg, imps := range graph {
		for _, imp := range imps {
			if strings.HasPrefix(imp, "cmd/") {
				t.Errorf("%s imports %s: commands are imported by nothing", pkg, imp)
			}
			if imp == "internal/cli" && !strings.HasPrefix(pkg, "cmd/") {
				t.Errorf("%s imports internal/cli: how a command ends is the commands' business", pkg)
			}
		}
	}
}

// TestSimNamesNoSahel checks that package sim names nothing of the Sahel
// model in its exported API: the grid keeps geometry (cells, neighbours,
// regions, countries, places, borders), and the model's layers (gold,
// transit, protected areas, trafficking corridors and routes) are
// internal/geo's Layers, held by the model's World (see README's Layout).
func TestSimNamesNoSahel(t *testing.T) {
	sahel := []string{"sahel", "jnim", "isgs", "mali", "burkina", "niger", "gold", "transit", "protected",
		"trafficking", "route", "militant", "fighter", "group", "coalition", "zone", "militia", "mining", "smuggl"}
	files, err := filepath.Glob("../../sim/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("sim's files: %v", err)
	}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var names []*ast.Ident // what sim declares, not what it uses
			switch d := n.(type) {
			case *ast.FuncDecl:
				names = []*ast.Ident{d.Name}
			case *ast.TypeSpec:
				names = []*ast.Ident{d.Name}
			case *ast.ValueSpec:
				names = d.Names
			case *ast.Field:
				names = d.Names
			}
			for _, id := range names {
				if !id.IsExported() {
					continue
				}
				for _, w := range sahel {
					if strings.Contains(strings.ToLower(id.Name), w) {
						t.Errorf("%s: sim names %s, a name of the Sahel model", fset.Position(id.Pos()), id.Name)
					}
				}
			}
			return true
		})
	}
}
