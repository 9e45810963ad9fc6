package emit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/model"
)

// Notices are the changes a release announces to customers: the facts the
// feeds publish and `trustportal notify` mails (package notify), computed
// once, here, for both.

// The topics of a notice, which a recipient may choose among.
const (
	TopicSubprocessors = "subprocessors"
	TopicDPA           = "dpa"
)

// Topics lists the topics of notices.
var Topics = []string{TopicSubprocessors, TopicDPA}

// Notice is one change to tell customers of, in one language.
type Notice struct {
	// ID is the feed entry's id (a tag URI), the same in every build: a
	// change is one notice for ever.
	ID    string
	Topic string // TopicSubprocessors or TopicDPA
	// Kind is "added", "removed" or "changed" for a subprocessor and
	// "version" for a version of the documents.
	Kind     string
	Lang     model.Lang
	Version  string
	Previous string // the version before, "" for the first
	// Subject is the subprocessor's name (for a subprocessor notice).
	Subject string
	Title   string
	// Summary is the notice in plain text: what changed, when it takes
	// effect, until when customers may object; for a version also whether
	// it must be accepted anew, whom it binds and its release note.
	Summary string
	// Fields are the facts of a subprocessor the DPA promises to notify,
	// and every other changed field with what it said before.
	Fields []NoticeField
	// URL is where the change is shown, absolute: the subprocessor in the
	// redline, or the version's DPA page.
	URL string
	// DiffURL is the redline from the version before, absolute; "" for
	// the first version. DiffText names it.
	DiffURL, DiffText string
	Announced         model.Date
	Effective         model.Date
	// Deadline is the end of the objection period, zero when the DPA sets
	// none; DeadlineText says it in words (how it is counted, why it moved).
	Deadline     model.Date
	DeadlineText string
	// FromReceipt says the period counts from the receipt of the notice:
	// Deadline is then the last day for a notice received on the day of
	// the announcement.
	FromReceipt bool
	// Material says the version must be accepted anew.
	Material bool
}

// NoticeField is one fact of a subprocessor notice.
type NoticeField struct {
	Label string
	// Value is what the field says now, Before what it said before (for a
	// changed field only).
	Value, Before string
	Changed       bool
	// Text is the fact as the feed states it: the value, or that the field
	// was removed, then what it said before.
	Text string
}

// Notices returns the notices of release version in lang: the version
// itself, then each change of a subprocessor since the release before.
func Notices(opts Options, version string, lang model.Lang) ([]Notice, error) {
	e, err := newEmitter(opts)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(e.tl.Releases, func(r *model.Release) bool { return r.Version == version })
	if i < 0 {
		return nil, fmt.Errorf("no release %q", version)
	}
	r := e.tl.Releases[i]
	out := []Notice{e.versionNotice(lang, r)}
	if i > 0 {
		subs, err := e.subprocessorNotices(lang, e.tl.Releases[i-1], r)
		if err != nil {
			return nil, err
		}
		out = append(out, subs...)
	}
	if err := e.forRelease(r).s.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// subprocessorNotices are the changes of the subprocessors from prev to r.
func (e *emitter) subprocessorNotices(lang model.Lang, prev, r *model.Release) ([]Notice, error) {
	// A change in another language only is no change of subprocessor to
	// notify in this one (changeSummary).
	sum, err := e.summary(lang, prev, r)
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, s := range sum.subprocessors {
		out = append(out, e.subprocessorNotice(lang, prev, r, s))
	}
	return out, nil
}

func (e *emitter) subprocessorNotice(lang model.Lang, prev, r *model.Release, s diff.Section) Notice {
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
	var fields []NoticeField
	for _, f := range s.Children {
		notified := slices.Contains(notifiedFields, strings.TrimPrefix(f.ID, s.ID+"--"))
		fieldChanged := s.Status == diff.Changed && f.Status != diff.Unchanged && !f.Translation
		if s.Status == diff.Removed || !notified && !fieldChanged {
			continue
		}
		field := NoticeField{Label: diff.New(f.Title), Value: diff.New(f.Text), Changed: fieldChanged}
		if field.Label == "" {
			field.Label = diff.Old(f.Title)
		}
		field.Text = field.Value
		if fieldChanged {
			changed = append(changed, field.Label)
			if field.Text == "" {
				field.Text = e.s.T(lang, "feedFieldRemoved", nil)
			}
			if field.Before = diff.Old(f.Text); field.Before != "" {
				field.Text += " " + e.s.T(lang, "feedFieldBefore", map[string]string{"Old": field.Before})
			}
		}
		fields = append(fields, field)
	}
	kind := map[diff.Status]string{diff.Added: "added", diff.Removed: "removed", diff.Changed: "changed"}[s.Status]
	key := map[diff.Status]string{diff.Added: "feedSubprocessorAdded", diff.Removed: "feedSubprocessorRemoved", diff.Changed: "feedSubprocessorChanged"}[s.Status]
	title := e.s.T(lang, key, map[string]string{"Name": name, "Fields": strings.Join(changed, ", ")})
	when := e.s.T(lang, "feedEffective", map[string]string{"Version": r.Version, "Date": e.s.Date(lang, r.Effective)})
	n := Notice{
		ID:        e.tagID(r.Announced, "subprocessors/"+r.Version+"/"+s.ID),
		Topic:     TopicSubprocessors,
		Kind:      kind,
		Lang:      lang,
		Version:   r.Version,
		Previous:  prev.Version,
		Subject:   name,
		Title:     title,
		Summary:   sentence(title) + " " + when,
		Fields:    fields,
		URL:       e.u.absolute(e.diffURL(lang, prev, r) + "#" + diff.Anchor("subprocessors", s.ID)),
		DiffURL:   e.u.absolute(e.diffURL(lang, prev, r)),
		DiffText:  e.s.T(lang, "diffToPrevious", map[string]string{"Version": prev.Version}),
		Announced: r.Announced,
		Effective: r.Effective,
	}
	if notice, due := e.objectionNotice(lang, r); notice != "" {
		n.Deadline, n.DeadlineText = due.Day, notice
		n.FromReceipt = e.objectionRule(r).ReceivedFrom()
		n.Summary += " " + notice
	}
	return n
}

// versionNotice announces release r of the documents.
func (e *emitter) versionNotice(lang model.Lang, r *model.Release) Notice {
	e = e.forRelease(r)
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
	n := Notice{
		ID:        e.tagID(r.Announced, "dpa/"+r.Version),
		Topic:     TopicDPA,
		Kind:      "version",
		Lang:      lang,
		Version:   r.Version,
		Title:     title,
		Summary:   summary,
		URL:       e.u.absolute(e.u.doc(lang, "dpa", r.Version)),
		Announced: r.Announced,
		Effective: r.Effective,
		Material:  r.Material,
	}
	if prev := e.tl.Predecessor(r); prev != nil {
		n.Previous = prev.Version
		n.DiffURL = e.u.absolute(e.diffURL(lang, prev, r))
		n.DiffText = e.s.T(lang, "diffToPrevious", map[string]string{"Version": prev.Version})
	}
	return n
}
