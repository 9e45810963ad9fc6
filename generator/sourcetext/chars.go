package sourcetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// Refused reports whether r may not appear in a source file: control
// characters other than tab and line feed (escape sequences among them),
// invisible format characters (bidirectional overrides and isolates,
// zero-width spaces and joiners, a byte order mark inside the text, …),
// line and paragraph separators, the Hangul fillers that render as nothing,
// and noncharacters. The soft hyphen (U+00AD) is a format character that
// legal texts use for hyphenation; it and every kind of space are allowed.
func Refused(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\u00AD':
		return false
	case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
		return true
	case r == '\u2028' || r == '\u2029':
		return true
	case r == '\u115F' || r == '\u1160' || r == '\u3164' || r == '\uFFA0':
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	}
	return false
}

// Flaw is a character a source file may not contain, or bytes that are not
// UTF-8.
type Flaw struct {
	Offset    int  // byte offset in the text
	Line, Col int  // 1-based; Col counts bytes, as the positions of keys do
	Rune      rune // the character; utf8.RuneError for bytes that are not UTF-8
	Byte      byte // the first byte that is not UTF-8, if Rune is utf8.RuneError
}

// Invalid reports whether the flaw is bytes that are not UTF-8.
func (f Flaw) Invalid() bool { return f.Rune == utf8.RuneError }

// Check returns every refused character in text, and every byte sequence
// that is not UTF-8, in order. Call it on normalised text: a carriage return
// is a flaw only where it is not part of a CRLF line end.
func Check(text []byte) []Flaw {
	var out []Flaw
	line, lineStart := 1, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line, lineStart = line+1, i+1
			} else if Refused(rune(c)) {
				out = append(out, Flaw{Offset: i, Line: line, Col: i - lineStart + 1, Rune: rune(c)})
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if (r == utf8.RuneError && size == 1) || Refused(r) {
			out = append(out, Flaw{Offset: i, Line: line, Col: i - lineStart + 1, Rune: r, Byte: c})
		}
		i += size
	}
	return out
}

// Name returns how messages name r: its code point and Unicode name,
// "U+202E RIGHT-TO-LEFT OVERRIDE".
func Name(r rune) string {
	name := runenames.Name(r)
	if name == "" || strings.HasPrefix(name, "<") { // control characters are named <control>
		if alias, ok := controlNames[r]; ok {
			name = alias
		} else {
			name = "control character"
		}
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

// controlNames are the Unicode name aliases of the control characters that
// turn up in text files.
var controlNames = map[rune]string{
	0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION",
	0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
	0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER",
}

// Message says what is wrong: "character U+202E RIGHT-TO-LEFT OVERRIDE is
// not allowed", or "text is not UTF-8".
func (f Flaw) Message() string {
	if f.Invalid() {
		return "text is not UTF-8"
	}
	return "character " + Name(f.Rune) + " is not allowed"
}

// Why says why a flaw's character is refused and how to remove it.
func (f Flaw) Why() string {
	const del = "delete it: most editors show it when you move the cursor over it, or search for \\u%04X with regular expressions on"
	r := f.Rune
	switch {
	case f.Invalid():
		return fmt.Sprintf("byte 0x%02X is not UTF-8: the file was saved in another encoding (Latin-1 or Windows-1252 write ä as 0xE4); save it as UTF-8", f.Byte)
	case r == '\r':
		return "a carriage return without a line feed: save the file with LF (or CRLF) line ends"
	case r == 0x1B || r == 0x9B:
		return "it starts a terminal escape sequence, which can recolour, move or hide text in trustportal diff and git diff; " + fmt.Sprintf(del, r)
	case (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C:
		return "it reorders how the text around it is shown, so a reviewer reads something other than what is stored; " + fmt.Sprintf(del, r)
	case r == 0x2028 || r == 0x2029:
		return "some programs break the line there and others do not; end the line with an ordinary line break, or " + fmt.Sprintf(del, r)
	case unicode.Is(unicode.Cc, r):
		return "control characters have no place in a text; " + fmt.Sprintf(del, r)
	}
	return "it is invisible, so two texts that look the same can differ; a non-breaking space (U+00A0) or soft hyphen (U+00AD) is fine; " + fmt.Sprintf(del, r)
}

// Visible returns s with every refused character written as <U+202E> and
// every byte that is not UTF-8 as <0xE4>, for output a person reads: a
// terminal, a pull request, a redline. Other text is unchanged.
func Visible(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r == utf8.RuneError || Refused(r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "<0x%02X>", s[i])
		case Refused(r):
			fmt.Fprintf(&b, "<U+%04X>", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
