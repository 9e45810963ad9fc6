package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/problem"
)

// SearchIndex is where the search index of each language is published,
// below the language: the search page loads it from the portal itself.
const SearchIndex = "search/index.json"

// searchIndexes checks the search index of every language: JSON with a
// list of entries, each linking to an anchor of a page of the portal in
// the index's own language, so that a result leads the reader to the
// clause, measure or subprocessor it names, in the reader's language.
func (s *Site) searchIndexes() problem.List {
	var out problem.List
	for _, lang := range s.langs {
		rel := path.Join(string(lang), SearchIndex)
		data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // Expected reports a missing index
		}
		if err != nil {
			out.Add(s.problem(rel, err.Error(), ""))
			continue
		}
		var index struct {
			Entries []struct {
				Title string `json:"title"`
				URL   string `json:"url"`
			} `json:"entries"`
		}
		if err := json.Unmarshal(data, &index); err != nil || index.Entries == nil {
			out.Add(s.problem(rel, fmt.Sprintf("is not a search index (an object with a list of entries): %v", err),
				"layouts/search.searchindex.json writes {\"entries\": [{\"title\", \"url\", \"document\", \"text\"} …]}"))
			continue
		}
		for i, entry := range index.Entries {
			if why := s.searchTarget(string(lang), entry.URL); why != "" {
				out.Add(s.problem(rel, fmt.Sprintf("entry %d (%q): url %q %s", i, entry.Title, entry.URL, why),
					"an entry links to an anchor of a page of the portal in the index's language (.RelPermalink#id)"))
			}
		}
	}
	return out
}

// searchTarget says what is wrong with a search result's link in the index
// of lang, or "" if it leads to an anchor of a page in lang.
func (s *Site) searchTarget(lang, href string) string {
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "is not a link within the portal"
	}
	t, ok := s.resolve("", href)
	switch {
	case !ok || t.foreign || t.outside:
		return "leads outside the portal's base path " + s.basePath() + "/"
	case !strings.HasPrefix(t.rel, lang+"/"):
		return "leads to a page in another language"
	}
	pg := s.pages[t.rel]
	if pg == nil {
		return "leads to no page"
	}
	if u.Fragment == "" || !slices.Contains(pg.ids, u.Fragment) {
		return fmt.Sprintf("points to anchor %q, which %s does not have", u.Fragment, t.rel)
	}
	return ""
}
