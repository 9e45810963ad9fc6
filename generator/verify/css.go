package verify

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// urlFunctions are the CSS functions whose string arguments are URLs the
// browser loads: url() and src() (also as a string), image-set() with bare
// strings, image() and cross-fade().
var urlFunctions = []string{"url", "src", "image-set", "image", "cross-fade"}

// cssURLs returns every URL a stylesheet (or a style attribute) makes the
// browser load, read with a CSS tokenizer as a browser reads it: url(…) in
// any spelling (escapes such as \75 rl( included), strings inside
// image-set() and the like, and @import "…".
func cssURLs(style string) []string {
	var out []string
	lex := css.NewLexer(parse.NewInputString(style))
	var funcs []string // the open functions, innermost last
	importing := false // after @import, before its first value
	for {
		tt, raw := lex.Next()
		switch tt {
		case css.ErrorToken:
			return out
		case css.WhitespaceToken, css.CommentToken:
			continue
		case css.URLToken:
			out = append(out, urlTokenValue(raw))
		case css.AtKeywordToken:
			importing = strings.EqualFold(cssUnescape(string(raw)), "@import")
			continue
		case css.FunctionToken:
			name := strings.ToLower(cssUnescape(strings.TrimSuffix(string(raw), "(")))
			name = strings.TrimPrefix(strings.TrimPrefix(name, "-webkit-"), "-moz-")
			if name == "url" { // an escaped url(: the tokenizer did not see it
				out = append(out, strings.TrimSpace(cssUnescape(rawUntilParen(lex))))
				break
			}
			funcs = append(funcs, name)
		case css.LeftParenthesisToken:
			funcs = append(funcs, "")
		case css.RightParenthesisToken:
			if len(funcs) > 0 {
				funcs = funcs[:len(funcs)-1]
			}
		case css.StringToken:
			inURLFunction := len(funcs) > 0 && slices.Contains(urlFunctions, funcs[len(funcs)-1])
			if inURLFunction || importing {
				out = append(out, cssString(raw))
			}
		}
		importing = false
	}
}

// rawUntilParen returns the text of the tokens up to the closing
// parenthesis, which it consumes.
func rawUntilParen(lex *css.Lexer) string {
	var b strings.Builder
	for {
		tt, raw := lex.Next()
		if tt == css.ErrorToken || tt == css.RightParenthesisToken {
			return strings.Trim(b.String(), `"'`)
		}
		if tt == css.StringToken {
			raw = []byte(cssString(raw))
		}
		b.Write(raw)
	}
}

// urlTokenValue returns the URL of a url(…) token.
func urlTokenValue(raw []byte) string {
	inner := raw[bytes.IndexByte(raw, '(')+1:]
	inner = bytes.TrimSpace(bytes.TrimSuffix(inner, []byte(")")))
	if len(inner) > 0 && (inner[0] == '"' || inner[0] == '\'') {
		return cssString(inner)
	}
	return cssUnescape(string(inner))
}

// cssString returns the value of a quoted CSS string token.
func cssString(raw []byte) string {
	s := string(raw)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		s = strings.TrimSuffix(s, string(q))
	}
	s = strings.ReplaceAll(s, "\\\r\n", "")
	s = strings.ReplaceAll(s, "\\\n", "")
	return cssUnescape(s)
}

// cssUnescape resolves CSS escapes: a backslash and up to six hex digits
// (and one following space), or a backslash and any other character.
func cssUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && j < i+7 && isHex(s[j]) {
			j++
		}
		if j == i+1 { // an escaped character
			r, size := utf8.DecodeRuneInString(s[j:])
			b.WriteRune(r)
			i = j + size - 1
			continue
		}
		n, _ := strconv.ParseUint(s[i+1:j], 16, 32)
		r := rune(n)
		if r == 0 || r > utf8.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++
		}
		i = j - 1
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
