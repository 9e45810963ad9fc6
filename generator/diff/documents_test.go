package diff

import (
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

func docs(t *testing.T, edits ...testportal.Edit) *model.Documents {
	t.Helper()
	return testportal.Documents(t, testportal.Copy(t, testportal.Minimal(t), edits...))
}

func find(ss []Section, id string) *Section {
	for i := range ss {
		if ss[i].ID == id {
			return &ss[i]
		}
		if c := find(ss[i].Children, id); c != nil {
			return c
		}
	}
	return nil
}

func TestCompare(t *testing.T) {
	s := testportal.Strings(t)
	old := docs(t)
	new := docs(t,
		// A new first clause renumbers the others.
		testportal.Edit{File: "content/dpa/definitions.de.md", New: "+++\ntitle = \"Begriffe\"\nweight = 5\n+++\n\n{#terms}\nBegriffe wie in der DSGVO.\n"},
		testportal.Edit{File: "content/dpa/definitions.en.md", New: "+++\ntitle = \"Definitions\"\nweight = 5\n+++\n\n{#terms}\nTerms as in the GDPR.\n"},
		// A reworded sub-clause.
		testportal.Edit{File: "content/dpa/scope.en.md", Old: "It acts on instructions only", New: "It acts on documented instructions only"},
		// A measure removed, one added, one moved to another area.
		testportal.Edit{File: "data/toms.toml", Old: "  [[area.measure]]\n  id = \"visitors\"\n  text = { de = \"Besucher werden begleitet.\", en = \"Visitors are accompanied.\" }\n", New: "  [[area.measure]]\n  id = \"cctv\"\n  text = { de = \"Videoüberwachung der Eingänge.\", en = \"CCTV at the entrances.\" }\n"},
		testportal.Edit{File: "data/toms.toml", Old: "  [[area.measure]]\n  id = \"badges\"\n  text = { de = \"Zutritt nur mit Ausweis.\", en = \"Access with a badge only.\" }\n", New: ""},
		testportal.Edit{File: "data/toms.toml", Old: "  [[area.measure]]\n  id = \"tls\"", New: "  [[area.measure]]\n  id = \"badges\"\n  text = { de = \"Zutritt nur mit Ausweis.\", en = \"Access with a badge only.\" }\n\n  [[area.measure]]\n  id = \"tls\""},
		// The US subprocessor moves to the EU.
		testportal.Edit{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "eu-eea"`},
		testportal.Edit{File: "data/subprocessors.toml", Old: `locations = [{ country = "US" }]`, New: `locations = [{ country = "IE", city = "Dublin" }]`},
		testportal.Edit{File: "data/subprocessors.toml", Old: "  street = \"1 Main St\"\n  postal_code = \"94105\"\n  city = \"San Francisco\"\n  country = \"US\"", New: "  street = \"2 Dock Rd\"\n  postal_code = \"D02\"\n  city = \"Dublin\"\n  country = \"IE\""},
	)
	c, err := Compare(old, new, model.EN, s)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Changed() {
		t.Fatal("no change found")
	}
	dpa, toms, subs := c.Documents[0].Sections, c.Documents[1].Sections, c.Documents[2].Sections

	if s := find(dpa, "definitions"); s == nil || s.Status != Added || s.NewNumber != "1" {
		t.Errorf("added clause: %+v", s)
	}
	scope := find(dpa, "scope")
	if scope == nil || scope.Status != Changed || scope.OldNumber != "1" || scope.NewNumber != "2" || !scope.Renumbered() {
		t.Fatalf("renumbered clause: %+v", scope)
	}
	if scope.TextChanged() {
		t.Errorf("renumbering alone changed the clause's title or text: %v", Plain(scope.Title))
	}
	instr := find(dpa, "scope-instructions")
	if instr == nil || instr.OldNumber != "1.2" || instr.NewNumber != "2.2" {
		t.Fatalf("sub-clause: %+v", instr)
	}
	// The reword and the reference that followed the renumbering (clause
	// 2.1 is now 3.1) are the only changes.
	if got, want := Plain(instr.Text), "It acts on{+ documented+} instructions only, see clause [-2.1-]{+3.1+}."; got != want {
		t.Errorf("sub-clause text:\n got %s\nwant %s", got, want)
	}
	for _, s := range dpa {
		if s.Status == Removed {
			t.Errorf("section %s shown as removed", s.ID)
		}
	}

	if m := find(toms, "visitors"); m == nil || m.Status != Removed {
		t.Errorf("removed measure: %+v", m)
	}
	if m := find(toms, "cctv"); m == nil || m.Status != Added {
		t.Errorf("added measure: %+v", m)
	}
	if m := find(toms, "badges"); m == nil || m.Status != Changed || m.MovedFrom == "" || m.TextChanged() {
		t.Errorf("moved measure: %+v", m)
	}
	if n := strings.Count(Plain(toms[0].Children[0].Text), "[-"); toms[0].ID == "encryption" && n > 0 {
		t.Errorf("unchanged measure marked: %+v", toms[0].Children[0])
	}

	mon := find(subs, "monitor")
	if mon == nil || mon.Status != Changed {
		t.Fatalf("subprocessor: %+v", mon)
	}
	changedFields := map[string]bool{}
	for _, f := range mon.Children {
		if f.Status != Unchanged {
			changedFields[strings.TrimPrefix(f.ID, "monitor--")] = true
		}
	}
	for _, f := range []string{"address", "thLocations", "thSafeguard"} {
		if !changedFields[f] {
			t.Errorf("field %s not marked changed; changed: %v", f, changedFields)
		}
	}
	if len(changedFields) != 3 {
		t.Errorf("changed fields = %v, want address, locations and safeguard only", changedFields)
	}
	if hoster := find(subs, "hoster"); hoster == nil || hoster.Status != Unchanged {
		t.Errorf("unchanged subprocessor: %+v", hoster)
	}

	same, err := Compare(old, old, model.DE, s)
	if err != nil || same.Changed() {
		t.Errorf("a version compared with itself: changed=%v err=%v", same.Changed(), err)
	}
}

// TestCompareOmittedFields: a field the data do not give is no section of
// the comparison, so the redline shows no empty label ("Website" without a
// value); giving it later shows as an insertion, and so does stating that no
// special categories are processed.
func TestCompareOmittedFields(t *testing.T) {
	s := testportal.Strings(t)
	old := docs(t) // the monitor subprocessor has no url, no scope, no certifications
	new := docs(t,
		testportal.Edit{File: "data/subprocessors.toml", Old: "safeguard = \"dpf\"\n", New: "safeguard = \"dpf\"\nurl = \"https://monitor.example/\"\n"},
		testportal.Edit{File: "data/processing.toml", Old: "subject = ", New: "special_categories = \"none\"\nsubject = "},
	)
	c, err := Compare(old, new, model.EN, s)
	if err != nil {
		t.Fatal(err)
	}
	dpa, subs := c.Documents[0].Sections, c.Documents[2].Sections
	for _, id := range []string{"monitor--scope", "monitor--certifications"} {
		if sec := find(subs, id); sec != nil {
			t.Errorf("section %s for a field the data do not give: %+v", id, sec)
		}
	}
	if sec := find(subs, "monitor--website"); sec == nil || sec.Status != Added {
		t.Errorf("a website given later: %+v, want an added section", sec)
	}
	if sec := find(dpa, "annex-processing--specialCategories"); sec == nil || sec.Status != Added {
		t.Errorf("special categories stated as none: %+v, want an added section", sec)
	}
	unchanged, err := Compare(old, old, model.EN, s)
	if err != nil {
		t.Fatal(err)
	}
	if sec := find(unchanged.Documents[0].Sections, "annex-processing--specialCategories"); sec != nil {
		t.Errorf("special categories the data say nothing about: %+v", sec)
	}
}
