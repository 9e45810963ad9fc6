package emit

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/deadline"
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

// notifiedFields are the facts of a new or changed subprocessor that the
// feeds state, as a DPA's notice clause promises them: seat, processing
// locations, service and the legal basis of a transfer (the keys of
// canonical.SubprocessorFields).
var notifiedFields = []string{"address", "thLocations", "thPurpose", "thSafeguard"}

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

// objectionRule is how the objection period of a change announced with r
// is counted: as r recorded it when it was released.
func (e *emitter) objectionRule(r *model.Release) deadline.Rule {
	return deadline.Rule{Days: e.objectionDays(r), From: r.ObjectionFrom, Holidays: r.DeadlineHolidays}
}

// objectionNotice states until when customers may object to a change
// announced with r, counted as the DPA says, and why a deadline moved;
// "" when the DPA sets no period.
func (e *emitter) objectionNotice(lang model.Lang, r *model.Release) (string, deadline.Deadline) {
	rule := e.objectionRule(r)
	due := rule.Due(r.Announced)
	if due.Day.IsZero() {
		return "", due
	}
	key := "feedObjection"
	if rule.ReceivedFrom() {
		key = "feedObjectionReceipt"
	}
	notice := e.s.T(lang, key, map[string]string{"Date": e.s.Date(lang, due.Day), "Days": fmt.Sprint(rule.Days), "Announced": e.s.Date(lang, r.Announced)})
	if !due.Moved.IsZero() {
		notice += " " + e.s.T(lang, "feedDeadlineMoved", map[string]string{"Moved": e.s.Date(lang, due.Moved), "Place": deadline.PlaceName(rule.Holidays, lang)})
	}
	return notice, due
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
	// The facts: for a new subprocessor those the DPA promises to notify;
	// for a changed one those and every other changed field, each with
	// what it said before. Plain text, no redline: feed readers show the
	// hidden labels of a redline as text.
	var changed []string
	var content strings.Builder
	for _, f := range s.Children {
		notified := slices.Contains(notifiedFields, strings.TrimPrefix(f.ID, s.ID+"--"))
		fieldChanged := s.Status == diff.Changed && f.Status != diff.Unchanged && !f.Translation
		if s.Status == diff.Removed || !notified && !fieldChanged {
			continue
		}
		label := diff.New(f.Title)
		if label == "" {
			label = diff.Old(f.Title)
		}
		value := html.EscapeString(diff.New(f.Text))
		if fieldChanged {
			changed = append(changed, label)
			if value == "" {
				value = html.EscapeString(e.s.T(lang, "feedFieldRemoved", nil))
			}
			if old := diff.Old(f.Text); old != "" {
				value += " " + html.EscapeString(e.s.T(lang, "feedFieldBefore", map[string]string{"Old": old}))
			}
		}
		fmt.Fprintf(&content, "<p><strong>%s:</strong> %s</p>", html.EscapeString(label), value)
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
	if notice, due := e.objectionNotice(lang, r); notice != "" {
		entry.Deadline = due.Day.String()
		summary += " " + notice
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
		if applies := e.applies(lang, r); applies != "" {
			summary += " " + applies
		}
		if n := r.Notes.In(lang); n != "" {
			summary += " " + n
		}
		for _, n := range e.docNotes(lang, r) {
			summary += " " + n.Title + ": " + sentence(n.Text)
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
