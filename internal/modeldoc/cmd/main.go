// Command modeldoc rewrites the generated tables of a Markdown file in
// place: go run ./internal/modeldoc/cmd agents/MODEL.md (the parameter
// tables; or go generate ./agents) and README.md (the output tables; or
// go generate ./outputs).
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sahelsim/sahelsim/internal/input"
	"github.com/sahelsim/sahelsim/internal/modeldoc"
	"github.com/sahelsim/sahelsim/outputs"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: modeldoc FILE.md")
		os.Exit(2)
	}
	if err := rewrite(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func rewrite(path string) error {
	b, err := input.ReadFile(path, input.MaxTable)
	if err != nil {
		return err
	}
	out, err := modeldoc.Replace(string(b))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return outputs.WriteFileAtomic(context.Background(), path, func(w io.Writer) error {
		_, err := io.WriteString(w, out)
		return err
	})
}
