package emit

import (
	"path"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// What the rendered site must contain, so that a build whose Hugo run
// published less (an empty site, a page a layout override lost) is never
// published: every output of every generated page in its language, every
// static file of the theme and the generator (the canonical texts) and, with
// PDFs, every PDF.

// outputFiles names the file Hugo writes for each output format of a
// generated page (see outputFormats in config), in the page's directory
// below its language, or below the site root for a root format.
var outputFiles = map[string]struct {
	name string
	root bool
}{
	"html":        {name: "index.html"},
	"embed":       {name: "embed.html"},
	"atom":        {name: "feed.xml"},
	"jsonfeed":    {name: "feed.json"},
	"searchindex": {name: "index.json"},
	"manifest":    {name: "dpa.json", root: true},
}

// expectPage records the files of the page at path in lang, rendered in
// outputs (none: HTML only).
func (e *emitter) expectPage(lang model.Lang, dir string, outputs []string) {
	if len(outputs) == 0 {
		outputs = []string{"html"}
	}
	for _, o := range outputs {
		f, ok := outputFiles[o]
		if !ok {
			panic("emit: no file name known for output format " + o)
		}
		if f.root {
			e.pageFiles = append(e.pageFiles, path.Join(dir, f.name))
		} else {
			e.pageFiles = append(e.pageFiles, path.Join(string(lang), dir, f.name))
		}
	}
}

// expectedFiles lists the files the rendered site must contain, relative to
// its root with forward slashes, sorted.
func (e *emitter) expectedFiles() []string {
	files := slices.Clone(e.pageFiles)
	for name := range e.files {
		for _, static := range []string{"static/", "themes/" + ThemeName + "/static/"} {
			if rel, ok := strings.CutPrefix(name, static); ok {
				files = append(files, rel)
			}
		}
	}
	for _, p := range e.pdfs {
		files = append(files, strings.TrimPrefix(strings.TrimPrefix(p.File, e.u.base), "/"))
	}
	slices.Sort(files)
	return slices.Compact(files)
}
