package l10n

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/model"
)

// TestTablesHaveTheSameKeys guards the rule that no page falls back to the
// other language: every string exists in both tables.
func TestTablesHaveTheSameKeys(t *testing.T) {
	keys := map[model.Lang][]string{}
	for _, lang := range model.DefaultLanguages {
		var m map[string]any
		data, err := trustportal.Theme.ReadFile("i18n/" + string(lang) + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := toml.Decode(string(data), &m); err != nil {
			t.Fatalf("i18n/%s.toml: %v", lang, err)
		}
		keys[lang] = slices.Sorted(maps.Keys(m))
		for k, v := range m {
			if s, ok := v.(string); !ok || s == "" {
				t.Errorf("i18n/%s.toml: %s is empty or not a string", lang, k)
			}
		}
	}
	for _, k := range keys[model.DE] {
		if !slices.Contains(keys[model.EN], k) {
			t.Errorf("%q is in de.toml but not in en.toml", k)
		}
	}
	for _, k := range keys[model.EN] {
		if !slices.Contains(keys[model.DE], k) {
			t.Errorf("%q is in en.toml but not in de.toml", k)
		}
	}
}

func TestDate(t *testing.T) {
	s, err := Load(model.DefaultLanguages, trustportal.Theme)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang model.Lang
		date model.Date
		want string
	}{
		{model.DE, model.NewDate(2026, 11, 1), "1. November 2026"},
		{model.EN, model.NewDate(2026, 11, 1), "1 November 2026"},
		{model.DE, model.NewDate(2024, 3, 15), "15. März 2024"},
		{model.EN, model.NewDate(2024, 3, 15), "15 March 2024"},
		{model.DE, model.Date{}, ""},
	}
	for _, tt := range tests {
		got, err := s.Date(tt.lang, tt.date)
		if err != nil || got != tt.want {
			t.Errorf("Date(%s, %s) = %q, %v; want %q", tt.lang, tt.date, got, err, tt.want)
		}
	}
}

func TestOverrideAndMissing(t *testing.T) {
	project := fstest.MapFS{
		"i18n/en.toml": {Data: []byte("nav_toms = \"Security\"\nonlyEnglish = \"x\"\n")},
	}
	s, err := Load(model.DefaultLanguages, trustportal.Theme, project)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time from what T remembers
		if got, _ := s.T(model.EN, "nav_toms", nil); got != "Security" {
			t.Errorf("override: got %q", got)
		}
		if got, _ := s.T(model.DE, "nav_toms", nil); got != "Technische und organisatorische Maßnahmen" {
			t.Errorf("German kept: got %q", got)
		}
		if _, err := s.T(model.DE, "onlyEnglish", nil); err == nil {
			t.Error("a message missing in German must be an error, not the English text")
		}
	}
	for _, tt := range []struct {
		data map[string]string
		want string
	}{
		{map[string]string{"Clause": "4", "Sub": "2"}, "clause 4.2"},
		{map[string]string{"Clause": "4", "Sub": "2"}, "clause 4.2"},
		{map[string]string{"Sub": "2", "Clause": "4"}, "clause 4.2"},
		{map[string]string{"Clause": "4", "Sub": "3"}, "clause 4.3"},
		{map[string]string{"Clause": "4.2", "Sub": ""}, "clause 4.2."},
	} {
		if got, err := s.T(model.EN, "refSub_ziffer", tt.data); err != nil || got != tt.want {
			t.Errorf("template data %v: %q, %v; want %q", tt.data, got, err, tt.want)
		}
	}
}

// TestFrozen: frozen strings are the frozen tables with the messages the
// project gives differently from the theme on top; a project message equal
// to the theme's (a project that copied the theme's table) is no override,
// so a later theme's change of it does not leak into the frozen strings.
func TestFrozen(t *testing.T) {
	theme := fstest.MapFS{"i18n/en.toml": {Data: []byte("a = \"theme a\"\nb = \"theme b\"\nc = \"theme c\"\n")}}
	project := fstest.MapFS{"i18n/en.toml": {Data: []byte("a = \"project a\"\nb = \"theme b\"\n")}}
	frozen := fstest.MapFS{"i18n/en.toml": {Data: []byte("a = \"frozen a\"\nb = \"frozen b\"\nc = \"frozen c\"\n")}}
	s, err := Load([]model.Lang{model.EN}, theme, project)
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.Frozen(frozen, []model.Lang{model.EN})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"a": "project a", "b": "frozen b", "c": "frozen c"} {
		if got, err := f.T(model.EN, id, nil); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", id, got, err, want)
		}
	}
	if got, _ := s.T(model.EN, "c", nil); got != "theme c" {
		t.Errorf("the project's strings changed: c = %q", got)
	}
}

// BenchmarkT asks for a message without data, as every page asks for its
// labels, and for one with data.
func BenchmarkT(b *testing.B) {
	s, err := Load(model.DefaultLanguages, trustportal.Theme)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.T(model.DE, "nav_toms", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("data", func(b *testing.B) {
		data := map[string]string{"Clause": "4", "Sub": "2"}
		for b.Loop() {
			if _, err := s.T(model.EN, "refSub_ziffer", data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestMessageKeys: tables that differ only in the comments they start with
// (each release's names the release) are parsed once and have one key;
// any other difference, a '#' line inside a text included, gives another.
func TestMessageKeys(t *testing.T) {
	layer := func(en string) fs.FS {
		return fstest.MapFS{"i18n/en.toml": {Data: []byte(en)}}
	}
	langs := []model.Lang{model.EN}
	const body = "a = \"A\"\nb = \"\"\"\n# part of the text\n\"\"\"\n"
	tests := []struct {
		name  string
		en    string
		share bool // with the first table
	}{
		{"the first", "# The words of release 1.0.\n" + body, true},
		{"another release's comment", "# The words of release 2.0,\n\n  # as found.\r\n" + body, true},
		{"no comment", body, true},
		{"another message", "# The words of release 3.0.\n" + strings.Replace(body, `"A"`, `"A2"`, 1), false},
		{"another line in a text", "# The words of release 4.0.\n" + strings.Replace(body, "# part", "# Part", 1), false},
	}
	var k MessageKeys
	first := ""
	for _, tt := range tests {
		got, err := k.Of(layer(tt.en), langs)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		fresh, err := Messages(layer(tt.en), langs)
		if err != nil || got != fresh {
			t.Errorf("%s: %q from memory, %q (%v) read anew", tt.name, got, fresh, err)
		}
		if first == "" {
			first = got
		}
		if (got == first) != tt.share {
			t.Errorf("%s: key %q, first %q; want shared = %v", tt.name, got, first, tt.share)
		}
	}
	if want := 3; len(k.byBody) != want { // the second and third have the first's body
		t.Errorf("%d tables parsed, want %d: tables with the same body are parsed once", len(k.byBody), want)
	}
}
