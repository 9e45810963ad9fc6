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
		// The US subprocessor moves its office within the US and its
		// processing to the EU: the same legal entity, changed.
		testportal.Edit{File: "data/subprocessors.toml", Old: `safeguard = "dpf"`, New: `safeguard = "scc"`},
		testportal.Edit{File: "data/subprocessors.toml", Old: `locations = [{ country = "US" }]`, New: `locations = [{ country = "IE", city = "Dublin" }]`},
		testportal.Edit{File: "data/subprocessors.toml", Old: "  street = \"1 Main St\"\n  postal_code = \"94105\"\n  city = \"San Francisco\"", New: "  street = \"2 Dock St\"\n  postal_code = \"98101\"\n  city = \"Seattle\""},
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

// TestCompareNumberingStyle: the diff shows numbers as the version's
// numbering style writes them in each language, and finds renumbering by
// the structural numbers, the same in every language.
func TestCompareNumberingStyle(t *testing.T) {
	s := testportal.Strings(t)
	edits := []testportal.Edit{
		{File: "data/dpa.toml", New: "numbering = { de = \"paragraph\", en = \"section\" }\n"},
	}
	old := docs(t, edits...)
	new := docs(t, append(edits,
		testportal.Edit{File: "content/dpa/definitions.de.md", New: "+++\ntitle = \"Begriffe\"\nweight = 5\n+++\n\n{#terms}\nBegriffe wie in der DSGVO.\n"},
		testportal.Edit{File: "content/dpa/definitions.en.md", New: "+++\ntitle = \"Definitions\"\nweight = 5\n+++\n\n{#terms}\nTerms as in the GDPR.\n"})...)
	tests := []struct {
		lang                 model.Lang
		oldLabel, newLabel   string
		oldSub, newSub, text string
	}{
		{model.DE, "§ 1", "§ 2", "(2)", "(2)", "Er handelt nur auf Weisung, siehe § [-2-]{+3+} Abs. 1."},
		{model.EN, "Section 1", "Section 2", "1.2", "2.2", "It acts on instructions only, see Section [-2.1-]{+3.1+}."},
	}
	for _, tt := range tests {
		c, err := Compare(old, new, tt.lang, s)
		if err != nil {
			t.Fatal(err)
		}
		dpa := c.Documents[0].Sections
		scope, instr := find(dpa, "scope"), find(dpa, "scope-instructions")
		if scope == nil || !scope.Renumbered() || scope.OldLabel != tt.oldLabel || scope.NewLabel != tt.newLabel {
			t.Errorf("%s: renumbered clause: %+v", tt.lang, scope)
		}
		if instr == nil || !instr.Renumbered() || instr.OldLabel != tt.oldSub || instr.NewLabel != tt.newSub || Plain(instr.Text) != tt.text {
			t.Errorf("%s: sub-clause: %+v, text %s", tt.lang, instr, Plain(instr.Text))
		}
	}
}

// TestRenderRenumberedStyle: a sub-clause whose label reads the same after
// its clause moved ("(2)" in § 1, then in § 2) gets no "renumbered" note.
func TestRenderRenumberedStyle(t *testing.T) {
	s := testportal.Strings(t)
	style := testportal.Edit{File: "data/dpa.toml", New: "numbering = \"paragraph\"\n"}
	old := docs(t, style)
	new := docs(t, style,
		testportal.Edit{File: "content/dpa/definitions.de.md", New: "+++\ntitle = \"Begriffe\"\nweight = 5\n+++\n\n{#terms}\nBegriffe wie in der DSGVO.\n"},
		testportal.Edit{File: "content/dpa/definitions.en.md", New: "+++\ntitle = \"Definitions\"\nweight = 5\n+++\n\n{#terms}\nTerms as in the GDPR.\n"},
		testportal.Edit{File: "content/dpa/scope.de.md", Old: "Er handelt nur auf Weisung", New: "Er handelt nur auf dokumentierte Weisung"})
	c, err := Compare(old, new, model.DE, s)
	if err != nil {
		t.Fatal(err)
	}
	text, err := Render(c, FormatText, false, s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "§ 2 Gegenstand (neu nummeriert: § 1 → § 2)") || strings.Contains(text, "(2) (geändert, neu nummeriert") ||
		strings.Contains(text, "(2) → (2)") {
		t.Errorf("renumbering notes:\n%s", text)
	}
}

// TestCompareThreeLevels: in an annex kept as written, a measure that moves
// to another group is shown as moved, with its old group's number, at its
// new number; a measure whose text changes shows the words; a renumbered
// group says so.
func TestCompareThreeLevels(t *testing.T) {
	s := testportal.Strings(t)
	old := testportal.Documents(t, testportal.Annex(t))
	new := testportal.Documents(t, testportal.Copy(t, testportal.Annex(t),
		// badges moves from group 2.1 to the end of group 2.2.
		testportal.Edit{File: "data/toms.toml", Old: "    [[area.group.measure]]\n    id = \"badges\"\n    text = { de = \"Zutritt nur mit persönlichem Ausweis.\", en = \"Entry with a personal badge only.\" }\n\n", New: ""},
		testportal.Edit{File: "data/toms.toml", Old: "\n[[area]]\nid = \"integrity\"", New: "\n    [[area.group.measure]]\n    id = \"badges\"\n    text = { de = \"Zutritt nur mit persönlichem Ausweis.\", en = \"Entry with a personal badge only.\" }\n\n[[area]]\nid = \"integrity\""},
		testportal.Edit{File: "data/toms.toml", Old: "- They are accompanied at all times.", New: "- They are accompanied at all times by staff."},
	))
	c, err := Compare(old, new, model.EN, s)
	if err != nil {
		t.Fatal(err)
	}
	toms := c.Documents[1]
	badges := find(toms.Sections, "badges")
	if badges == nil || badges.MovedFrom != "2.1" || badges.OldNumber != "2.1.1" || badges.NewNumber != "2.2.2" {
		t.Errorf("badges = %+v, want moved from 2.1, 2.1.1 → 2.2.2", badges)
	}
	visitors := find(toms.Sections, "visitors")
	if visitors == nil || visitors.Status != Changed || New(visitors.Text) != "Visitors sign in at the reception.\n\n- They are accompanied at all times by staff.\n- Their visit is logged, see Annex 2, measure 3.1." {
		t.Errorf("visitors = %+v", visitors)
	}
	if transport := find(toms.Sections, "transport"); transport == nil || transport.Status != Changed {
		t.Errorf("group transport, which gained a measure, = %+v", transport)
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

// TestReplacedEntity: a subprocessor whose legal entity changed under the
// same id (another name, or a seat in another country) is a new
// subprocessor in place of the old one, not a change of it (issue 11,
// finding 7); a move within the country or a new service is a change.
func TestReplacedEntity(t *testing.T) {
	s := testportal.Strings(t)
	old := docs(t)
	seat := "  street = \"1 Main St\"\n  postal_code = \"94105\"\n  city = \"San Francisco\"\n  country = \"US\""
	tests := []struct {
		name     string
		edits    []testportal.Edit
		replaced bool
	}{
		{"new name", []testportal.Edit{{File: "data/subprocessors.toml", Old: `name = "Monitor Inc."`, New: `name = "Monitor Europe B.V."`}}, true},
		{"seat in another country", []testportal.Edit{{File: "data/subprocessors.toml", Old: seat, New: "  street = \"2 Dock Rd\"\n  postal_code = \"D02\"\n  city = \"Dublin\"\n  country = \"IE\""}}, true},
		{"seat moved within the country", []testportal.Edit{{File: "data/subprocessors.toml", Old: seat, New: "  street = \"2 Dock St\"\n  postal_code = \"98101\"\n  city = \"Seattle\"\n  country = \"US\""}}, false},
		{"another service", []testportal.Edit{{File: "data/subprocessors.toml", Old: `en = "Error monitoring"`, New: `en = "Error and crash monitoring"`}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Compare(old, docs(t, tt.edits...), model.EN, s)
			if err != nil {
				t.Fatal(err)
			}
			subs := c.Documents[2].Sections
			gone, now := find(subs, "monitor"+ReplacedSuffix), find(subs, "monitor")
			if !tt.replaced {
				if gone != nil || now == nil || now.Status != Changed || now.Replaces != "" {
					t.Fatalf("want a change of monitor, got %+v and %+v", gone, now)
				}
				return
			}
			if gone == nil || gone.Status != Removed || gone.ReplacedBy != New(now.Title) || Old(gone.Title) != "Monitor Inc." {
				t.Fatalf("old entity: %+v", gone)
			}
			if now.Status != Added || now.Replaces != "Monitor Inc." {
				t.Fatalf("new entity: %+v", now)
			}
			for _, f := range gone.Children {
				if !strings.HasPrefix(f.ID, "monitor"+ReplacedSuffix+"--") || f.Status != Removed {
					t.Errorf("old entity's field %s: %s", f.ID, f.Status)
				}
			}
			// Both appear in the redline, the old one removed, the new added.
			html, err := RenderDocument(c, c.Documents[2], model.EN, s)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`id="change-subprocessors-monitor--replaced"`, `id="change-subprocessors-monitor"`, "removed, new legal entity: " + New(now.Title), "added, in place of Monitor Inc."} {
				if !strings.Contains(html, want) {
					t.Errorf("redline lacks %q:\n%s", want, html)
				}
			}
		})
	}
}
