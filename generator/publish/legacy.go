package publish

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
)

// A site published by a trustportal older than the marker file has none,
// yet it is trustportal's to replace: a portal that built before an upgrade
// must build after it. Such a site is recognised by what only trustportal
// put there, strictly, so that no directory of the user's passes for one:
// nothing at its top but what those builds wrote, and an acceptance
// manifest at api/dpa.json with the manifest's fields.

// legacyTop are the entries those builds wrote at the top of a site.
var legacyTop = []string{"api", "css", "js", "de", "en", "index.html", "404.html", "sitemap.xml", "favicon.svg", "robots.txt"}

// legacySite reports whether dir is a site published by an older
// trustportal, without the marker.
func legacySite(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !slices.Contains(legacyTop, e.Name()) {
			return false
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "api", "dpa.json"))
	if err != nil {
		return false
	}
	var manifest struct {
		Format          *int            `json:"format"`
		BindingLanguage *string         `json:"binding_language"`
		Versions        json.RawMessage `json:"versions"`
	}
	return json.Unmarshal(data, &manifest) == nil && manifest.Format != nil && manifest.BindingLanguage != nil && manifest.Versions != nil
}
