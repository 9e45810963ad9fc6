package canonical

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// formatError returns what in text breaks the byte rules of
// docs/canonical.md, or "".
func formatError(text string) string {
	switch {
	case !utf8.ValidString(text):
		return "not valid UTF-8"
	case !norm.NFC.IsNormalString(text):
		return "not in NFC"
	case strings.Contains(text, "\r\n"):
		return "a line ends in CR LF"
	case !strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\n\n"):
		return "does not end with exactly one LF"
	case strings.HasPrefix(text, "\n"):
		return "starts with an empty line"
	}
	for i, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return fmt.Sprintf("line %d ends in white space: %q", i+1, line)
		}
	}
	return ""
}

// FuzzText puts fuzzed titles and texts into every document of the minimal
// fixture and checks that each canonical text is deterministic and keeps the
// byte rules of docs/canonical.md, or that Text fails (a reference to
// nothing, a forbidden link).
func FuzzText(f *testing.F) {
	d, s := testportal.Documents(f, testportal.Minimal(f)), testportal.Strings(f)
	meta := Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}
	for _, seed := range testportal.TextSeeds {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		fuzzed := testportal.WithTexts(d, title, body)
		for _, doc := range Documents {
			for _, lang := range model.DefaultLanguages {
				text, err := Text(fuzzed, doc, lang, meta, s)
				again, err2 := Text(fuzzed, doc, lang, meta, s)
				if text != again || (err == nil) != (err2 == nil) {
					t.Fatalf("%s is not deterministic", Key(doc, lang))
				}
				if err != nil {
					continue
				}
				if msg := formatError(text); msg != "" {
					t.Fatalf("canonical text of %s: %s\n%q", Key(doc, lang), msg, text)
				}
			}
		}
	})
}
