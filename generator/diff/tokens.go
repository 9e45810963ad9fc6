package diff

import (
	"unicode"
	"unicode/utf8"
)

// token is a word or sign of a text with the white space before it, as
// places in the text: the white space runs from the end of the token
// before it to text, the word or sign from text to end.
type token struct{ text, end int }

// tokenized is a text and its tokens.
type tokenized struct {
	s      string
	tokens []token
}

// space returns the white space before token i.
func (t tokenized) space(i int) string { return t.s[t.start(i):t.tokens[i].text] }

// word returns the word or sign of token i, without the space before it.
func (t tokenized) word(i int) string { return t.s[t.tokens[i].text:t.tokens[i].end] }

// size returns the length of token i with the space before it.
func (t tokenized) size(i int) int { return t.tokens[i].end - t.start(i) }

func (t tokenized) start(i int) int {
	if i == 0 {
		return 0
	}
	return t.tokens[i-1].end
}

// tokenize splits s into words and signs, each with the white space before
// it, in one pass over s:
//
//   - a word is a run of letters, marks and digits, with the apostrophes,
//     hyphens, dots, commas and slashes between them ("don’t", "4.2",
//     "1.000,50", "and/or");
//   - any other character is a sign of its own;
//   - white space is the ASCII kind (space, tab, line feed, carriage return,
//     form feed). A sign that Unicode counts as space (a no-break space) has
//     no text: it is white space before the next token;
//   - white space at the end of s is a token with no text.
//
// The tokens, joined, give s back byte for byte.
func tokenize(s string) tokenized {
	out := make([]token, 0, len(s)/6+1)
	for p := 0; p < len(s); {
		for p < len(s) && isSpace(s[p]) {
			p++
		}
		if p == len(s) {
			out = append(out, token{p, p})
			break
		}
		text := p
		if c := s[p]; c < utf8.RuneSelf {
			p++
			switch {
			case isASCIIWord(c):
				p = wordEnd(s, p)
			case c == '\v': // white space to Unicode, not a separator
				text = p
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[p:])
			p += size
			switch {
			case isWordRune(r):
				p = wordEnd(s, p)
			case unicode.IsSpace(r):
				text = p
			}
		}
		out = append(out, token{text, p})
	}
	return tokenized{s, out}
}

// isSpace reports whether c is ASCII white space, the separator of tokens.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// isWordRune reports whether r is a letter, mark or digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isJoiner reports whether r joins two runs of letters and digits into one
// word.
func isJoiner(r rune) bool {
	return r == '’' || r == '\'' || r == '-' || r == '.' || r == ',' || r == '/'
}

// wordEnd returns the end of the word in s that goes on at p.
func wordEnd(s string, p int) int {
	for p < len(s) {
		if isASCIIWord(s[p]) {
			p++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[p:])
		if isWordRune(r) {
			p += size
			continue
		}
		if !isJoiner(r) || p+size == len(s) {
			break
		}
		if next, _ := utf8.DecodeRuneInString(s[p+size:]); !isWordRune(next) {
			break
		}
		p += size
	}
	return p
}
