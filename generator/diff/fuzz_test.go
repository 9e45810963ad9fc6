package diff

import (
	"testing"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// FuzzWords checks the word diff on any two texts: the old side of the
// spans reassembles the old text and the new side the new one, byte for
// byte, white space included; a text compared with itself has no change;
// the same texts give the same spans.
func FuzzWords(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""},
		{"within 48 hours", "within 24 hours"},
		{"Der Kunde prüft", "Die Kundin prüft"},
		{"see clause 4.2 below", "see clause 5.2 below"},
		{"a  b\n\nc\t", "a b\nc"},
		{"Zeile\r\nzwei", "Zeile\nzwei "},
		{"1.000,50 €", "1.000,75 €"},
		{"\u00a0vor\u2003Geviert", " vor Geviert"},
		{"\xff\xfe", "\xfe"},
		{"don’t-stop", "don't stop"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		spans := Words(a, b)
		if got := Old(spans); got != a {
			t.Fatalf("Old(Words(%q, %q)) = %q", a, b, got)
		}
		if got := New(spans); got != b {
			t.Fatalf("New(Words(%q, %q)) = %q", a, b, got)
		}
		for _, s := range spans {
			if s.Text == "" {
				t.Fatalf("Words(%q, %q) has an empty span: %v", a, b, spans)
			}
		}
		if same := Words(a, a); HasChanges(same) || Old(same) != a {
			t.Fatalf("Words(%q, itself) = %v", a, same)
		}
		if (a == b) == HasChanges(spans) {
			t.Fatalf("Words(%q, %q) has changes: %v", a, b, HasChanges(spans))
		}
		if again := Words(a, b); Plain(again) != Plain(spans) {
			t.Fatalf("Words(%q, %q) is not deterministic: %v, %v", a, b, spans, again)
		}
	})
}

// FuzzCompare puts fuzzed titles and texts into the minimal fixture and
// checks the document diff: the documents compared with themselves have no
// change, and every change of a canonical text, which a hash would see,
// shows in the diff in both directions.
func FuzzCompare(f *testing.F) {
	base, s := testportal.Documents(f, testportal.Minimal(f)), testportal.Strings(f)
	meta := canonical.Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}
	for _, seed := range testportal.TextSeeds {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		fuzzed := testportal.WithTexts(base, title, body)
		for _, lang := range model.DefaultLanguages {
			self, err := Compare(fuzzed, fuzzed, lang, s)
			if err != nil {
				return // a reference to nothing, a forbidden link
			}
			if self.Changed() {
				t.Fatalf("the documents compared with themselves have changes: %+v", self.Documents)
			}
			for _, format := range []Format{FormatText, FormatMarkdown, FormatHTML} {
				if _, err := Render(self, format, false, s); err != nil {
					t.Fatal(err)
				}
			}
			forward, err := Compare(base, fuzzed, lang, s)
			if err != nil {
				t.Fatal(err)
			}
			backward, err := Compare(fuzzed, base, lang, s)
			if err != nil {
				t.Fatal(err)
			}
			for i, doc := range canonical.Documents {
				old, err := canonical.Text(base, doc, lang, meta, s)
				if err != nil {
					t.Fatal(err)
				}
				new, err := canonical.Text(fuzzed, doc, lang, meta, s)
				if err != nil {
					continue // not a text a version can have
				}
				if old != new && (!forward.Documents[i].Changed() || !backward.Documents[i].Changed()) {
					t.Fatalf("%s: the canonical text changed, the diff shows no change (forward %v, backward %v):\n%s\n%s",
						canonical.Key(doc, lang), forward.Documents[i].Changed(), backward.Documents[i].Changed(), old, new)
				}
			}
		}
	})
}
