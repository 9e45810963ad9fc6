package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/refs"
)

// Version is one version of the documents whose redlines Redlines checks: a
// release, or the working copy about to be released as Name.
type Version struct {
	Name     string
	Docs     *model.Documents
	Released bool // its files are a release's, which never change
}

// Releases checks the redlines between every two releases of p (see
// Redlines). Every pair is published at some time: each release with its
// predecessor, and every other one with the version in effect.
func Releases(p *model.Portal, s *l10n.Strings) (problem.List, error) {
	versions := Released(p)
	var out problem.List
	for i := 1; i < len(versions); i++ {
		found, err := Redlines(versions[:i], versions[i], s)
		if err != nil {
			return nil, err
		}
		out.Merge(found)
	}
	return out, nil
}

// Released returns the releases of p, oldest first.
func Released(p *model.Portal) []Version {
	versions := make([]Version, len(p.Releases))
	for i := range p.Releases {
		versions[i] = Version{Name: p.Releases[i].Version, Docs: &p.Releases[i].Docs, Released: true}
	}
	return versions
}

// Redlines checks that the redline from each of the older versions to next
// lists the same changes in both languages.
//
// The portal publishes the redline of two versions as a page per language,
// each change under an anchor, and the build refuses a page whose anchors
// differ from its translation's (generator/verify). A section changed in one
// language only (a reworded sentence, a corrected typo) would appear in one
// language's redline alone, and the release could never be built. Redlines
// renders the redlines as the pages do (package diff) and compares their
// anchors, so that check and release refuse what the build would.
func Redlines(older []Version, next Version, s *l10n.Strings) (problem.List, error) {
	type finding struct {
		at   place
		only model.Lang // the language whose redline lists the change
	}
	var order []finding
	since := map[finding][]string{} // → the older versions compared
	for _, old := range older {
		anchors := map[model.Lang]map[string][]anchor{} // language → document → anchors
		for _, lang := range model.Langs {
			ids, err := redlineAnchors(old.Docs, next.Docs, lang, s)
			if err != nil {
				return nil, fmt.Errorf("redline from %s to %s: %w", old.Name, next.Name, err)
			}
			anchors[lang] = ids
		}
		for _, doc := range canonical.Documents {
			for _, lang := range model.Langs {
				there := map[string]bool{}
				for _, a := range anchors[otherLang(lang)][doc] {
					there[a.id] = true
				}
				for _, a := range anchors[lang][doc] {
					// A clause is listed for its changed sub-clause: name
					// the sub-clause.
					if there[a.id] || slices.ContainsFunc(a.inner, func(id string) bool { return !there[id] }) {
						continue
					}
					f := finding{locate(next.Docs, doc, a.id, lang), lang}
					if _, seen := since[f]; !seen {
						order = append(order, f)
					}
					since[f] = append(since[f], old.Name)
				}
			}
		}
	}
	var out problem.List
	for _, f := range order {
		versions := since[f]
		msg := fmt.Sprintf("%s changed from %s to %s in %s only: the %s redline would list the change and the %s one not, and pages whose languages differ are never published",
			f.at.what, joinVersions(versions), next.Name, f.only.Name(), f.only.Name(), otherLang(f.only).Name())
		hint := fmt.Sprintf("make the same change in the %s text, or undo it in the %s one: both languages of a version say the same", otherLang(f.only).Name(), f.only.Name())
		if next.Released {
			hint = fmt.Sprintf("release %s was made by a trustportal that did not check this: if it is not merged yet, remove data/releases/%s and its entry in the lock, change both languages and release it again", next.Name, next.Name)
		}
		out.Add(problem.Problem{File: f.at.pos.File, Line: f.at.pos.Line, Col: f.at.pos.Col, Field: f.at.field, Message: msg, Hint: hint})
	}
	return out, nil
}

// anchor is an element id of a redline and the ids inside that element.
type anchor struct {
	id    string
	inner []string
}

// redlineAnchors returns, by document, the element ids of the redline from
// old to new in lang, as the diff pages render it.
func redlineAnchors(old, new *model.Documents, lang model.Lang, s *l10n.Strings) (map[string][]anchor, error) {
	c, err := diff.Compare(old, new, lang, s)
	if err != nil {
		return nil, err
	}
	out := map[string][]anchor{}
	for _, d := range c.Documents {
		html, err := diff.RenderDocument(c, d, lang, s)
		if err != nil {
			return nil, err
		}
		page, err := goquery.NewDocumentFromReader(strings.NewReader(html))
		if err != nil {
			return nil, err
		}
		page.Find("[id]").Each(func(_ int, e *goquery.Selection) {
			a := anchor{id: e.AttrOr("id", "")}
			e.Find("[id]").Each(func(_ int, in *goquery.Selection) { a.inner = append(a.inner, in.AttrOr("id", "")) })
			out[d.Key] = append(out[d.Key], a)
		})
	}
	return out, nil
}

func otherLang(l model.Lang) model.Lang {
	if l == model.Langs[0] {
		return model.Langs[1]
	}
	return model.Langs[0]
}

// joinVersions writes "version 3.0" or "versions 1.0, 2.0 and 3.0".
func joinVersions(vs []string) string {
	if len(vs) == 1 {
		return "version " + vs[0]
	}
	return "versions " + strings.Join(vs[:len(vs)-1], ", ") + " and " + vs[len(vs)-1]
}

// place is where a section of a redline is written in the source.
type place struct {
	pos   model.Pos
	field string
	what  string // "sub-clause \"oral-instructions\"", for messages
}

// subprocessorFields maps the fields of a subprocessor's redline (by their
// i18n key, canonical.SubprocessorFields) to its TOML keys.
var subprocessorFields = map[string]string{
	"address": "address", "contact": "contact", "thLocations": "locations", "thPurpose": "purpose",
	"responsibilities": "responsibilities", "dataCategories": "data_categories", "thSafeguard": "safeguard",
	"certifications": "certifications", "scope": "scope", "dpaDate": "dpa_date", "thSince": "since", "website": "url",
}

// processingFields maps the fields of Annex 1's redline to the TOML keys of
// data/processing.toml.
var processingFields = map[string]string{
	"subjectMatter": "subject", "duration": "duration", "nature": "nature", "purpose": "purpose",
	"dataCategories": "data_category", "specialCategories": "special_category", "dataSubjects": "data_subject", "locations": "location",
}

// locate finds the source, in lang, of the section of document doc whose
// redline anchor is anchor.
func locate(d *model.Documents, doc, anchor string, lang model.Lang) place {
	id := strings.TrimPrefix(anchor, diff.Anchor(doc, ""))
	field := func(s model.Src, key, what string) place {
		pos := s.At(key)
		if pos.Line == 0 { // an array of tables: its first entry
			pos = s.At(key + "[0]")
		}
		return place{pos, s.FieldPath(key), what + ", " + key}
	}
	switch doc {
	case "dpa":
		if id == "preamble" {
			return place{d.DPA.Src[lang].At("body"), "preamble", "the DPA's preamble"}
		}
		if key, ok := strings.CutPrefix(id, refs.AnchorProcessingAnnex+"--"); ok {
			return field(d.Processing.Src, processingFields[key], "Annex 1")
		}
		if id == refs.AnchorProcessingAnnex {
			return place{d.Processing.Src.Pos, "", "Annex 1"}
		}
		for _, c := range d.DPA.Clauses {
			if c.ID == id {
				return place{c.Src[lang].Pos, "", fmt.Sprintf("clause %q", id)}
			}
			for _, sc := range c.SubClauses {
				if sc.ID == id {
					return place{sc.Src[lang].Pos, "{#" + id + "}", fmt.Sprintf("sub-clause %q", id)}
				}
			}
		}
	case "toms":
		for _, a := range d.TOMs.Areas {
			if a.ID == id {
				return place{a.Src.Pos, a.Src.Path, fmt.Sprintf("area %q", id)}
			}
			for _, m := range a.Measures {
				if m.ID == id {
					return place{m.Src.At("text"), m.Src.FieldPath("text"), fmt.Sprintf("measure %q", id)}
				}
			}
		}
	case "subprocessors":
		for _, sp := range d.Subprocessors.List {
			if sp.ID == id {
				return place{sp.Src.Pos, sp.Src.Path, fmt.Sprintf("subprocessor %q", id)}
			}
			if key, ok := strings.CutPrefix(id, sp.ID+"--"); ok {
				return field(sp.Src, subprocessorFields[key], fmt.Sprintf("subprocessor %q", sp.ID))
			}
		}
	}
	file := map[string]string{"dpa": d.DPA.Src[lang].File, "toms": d.TOMs.Src.File, "subprocessors": d.Subprocessors.Src.File}[doc]
	return place{model.Pos{File: file}, "", fmt.Sprintf("section %q of the %s redline", id, doc)}
}
