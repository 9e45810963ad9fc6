package release

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// agreementProblems reports each agreement text stored in release r that
// does not list the hashes of the texts stored beside it: the agreement
// hash a customer records must cover exactly the documents published.
func agreementProblems(r *model.Release, s *l10n.Strings, hint string) problem.List {
	var out problem.List
	for _, key := range slices.Sorted(maps.Keys(r.Texts)) {
		doc, lang, ok := canonical.SplitKey(key)
		if !ok || doc != canonical.Agreement {
			continue
		}
		texts := map[string]string{}
		for _, d := range canonical.Documents {
			t, err := canonical.Released(r, d, lang, s)
			if err != nil {
				return out // reported with the document's text
			}
			texts[d] = t
		}
		if canonical.AgreementText(r.Version, lang, texts) != r.Texts[key] {
			out.Add(problem.Problem{File: r.Dir + "/" + load.ReleaseTextFile(key),
				Message: fmt.Sprintf("the agreement text of release %s in %s does not list the SHA-256 of its texts (%s)", r.Version, lang, strings.Join(canonical.Documents, ", ")),
				Hint:    hint})
		}
	}
	return out
}

// languageProblems reports each language a release was published in that
// the portal no longer has: its pages, texts and PDFs would no longer be
// published, and the hashes customers recorded of them would no longer
// verify. The lock names the languages of every release, format 1 too.
func languageProblems(p *model.Portal, lock *model.Lock) problem.List {
	var out problem.List
	at := p.Site.Src.At("languages")
	for _, entry := range lock.Releases {
		reported := map[model.Lang]bool{}
		for _, key := range slices.Sorted(maps.Keys(entry.Texts)) {
			_, lang, ok := canonical.SplitKey(key)
			if !ok || reported[lang] || slices.Contains(p.Site.Languages, lang) {
				continue
			}
			reported[lang] = true
			out.Add(problem.Problem{File: load.SiteFile, Line: at.Line, Col: at.Col, Field: "languages",
				Message: fmt.Sprintf("release %s was published in %s (%s), which languages no longer lists", entry.Version, lang.Name(), lang),
				Hint:    fmt.Sprintf("a released version stays published in every language it was released in, at its permanent URLs, so that the hashes customers recorded still verify: keep %q in languages, with the texts in it", lang)})
		}
	}
	return out
}
