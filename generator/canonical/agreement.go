package canonical

import (
	"fmt"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// Agreement is the key of the agreement text ("agreement.de"): what a
// customer accepts with a version of the DPA in one language, the DPA with
// its annexes in force (docs/canonical.md, The agreement hash).
const Agreement = "agreement"

// FileName is the name under which the canonical text of doc (a document
// or Agreement) at version v in lang is published: "dpa-2.0.de.txt".
func FileName(doc, v string, lang model.Lang) string {
	return doc + "-" + v + "." + string(lang) + ".txt"
}

// AgreementText returns the agreement text of version v in lang from the
// canonical texts of its documents (by document key): one line per
// document in the order of Documents, in the format of sha256sum(1), the
// SHA-256 of the text, two spaces and its published file name:
//
//	c356814b…  dpa-2.0.de.txt
//	…  toms-2.0.de.txt
//	…  subprocessors-2.0.de.txt
//
// Its hash, the agreement hash, therefore covers every word of the DPA
// and its annexes, and anyone can compute it from the published files:
// sha256sum dpa-2.0.de.txt toms-2.0.de.txt subprocessors-2.0.de.txt | sha256sum.
// The format never changes: a release stores the text it gave, and a
// release that does not is given this one.
func AgreementText(v string, lang model.Lang, texts map[string]string) string {
	var b strings.Builder
	for _, doc := range Documents {
		fmt.Fprintf(&b, "%s  %s\n", Hash(texts[doc]), FileName(doc, v, lang))
	}
	return b.String()
}
