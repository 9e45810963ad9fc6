package emit

import "github.com/trustportal/trustportal/generator/model"

// The search page of each language (/de/search/) and its index
// (/de/search/index.json): the layout search.searchindex.json writes the
// index at build time from the pages of the documents in effect, in the
// page's language, each entry linking to a clause, sub-clause, measure or
// subprocessor anchor. The page loads it from the portal itself; nothing
// is searched by a service.

// searchView is what the search page shows: the index to load, and the
// documents to read where JavaScript is off.
type searchView struct {
	IndexURL  string `json:"index_url"`
	Documents []link `json:"documents"`
}

// searchPage writes the search page of lang and its index.
func (e *emitter) searchPage(lang model.Lang) error {
	v := searchView{IndexURL: e.u.page(lang, "search") + "index.json"}
	for _, doc := range Navigation {
		v.Documents = append(v.Documents, link{Title: e.s.T(lang, "nav_"+doc, nil), URL: e.u.page(lang, doc)})
	}
	return e.page(lang, "search", "search", e.s.T(lang, "searchTitle", nil), map[string]any{"doc": v}, "html", "searchindex")
}
