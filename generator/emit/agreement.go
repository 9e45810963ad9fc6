package emit

import (
	"html"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/model"
)

// With PDFs, each release has in each language one more page, the DPA with
// all its annexes as that version holds them (…/dpa/2.0/agreement/,
// layouts/agreement.html), printed to one PDF beside the documents' own
// (…/dpa/2.0/agreement-2.0.de.pdf): its header names the processor, its
// footer carries the agreement hash.

// agreementSeg is the agreement page's directory below a version's DPA.
const agreementSeg = "agreement"

// agreementPDFURL is where the combined PDF of version v is published.
func (e *emitter) agreementPDFURL(lang model.Lang, v string) string {
	return e.u.doc(lang, "dpa", v) + canonical.Agreement + "-" + v + "." + string(lang) + ".pdf"
}

// agreementPart is one document of the agreement page.
type agreementPart struct {
	Key   string `json:"key"` // dpa, toms, subprocessors
	Title string `json:"title"`
	Doc   any    `json:"doc"` // the document page's .Params.doc
}

// agreementPage writes the agreement page of release r in lang from the
// views of its documents (ve: the emitter of the release's words) and the
// DPA's version block, and lists its PDF.
func (e *emitter) agreementPage(ve *emitter, lang model.Lang, r *model.Release, version *versionView, parts []agreementPart) error {
	title := ve.s.T(lang, "agreementTitle", map[string]string{"Version": r.Version})
	params := map[string]any{"parts": parts, "version": version, "processor_name": r.Docs.Processor.Name,
		"binding_notice": ve.releaseBinding(lang, r)}
	if w := e.wordsParam(r.Version); w != "" {
		params["frozen_words"] = w
	}
	if err := e.page(lang, "dpa/"+r.Version+"/"+agreementSeg, canonical.Agreement, title, params); err != nil {
		return err
	}
	header := `<div style="box-sizing:border-box;width:100%;padding:0 0.6in;font:7pt sans-serif;color:#333">` + html.EscapeString(r.Docs.Processor.Name) + `</div>`
	return e.listPDFOf(lang, r, canonical.Agreement, title, e.u.doc(lang, "dpa", r.Version)+agreementSeg+"/", e.agreementPDFURL(lang, r.Version), header)
}
