package markdown

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// PlainText renders src as plain text, references resolved by r to their
// text: what a reader reads, without markup. It is the form the canonical
// text and the word diffs use (docs/canonical.md):
//
//   - blocks are separated by one empty line;
//   - a paragraph is one line: soft line breaks become spaces;
//   - a list item starts with "- " or "N. ", its continuation and nested
//     blocks are indented by the width of that marker;
//   - emphasis, code and link markup are dropped, their text kept;
//   - a block quote's lines start with "> ", a code block's lines are
//     indented by four spaces.
func PlainText(src string, r Resolver) (string, error) {
	if literal(src) {
		return src, nil
	}
	source := []byte(src)
	doc, err := parseResolved(source, r)
	if err != nil {
		return "", err
	}
	var blocks []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		blocks = append(blocks, block(n, source))
	}
	return strings.Join(blocks, "\n\n"), nil
}

func block(n ast.Node, source []byte) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return inline(n, source)
	case *ast.List:
		var items []string
		num := n.Start
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			marker := "- "
			if n.IsOrdered() {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			var parts []string
			for c := it.FirstChild(); c != nil; c = c.NextSibling() {
				parts = append(parts, block(c, source))
			}
			sep := "\n"
			if !n.IsTight {
				sep = "\n\n"
			}
			items = append(items, marker+indent(strings.Join(parts, sep), len(marker)))
		}
		if n.IsTight {
			return strings.Join(items, "\n")
		}
		return strings.Join(items, "\n\n")
	case *ast.Blockquote:
		var parts []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			parts = append(parts, block(c, source))
		}
		return "> " + strings.ReplaceAll(strings.Join(parts, "\n\n"), "\n", "\n> ")
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b.WriteString("    " + strings.TrimRight(string(seg.Value(source)), "\n") + "\n")
		}
		return strings.TrimRight(b.String(), "\n")
	case *ast.ThematicBreak:
		return "---"
	case *ast.Heading:
		return inline(n, source)
	}
	return fmt.Sprintf("[%s]", n.Kind())
}

func indent(s string, width int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", width))
}

// inline returns the text of an inline container on one line.
func inline(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if txt, ok := t.(*ast.Text); ok {
					b.Write(txt.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(source))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
