package l10n

import (
	"maps"
	"slices"
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
	if got, _ := s.T(model.EN, "nav_toms", nil); got != "Security" {
		t.Errorf("override: got %q", got)
	}
	if got, _ := s.T(model.DE, "nav_toms", nil); got != "Technische und organisatorische Maßnahmen" {
		t.Errorf("German kept: got %q", got)
	}
	if _, err := s.T(model.DE, "onlyEnglish", nil); err == nil {
		t.Error("a message missing in German must be an error, not the English text")
	}
	if got, err := s.T(model.EN, "refClause", map[string]string{"Number": "4.2"}); err != nil || got != "clause 4.2" {
		t.Errorf("template data: %q, %v", got, err)
	}
}
