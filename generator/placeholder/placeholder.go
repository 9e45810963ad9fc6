// Package placeholder finds what still waits to be filled in in a portal
// project: every line of its working copy that holds the marker TODO, as
// `trustportal init` writes it into every value a legal team must give.
// check lists them as warnings; release refuses to freeze a version while
// any is left.
package placeholder

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/trustportal/trustportal/generator/problem"
)

// Marker marks a placeholder: the word TODO in capitals, anywhere in a line
// (a value, a Markdown text, or a TOML comment beside a value, as init
// writes it beside example.com addresses).
const Marker = "TODO"

// marker finds Marker as a word of its own (not in TODOS or xTODO).
var marker = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_])(` + Marker + `)(?:$|[^\p{L}\p{N}_])`)

// tomlKey is the key a TOML line assigns, for the problem's field.
var tomlKey = regexp.MustCompile(`^\s*([A-Za-z0-9_.-]+)\s*=`)

// Find returns one problem per line with a placeholder in the project fsys.
func Find(fsys fs.FS) (problem.List, error) {
	var out problem.List
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // a directory the project lacks
		}
		if d.IsDir() {
			if p == "data/releases" {
				return fs.SkipDir
			}
			return nil
		}
		if !searched(p) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out.Merge(inFile(p, data))
		return nil
	})
	return out, err
}

// searched reports whether the file at p is searched: the working copy of
// the data (data/*.toml) and the content (content/**/*.md), and the
// project's string tables (i18n/*.toml). Released versions
// (data/releases/) are not: they never change.
func searched(p string) bool {
	dir, name := path.Split(p)
	switch {
	case dir == "data/" || dir == "i18n/":
		return path.Ext(name) == ".toml"
	case strings.HasPrefix(p, "content/"):
		return path.Ext(name) == ".md"
	}
	return false
}

func inFile(name string, data []byte) problem.List {
	var out problem.List
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	isTOML := strings.HasSuffix(name, ".toml")
	fences := 0 // +++ lines seen: a Markdown file's front matter is TOML
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if !isTOML && strings.TrimSpace(text) == "+++" {
			fences++
		}
		m := marker.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		p := problem.Problem{File: name, Line: line, Col: m[2] + 1, Message: "placeholder " + quote(text[m[2]:])}
		if k := tomlKey.FindStringSubmatch(text); k != nil && (isTOML || fences == 1) {
			p.Field = k[1]
		}
		out.Add(p)
	}
	return out
}

// quote shows a placeholder from its marker to the end of its TOML string
// or its line, at most 100 characters.
func quote(s string) string {
	s, _, _ = strings.Cut(s, `"`)
	s = strings.TrimRight(s, " \t")
	if utf8.RuneCountInString(s) > 100 {
		s = string([]rune(s)[:100]) + "…"
	}
	return `"` + s + `"`
}
