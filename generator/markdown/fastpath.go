package markdown

import (
	"strings"
	"unicode/utf8"
)

// literal reports whether src is one line of text in which Markdown sees
// nothing but text: no character that can start or end any Markdown
// construct (emphasis, code, links, HTML, entities, escapes), no line break,
// no white space at either end (which could make it a code block), and no
// first character that could start a block (a list, a heading, a quote). Such
// a text is a single paragraph of exactly its characters, so Render and
// PlainText skip the parser for it; most texts of a TOM annex or a
// subprocessor list are like that. TestLiteral checks the shortcut against
// the parser.
func literal(src string) bool {
	if src == "" || !utf8.ValidString(src) || strings.TrimSpace(src) != src {
		return false
	}
	switch c := src[0]; {
	case c >= '0' && c <= '9', c == '-', c == '+', c == '=':
		return false
	}
	return !strings.ContainsAny(src, "\\`*_[]<>&!#|~\n\r\t\v\f\x00")
}

// literalHTML is Render's output for a literal text: one paragraph, with
// the double quote escaped as the renderer escapes it.
func literalHTML(src string) string {
	return "<p>" + strings.ReplaceAll(src, `"`, "&quot;") + "</p>"
}
