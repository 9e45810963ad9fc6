package validate

import (
	"testing"

	"github.com/trustportal/trustportal/generator/model"
)

func TestMemoTakesTheProblemsOfAReleaseSeenBefore(t *testing.T) {
	// A release with empty documents has problems of its own.
	portal := func(files map[string]string) *model.Portal {
		p := &model.Portal{Site: model.Site{Languages: []model.Lang{"de", "en"}}}
		p.Releases = []model.Release{{Version: "1.0", Dir: "data/releases/1.0", Files: files}}
		return p
	}
	files := map[string]string{"release.toml": "aa"}
	want := Problems(portal(files))
	if len(want) == 0 {
		t.Fatal("the test's release has no problems")
	}
	m := NewMemo()
	if got := m.Problems(portal(files)); len(got) != len(want) {
		t.Fatalf("first check: %d problems, want %d", len(got), len(want))
	}
	// The same files again: the release is not checked again (its
	// documents here differ only to show it).
	p := portal(map[string]string{"release.toml": "aa"})
	p.Releases[0].Docs.Processor.Name = "Example GmbH"
	if got := m.Problems(p); len(got) != len(want) {
		t.Errorf("the same release: %d problems, want those found before (%d)", len(got), len(want))
	}
	// Other files, other languages: checked anew.
	fewer := len(Problems(p))
	if fewer == len(want) {
		t.Fatal("a processor name given does not change the test release's problems")
	}
	p.Releases[0].Files = map[string]string{"release.toml": "ab"}
	if got := m.Problems(p); len(got) != fewer {
		t.Errorf("a release with other files: %d problems, want %d", len(got), fewer)
	}
	p = portal(files)
	p.Site.Languages = []model.Lang{"de"}
	if got, fresh := m.Problems(p), Problems(p); len(got) != len(fresh) {
		t.Errorf("other languages: %d problems, want %d", len(got), len(fresh))
	}
}
