package l10n

import (
	"testing"
	"testing/fstest"

	"github.com/trustportal/trustportal/generator/model"
)

// TestMessages: the key of a set of tables names their messages, not how
// the files are written.
func TestMessages(t *testing.T) {
	langs := []model.Lang{"de", "en"}
	tables := func(de, en string) fstest.MapFS {
		fs := fstest.MapFS{"i18n/de.toml": {Data: []byte(de)}}
		if en != "" {
			fs["i18n/en.toml"] = &fstest.MapFile{Data: []byte(en)}
		}
		return fs
	}
	const de, en = "a = \"Eins\"\nb = \"Zwei\"\n", "a = \"One\"\nb = \"Two\"\n"
	key := func(fs fstest.MapFS) string {
		t.Helper()
		k, err := Messages(fs, langs)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key(tables(de, en))
	for _, tc := range []struct {
		name string
		fs   fstest.MapFS
		same bool
	}{
		{"the same", tables(de, en), true},
		{"another comment and order", tables("# release 1.1\nb = \"Zwei\"\n\na = \"Eins\"\n", en), true},
		{"another message", tables(de, "a = \"One\"\nb = \"Second\"\n"), false},
		{"a message more", tables(de, en+"c = \"Three\"\n"), false},
		{"a language fewer", tables(de, ""), false},
		{"the languages' tables swapped", tables(en, de), false},
	} {
		if got := key(tc.fs) == base; got != tc.same {
			t.Errorf("%s: same key %v, want %v", tc.name, got, tc.same)
		}
	}
	if _, err := Messages(tables("a = ", en), langs); err == nil {
		t.Error("a table that is no TOML gave a key")
	}
}
