// Package scaffold writes a new portal project (trustportal init): the
// smallest project that check accepts and build builds, in the languages
// asked for, with a placeholder (the marker TODO, see package placeholder)
// wherever the legal team must give a fact or a text of its own. It invents
// nothing: every value is either a placeholder or an example.com address
// marked as one.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
)

// Builtin are the languages the tool has texts for; init writes a table of
// the tool's strings to translate for any other (i18n/<code>.toml).
var Builtin = model.DefaultLanguages

// placeholder is a text to replace, in German and in English (the English
// one for every other language).
type placeholder struct{ de, en string }

func (p placeholder) in(l model.Lang) string {
	if l == model.DE {
		return "TODO: " + p.de
	}
	return "TODO: " + p.en
}

// Files returns the project for langs, the first of them binding, by
// slash-separated path. english is the tool's English string table, copied
// for a language the tool has no strings for.
func Files(langs []model.Lang, english []byte) (map[string]string, error) {
	if len(langs) == 0 {
		return nil, errors.New("no language: give at least one, e.g. --languages de")
	}
	for i, l := range langs {
		if err := model.CheckLang(string(l)); err != nil {
			return nil, err
		}
		if slices.Contains(langs[:i], l) {
			return nil, fmt.Errorf("%s is listed twice", l)
		}
	}
	w := writer{langs: langs}
	files := map[string]string{
		".gitattributes":          gitattributes,
		"data/portal.toml":        w.portal(),
		"data/processor.toml":     w.processor(),
		"data/processing.toml":    w.processing(),
		"data/toms.toml":          w.toms(),
		"data/subprocessors.toml": subprocessors,
	}
	pages := map[string]func(model.Lang) string{
		"content/_index.%s.md":      w.home,
		"content/dpa/_index.%s.md":  w.dpa,
		"content/dpa/subject.%s.md": w.clause,
	}
	for pattern, page := range pages {
		for _, l := range langs {
			files[fmt.Sprintf(pattern, l)] = page(l)
		}
	}
	for _, l := range langs {
		if !slices.Contains(Builtin, l) {
			files["i18n/"+string(l)+".toml"] = fmt.Sprintf("# %s: translate every message of this copy of the tool's English table into %s (%s),\n"+
				"# then delete this line. docs/data.md, Languages, says what the table is for.\n", "TODO", l.Name(), l) + string(english)
		}
	}
	return files, nil
}

// Write writes the project for langs into dir, which must be new or
// empty; it never replaces a file, and refuses before writing anything.
// It returns the paths written, relative to dir.
func Write(dir string, langs []model.Lang, english []byte) ([]string, error) {
	files, err := Files(langs, english)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if fi, lerr := os.Lstat(dir); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(dir)
			return nil, fmt.Errorf("%s is a symbolic link to %s, which does not exist: create that directory first, or give init another directory", dir, target)
		}
	case err != nil:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return nil, fmt.Errorf("%s is a file, not a directory: init writes a new portal into a new or empty directory only, and changes nothing here", dir)
		}
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty (it holds %s): init writes a new portal into a new or empty directory only, and changes nothing here", dir, entries[0].Name())
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		// O_EXCL: a file that appeared meanwhile is never replaced.
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = f.WriteString(files[name])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	return names, nil
}

// writer writes the files in the project's languages.
type writer struct{ langs []model.Lang }

// text writes a text in every language: { de = "…", en = "…" }.
func (w writer) text(p placeholder) string {
	parts := make([]string, len(w.langs))
	for i, l := range w.langs {
		parts[i] = fmt.Sprintf("%s = %q", l, p.in(l))
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (w writer) portal() string {
	quoted := make([]string, len(w.langs))
	for i, l := range w.langs {
		quoted[i] = fmt.Sprintf("%q", l)
	}
	return `# The portal itself (docs/data.md, data/portal.toml).
base_url = "https://trust.example.com/" # TODO: the address the portal is published at
languages = [` + strings.Join(quoted, ", ") + `]
title = ` + w.text(placeholder{"Name des Portals", "name of the portal"}) + `
# If your DPA gives customers a period to object to a new subprocessor, its days
# (the feeds then state the deadline): objection_period_days = 30
`
}

func (w writer) processor() string {
	return `# The processor: your company (docs/data.md, data/processor.toml).
name = "TODO: the company's legal name"

[address]
street = "TODO: street and number"
postal_code = "TODO: postal code"
city = "TODO: city"
country = "DE" # TODO: the country of the registered office, as an ISO code

[[representative]]
name = "TODO: name of a legal representative"
role = ` + w.text(placeholder{"Funktion", "role"}) + `

[dpo]
name = "TODO: name of the data protection officer"
email = "dpo@example.com" # TODO: the data protection officer's address

[instructions]
name = "TODO: who receives the customer's instructions"
email = "privacy@example.com" # TODO: the address for instructions

[contract]
binding_language = "` + string(w.langs[0]) + `" # TODO: the language version that prevails (one of languages in data/portal.toml)
governing_law = "DE" # TODO: the country whose law governs the DPA
jurisdiction = ` + w.text(placeholder{"Gerichtsstand", "place of jurisdiction"}) + `
`
}

func (w writer) processing() string {
	return `# The processing: Annex 1 of the DPA (docs/data.md, data/processing.toml).
subject = ` + w.text(placeholder{"Gegenstand der Verarbeitung", "subject matter of the processing"}) + `
duration = ` + w.text(placeholder{"Dauer der Verarbeitung", "duration of the processing"}) + `
nature = ` + w.text(placeholder{"Art der Verarbeitung", "nature of the processing"}) + `
purpose = ` + w.text(placeholder{"Zweck der Verarbeitung", "purpose of the processing"}) + `

# One [[data_category]] per category of personal data; the id stays when the title changes.
[[data_category]]
id = "category" # TODO: an id of your own, e.g. contact-data
title = ` + w.text(placeholder{"Kategorie personenbezogener Daten", "category of personal data"}) + `

[[data_subject]]
id = "data-subjects" # TODO: an id of your own, e.g. users
title = ` + w.text(placeholder{"Kategorie betroffener Personen", "category of data subjects"}) + `

[[location]]
country = "DE" # TODO: where the data are processed, as an ISO code
description = ` + w.text(placeholder{"Ort der Verarbeitung", "place of processing"}) + `
`
}

func (w writer) toms() string {
	return `# The technical and organisational measures: Annex 2 (docs/data.md, data/toms.toml).
[[area]]
id = "area" # TODO: an id of your own, e.g. physical-access
objective = "confidentiality" # TODO: the Art. 32 GDPR objective the area serves
title = ` + w.text(placeholder{"Kontrollbereich", "control area"}) + `
goal = ` + w.text(placeholder{"Ziel des Bereichs", "what the area achieves"}) + `

  [[area.measure]]
  id = "measure" # TODO: an id of your own, e.g. badge-access
  text = ` + w.text(placeholder{"Maßnahme", "a measure"}) + `
`
}

const subprocessors = `# The subprocessors: Annex 3 (docs/data.md, data/subprocessors.toml).
# Add one [[subprocessor]] table per subprocessor; a list with none is
# published as such.
`

func (w writer) page(l model.Lang, title, body placeholder, weight string) string {
	front := fmt.Sprintf("title = %q\n", title.in(l))
	if weight != "" {
		front += "weight = " + weight + "\n"
	}
	return "+++\n" + front + "+++\n\n" + body.in(l) + "\n"
}

func (w writer) home(l model.Lang) string {
	return w.page(l, placeholder{"Überschrift der Startseite", "heading of the home page"},
		placeholder{"Text der Startseite.", "text of the home page."}, "")
}

func (w writer) dpa(l model.Lang) string {
	return w.page(l, placeholder{"Titel Ihres Vertrags", "title of your agreement"},
		placeholder{"Präambel des Vertrags, oder diesen Absatz löschen.", "preamble of the agreement, or delete this paragraph."}, "")
}

func (w writer) clause(l model.Lang) string {
	return w.page(l, placeholder{"Überschrift der ersten Klausel", "heading of the first clause"},
		placeholder{"Text der Klausel. Jede Klausel ist eine Datei je Sprache (docs/data.md).",
			"text of the clause. Each clause is one file per language (docs/data.md)."}, "10")
}

const gitattributes = `# The portal's text files keep LF line ends in every checkout, so that
# reviews show no line-end noise (trustportal reads CRLF files alike).
*.toml text eol=lf
*.md   text eol=lf
# Released versions are frozen: git never merges them line by line. Two
# branches that both released stop with a conflict; take main's
# data/releases/ and release again on top of it.
data/releases/** -merge
`
