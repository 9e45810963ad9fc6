package validate

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// published keeps the project's further pages and static files out of what
// the generator publishes: the home page and the generated sections of each
// language, the acceptance manifest and the files Hugo writes at the root.
func (c *checker) published(p *model.Portal) {
	for _, pg := range p.Pages {
		if owner := generatedOwner(pg.URL); owner != "" {
			c.add(pg.Src.Pos, "", fmt.Sprintf("page would be published at %s, %s, which the generator writes", pg.URL, owner),
				"the generator owns the home page and "+sectionList()+" of every language: move the page into a directory of its own, e.g. content/legal/")
		} else if posing := lookalike(pg.URL, p.Site.Languages); posing != "" {
			c.add(pg.Src.Pos, "", fmt.Sprintf("page would be published at %s, where it would pose as the portal's %s", pg.URL, posing),
				"a directory of content/ named like a language repeats it in the address: move the page into a directory of its own, e.g. content/legal/")
		}
	}
	for _, f := range p.Static {
		if owner := generatedOwner(f.URL); owner != "" {
			c.add(f.Src.Pos, "", fmt.Sprintf("file would be published at %s, %s, which the generator writes", f.URL, owner),
				"static/ may not replace or add to what the generator publishes: move the file elsewhere")
		}
	}
}

// rootFiles are written by Hugo at the root of the site and of each language.
var rootFiles = []string{"index.html", "404.html", "sitemap.xml"}

// generatedOwner says what generated page or section the root-relative URL
// u lies in ("the home page /de/", "inside /de/versions/ (the version
// archive …)"), or "" if none.
func generatedOwner(u string) string {
	parts := strings.Split(strings.Trim(u, "/"), "/")
	for i := range parts {
		parts[i] = strings.ToLower(parts[i])
	}
	lang := model.Lang(parts[0])
	switch {
	case len(parts) == 1 && slices.Contains(rootFiles, parts[0]):
		return "the build's own /" + parts[0]
	case parts[0] == model.RootSection:
		return fmt.Sprintf("inside /%s/ (%s)", parts[0], model.GeneratedSections[parts[0]])
	case model.CheckLang(string(lang)) != nil:
		// Any language's place is kept free, not only the portal's: a
		// file at /fr/dpa/ would pose as a French DPA.
		return ""
	case len(parts) == 1 || parts[1] == "" || parts[1] == "index.html":
		return fmt.Sprintf("the home page /%s/", lang)
	case len(parts) == 2 && slices.Contains(rootFiles, parts[1]):
		return fmt.Sprintf("the build's own /%s/%s", lang, parts[1])
	}
	if what, ok := model.GeneratedSections[parts[1]]; ok {
		return fmt.Sprintf("inside /%s/%s/ (%s)", lang, parts[1], what)
	}
	return ""
}

// lookalike returns the generated-looking path a page at u imitates, as
// /de/de/dpa/x/ does /de/dpa/x/, or "".
func lookalike(u string, langs []model.Lang) string {
	parts := strings.Split(strings.Trim(u, "/"), "/")
	if len(parts) < 2 || !slices.Contains(langs, model.Lang(parts[1])) {
		return ""
	}
	return "/" + strings.Join(parts[1:], "/") + "/"
}

func sectionList() string {
	var s []string
	for k := range model.GeneratedSections {
		s = append(s, "/<lang>/"+k+"/")
	}
	sort.Strings(s)
	return strings.Join(s, ", ")
}
