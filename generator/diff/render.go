package diff

import (
	"fmt"
	"html"
	"strings"

	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/sourcetext"
)

// Format is an output format of a comparison.
type Format string

// The formats of trustportal diff.
const (
	FormatText     Format = "text"     // for a terminal; git's [-…-]{+…+} or colour
	FormatMarkdown Format = "markdown" // for a pull request description
	FormatHTML     Format = "html"     // a fragment with <ins> and <del>
)

// Render writes c in format f. Only what changed is shown, each section
// with its number and title, so a reviewer sees exactly what a release
// changes. color applies to FormatText.
func Render(c *Comparison, f Format, color bool, s *l10n.Strings) (string, error) {
	m := &l10n.Must{S: s}
	r := renderer{c: c, f: f, color: color, t: func(id string, data any) string { return m.T(c.Lang, id, data) }}
	r.write()
	return r.b.String(), m.Err()
}

type renderer struct {
	c     *Comparison
	doc   string // key of the document being written
	f     Format
	color bool
	t     func(id string, data any) string
	b     strings.Builder
}

func (r *renderer) write() {
	if !r.c.Changed() {
		r.line(0, r.t("diffNoChanges", nil))
		return
	}
	if r.f == FormatHTML {
		r.b.WriteString(`<div class="redline">` + "\n")
	}
	for _, d := range r.c.Documents {
		if !d.Changed() {
			continue
		}
		r.heading(d.Title)
		r.doc = d.Key
		for _, s := range d.Sections {
			r.section(s, 0, Section{})
		}
	}
	if r.f == FormatHTML {
		r.b.WriteString("</div>\n")
	}
}

// Anchor is the id of the change of section id of document doc on a diff
// page.
func Anchor(doc, id string) string { return "change-" + doc + "-" + id }

// RenderDocument writes the changes of document d of c as an HTML fragment
// for a diff page (no heading of its own).
func RenderDocument(c *Comparison, d Document, lang model.Lang, s *l10n.Strings) (string, error) {
	m := &l10n.Must{S: s}
	r := renderer{c: c, f: FormatHTML, doc: d.Key, t: func(id string, data any) string { return m.T(lang, id, data) }}
	for _, sec := range d.Sections {
		r.section(sec, 0, Section{})
	}
	return r.b.String(), m.Err()
}

func (r *renderer) heading(title string) {
	title = sourcetext.Visible(title)
	switch r.f {
	case FormatMarkdown:
		fmt.Fprintf(&r.b, "## %s\n\n", escapeMarkdown(title))
	case FormatHTML:
		fmt.Fprintf(&r.b, "<h2>%s</h2>\n", html.EscapeString(title))
	default:
		r.b.WriteString(r.paint(title, "\x1b[1m") + "\n")
	}
}

// section writes a changed section and its changed children. A child that
// was only renumbered along with its parent (4.2 → 5.2 under 4 → 5) is left
// out: the parent's note says it.
func (r *renderer) section(s Section, depth int, parent Section) {
	if s.Status == Unchanged || s.FollowsParent(parent) {
		return
	}
	head := strings.TrimSpace(s.Label() + " " + r.spans(s.Title))
	if head == "" {
		head = sourcetext.Visible(s.ID)
	}
	var notes []string
	switch {
	case parent.Status == s.Status: // all of an added or removed parent
	case s.Status == Added:
		notes = append(notes, r.t("diffAdded", nil))
	case s.Status == Removed:
		notes = append(notes, r.t("diffRemoved", nil))
	}
	if s.RenumberedVisibly() {
		notes = append(notes, r.t("diffRenumbered", map[string]string{"Old": s.OldLabel, "New": s.NewLabel}))
	}
	if s.ReplacedBy != "" {
		notes = append(notes, r.t("diffReplacedBy", map[string]string{"Name": s.ReplacedBy}))
	}
	if s.Replaces != "" {
		notes = append(notes, r.t("diffReplaces", map[string]string{"Name": s.Replaces}))
	}
	if s.MovedFrom != "" {
		notes = append(notes, r.t("diffMovedFrom", map[string]string{"From": s.MovedFrom}))
	}
	if s.TranslationOnly() {
		notes = append(notes, r.t("diffTranslationOnly", nil))
	}
	note := ""
	if len(notes) > 0 {
		note = " (" + strings.Join(notes, ", ") + ")"
	}
	switch r.f {
	case FormatMarkdown:
		fmt.Fprintf(&r.b, "%s- **%s**%s\n", strings.Repeat("  ", depth), head, escapeMarkdown(note))
		if HasChanges(s.Text) || s.Status != Changed {
			if text := r.spans(s.Text); text != "" {
				fmt.Fprintf(&r.b, "%s  %s\n", strings.Repeat("  ", depth), strings.ReplaceAll(text, "\n", "\n"+strings.Repeat("  ", depth+1)))
			}
		}
	case FormatHTML:
		fmt.Fprintf(&r.b, `<section class="change change--%s" id="%s">`+"\n<h%d>%s%s</h%d>\n", s.Status, html.EscapeString(Anchor(r.doc, s.ID)), min(depth+3, 6), head, html.EscapeString(note), min(depth+3, 6))
		if HasChanges(s.Text) || s.Status != Changed {
			fmt.Fprintf(&r.b, "<p>%s</p>\n", strings.ReplaceAll(r.spans(s.Text), "\n", "<br>\n"))
		}
	default:
		mark := map[Status]string{Changed: "~", Added: "+", Removed: "-"}[s.Status]
		r.line(depth+1, mark+" "+head+note)
		if HasChanges(s.Text) || s.Status != Changed {
			if text := r.spans(s.Text); text != "" {
				r.line(depth+2, text)
			}
		}
	}
	for _, c := range s.Children {
		r.section(c, depth+1, s)
	}
	if r.f == FormatHTML {
		r.b.WriteString("</section>\n")
	}
	if r.f == FormatMarkdown && depth == 0 {
		r.b.WriteString("\n")
	}
}

func (r *renderer) line(indent int, text string) {
	pad := strings.Repeat("  ", indent)
	r.b.WriteString(pad + strings.ReplaceAll(text, "\n", "\n"+pad) + "\n")
}

func (r *renderer) paint(text, code string) string {
	if !r.color {
		return text
	}
	return code + text + "\x1b[0m"
}

// spans writes a redline in the renderer's format.
func (r *renderer) spans(spans []Span) string {
	if r.f == FormatHTML {
		return HTML(spans, r.t("diffDeleted", nil), r.t("diffInserted", nil))
	}
	var b strings.Builder
	for _, s := range spans {
		text := sourcetext.Visible(s.Text)
		if r.f == FormatMarkdown {
			text = escapeMarkdown(text)
		}
		switch {
		case s.Op == Equal:
			b.WriteString(text)
		case r.f == FormatMarkdown && s.Op == Delete:
			b.WriteString(wrapSpace(text, "~~", "~~"))
		case r.f == FormatMarkdown:
			b.WriteString(wrapSpace(text, "<ins>", "</ins>"))
		case r.color && s.Op == Delete:
			b.WriteString("\x1b[31;9m" + text + "\x1b[0m")
		case r.color:
			b.WriteString("\x1b[32;4m" + text + "\x1b[0m")
		case s.Op == Delete:
			b.WriteString("[-" + text + "-]")
		default:
			b.WriteString("{+" + text + "+}")
		}
	}
	return b.String()
}

// wrapSpace puts markup around text but outside its leading and trailing
// white space, where Markdown would not see it.
func wrapSpace(text, open, close string) string {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return text
	}
	i := strings.Index(text, trimmed)
	return text[:i] + open + trimmed + close + text[i+len(trimmed):]
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "<", "&lt;", "[", `\[`)

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// HTML writes spans as HTML: deletions in <del>, insertions in <ins>, each
// with a visually hidden label ("Gelöscht:", "Eingefügt:") so that the
// change does not rest on colour or strike-through alone.
//
// Every format shows a control, bidirectional or invisible character from
// the data as <U+202E> (sourcetext.Visible): the loader refuses them in the
// working copy, but a release made by an older trustportal may hold them,
// and a redline must not hide or reorder text.
func HTML(spans []Span, deleted, inserted string) string {
	var b strings.Builder
	for _, s := range spans {
		text := html.EscapeString(sourcetext.Visible(s.Text))
		switch s.Op {
		case Delete:
			fmt.Fprintf(&b, `<del><span class="visually-hidden">[%s: </span>%s<span class="visually-hidden">]</span></del>`, deleted, text)
		case Insert:
			fmt.Fprintf(&b, `<ins><span class="visually-hidden">[%s: </span>%s<span class="visually-hidden">]</span></ins>`, inserted, text)
		default:
			b.WriteString(text)
		}
	}
	return b.String()
}
