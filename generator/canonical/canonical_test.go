package canonical

import (
	"flag"
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
	texts, err := Texts(d, Meta{Version: "1.0", Effective: model.NewDate(2026, 1, 15)}, s)
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
	for _, lang := range model.Langs {
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
	d.DPA.Clauses[0].Title.De += "\u0075\u0308"
	b, _ := Text(d, "dpa", model.DE, composed, s)
	d.DPA.Clauses[0].Title.De = strings.TrimSuffix(d.DPA.Clauses[0].Title.De, "\u0075\u0308") + "ü"
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
