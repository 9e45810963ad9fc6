package diff

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// regexpTokens is the tokenizer the word diff had before its scanner: the
// scanner must split every text exactly as it did, so that redlines do not
// change with it.
var regexpTokens = regexp.MustCompile(`\s*(?:[\p{L}\p{M}\p{N}]+(?:[’'\-.,/][\p{L}\p{M}\p{N}]+)*|\S)|\s+$`)

// spaced is a token as text: the white space before it, and its word or
// sign.
type spaced struct{ space, word string }

func tokenizeRegexp(s string) []spaced {
	var out []spaced
	for _, m := range regexpTokens.FindAllString(s, -1) {
		word := strings.TrimLeftFunc(m, unicode.IsSpace)
		out = append(out, spaced{m[:len(m)-len(word)], word})
	}
	return out
}

// tokenizerTexts returns texts to split: the fuzz corpus, the seed texts
// beside the repository (if there), the sample's data and content, and
// random strings of the characters that decide where tokens end.
func tokenizerTexts(t *testing.T) []string {
	var texts []string
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	files = append(files, seeds...)
	root := filepath.Join("..", "..")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".toml")) &&
			(strings.Contains(p, "data") || strings.Contains(p, "content")) {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	if len(texts) < 20 {
		t.Fatalf("only %d texts found", len(texts))
	}
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []string{"a", "Z", "7", "ä", "\u0301", "٣", "’", "'", "-", ".", ",", "/", " ", "\n", "\t", "\r", "\f", "\v",
		"\u00a0", "\u2003", "\u0085", "€", "\xff", "\xe2\x80", "\ufffd", ":", "(", "日"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestTokenizeAsTheRegexpDid: the scanner splits every text as the regular
// expression it replaces, and the tokens give the text back.
func TestTokenizeAsTheRegexpDid(t *testing.T) {
	for _, text := range tokenizerTexts(t) {
		tokens, want := tokenize(text), tokenizeRegexp(text)
		var got []spaced
		for i := range tokens.tokens {
			got = append(got, spaced{tokens.space(i), tokens.word(i)})
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, the regexp gives %d:\n%q\n%q", text, len(got), len(want), got, want)
		}
		var joined strings.Builder
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d is %q, the regexp gives %q", text, i, got[i], want[i])
			}
			joined.WriteString(got[i].space + got[i].word)
		}
		if joined.String() != text {
			t.Fatalf("%q: the tokens give %q", text, joined.String())
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	old, _ := benchTexts()
	b.SetBytes(int64(len(old)))
	for b.Loop() {
		tokenize(old)
	}
}
