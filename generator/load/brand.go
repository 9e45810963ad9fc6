package load

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// brandTrees are where the brand's files may be: trees that Links checks,
// so that no file is read through a link.
var brandTrees = []string{"assets/", "static/"}

// brandFiles reads the files the brand names into b.Files. A path outside
// assets/ or static/, or a file that is missing, is a problem; what the
// files hold is for validate.
func (l *loader) brandFiles(b *model.Brand) {
	for _, field := range model.BrandFiles {
		name := b.File(field)
		if name == "" {
			continue
		}
		at := b.Src.At(field)
		report := func(msg, hint string) {
			l.problems.Add(problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: b.Src.FieldPath(field), Message: msg, Hint: hint})
		}
		inTree := false
		for _, t := range brandTrees {
			inTree = inTree || strings.HasPrefix(name, t)
		}
		if !fs.ValidPath(name) || !inTree {
			report(fmt.Sprintf("%q is not a path in the project's assets/ or static/", name),
				`give the file's path from the project's directory, with forward slashes, e.g. "assets/brand/logo.svg"`)
			continue
		}
		if fi, err := fs.Stat(l.fsys, name); err == nil && !fi.Mode().IsRegular() {
			report(fmt.Sprintf("%s is not a file", name), "name a file, e.g. \"assets/brand/logo.svg\"")
			continue
		}
		data, ok := l.read(name)
		if !ok {
			if l.ioErr == nil {
				report(fmt.Sprintf("file %s does not exist", name), "add the file to the project, or correct the path")
			}
			continue
		}
		if b.Files == nil {
			b.Files = map[string][]byte{}
		}
		b.Files[name] = data
	}
}
