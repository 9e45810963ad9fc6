package load_test

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/sourcetext"
)

// fuzzTOMLFiles are the TOML files FuzzLoadTOML replaces, by the fuzzed
// index.
var fuzzTOMLFiles = []string{load.SiteFile, load.WorkingCopy.Processor, load.WorkingCopy.Processing, load.WorkingCopy.TOMs, load.WorkingCopy.Subprocessors}

// checkFuzzed loads and validates the minimal project with file replaced by
// data and checks that every problem names a file and says what is wrong,
// and that a problem in the fuzzed file has a line if wantLines.
func checkFuzzed(t *testing.T, base fstest.MapFS, file string, data []byte, wantLines bool) problem.List {
	fsys := maps.Clone(base)
	fsys[file] = &fstest.MapFile{Data: data}
	problems := problemsOf(t, fsys)
	for _, p := range problems {
		if p.File == "" || p.Message == "" {
			t.Errorf("problem without file or message: %+v", p)
		}
		if wantLines && p.File == file && p.Line <= 0 {
			t.Errorf("problem without a line: %s", p.Error())
		}
	}
	return problems
}

// FuzzLoadTOML puts the fuzzed bytes into one of the project's TOML files
// and loads and validates the project: nothing panics, every problem names
// its file, and, where the bytes are a TOML document, its line.
func FuzzLoadTOML(f *testing.F) {
	fsys := minimalFS(f, nil)
	for i, name := range fuzzTOMLFiles {
		f.Add(uint8(i), fsys[name].Data)
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		file := fuzzTOMLFiles[int(which)%len(fuzzTOMLFiles)]
		text := sourcetext.Normalize(data)
		var doc map[string]any
		_, err := toml.Decode(string(text), &doc)
		parses := err == nil && len(sourcetext.Check(text)) == 0
		checkFuzzed(t, fsys, file, data, parses)
	})
}

// FuzzLoadMarkdown puts the fuzzed bytes into a DPA clause file (TOML front
// matter between +++ lines, sub-clauses marked {#id}) and loads and
// validates the project: nothing panics, and every problem names its file
// and, in the clause file, its line.
func FuzzLoadMarkdown(f *testing.F) {
	const file = "content/dpa/scope.en.md"
	fsys := minimalFS(f, nil)
	f.Add(fsys[file].Data)
	f.Add(fsys["content/dpa/security.en.md"].Data)
	f.Fuzz(func(t *testing.T, data []byte) {
		problems := checkFuzzed(t, fsys, file, data, true)
		// The German file is unchanged: a clause file that reads gives a
		// clause whose sub-clauses are compared with it, never a panic.
		if len(problems) == 0 && !strings.Contains(string(data), "{#") {
			t.Errorf("a clause file without sub-clauses is accepted next to a German one with two")
		}
	})
}
