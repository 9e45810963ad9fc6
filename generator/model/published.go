package model

// The generator writes the home page and every page below these sections of
// each language (/de/dpa/, /de/versions/ …); "api" holds the acceptance
// manifest /api/dpa.json. Nothing else the project publishes, neither a page
// of content/ nor a file of static/, may be published there. The value says
// what the section is, for messages.
var GeneratedSections = map[string]string{
	"dpa":           "the DPA",
	"toms":          "the TOM annex",
	"subprocessors": "the subprocessor list",
	"processor":     "the processor's details",
	"versions":      "the version archive and its feeds",
	"diff":          "the comparisons of versions",
	"api":           "the acceptance manifest",
	"search":        "the search page and its index",
}

// RootSection is the generated section at the site's root, outside the
// languages: /api/dpa.json.
const RootSection = "api"

// UserFile is a file of the project that Hugo publishes as it is: a further
// page from content/ or a file from static/.
type UserFile struct {
	Src   Src
	Lang  Lang   // a page's language; "" for a static file
	URL   string // root-relative path it is published at: /de/legal/imprint/, /favicon.svg
	Title string // a page's title
}
