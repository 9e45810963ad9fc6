// Package markdown reads the Markdown of clauses and pages: it checks what a
// legal text may contain, finds the references to clauses, annexes, measures
// and subprocessors, and renders HTML with those references resolved to
// numbered links in the reader's language.
//
// Clause text is CommonMark without raw HTML and images. Links go to
// https, http and mailto URLs, or are references written as Markdown links
// with a scheme: [](clause:oral-instructions), [](annex:toms).
package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Reference schemes.
const (
	SchemeClause       = "clause"
	SchemeAnnex        = "annex"
	SchemeArea         = "area"
	SchemeMeasure      = "measure"
	SchemeSubprocessor = "subprocessor"
)

// Annexes are the ids usable with the annex: scheme.
var Annexes = []string{"processing", "toms", "subprocessors"}

// Ref is a reference to an entity of the portal.
type Ref struct {
	Scheme, ID string
}

func (r Ref) String() string { return r.Scheme + ":" + r.ID }

// RefAt is a reference and the line it is written on, counted from the first
// line of the Markdown source (1).
type RefAt struct {
	Ref
	Line int
}

// Issue is something a legal text must not contain.
type Issue struct {
	Line    int // from the source's first line (1)
	Message string
	Hint    string
}

var md = goldmark.New()

// Check parses src and returns the references it makes and everything that
// is not allowed in it.
func Check(src string) ([]RefAt, []Issue) {
	if literal(src) { // no link, HTML, image or heading in it
		return nil, nil
	}
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	var refs []RefAt
	var issues []Issue
	if i := invalidUTF8(source); i >= 0 {
		issues = append(issues, Issue{1 + bytes.Count(source[:i], []byte("\n")), "text is not valid UTF-8",
			"save the file as UTF-8; the portal reads no other encoding"})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		line := func() int { return lineOf(source, n) }
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			issues = append(issues, Issue{line(), "raw HTML is not allowed",
				"write the text in Markdown; the portal renders and escapes it"})
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			issues = append(issues, Issue{line(), "images are not allowed in legal text",
				"describe the content in words"})
		case *ast.Heading:
			issues = append(issues, Issue{line(), "headings are not allowed inside a clause",
				"start a new clause file, or start a sub-clause with {#id} and put its heading right below"})
		case *ast.Link:
			ref, issue, ok := checkDest(string(n.Destination))
			if ok && ref != nil {
				refs = append(refs, RefAt{*ref, destLine(source, n, string(n.Destination))})
			}
			if !ok {
				issue.Line = destLine(source, n, string(n.Destination))
				issues = append(issues, issue)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				if _, issue, ok := checkDest(string(n.URL(source))); !ok {
					issue.Line = line()
					issues = append(issues, issue)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return refs, slices.Compact(issues)
}

// Empty reports whether src renders to nothing, as Render would (blank
// lines, link reference definitions). Pages leave out the section of an
// empty text, with its anchor.
func Empty(src string) bool {
	if literal(src) {
		return false
	}
	source := []byte(src)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, md.Parser().Parse(text.NewReader(source))); err != nil {
		return false
	}
	return strings.TrimSpace(buf.String()) == ""
}

// invalidUTF8 returns the offset of the first byte of source that is not
// UTF-8, or -1.
func invalidUTF8(source []byte) int {
	for i := 0; i < len(source); {
		r, size := utf8.DecodeRune(source[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// checkDest classifies a link destination: a reference (ref != nil), an
// allowed URL (ref == nil, ok) or a forbidden one (!ok, with an issue).
func checkDest(dest string) (ref *Ref, issue Issue, ok bool) {
	scheme, rest, hasScheme := strings.Cut(dest, ":")
	switch strings.ToLower(scheme) {
	case SchemeClause, SchemeAnnex, SchemeArea, SchemeMeasure, SchemeSubprocessor:
		if rest == "" {
			return nil, Issue{Message: fmt.Sprintf("reference %q has no id", dest),
				Hint: "write the id after the colon, e.g. [](clause:oral-instructions)"}, false
		}
		return &Ref{Scheme: scheme, ID: rest}, Issue{}, true
	case "https", "http":
		if strings.HasPrefix(rest, "//") && len(rest) > 2 {
			return nil, Issue{}, true
		}
	case "mailto":
		if rest != "" {
			return nil, Issue{}, true
		}
	}
	msg := fmt.Sprintf("link %q is not allowed", dest)
	if !hasScheme {
		msg = fmt.Sprintf("link %q has no scheme", dest)
	}
	return nil, Issue{Message: msg,
		Hint: "links must be https://, http:// or mailto: URLs, or references such as [](clause:id), [](annex:toms), [](measure:id), [](subprocessor:id)"}, false
}

// Resolver turns a reference into a link in one language.
type Resolver interface {
	// Resolve returns the link's URL and the text to show when the link
	// text is empty ("Ziffer 4.2").
	Resolve(r Ref) (href, text string, ok bool)
}

// Render renders src as HTML, references resolved by r. It fails on a
// reference r cannot resolve; Check reports those with a position first.
func Render(src string, r Resolver) (string, error) {
	if literal(src) {
		return literalHTML(src), nil
	}
	source := []byte(src)
	doc, err := parseResolved(source, r)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		return "", err
	}
	return strings.TrimSpace(buf.String()), nil
}

// parseResolved parses source and resolves its references with r: a
// reference link gets its URL and, if its text is empty, the text r gives.
func parseResolved(source []byte, r Resolver) (ast.Node, error) {
	doc := md.Parser().Parse(text.NewReader(source))
	var err error
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		ref, _, allowed := checkDest(string(link.Destination))
		if !allowed {
			err = fmt.Errorf("link %q is not allowed", link.Destination)
			return ast.WalkStop, nil
		}
		if ref == nil {
			return ast.WalkContinue, nil
		}
		href, txt, found := r.Resolve(*ref)
		if !found {
			err = fmt.Errorf("reference %s: no such %s", ref, ref.Scheme)
			return ast.WalkStop, nil
		}
		link.Destination = []byte(href)
		if link.ChildCount() == 0 {
			link.AppendChild(link, ast.NewString([]byte(txt)))
		}
		return ast.WalkSkipChildren, nil
	})
	return doc, err
}

// lineOf returns the 1-based line of a node: its own for a block, its
// nearest block ancestor's for an inline.
func lineOf(source []byte, n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return 1 + bytes.Count(source[:n.Lines().At(0).Start], []byte("\n"))
		}
		if html, ok := n.(*ast.RawHTML); ok && html.Segments.Len() > 0 {
			return 1 + bytes.Count(source[:html.Segments.At(0).Start], []byte("\n"))
		}
	}
	return 1
}

// destLine finds the line where a link's destination is written, searching
// from the start of its paragraph.
func destLine(source []byte, n ast.Node, dest string) int {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			start := p.Lines().At(0).Start
			if i := bytes.Index(source[start:], []byte(dest)); i >= 0 {
				return 1 + bytes.Count(source[:start+i], []byte("\n"))
			}
			return lineOf(source, p)
		}
	}
	return 1
}
