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
