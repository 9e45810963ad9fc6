// Package l10n gives the generator its strings in the portal's languages
// from the same i18n/*.toml tables Hugo's T function reads (go-i18n format),
// and formats dates per language.
package l10n

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/trustportal/trustportal/generator/memo"
	"github.com/trustportal/trustportal/generator/model"
)

// Strings looks up messages in every portal language.
type Strings struct {
	localizers map[model.Lang]*i18n.Localizer
	// overrides are the messages a later layer (the project's i18n/)
	// gives differently from the first (the tool's theme), by language.
	overrides map[model.Lang][]*i18n.Message
	// tables are the messages in effect, by language and id: each layer's
	// over the one before (see Table).
	tables map[model.Lang]map[string]string

	// dates are the dates Date wrote, by language and day: a portal's
	// pages write the same few dates thousands of times.
	dates sync.Map
	// written are the messages T wrote without data or from a
	// map[string]string: the same labels ("Clause {{.Number}}" for the
	// same number) are asked for on every page of every version.
	written memo.Map[writtenKey, localized]

	frozenOnce sync.Once // Frozen's result, made once
	frozen     *Strings
	frozenErr  error
}

// Load reads i18n/<lang>.toml of each language from each file system in
// turn; a later one overrides single messages of an earlier one, as a
// project's i18n/ overrides the built-in theme's. A file system without the
// file is skipped, but a language no file system has a table for is an
// error: its pages would have no words.
func Load(langs []model.Lang, layers ...fs.FS) (*Strings, error) {
	bundle := i18n.NewBundle(language.Und)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	want, err := builtinIDs(layers)
	if err != nil {
		return nil, err
	}
	s := &Strings{localizers: map[model.Lang]*i18n.Localizer{}, overrides: map[model.Lang][]*i18n.Message{}, tables: map[model.Lang]map[string]string{}}
	for _, lang := range langs {
		found := false
		has := map[string]bool{}
		first := map[string]string{} // the first layer's messages
		s.tables[lang] = map[string]string{}
		for i, fsys := range layers {
			name, data, ok, err := readTable(fsys, lang)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			f, err := bundle.ParseMessageFileBytes(data, name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for _, m := range f.Messages {
				has[m.ID] = true
				s.tables[lang][m.ID] = m.Other
				if i == 0 {
					first[m.ID] = m.Other
				} else if other, ok := first[m.ID]; !ok || other != m.Other {
					s.overrides[lang] = append(s.overrides[lang], m)
				}
			}
			found = true
		}
		if !found {
			return nil, fmt.Errorf("i18n/%s.toml is missing: the portal's languages include %s (%s), but the tool has no strings in it; "+
				"copy the tool's i18n/en.toml to i18n/%s.toml in the project and translate every message", lang, lang, lang.Name(), lang)
		}
		var missing []string
		for _, id := range want {
			if !has[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("i18n/%s.toml lacks %d of the tool's %d messages (%s): a page in %s would show them in another language or not at all; "+
				"add each, translated (the tool's i18n/en.toml has them all)", lang, len(missing), len(want), listIDs(missing), lang.Name())
		}
	}
	for _, lang := range langs {
		s.localizers[lang] = i18n.NewLocalizer(bundle, string(lang))
	}
	return s, nil
}

// Messages returns a key of the messages of the tables i18n/<lang>.toml in
// fsys, for langs: the same for tables that give the same messages in every
// language, whatever their comments, order or layout; Load of the same
// layers over them gives the same strings.
func Messages(fsys fs.FS, langs []model.Lang) (string, error) {
	var k MessageKeys
	return k.Of(fsys, langs)
}

// MessageKeys gives the keys of Messages for many layers, and parses each
// set of tables once: tables that differ only in the comment lines they
// start with have the same messages. Every release of a portal stores its
// words so, under a comment that names the release; between two changes
// of its words they are otherwise the same bytes. The zero value is ready
// to use; it is not for use by several goroutines at once.
type MessageKeys struct {
	byBody map[[sha256.Size]byte]string
}

// Of returns Messages(fsys, langs).
func (k *MessageKeys) Of(fsys fs.FS, langs []model.Lang) (string, error) {
	type table struct {
		lang model.Lang
		name string
		data []byte
	}
	var tables []table
	h := sha256.New()
	for _, lang := range langs {
		name, data, found, err := readTable(fsys, lang)
		if err != nil {
			return "", err
		}
		if !found {
			continue
		}
		tables = append(tables, table{lang, name, data})
		body := withoutOpeningComments(data)
		fmt.Fprintf(h, "%s %d\n", lang, len(body))
		h.Write(body)
	}
	var body [sha256.Size]byte
	h.Sum(body[:0])
	if key, ok := k.byBody[body]; ok {
		return key, nil
	}
	all := map[string]map[string]any{}
	for _, t := range tables {
		var m map[string]any
		if err := toml.Unmarshal(t.data, &m); err != nil {
			return "", fmt.Errorf("%s: %w", t.name, err)
		}
		all[string(t.lang)] = m
	}
	data, err := json.Marshal(all) // maps in the order of their keys
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	if k.byBody == nil {
		k.byBody = map[[sha256.Size]byte]string{}
	}
	k.byBody[body] = key
	return key, nil
}

// withoutOpeningComments returns data without the comment and blank lines
// it starts with, which no value of a TOML document can be part of.
func withoutOpeningComments(data []byte) []byte {
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if t := bytes.TrimLeft(line, " \t\r"); len(t) > 0 && t[0] != '#' {
			break
		}
		data = rest
	}
	return data
}

// tableFile is where a layer keeps the messages in lang.
func tableFile(lang model.Lang) string { return path.Join("i18n", string(lang)+".toml") }

// readTable reads the messages in lang of the layer fsys; found is false
// if the layer has none in lang.
func readTable(fsys fs.FS, lang model.Lang) (name string, data []byte, found bool, err error) {
	name = tableFile(lang)
	data, err = fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return name, nil, false, nil
	}
	return name, data, err == nil, err
}

// builtinIDs returns the ids of the messages of the first layer, the
// tool's own tables (i18n/*.toml): every language needs all of them.
func builtinIDs(layers []fs.FS) ([]string, error) {
	if len(layers) == 0 {
		return nil, nil
	}
	names, err := fs.Glob(layers[0], "i18n/*.toml")
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, name := range names {
		data, err := fs.ReadFile(layers[0], name)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for id := range m {
			ids[id] = true
		}
	}
	return slices.Sorted(maps.Keys(ids)), nil
}

// listIDs names message ids for an error, at most the first ten.
func listIDs(ids []string) string {
	if len(ids) > 10 {
		return strings.Join(ids[:10], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// Frozen returns strings made of tables fixed at some version of the tool
// (i18n/<lang>.toml in fsys), with the messages the project overrode in s
// on top: what a text rendered by that version showed, for a project that
// overrides some messages. Package canonical/format1 renders the texts of
// old releases with it.
//
// The result is made once and kept with s: a project's strings are frozen
// against one set of tables, those of package canonical/format1.
func (s *Strings) Frozen(fsys fs.FS, langs []model.Lang) (*Strings, error) {
	s.frozenOnce.Do(func() { s.frozen, s.frozenErr = s.freeze(fsys, langs) })
	return s.frozen, s.frozenErr
}

func (s *Strings) freeze(fsys fs.FS, langs []model.Lang) (*Strings, error) {
	bundle := i18n.NewBundle(language.Und)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	f := &Strings{localizers: map[model.Lang]*i18n.Localizer{}}
	for _, lang := range langs {
		name := tableFile(lang)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("frozen strings: %w", err)
		}
		if _, err := bundle.ParseMessageFileBytes(data, name); err != nil {
			return nil, fmt.Errorf("frozen strings: %s: %w", name, err)
		}
		if err := bundle.AddMessages(language.Make(string(lang)), s.overrides[lang]...); err != nil {
			return nil, fmt.Errorf("frozen strings: %w", err)
		}
		f.localizers[lang] = i18n.NewLocalizer(bundle, string(lang))
	}
	return f, nil
}

// Table returns every message in language l as the pages get it (the
// project's over the tool's), by id: what a release stores so that its
// pages keep their words (package release). Only the "other" form of a
// message is kept; the tool's messages have no other.
func (s *Strings) Table(l model.Lang) map[string]string { return maps.Clone(s.tables[l]) }

// T returns message id in language l, filled from data (a map or struct, for
// messages such as "Ziffer {{.Number}}"). A missing message is an error: no
// page falls back to another language.
func (s *Strings) T(l model.Lang, id string, data any) (string, error) {
	k := writtenKey{lang: l, id: id}
	switch d := data.(type) {
	case nil:
	case map[string]string:
		k.data = "map:" + dataKey(d) // an empty map is not nil
	default:
		return s.localize(l, id, data)
	}
	r := s.written.Get(k, func() localized {
		msg, err := s.localize(l, id, data)
		return localized{msg, err}
	})
	return r.msg, r.err
}

// writtenKey names a message asked for with the same data.
type writtenKey struct {
	lang     model.Lang
	id, data string // data: see dataKey
}

// dataKey writes the names and values of data in the order of the names,
// each after its length: the same for the same data, and only for it.
func dataKey(data map[string]string) string {
	var b strings.Builder
	for _, n := range slices.Sorted(maps.Keys(data)) {
		for _, part := range [2]string{n, data[n]} {
			b.WriteString(strconv.Itoa(len(part)))
			b.WriteByte(':')
			b.WriteString(part)
		}
	}
	return b.String()
}

// localized is what localize gave.
type localized struct {
	msg string
	err error
}

func (s *Strings) localize(l model.Lang, id string, data any) (string, error) {
	loc, ok := s.localizers[l]
	if !ok {
		return "", fmt.Errorf("i18n: unknown language %q", l)
	}
	msg, tag, err := loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("i18n/%s.toml: message %q: %w", l, id, err)
	}
	if base, _ := tag.Base(); base.String() != string(l) {
		return "", fmt.Errorf("i18n/%s.toml: message %q is missing (only found in %s)", l, id, tag)
	}
	return msg, nil
}

// Date formats d as a long date in language l: "1. November 2026" or
// "1 November 2026", with month names and the pattern from the i18n tables
// (messages month1 … month12 and dateLong).
func (s *Strings) Date(l model.Lang, d model.Date) (string, error) {
	if d.IsZero() {
		return "", nil
	}
	key := string(l) + " " + d.String()
	if written, ok := s.dates.Load(key); ok {
		return written.(string), nil
	}
	t := d.Time()
	month, err := s.T(l, "month"+strconv.Itoa(int(t.Month())), nil)
	if err != nil {
		return "", err
	}
	long, err := s.T(l, "dateLong", map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
	if err == nil {
		s.dates.Store(key, long)
	}
	return long, err
}

// Must wraps a Strings so that a sequence of lookups reports only its first
// error: m.T(…) in a row, then m.Err().
type Must struct {
	S   *Strings
	err error
}

// T is Strings.T, remembering the first error.
func (m *Must) T(l model.Lang, id string, data any) string {
	s, err := m.S.T(l, id, data)
	if err != nil && m.err == nil {
		m.err = err
	}
	return s
}

// Date is Strings.Date, remembering the first error.
func (m *Must) Date(l model.Lang, d model.Date) string {
	s, err := m.S.Date(l, d)
	if err != nil && m.err == nil {
		m.err = err
	}
	return s
}

// Err returns the first error of any lookup.
func (m *Must) Err() error { return m.err }
