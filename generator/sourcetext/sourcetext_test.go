package sourcetext

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a = 1\nb = 2\n", "a = 1\nb = 2\n"},
		{"a = 1\r\nb = 2\r\n", "a = 1\nb = 2\n"},
		{"\uFEFFa = 1\r\n", "a = 1\n"},
		{"a\rb\n", "a\rb\n"},                     // a lone CR stays, for Check to report
		{"a = \"\uFEFF\"\n", "a = \"\uFEFF\"\n"}, // only a leading mark is dropped
	}
	for _, tt := range tests {
		if got := string(Normalize([]byte(tt.in))); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHash: an LF file hashes as its bytes (so every lock written so far
// still verifies); the same file with CRLF line ends or a byte order mark
// hashes the same.
func TestHash(t *testing.T) {
	lf := "version = \"1.0\"\nnotes = { de = \"Ä\", en = \"A\" }\n"
	sum := sha256.Sum256([]byte(lf))
	want := hex.EncodeToString(sum[:])
	for _, in := range []string{lf, strings.ReplaceAll(lf, "\n", "\r\n"), "\uFEFF" + lf, "\uFEFF" + strings.ReplaceAll(lf, "\n", "\r\n")} {
		if got := Hash([]byte(in)); got != want {
			t.Errorf("Hash(%q) = %s, want %s", in, got, want)
		}
	}
	if Hash([]byte("a\rb")) == Hash([]byte("a\nb")) {
		t.Error("a lone CR hashes like LF")
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		in   string
		want []Flaw
	}{
		{"title = \"Zutritt\u00ADkontrolle\u00A0§ 1\u202Fz. B.\"\n\tx = 1\n", nil}, // soft hyphen, NBSP, narrow NBSP, tab
		{"a = \"x\u202Ey\"\n", []Flaw{{Offset: 6, Line: 1, Col: 7, Rune: 0x202E, Byte: 0xE2}}},
		{"a = 1\nb = \"\x1b[8m\"\n", []Flaw{{Offset: 11, Line: 2, Col: 6, Rune: 0x1B}}},
		{"a = \"\x00\"", []Flaw{{Offset: 5, Line: 1, Col: 6, Rune: 0}}},
		{"a\rb", []Flaw{{Offset: 1, Line: 1, Col: 2, Rune: '\r'}}},
		{"x\n\xe4y", []Flaw{{Offset: 2, Line: 2, Col: 1, Rune: 0xFFFD, Byte: 0xE4}}},
		{"ok \uFFFD", nil}, // a replacement character that is written as such is text
		{"a\u200Bb\u2066c\u2028d\uFEFFe\u3164", []Flaw{
			{Offset: 1, Line: 1, Col: 2, Rune: 0x200B, Byte: 0xE2},
			{Offset: 5, Line: 1, Col: 6, Rune: 0x2066, Byte: 0xE2},
			{Offset: 9, Line: 1, Col: 10, Rune: 0x2028, Byte: 0xE2},
			{Offset: 13, Line: 1, Col: 14, Rune: 0xFEFF, Byte: 0xEF},
			{Offset: 17, Line: 1, Col: 18, Rune: 0x3164, Byte: 0xE3},
		}},
		{"tag\U000E0041", []Flaw{{Offset: 3, Line: 1, Col: 4, Rune: 0xE0041, Byte: 0xF3}}},
	}
	for _, tt := range tests {
		if got := Check([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("Check(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	tests := map[rune]string{
		0x202E: "U+202E RIGHT-TO-LEFT OVERRIDE",
		0x1B:   "U+001B ESCAPE",
		0x200B: "U+200B ZERO WIDTH SPACE",
		0x0E:   "U+000E control character",
	}
	for r, want := range tests {
		if got := Name(r); got != want {
			t.Errorf("Name(%U) = %q, want %q", r, got, want)
		}
	}
}

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain Zutritt\u00ADkontrolle\u00A0§ 1\ttab\nline", "plain Zutritt\u00ADkontrolle\u00A0§ 1\ttab\nline"},
		{"pay \u202E01$\u202C now", "pay <U+202E>01$<U+202C> now"},
		{"\x1b[8mhidden\x1b[0m", "<U+001B>[8mhidden<U+001B>[0m"},
		{"bad \xe4 byte, real \uFFFD", "bad <0xE4> byte, real \uFFFD"},
		{"zero\u200Bwidth", "zero<U+200B>width"},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
