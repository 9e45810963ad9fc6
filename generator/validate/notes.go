package validate

import (
	"fmt"
	"maps"
	"slices"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/model"
)

// docNotes checks the notes a release gives single documents
// (document_notes in its release.toml): each for a document, in each of
// the portal's languages.
func (c *checker) docNotes(r *model.Release) {
	for _, doc := range slices.Sorted(maps.Keys(r.DocNotes)) {
		field := "document_notes." + doc
		if !slices.Contains(canonical.Documents, doc) {
			c.at(r.Src, "document_notes", fmt.Sprintf("%q is not a document", doc),
				"notes are given for dpa, toms or subprocessors; released versions never change: restore the file from git")
			continue
		}
		c.text(r.Src, field, r.DocNotes[doc], true)
	}
}
