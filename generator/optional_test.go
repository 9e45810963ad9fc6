package generator_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// sparseEdits turn the minimal fixture into a DPA that states little: no
// DPO, register, representatives, governing law or jurisdiction, no
// duration, a region as place of processing, a subprocessor with name,
// address and service only; and, where facts are given, the new forms:
// two contacts for instructions (one by phone only), the processor's phone,
// a US address with its state.
var sparseEdits = []testportal.Edit{
	{File: "data/processor.toml", Old: "[dpo]\nname = \"Max Schutz\"\nemail = \"dpo@beispiel.example\"\n", New: ""},
	{File: "data/processor.toml", Old: "[register]\ncourt = { de = \"Amtsgericht Charlottenburg\", en = \"Charlottenburg Local Court\" }\nnumber = \"HRB 1\"\n", New: ""},
	{File: "data/processor.toml", Old: "[[representative]]\nname = \"Erika Muster\"\nrole = { de = \"Geschäftsführerin\", en = \"Managing Director\" }\n", New: ""},
	{File: "data/processor.toml", Old: "governing_law = \"DE\"\njurisdiction = { de = \"Berlin\", en = \"Berlin\" }\n", New: ""},
	{File: "data/processor.toml", Old: "website = \"https://beispiel.example/\"", New: "website = \"https://beispiel.example/\"\nphone = \"+49 30 5550100\""},
	{File: "data/processor.toml", Old: "[instructions]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"",
		New: "[[instructions]]\nname = \"Team Datenschutz\"\nemail = \"privacy@beispiel.example\"\n\n[[instructions]]\nname = \"Rechtsabteilung\"\nphone = \"+49 30 5550199\""},
	{File: "data/processing.toml", Old: "duration = { de = \"Laufzeit des Hauptvertrags\", en = \"Term of the main agreement\" }\n", New: ""},
	{File: "data/processing.toml", Old: "country = \"DE\"\ndescription = { de = \"Rechenzentrum in Berlin\", en = \"Data centre in Berlin\" }", New: `region = "eea"`},
	{File: "data/subprocessors.toml", Old: "since = 2022-01-01\ndpa_date = 2021-12-01\nurl = \"https://hoster.example/\"\nsafeguard = \"eu-eea\"\ncertifications = [\"ISO/IEC 27001\"]\ndata_categories = [\"contact-data\", \"usage-data\"]\nlocations = [{ country = \"DE\", city = \"Berlin\" }]\n", New: ""},
	{File: "data/subprocessors.toml", Old: "responsibilities = { de = \"Betrieb der Server\", en = \"Operating the servers\" }\n", New: ""},
	{File: "data/subprocessors.toml", Old: "  [subprocessor.contact]\n  name = \"Datenschutz\"\n  email = \"privacy@hoster.example\"\n", New: ""},
	{File: "data/subprocessors.toml", Old: "  city = \"San Francisco\"\n", New: "  city = \"San Francisco\"\n  region = \"CA\"\n"},
}

// labels returns the texts of the <dt> labels in sel.
func labels(sel *goquery.Selection) []string {
	var out []string
	sel.Find("dt").Each(func(_ int, s *goquery.Selection) { out = append(out, squash(s.Text())) })
	return out
}

// TestOmittedFactsRenderNothing: a fact the data leave out has no label,
// no placeholder ("keine", "none", "alle Kunden") and no invented sentence on
// any page; the facts given render, in their new forms.
func TestOmittedFactsRenderNothing(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t), sparseEdits...)
	out := buildFixture(t, src)
	s := &l10n.Must{S: testportal.Strings(t)}
	for _, lang := range model.DefaultLanguages {
		T := func(id string) string { return s.T(lang, id, nil) }
		page := func(p string) *goquery.Selection {
			return testportal.HTML(t, filepath.Join(out, string(lang), p, "index.html")).Find("main")
		}
		forbidden := []string{"alle Kunden", "all customers", "zugestimmt", "authorised", "Textform", "text form"}

		proc := page("processor")
		if n := proc.Find("section#dpo").Length(); n != 0 {
			t.Errorf("%s processor: a DPO section without a DPO", lang)
		}
		company := labels(proc.Find("section#company"))
		if want := []string{T("address"), T("phone"), T("website")}; !slices.Equal(company, want) {
			t.Errorf("%s processor: company labels %q, want %q", lang, company, want)
		}
		if got := squash(proc.Find("section#company dd").Eq(1).Text()); got != "+49 30 5550100" {
			t.Errorf("%s processor: phone %q", lang, got)
		}
		if n := proc.Find("section#instructions dl.facts").Length(); n != 2 {
			t.Errorf("%s processor: %d instruction contacts, want 2", lang, n)
		}
		second := labels(proc.Find("section#instructions dl.facts").Eq(1))
		if want := []string{T("name"), T("phone")}; !slices.Equal(second, want) {
			t.Errorf("%s processor: second contact's labels %q, want %q", lang, second, want)
		}
		if contract := labels(proc.Find("section#contract")); !slices.Equal(contract, []string{T("bindingLanguage")}) {
			t.Errorf("%s processor: contract labels %q, want the binding language only", lang, contract)
		}

		annex := page("dpa").Find("section.annex")
		if got, want := labels(annex), []string{T("subjectMatter"), T("nature"), T("purpose"), T("dataCategories"), T("dataSubjects"), T("locations")}; !slices.Equal(got, want) {
			t.Errorf("%s annex 1: labels %q, want %q", lang, got, want)
		}
		if got, want := squash(annex.Find("dd").Last().Text()), T("region_eea"); got != want {
			t.Errorf("%s annex 1: place %q, want %q", lang, got, want)
		}

		subs := page("subprocessors")
		if got, want := labels(subs.Find("section#hoster")), []string{T("address"), T("thPurpose")}; !slices.Equal(got, want) {
			t.Errorf("%s subprocessors: hoster's labels %q, want %q", lang, got, want)
		}
		if got := squash(subs.Find("section#monitor address").Text()); !strings.HasPrefix(got, "1 Main St, San Francisco, CA 94105, ") {
			t.Errorf("%s subprocessors: US address %q", lang, got)
		}
		row := subs.Find("tr[data-subprocessor=hoster] td")
		if got := squash(row.Eq(1).Text() + row.Eq(3).Text() + row.Eq(4).Text()); got != "" {
			t.Errorf("%s subprocessors: hoster's empty cells say %q", lang, got)
		}

		for _, p := range []string{"processor", "dpa", "subprocessors"} {
			page(p).Find("dd, td").Each(func(_ int, dd *goquery.Selection) {
				if v := squash(dd.Text()); v == T("none") || v == "" && dd.Is("dd") {
					t.Errorf("%s %s: a value %q after %q", lang, p, v, squash(dd.Prev().Text()))
				}
			})
			text := squash(page(p).Text())
			for _, f := range forbidden {
				if strings.Contains(text, f) {
					t.Errorf("%s %s: says %q, which the data do not", lang, p, f)
				}
			}
		}
	}
}

// TestSpecialCategoriesStatedNone: special_categories = "none" is stated as
// such; without it (TestOmittedFactsRenderNothing) nothing is said.
func TestSpecialCategoriesStatedNone(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t),
		testportal.Edit{File: "data/processing.toml", Old: "subject = ", New: "special_categories = \"none\"\nsubject = "})
	out := buildFixture(t, src)
	s := &l10n.Must{S: testportal.Strings(t)}
	for _, lang := range model.DefaultLanguages {
		annex := testportal.HTML(t, filepath.Join(out, string(lang), "dpa", "index.html")).Find("section.annex")
		var got string
		annex.Find("dt").Each(func(i int, dt *goquery.Selection) {
			if squash(dt.Text()) == s.T(lang, "specialCategories", nil) {
				got = squash(dt.Next().Text())
			}
		})
		if want := s.T(lang, "none", nil); got != want {
			t.Errorf("%s: special categories say %q, want %q", lang, got, want)
		}
	}
}
