package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// texts returns the trimmed, space-normalised text of each element sel
// matches.
func texts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Text()), " "))
	})
	return out
}

// TestContractStructure builds the fixture whose data/dpa.toml gives the
// contract's own numbering, party terms and annexes, after releasing it and
// then changing the German numbering and releasing again: each release
// keeps the structure it was released with.
func TestContractStructure(t *testing.T) {
	src := testportal.Copy(t, testportal.Structure(t))
	if _, err := generator.Release(src, release.Request{Version: "1.0", Effective: model.NewDate(2026, 1, 15), Today: model.NewDate(2026, 1, 15)}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src, "data", "releases", "1.0", "dpa.toml")); err != nil {
		t.Fatalf("the release has no copy of data/dpa.toml: %v", err)
	}
	src = testportal.Copy(t, src, testportal.Edit{File: "data/dpa.toml",
		Old: `numbering = { de = "paragraph", en = "section" }`, New: "numbering = { de = \"point\", en = \"section\" }\nsubclauses = \"letters\"\nparties_block = false"})
	if _, err := generator.Release(src, release.Request{Version: "2.0", Effective: model.NewDate(2026, 6, 1), Today: model.NewDate(2026, 6, 1), NotMaterial: "numbers the clauses in the contract's own style"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: src, Out: out, Today: model.NewDate(2026, 2, 1)}); err != nil {
		t.Fatal(err)
	}
	page := func(p string) *goquery.Document {
		return testportal.HTML(t, filepath.Join(out, filepath.FromSlash(p), "index.html"))
	}

	tests := []struct {
		page, sel string
		want      []string
	}{
		// Headings and table of contents in the page's style.
		{"de/dpa/1.0", ".clause > h2 .num", []string{"§ 1", "§ 2", "§ 3"}},
		{"de/dpa/1.0", "#toc li:not(.toc__annex) .num", []string{"§ 1", "§ 2", "§ 3"}},
		{"de/dpa/1.0", "#scope .subclause > .num", []string{"(1)", "(2)"}},
		{"en/dpa/1.0", ".clause > h2 .num", []string{"Section 1", "Section 2", "Section 3"}},
		{"en/dpa/1.0", "#scope .subclause > .num", []string{"1.1", "1.2"}},
		{"de/dpa/2.0", ".clause > h2 .num", []string{"Punkt 1", "Punkt 2", "Punkt 3"}},
		{"de/dpa/2.0", "#scope .subclause > .num", []string{"(a)", "(b)"}},
		// References in the style, to clauses and to the configured annex.
		{"de/dpa/1.0", "#scope-instructions a", []string{"§ 2 Abs. 1", "§ 2"}},
		{"en/dpa/1.0", "#scope-instructions a", []string{"Section 2.1", "Section 2"}},
		{"de/dpa/2.0", "#scope-instructions a", []string{"Punkt 2 lit. a", "Punkt 2"}},
		{"de/dpa/1.0", "#scope-subject a", []string{"§ 3"}},
		{"de/dpa/1.0", "#security-measures a", []string{"Anlage A", "Anlage A, Maßnahme 1.1"}},
		{"en/dpa/1.0", "#security-subprocessors a", []string{"Annex A, section “Subprocessors”", "Monitor Inc."}},
		// The annexes: one annex A holding the TOMs and the subprocessors,
		// the processing details in clause 3 and not as a block.
		{"de/dpa/1.0", "#annexes li", []string{"Anlage A: Sicherheit und Unterauftragnehmer", "Anlage A, Abschnitt „Unterauftragsverarbeiter“"}},
		{"en/dpa/1.0", "#toc .toc__annex", []string{"Annex A: Security and subcontractors", "Annex A, section “Subprocessors”"}},
		{"de/dpa/1.0", "#annex-processing", nil},
		{"de/toms/1.0", ".eyebrow", []string{"Anlage A · Anlage zum Auftragsverarbeitungsvertrag"}},
		{"de/toms/1.0", "h1", []string{"Sicherheit und Unterauftragnehmer"}},
		{"en/subprocessors/1.0", ".eyebrow", []string{"Annex A, section “Subprocessors” · Annex to the Data Processing Agreement"}},
		// The parties by their defined terms.
		{"de/dpa/1.0", ".party__role", []string{"– nachfolgend „Auftraggeber“ –", "– Auftragsverarbeiter, nachfolgend „Auftragnehmer“ –"}},
		{"en/dpa/1.0", ".party__role", []string{"– hereinafter “Client” –", "– processor, hereinafter “Contractor” –"}},
		{"en/dpa/1.0", ".parties p.party", []string{"the controller under the main agreement– hereinafter “Client” –"}},
		// A DPA that names its parties itself gets no parties block.
		{"en/dpa/2.0", ".parties", nil},
		{"de/dpa/2.0", ".party__role", nil},
	}
	for _, tt := range tests {
		t.Run(tt.page+" "+tt.sel, func(t *testing.T) {
			got := texts(page(tt.page), tt.sel)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
