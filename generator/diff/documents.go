package diff

import (
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/labels"
	"github.com/trustportal/trustportal/generator/markdown"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/refs"
)

// Status says how a section differs between the versions.
type Status int8

// The statuses.
const (
	Unchanged Status = iota
	Changed
	Added
	Removed
)

func (s Status) String() string {
	return [...]string{"unchanged", "changed", "added", "removed"}[s]
}

// Section is a clause, sub-clause, area, measure, subprocessor or field,
// aligned by its id across the two versions.
type Section struct {
	ID     string
	Status Status
	// Numbers in the old and new version; they differ for a renumbered
	// section. Empty where a section has none or does not exist. They are
	// the structural numbers ("3.2"), the same in every language.
	OldNumber, NewNumber string
	// Labels are the numbers as the version's numbering style writes them
	// in the language ("3.2", "(2)", "§ 3"), for display.
	OldLabel, NewLabel string
	// MovedFrom is the number of the old parent of a child that moved to
	// another parent (a measure to another area).
	MovedFrom string
	// Translation marks a section whose text is the same in both versions
	// in this language but changed in another (see Align).
	Translation bool
	// ReplacedBy and Replaces name the other party of a replacement: a
	// subprocessor whose legal entity (name or seat) changed under the
	// same id is not a change of it but a new subprocessor in place of the
	// old one, so the old is Removed, with ReplacedBy naming the new, and
	// the new Added, with Replaces naming the old. The removed one's id
	// ends in ReplacedSuffix, so that every section keeps an id of its own.
	ReplacedBy, Replaces string
	Title                []Span
	Text                 []Span
	Children             []Section
}

// Label returns the section's number as displayed: its new label, or its
// old one if it was removed.
func (s Section) Label() string {
	if s.NewLabel != "" {
		return s.NewLabel
	}
	return s.OldLabel
}

// Renumbered reports whether the section kept its id but not its number.
func (s Section) Renumbered() bool {
	return s.OldNumber != "" && s.NewNumber != "" && s.OldNumber != s.NewNumber
}

// RenumberedVisibly reports whether the section was renumbered and its
// number reads differently: a sub-clause "(2)" that moved with its clause
// keeps its label in a style whose sub-clause labels omit the clause.
func (s Section) RenumberedVisibly() bool {
	return s.Renumbered() && s.OldLabel != s.NewLabel
}

// FollowsParent reports whether s changed only in being renumbered along
// with its renumbered parent.
func (s Section) FollowsParent(parent Section) bool {
	return s.Status == Changed && parent.Renumbered() && s.Renumbered() && s.MovedFrom == "" && !s.TextChanged() &&
		!slices.ContainsFunc(s.Children, func(c Section) bool { return c.Status != Unchanged })
}

// OnlyRenumbered reports whether s changed in nothing but its number (and
// its children's along with it).
func (s Section) OnlyRenumbered() bool {
	return s.Status == Changed && s.Renumbered() && s.MovedFrom == "" && !s.TextChanged() &&
		!slices.ContainsFunc(s.Children, func(c Section) bool { return c.Status != Unchanged && !c.FollowsParent(s) })
}

// TextChanged reports whether the section's own title or text changed.
func (s Section) TextChanged() bool { return HasChanges(s.Title) || HasChanges(s.Text) }

// Document is the diff of one document in one language.
type Document struct {
	Key      string // "dpa", "toms", "subprocessors"
	Title    string
	Sections []Section
}

// Changed reports whether anything in the document changed.
func (d Document) Changed() bool {
	return slices.ContainsFunc(d.Sections, func(s Section) bool { return s.Status != Unchanged })
}

// Comparison is the diff of all documents between two versions, in one
// language.
type Comparison struct {
	Lang      model.Lang
	Documents []Document
}

// Changed reports whether any document changed.
func (c *Comparison) Changed() bool {
	return slices.ContainsFunc(c.Documents, Document.Changed)
}

// Compare compares the documents old and new in language lang. The texts
// compared are those of the canonical text: Markdown as plain text, with
// references resolved in each version.
func Compare(old, new *model.Documents, lang model.Lang, s *l10n.Strings) (*Comparison, error) {
	return NewComparer(s).Compare(old, new, lang)
}

func title(key string, d *model.Documents, lang model.Lang, s *l10n.Must) string {
	if key == "dpa" {
		return d.DPA.Title.In(lang)
	}
	return labels.New(d.Structure, lang, s).Title(key)
}

// ReplacedSuffix ends the id of a subprocessor replaced by a new legal
// entity under the same id (Section.ReplacedBy).
const ReplacedSuffix = "--replaced"

// node is a section of one version, before comparing.
type node struct {
	id, number, title, text string
	label                   string // number as displayed; "" for the number itself
	// entity identifies a subprocessor's legal entity (name and seat); a
	// change of it is a replacement, not a change. "" for other sections.
	entity   string
	children []node
}

// tree turns document key of d into nodes.
func tree(d *model.Documents, key string, lang model.Lang, s *l10n.Must) ([]node, error) {
	r := refs.New(d, lang, s, nil)
	lb := labels.New(d.Structure, lang, s)
	plain := func(src string) (string, error) { return markdown.PlainText(src, r) }
	var out []node
	switch key {
	case "dpa":
		pre, err := plain(d.DPA.Preamble.In(lang))
		if err != nil {
			return nil, err
		}
		out = append(out, node{id: "preamble", title: s.T(lang, "preamble", nil), text: pre})
		for _, c := range d.DPA.Clauses {
			intro, err := plain(c.Intro.In(lang))
			if err != nil {
				return nil, err
			}
			n := node{id: c.ID, number: c.Number, label: lb.Number(c.Number), title: c.Title.In(lang), text: intro}
			for _, sc := range c.SubClauses {
				body, err := plain(sc.Body.In(lang))
				if err != nil {
					return nil, err
				}
				n.children = append(n.children, node{id: sc.ID, number: sc.Number, label: lb.Number(sc.Number), title: sc.Title.In(lang), text: body})
			}
			out = append(out, n)
		}
		if lb.InAnnex(model.PartProcessing) {
			out = append(out, processingNode(d, lang, s, lb))
		}
	case "toms":
		return tomsTree(&d.TOMs, lang, plain, s)
	case "subprocessors":
		for _, sp := range d.Subprocessors.List {
			n := node{id: sp.ID, title: sp.Name, entity: sp.Name + "\x00" + sp.Address.Country}
			for _, f := range canonical.SubprocessorFields {
				// A field the data do not give is no line at all, not an
				// empty one: giving it later shows as an insertion.
				if text := canonical.SubprocessorField(d, sp, f, lang, s); text != "" {
					n.children = append(n.children, node{id: sp.ID + "--" + f, title: s.T(lang, f, nil), text: text})
				}
			}
			out = append(out, n)
		}
	}
	return out, nil
}

func processingNode(d *model.Documents, lang model.Lang, s *l10n.Must, lb *labels.Labels) node {
	p := d.Processing
	id := refs.AnchorProcessingAnnex
	n := node{id: id, title: lb.AnnexHeading(model.PartProcessing)}
	field := func(key, text string) {
		if text != "" { // a detail the data do not give is left out
			n.children = append(n.children, node{id: id + "--" + key, title: s.T(lang, key, nil), text: text})
		}
	}
	field("subjectMatter", oneLine(p.Subject.In(lang)))
	field("duration", oneLine(p.Duration.In(lang)))
	field("nature", oneLine(p.Nature.In(lang)))
	field("purpose", oneLine(p.Purpose.In(lang)))
	list := func(key string, items []string) {
		for i := range items {
			items[i] = "- " + items[i]
		}
		field(key, strings.Join(items, "\n"))
	}
	var items []string
	for _, c := range p.DataCategories {
		items = append(items, joinDetail(c.Title.In(lang), c.Examples.In(lang)))
	}
	list("dataCategories", items)
	items = nil
	for _, c := range p.SpecialCategories {
		items = append(items, joinDetail(c.Title.In(lang), c.Safeguards.In(lang)))
	}
	if len(items) == 0 && p.SpecialCategoriesStated == model.SpecialCategoriesNone {
		items = []string{s.T(lang, "none", nil)}
	}
	list("specialCategories", items)
	items = nil
	for _, c := range p.DataSubjects {
		items = append(items, oneLine(c.Title.In(lang)))
	}
	list("dataSubjects", items)
	items = nil
	for _, l := range p.Locations {
		place := l.Country
		if l.Region != "" {
			place = s.T(lang, "region_"+string(l.Region), nil)
		}
		items = append(items, joinDetail(place, l.Description.In(lang)))
	}
	list("locations", items)
	return n
}

// tomsTree turns the TOM annex into nodes: its preamble, if it has one,
// then its areas with their measures, or groups and their measures.
func tomsTree(t *model.TOMs, lang model.Lang, plain func(string) (string, error), s *l10n.Must) ([]node, error) {
	var out []node
	var err error
	text := func(src string) string {
		p, e := plain(src)
		if err == nil {
			err = e
		}
		return p
	}
	measures := func(ms []model.Measure) []node {
		var out []node
		for _, m := range ms {
			out = append(out, node{id: m.ID, number: m.Number, text: text(m.Text.In(lang))})
		}
		return out
	}
	if !t.Preamble.IsZero() {
		out = append(out, node{id: "preamble", title: s.T(lang, "preamble", nil), text: text(t.Preamble.In(lang))})
	}
	for _, a := range t.Areas {
		n := node{id: a.ID, number: a.Number, title: a.Title.In(lang), text: text(a.Goal.In(lang)), children: measures(a.Measures)}
		if t.AsWritten() && len(a.AllObjectives()) > 0 {
			n.text = strings.TrimSpace(canonical.ObjectivesLine(a.AllObjectives(), lang, s) + "\n\n" + n.text)
		}
		for _, g := range a.Groups {
			n.children = append(n.children, node{id: g.ID, number: g.Number, title: g.Title.In(lang), text: text(g.Goal.In(lang)), children: measures(g.Measures)})
		}
		out = append(out, n)
	}
	return out, err
}

func joinDetail(title, detail string) string {
	if detail = oneLine(detail); detail != "" {
		return oneLine(title) + ": " + detail
	}
	return oneLine(title)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// located is a child of an old section, for finding where it moved.
type located struct {
	node   node
	parent node
}

// children indexes the children of one version by id.
type children struct {
	old   map[string]located // in the old version, with their parent
	new   map[string]bool    // in the new version
	words *wordsMemo         // the word diffs made so far; nil for none
}

// compare aligns old and new by id, in the new order, with removed sections
// after the section that preceded them in the old order. words remembers
// the word diffs of pairs of texts (nil: none).
func compare(old, new []node, words *wordsMemo) []Section {
	ch := children{old: map[string]located{}, new: map[string]bool{}, words: words}
	// At every level: a measure may move to another group.
	eachChild(old, func(c, p node) { ch.old[c.id] = located{c, p} })
	eachChild(new, func(c, _ node) { ch.new[c.id] = true })
	oldByID := map[string]node{}
	for _, n := range old {
		oldByID[n.id] = n
	}
	newIDs := map[string]bool{}
	for _, n := range new {
		newIDs[n.id] = true
	}
	var out []Section
	for _, n := range new {
		o, ok := oldByID[n.id]
		switch {
		case !ok:
			out = append(out, added(n))
		case o.entity != n.entity:
			gone, now := removed(o.withID(o.id+ReplacedSuffix)), added(n)
			gone.ReplacedBy, now.Replaces = n.title, o.title
			out = append(out, gone, now)
		default:
			out = append(out, changed(o, n, ch))
		}
	}
	// Removed sections go after their old predecessor.
	for i, o := range old {
		if newIDs[o.id] {
			continue
		}
		at := 0
		for k := i - 1; k >= 0; k-- {
			if j := slices.IndexFunc(out, func(s Section) bool { return s.ID == old[k].id }); j >= 0 {
				at = j + 1
				break
			}
		}
		out = slices.Insert(out, at, removed(o))
	}
	return out
}

// withID returns n with the id id, and its children's ids, which start
// with n's, renamed alike.
func (n node) withID(id string) node {
	kids := make([]node, len(n.children))
	for i, c := range n.children {
		kids[i] = c.withID(id + strings.TrimPrefix(c.id, n.id))
	}
	n.id, n.children = id, kids
	return n
}

// shown returns the node's number as displayed.
func (n node) shown() string {
	if n.label != "" {
		return n.label
	}
	return n.number
}

// eachChild calls visit with every node below nodes and its parent.
func eachChild(nodes []node, visit func(child, parent node)) {
	for _, p := range nodes {
		for _, c := range p.children {
			visit(c, p)
		}
		eachChild(p.children, visit)
	}
}

func changed(o, n node, ch children) Section {
	s := Section{ID: n.id, OldNumber: o.number, NewNumber: n.number, OldLabel: o.shown(), NewLabel: n.shown(), Title: wordsOf(ch.words, o.title, n.title), Text: wordsOf(ch.words, o.text, n.text)}
	s.Children = compareChildren(o, n, ch)
	s.Status = Unchanged
	if s.TextChanged() || s.Renumbered() || slices.ContainsFunc(s.Children, func(c Section) bool { return c.Status != Unchanged }) {
		s.Status = Changed
	}
	return s
}

// compareChildren aligns the children of one section; a child that is new
// here but existed under another parent is shown as moved, not added, and
// is not shown as removed there.
func compareChildren(o, n node, ch children) []Section {
	own := map[string]node{}
	gone := 0
	for _, c := range o.children {
		own[c.id] = c
		if !ch.new[c.id] {
			gone++
		}
	}
	// Made at their size: a portal's comparisons hold every section of
	// every version compared, and append's growth would add a third.
	var out []Section
	if size := len(n.children) + gone; size > 0 {
		out = make([]Section, 0, size)
	}
	for _, c := range n.children {
		if oc, ok := own[c.id]; ok {
			out = append(out, changed(oc, c, ch))
			continue
		}
		if l, ok := ch.old[c.id]; ok {
			s := changed(l.node, c, ch)
			s.Status, s.MovedFrom = Changed, l.parent.shown()
			out = append(out, s)
			continue
		}
		out = append(out, added(c))
	}
	for _, oc := range o.children {
		if !ch.new[oc.id] {
			out = append(out, removed(oc))
		}
	}
	return out
}

func added(n node) Section {
	s := Section{ID: n.id, Status: Added, NewNumber: n.number, NewLabel: n.shown(), Title: Words("", n.title), Text: Words("", n.text)}
	if len(n.children) > 0 {
		s.Children = make([]Section, 0, len(n.children))
	}
	for _, c := range n.children {
		s.Children = append(s.Children, added(c))
	}
	return s
}

func removed(n node) Section {
	s := Section{ID: n.id, Status: Removed, OldNumber: n.number, OldLabel: n.shown(), Title: Words(n.title, ""), Text: Words(n.text, "")}
	if len(n.children) > 0 {
		s.Children = make([]Section, 0, len(n.children))
	}
	for _, c := range n.children {
		s.Children = append(s.Children, removed(c))
	}
	return s
}
