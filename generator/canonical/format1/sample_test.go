package format1_test

import (
	"os"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/canonical/format1"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestSampleReleases: the sample portal's releases were made in format 1;
// rendered now, every text has the SHA-256 the lock recorded then.
func TestSampleReleases(t *testing.T) {
	fsys := os.DirFS(testportal.Root(t))
	p, problems, err := load.Load(fsys)
	if err != nil || p == nil {
		t.Fatal(err, problems)
	}
	lock, _, err := load.Lock(fsys)
	if err != nil || lock == nil {
		t.Fatal(err)
	}
	s := testportal.Strings(t)
	n := 0
	for _, r := range p.Releases {
		entry, ok := lock.Find(r.Version)
		if !ok || r.Texts != nil {
			t.Fatalf("release %s: locked %v, stored texts %v", r.Version, ok, r.Texts != nil)
		}
		for key, want := range entry.Texts {
			doc, lang, _ := strings.Cut(key, ".")
			text, err := format1.Text(&r.Docs, doc, model.Lang(lang), format1.Meta{Version: r.Version, Effective: r.Effective}, s)
			if err != nil {
				t.Fatal(err)
			}
			if got := canonical.Hash(text); got != want {
				t.Errorf("release %s %s: SHA-256 %s, locked %s", r.Version, key, got, want)
			}
			n++
		}
	}
	if n < 24 {
		t.Errorf("checked %d texts, want the 24 of the sample's four releases", n)
	}
}
