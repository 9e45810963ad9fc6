package emit

import (
	"fmt"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/labels"
	"github.com/trustportal/trustportal/generator/model"
)

// The home page as an overview of the processor's data protection: each
// document's version in effect and when it last changed, the next change,
// the latest subprocessor changes, whom to contact, and the certifications
// with their status on the day of the build. All of it comes from the
// releases and the data; what they do not give, the page does not show.

type overviewView struct {
	Documents           []docStatusView     `json:"documents,omitempty"`
	Upcoming            *upcomingView       `json:"upcoming,omitempty"`
	SubprocessorChanges []changeView        `json:"subprocessor_changes,omitempty"`
	SubprocessorsURL    string              `json:"subprocessors_url"`
	DPO                 []contactView       `json:"dpo"`
	Instructions        []contactView       `json:"instructions"`
	Certifications      []certificationView `json:"certifications,omitempty"`
}

// docStatusView is one document as the version in effect has it.
type docStatusView struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	URL   string `json:"url"`
	// InEffect is "Version 3.0, in effect since 1 March 2025"; LastChanged
	// "last changed in version 2.0, 1 March 2024", empty when it is the
	// version in effect.
	InEffect    string `json:"in_effect"`
	LastChanged string `json:"last_changed,omitempty"`
}

type upcomingView struct {
	Text    string   `json:"text"`            // "Version 4.0 takes effect on 1 March 2027."
	Changes []string `json:"changes"`         // the titles of the documents it changes
	DiffURL string   `json:"diff_url"`        // the redline from the version in effect
	Notes   string   `json:"notes,omitempty"` // its release note
	// DocNotes are its notes on single documents: {title, text}.
	DocNotes []link `json:"document_notes,omitempty"`
}

type changeView struct {
	Title string `json:"title"`
	When  string `json:"when"`
	URL   string `json:"url"`
}

type certificationView struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Issuer string `json:"issuer"`
	Scope  string `json:"scope"`
	// Status is "valid", "expired" or "pending" (valid only later) on the
	// day of the build; Validity says so with the date.
	Status       string `json:"status"`
	Validity     string `json:"validity"`
	ValidUntil   string `json:"valid_until"` // ISO date
	URL          string `json:"url,omitempty"`
	RequestEmail string `json:"request_email,omitempty"`
}

// latestSubprocessorChanges is how many subprocessor changes the home
// page lists; the subprocessor feed has them all.
const latestSubprocessorChanges = 3

func (e *emitter) overview(lang model.Lang) (*overviewView, error) {
	v := &overviewView{
		SubprocessorsURL: e.u.page(lang, "subprocessors"),
		DPO:              contacts(e.p.Docs.Processor.DPO, lang),
		Instructions:     contacts(e.p.Docs.Processor.Instructions, lang),
		Certifications:   e.certifications(lang),
	}
	if cur := e.tl.Current; cur != nil {
		lb := labels.New(cur.Docs.Structure, lang, e.forRelease(cur).s)
		for _, doc := range canonical.Documents {
			changed, err := e.lastChange(lang, cur, doc)
			if err != nil {
				return nil, err
			}
			d := docStatusView{Key: doc, Title: docTitle(&cur.Docs, lb, lang, doc), URL: e.u.page(lang, doc),
				InEffect: e.s.T(lang, "homeInEffect", map[string]string{"Version": cur.Version, "Date": e.s.Date(lang, cur.Effective)})}
			if changed != cur {
				d.LastChanged = e.s.T(lang, "homeLastChanged", map[string]string{"Version": changed.Version, "Date": e.s.Date(lang, changed.Effective)})
			}
			v.Documents = append(v.Documents, d)
		}
	}
	if len(e.tl.Upcoming) > 0 {
		next := e.tl.Upcoming[0]
		u := &upcomingView{Text: e.s.T(lang, "homeUpcoming", map[string]string{"Version": next.Version, "Date": e.s.Date(lang, next.Effective)}),
			Changes: []string{}, Notes: next.Notes.In(lang), DocNotes: e.docNotes(lang, next)}
		if prev := e.tl.Predecessor(next); prev != nil {
			u.DiffURL = e.diffURL(lang, prev, next)
			lb := labels.New(next.Docs.Structure, lang, e.forRelease(next).s)
			for _, doc := range canonical.Documents {
				changed, err := e.changes(lang, next, doc)
				if err != nil {
					return nil, err
				}
				if changed {
					u.Changes = append(u.Changes, docTitle(&next.Docs, lb, lang, doc))
				}
			}
		}
		v.Upcoming = u
	}
	feed, err := e.subprocessorFeed(lang)
	if err != nil {
		return nil, err
	}
	for _, entry := range feed.Entries[:min(len(feed.Entries), latestSubprocessorChanges)] {
		r := e.tl.Find(entry.Version)
		v.SubprocessorChanges = append(v.SubprocessorChanges, changeView{Title: entry.Title, URL: entry.URL,
			When: e.s.T(lang, "homeChangeWhen", map[string]string{"Version": r.Version, "Date": e.s.Date(lang, r.Effective)})})
	}
	return v, nil
}

// docTitle is the title of document doc of d, as its page has it.
func docTitle(d *model.Documents, lb *labels.Labels, lang model.Lang, doc string) string {
	switch doc {
	case "dpa":
		return d.DPA.Title.In(lang)
	case "toms":
		return lb.Title(model.PartTOMs)
	}
	return lb.Title(model.PartSubprocessors)
}

// changes reports whether release r changed document doc from its
// predecessor, in any of the portal's languages; the first release brings
// every document.
func (e *emitter) changes(lang model.Lang, r *model.Release, doc string) (bool, error) {
	prev := e.tl.Predecessor(r)
	if prev == nil {
		return true, nil
	}
	sum, err := e.summary(lang, prev, r)
	if err != nil {
		return false, err
	}
	if changed, ok := sum.changed[doc]; ok {
		return changed, nil
	}
	return false, fmt.Errorf("emit: the comparison of %s and %s has no document %q", prev.Version, r.Version, doc)
}

// lastChange returns the release, r or an earlier one, that last changed
// document doc.
func (e *emitter) lastChange(lang model.Lang, r *model.Release, doc string) (*model.Release, error) {
	for ; r != nil; r = e.tl.Predecessor(r) {
		changed, err := e.changes(lang, r, doc)
		if err != nil || changed {
			return r, err
		}
	}
	return nil, fmt.Errorf("emit: no release brings %q", doc)
}

// certifications returns the certifications with their status on the day
// of the build.
func (e *emitter) certifications(lang model.Lang) []certificationView {
	var out []certificationView
	today := e.tl.Today
	for _, c := range e.p.Certifications.Certifications {
		v := certificationView{ID: c.ID, Name: c.Name, Issuer: c.Issuer, Scope: c.Scope.In(lang), ValidUntil: c.ValidUntil.String(),
			URL: c.URL, RequestEmail: c.RequestEmail}
		switch {
		case c.Expired(today):
			v.Status, v.Validity = "expired", e.s.T(lang, "certExpired", map[string]string{"Date": e.s.Date(lang, c.ValidUntil)})
		case c.NotYetValid(today):
			v.Status, v.Validity = "pending", e.s.T(lang, "certValidFrom", map[string]string{"From": e.s.Date(lang, c.ValidFrom), "Until": e.s.Date(lang, c.ValidUntil)})
		default:
			v.Status, v.Validity = "valid", e.s.T(lang, "certValidUntil", map[string]string{"Date": e.s.Date(lang, c.ValidUntil)})
		}
		out = append(out, v)
	}
	return out
}
