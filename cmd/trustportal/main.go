// Command trustportal builds a bilingual trust portal (data processing
// agreement, TOM annex, subprocessor list) from a portal project's data and
// content, rendering it with Hugo in-process.
//
//	trustportal build [--source DIR] [--out DIR] [--hugo-source DIR]
//	trustportal serve [--source DIR] [--port N]
//	trustportal check [--source DIR]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/problem"
)

const usage = `trustportal builds a bilingual (German/English) trust portal from a portal
project: data/*.toml, content/dpa/*.md and optional layouts/ and i18n/ overrides.

Usage:
  trustportal build [--source DIR] [--out DIR] [--hugo-source DIR]
        validate, render with Hugo and publish to DIR/public (or --out);
        on any problem the previous site stays as it was
  trustportal serve [--source DIR] [--port 1313]
        preview on http://localhost:1313, rebuilt on every change
  trustportal check [--source DIR]
        validate only; list every problem

Exit status: 0 success, 1 problems in the source or a failed build, 2 usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	fset := flag.NewFlagSet("trustportal "+cmd, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, usage) }
	source := fset.String("source", ".", "the portal project `directory`")
	var out, hugoSource *string
	var port *int
	switch cmd {
	case "build":
		out = fset.String("out", "", "publish to this `directory` (default: public/ in the source)")
		hugoSource = fset.String("hugo-source", "", "keep the emitted Hugo project in this `directory`")
	case "serve":
		port = fset.Int("port", 1313, "port of the preview server")
	case "check":
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "trustportal: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "trustportal %s: unexpected argument %q\n", cmd, fset.Arg(0))
		return 2
	}

	var err error
	switch cmd {
	case "build":
		err = generator.Build(generator.Options{Source: *source, Out: *out, HugoSource: *hugoSource, Log: stderr})
		if err == nil {
			dest := *out
			if dest == "" {
				dest = "public/ in " + *source
			}
			fmt.Fprintf(stdout, "trustportal: built the portal into %s\n", dest)
		}
	case "serve":
		err = generator.Serve(*source, stderr, "--port", strconv.Itoa(*port))
	case "check":
		err = generator.Check(*source)
		if err == nil {
			fmt.Fprintln(stdout, "trustportal: no problems found")
		}
	}
	if err != nil {
		var list problem.List
		if errors.As(err, &list) {
			fmt.Fprintf(stderr, "%s\n", list.Error())
		} else {
			fmt.Fprintf(stderr, "trustportal %s: %v\n", cmd, err)
		}
		return 1
	}
	return 0
}
