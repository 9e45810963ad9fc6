package canonical

import (
	"flag"
	"github.com/trustportal/trustportal/generator/canonical/format1"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func minimal(t *testing.T) (*model.Documents, *l10n.Strings) {
	t.Helper()
	return testportal.Documents(t, testportal.Minimal(t)), testportal.Strings(t)
}

// TestGolden pins format 1: a change here changes the hash of every
// released version, which the lock then refuses.
func TestGolden(t *testing.T) {
	d, s := minimal(t)
	texts, err := Texts(d, model.DefaultLanguages, Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}, s)
	if err != nil {
		t.Fatal(err)
	}
	for key, text := range texts {
		testportal.Golden(t, filepath.Join("testdata", "minimal-"+key+".txt"), text, *update)
	}
}

// TestGoldenEmptyList pins the text of a subprocessor list without
// entries: its header alone, as it has always been. The hashed text says
// nothing the data does not (the pages say "No subprocessors are listed").
func TestGoldenEmptyList(t *testing.T) {
	d, s := minimal(t)
	d.Subprocessors.List = nil
	for _, lang := range model.DefaultLanguages {
		text, err := Text(d, "subprocessors", lang, Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}, s)
		if err != nil {
			t.Fatal(err)
		}
		testportal.Golden(t, filepath.Join("testdata", "minimal-subprocessors-empty."+string(lang)+".txt"), text, *update)
	}
}

func TestFormatRules(t *testing.T) {
	d, s := minimal(t)
	// A decomposed ü (u + combining diaeresis) gives the same text as a
	// composed one, and so the same hash.
	composed := Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}
	a, _ := Text(d, "dpa", model.DE, composed, s)
	title := &d.DPA.Clauses[0].Title
	plain := title.In(model.DE)
	title.Set(model.DE, plain+"\u0075\u0308")
	b, _ := Text(d, "dpa", model.DE, composed, s)
	title.Set(model.DE, plain+"ü")
	c, _ := Text(d, "dpa", model.DE, composed, s)
	if b != c || a == b {
		t.Error("NFC normalisation does not make decomposed and composed text equal")
	}
	for _, text := range []string{a, b} {
		if !strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\n\n") || strings.Contains(text, " \n") || strings.Contains(text, "\r") {
			t.Errorf("text breaks the byte rules: %q", text[max(0, len(text)-40):])
		}
	}
	if h := Hash("abc\n"); h != "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb" {
		t.Errorf("Hash = %s", h)
	}
}

// TestLineEnds: CR LF becomes LF, and a CR before a line's end goes with
// the spaces and tabs there, so that no line ends in CR LF.
func TestLineEnds(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a \r\n\r\nb\t\r\n", "a\n\nb\n"},
		{"a\r \nb", "a\nb\n"},
		{"x\r\r\ny\r", "x\ny\n"},
		{"\r\n \r\nText\r\n\r\n", "Text\n"},
		{"mitten\rdrin\n", "mitten\rdrin\n"},
	}
	for _, tt := range tests {
		if got := format1.Finish(tt.in); got != tt.want {
			t.Errorf("finish(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInvalidUTF8: a text that is not UTF-8 is refused, not hashed.
func TestInvalidUTF8(t *testing.T) {
	d, s := minimal(t)
	d.DPA.Clauses[0].SubClauses[0].Body.Set(model.DE, "Gültig, und nicht g\xfcltig")
	_, err := Text(d, "dpa", model.DE, Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}, s)
	if err == nil || !strings.Contains(err.Error(), `"Gültig, und nicht g\xfcltig" is not valid UTF-8`) {
		t.Errorf("err = %v", err)
	}
}
