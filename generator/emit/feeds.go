package emit

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/model"
)

// Feeds tell customers of changes before they take effect (Art. 28(2)
// GDPR: the chance to object): one entry per subprocessor change of each
// release, and one per DPA version. The entries depend only on the releases,
// so their ids and dates are the same in every build.

// feedView is what the Atom and JSON Feed templates render.
type feedView struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Subtitle string      `json:"subtitle"`
	Author   string      `json:"author"`
	Updated  string      `json:"updated"` // RFC 3339
	Page     string      `json:"page"`    // the HTML page, absolute
	Atom     string      `json:"atom"`    // the feeds, absolute
	JSON     string      `json:"json"`
	Lang     string      `json:"lang"`
	Entries  []feedEntry `json:"entries"`
}

type feedEntry struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Updated     string `json:"updated"`
	URL         string `json:"url"`
	Summary     string `json:"summary"`
	ContentHTML string `json:"content_html"`
	Version     string `json:"version"`
	Effective   string `json:"effective"`
	Deadline    string `json:"objection_deadline,omitempty"`
}

// tagID is an Atom id (RFC 4151 tag URI) that never changes for a thing
// first seen on day. A portal published under a path names it too
// (tag:www.example.com,2025-01-01:trust/de/versions), so that two portals
// on one host never share an id; one at the root keeps the ids it always had.
func (e *emitter) tagID(day model.Date, specific string) string {
	host := strings.TrimPrefix(strings.TrimPrefix(e.u.origin, "https://"), "http://")
	if e.u.base != "" {
		specific = strings.TrimPrefix(e.u.base, "/") + "/" + specific
	}
	return "tag:" + host + "," + day.String() + ":" + specific
}

// sentence ends s with a full stop, unless it has one (a name like
// "Kotoba K.K." already does).
func sentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func rfc3339(d model.Date) string { return d.Time().Format(time.RFC3339) }

func (e *emitter) feed(lang model.Lang, page, titleKey, subtitleKey string, entries []feedEntry) feedView {
	f := feedView{
		Title:    e.s.T(lang, titleKey, nil),
		Subtitle: e.s.T(lang, subtitleKey, nil),
		Author:   e.p.Docs.Processor.Name,
		Page:     e.u.absolute(e.u.page(lang, page)),
		Atom:     e.u.absolute(e.u.page(lang, page) + "feed.xml"),
		JSON:     e.u.absolute(e.u.page(lang, page) + "feed.json"),
		Lang:     string(lang),
		Entries:  entries,
	}
	first := model.Date{}
	if len(e.tl.Releases) > 0 {
		first = e.tl.Releases[0].Announced
	}
	f.ID = e.tagID(first, string(lang)+"/"+page)
	f.Updated = rfc3339(first)
	for _, en := range entries {
		if en.Updated > f.Updated {
			f.Updated = en.Updated
		}
	}
	return f
}

// objectionDays is the objection period for a change announced with r:
// the one r recorded when it was released, so that a later setting does
// not rewrite its deadline (see recorded for releases that recorded none).
func (e *emitter) objectionDays(r *model.Release) int {
	return recorded(e.tl, r, func(r *model.Release) *int { return r.ObjectionDays }, e.p.Site.ObjectionDays)
}

// deadline is the last day to object to a change announced with r.
func (e *emitter) deadline(r *model.Release) model.Date {
	days := e.objectionDays(r)
	if days <= 0 {
		return model.Date{}
	}
	return model.NewDate(r.Announced.Time().AddDate(0, 0, days).Date())
}

// subprocessorFeed lists every change of the subprocessors from one release
// to the next, newest first.
func (e *emitter) subprocessorFeed(lang model.Lang) (feedView, error) {
	var entries []feedEntry
	releases := e.tl.Releases
	for i := len(releases) - 1; i > 0; i-- {
		prev, r := releases[i-1], releases[i]
		c, err := e.compare(lang, prev, r)
		if err != nil {
			return feedView{}, err
		}
		for _, d := range c.Documents {
			if d.Key != "subprocessors" {
				continue
			}
			for _, s := range d.Sections {
				// A change in another language only is no change of
				// subprocessor to notify in this one.
				if s.Status != diff.Unchanged && !s.Translation {
					entries = append(entries, e.subprocessorEntry(lang, prev, r, s))
				}
			}
		}
	}
	return e.feed(lang, "subprocessors", "feedSubprocessorsTitle", "feedSubprocessorsSubtitle", entries), nil
}

func (e *emitter) subprocessorEntry(lang model.Lang, prev, r *model.Release, s diff.Section) feedEntry {
	e = e.forRelease(r)
	name := diff.New(s.Title)
	if s.Status == diff.Removed {
		name = diff.Old(s.Title)
	}
	var changed []string
	var content strings.Builder
	for _, f := range s.Children {
		if f.Status == diff.Unchanged || f.Translation || s.Status != diff.Changed {
			continue
		}
		label := diff.New(f.Title)
		changed = append(changed, label)
		fmt.Fprintf(&content, "<p><strong>%s:</strong> %s</p>", html.EscapeString(label),
			diff.HTML(f.Text, e.s.T(lang, "diffDeleted", nil), e.s.T(lang, "diffInserted", nil)))
	}
	key := map[diff.Status]string{diff.Added: "feedSubprocessorAdded", diff.Removed: "feedSubprocessorRemoved", diff.Changed: "feedSubprocessorChanged"}[s.Status]
	title := e.s.T(lang, key, map[string]string{"Name": name, "Fields": strings.Join(changed, ", ")})
	when := e.s.T(lang, "feedEffective", map[string]string{"Version": r.Version, "Date": e.s.Date(lang, r.Effective)})
	summary := sentence(title) + " " + when
	entry := feedEntry{
		ID:        e.tagID(r.Announced, "subprocessors/"+r.Version+"/"+s.ID),
		Title:     title,
		Updated:   rfc3339(r.Announced),
		URL:       e.u.absolute(e.diffURL(lang, prev, r) + "#" + diff.Anchor("subprocessors", s.ID)),
		Version:   r.Version,
		Effective: r.Effective.String(),
	}
	if d := e.deadline(r); !d.IsZero() {
		entry.Deadline = d.String()
		summary += " " + e.s.T(lang, "feedObjection", map[string]string{"Date": e.s.Date(lang, d), "Days": fmt.Sprint(e.objectionDays(r)), "Announced": e.s.Date(lang, r.Announced)})
	}
	entry.Summary = summary
	entry.ContentHTML = "<p>" + html.EscapeString(summary) + "</p>" + content.String()
	return entry
}

// versionFeed lists every version of the documents, newest first.
func (e *emitter) versionFeed(lang model.Lang) feedView {
	var entries []feedEntry
	for i := len(e.tl.Releases) - 1; i >= 0; i-- {
		r := e.tl.Releases[i]
		e := e.forRelease(r)
		title := e.s.T(lang, "feedVersion", map[string]string{"Version": r.Version, "Date": e.s.Date(lang, r.Effective)})
		summary := sentence(title)
		if r.Material {
			summary += " " + e.s.T(lang, "feedMaterial", nil)
		}
		if n := r.Notes.In(lang); n != "" {
			summary += " " + n
		}
		content := "<p>" + html.EscapeString(summary) + "</p>"
		if prev := e.tl.Predecessor(r); prev != nil {
			content += fmt.Sprintf(`<p><a href="%s">%s</a></p>`, e.u.absolute(e.diffURL(lang, prev, r)),
				html.EscapeString(e.s.T(lang, "diffToPrevious", map[string]string{"Version": prev.Version})))
		}
		entries = append(entries, feedEntry{
			ID:          e.tagID(r.Announced, "dpa/"+r.Version),
			Title:       title,
			Updated:     rfc3339(r.Announced),
			URL:         e.u.absolute(e.u.doc(lang, "dpa", r.Version)),
			Summary:     summary,
			ContentHTML: content,
			Version:     r.Version,
			Effective:   r.Effective.String(),
		})
	}
	return e.feed(lang, "versions", "feedVersionsTitle", "feedVersionsSubtitle", entries)
}
