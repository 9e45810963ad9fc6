package verify

import (
	"testing"

	"github.com/trustportal/trustportal/generator/model"
)

// TestSearchIndex: every result of a language's search index leads to an
// anchor of a page of the portal in that language.
func TestSearchIndex(t *testing.T) {
	index := func(url string) string {
		return `{"entries": [{"title": "1.1 Scope", "url": "` + url + `", "document": "DPA", "text": "…"}]}`
	}
	good := map[string]string{
		"de/dpa/index.html":        htmlPage("de", "en", `<section id="a"></section><p id="b"></p>`),
		"en/dpa/index.html":        htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`),
		"css/site.css":             "",
		"de/search/index.json":     index("/de/dpa/#a"),
		"en/search/index.json":     index("/en/dpa/#b"),
		"en/search/unrelated.json": `{"entries": [{"url": "https://elsewhere.example/"}]}`,
	}
	tests := []checkCase{
		{"valid", nil, ""},
		{"another host", map[string]string{"en/search/index.json": index("https://evil.example/en/dpa/#a")}, `url "https://evil.example/en/dpa/#a" is not a link within the portal`},
		{"the portal's own host, absolute", map[string]string{"en/search/index.json": index("https://trust.example.com/en/dpa/#a")}, "is not a link within the portal"},
		{"a script", map[string]string{"de/search/index.json": index("javascript:alert(1)")}, "is not a link within the portal"},
		{"no such anchor", map[string]string{"de/search/index.json": index("/de/dpa/#gone")}, `points to anchor "gone", which de/dpa/index.html does not have`},
		{"no anchor", map[string]string{"de/search/index.json": index("/de/dpa/")}, `points to anchor ""`},
		{"no such page", map[string]string{"de/search/index.json": index("/de/toms/#a")}, "leads to no page"},
		{"the other language", map[string]string{"de/search/index.json": index("/en/dpa/#a")}, "leads to a page in another language"},
		{"not an index", map[string]string{"en/search/index.json": `[1, 2]`}, "en/search/index.json: is not a search index"},
	}
	checkCases(t, base, good, tests, func(map[string]string) Generated { return Generated{Languages: model.DefaultLanguages} })
}
