// Package problem describes what is wrong with a portal's source: a Problem
// points at a file, line, column and field, says what is wrong and how to fix
// it. Every step of the generator reports all problems it finds at once as a
// List, which is an error.
package problem

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/sourcetext"
)

// Problem is one thing wrong with the source.
type Problem struct {
	File    string // path relative to the source directory, with forward slashes
	Line    int    // 1-based; 0 when the problem concerns the whole file
	Col     int    // 1-based; 0 when unknown
	Field   string // the field or key path, e.g. "subprocessor[3].address.country"
	Message string // what is wrong
	Hint    string // how to fix it; may be empty
}

// Error formats the problem as "file:line:col: field: message (hint)", the form
// editors and CI logs turn into links.
//
// Every part is written with sourcetext.Visible: a message may quote data,
// and a control or bidirectional character in it must not reorder or hide
// what the terminal shows.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(p.Hint)
	}
	return sourcetext.Visible(b.String())
}

// List is every problem found in one run. A non-empty List is an error.
type List []Problem

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// Merge appends the problems of other.
func (l *List) Merge(other List) { *l = append(*l, other...) }

// Err returns the list sorted by position, or nil if it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	sorted := slices.Clone(l)
	slices.SortStableFunc(sorted, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Field, b.Field),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(sorted)
}

func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	if len(l) > 1 {
		fmt.Fprintf(&b, "\n%d problems", len(l))
	}
	return b.String()
}
