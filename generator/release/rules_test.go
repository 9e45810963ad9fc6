package release_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestReleaseDates: the dates and notice rules a release keeps. The
// project is the minimal fixture with a 30-day objection period, released
// as 1.0 on 2026-01-01; each case edits the working copy and releases 1.1.
func TestReleaseDates(t *testing.T) {
	today := model.NewDate(2026, 3, 2)
	subprocessorChange := []testportal.Edit{{File: "data/subprocessors.toml", Old: `en = "Error monitoring"`, New: `en = "Error and crash monitoring"`},
		{File: "data/subprocessors.toml", Old: `de = "Fehlerüberwachung"`, New: `de = "Fehler- und Absturzüberwachung"`}}
	dpaChange := []testportal.Edit{{File: "content/dpa/scope.en.md", Old: "instructions only", New: "documented instructions only"}}
	tests := []struct {
		name    string
		edits   []testportal.Edit
		req     release.Request
		wantErr string // "" for a release that is made
		want    map[string]any
	}{
		{name: "announced today, in effect later", req: release.Request{Effective: model.NewDate(2026, 4, 1)},
			want: map[string]any{"announced": "2026-03-02", "objection_period_days": int64(30)}},
		{name: "announced in the past", req: release.Request{Effective: model.NewDate(2026, 4, 1), Announced: model.NewDate(2026, 2, 1)},
			wantErr: "--announced 2026-02-01 is in the past: a release announces its version today (2026-03-02) or later; to record a version that was published before the portal existed, add --historical"},
		{name: "in effect in the past", req: release.Request{Effective: model.NewDate(2026, 3, 1), Announced: model.NewDate(2026, 3, 1)},
			wantErr: "--announced 2026-03-01 is in the past"},
		{name: "in effect yesterday", req: release.Request{Effective: model.NewDate(2026, 3, 1)},
			wantErr: "a version cannot take effect (2026-03-01) before it is announced (2026-03-02)"},
		{name: "a past version, recorded as such", req: release.Request{Effective: model.NewDate(2026, 2, 1), Historical: true},
			want: map[string]any{"historical": true, "recorded": "2026-03-02", "announced": "2026-02-01"}},
		{name: "subprocessor change without the notice period", edits: subprocessorChange, req: release.Request{Effective: model.NewDate(2026, 3, 20)},
			wantErr: "version 1.1 changes the subprocessors (changed monitor) since release 1.0: customers may object within 30 days of the announcement (objection_period_days in data/portal.toml), so announced on 2026-03-02 it can take effect on 2026-04-01 at the earliest: give --effective 2026-04-01 or later"},
		{name: "subprocessor change with the notice period", edits: subprocessorChange, req: release.Request{Effective: model.NewDate(2026, 4, 1)},
			want: map[string]any{"effective": "2026-04-01"}},
		{name: "a past subprocessor change", edits: subprocessorChange, req: release.Request{Effective: model.NewDate(2026, 2, 1), Historical: true},
			want: map[string]any{"historical": true}},
		{name: "DPA change, material or not unsaid", edits: dpaChange, req: release.Request{Effective: model.NewDate(2026, 4, 1)},
			wantErr: `the DPA changed since release 1.0 (changed scope): say whether customers must accept version 1.1 anew: --material, or --not-material "REASON"`},
		{name: "DPA change, material", edits: dpaChange, req: release.Request{Effective: model.NewDate(2026, 4, 1), Material: true},
			want: map[string]any{"material": true}},
		{name: "DPA change, not material", edits: dpaChange, req: release.Request{Effective: model.NewDate(2026, 4, 1), NotMaterial: "clarifies the English wording"},
			want: map[string]any{"material": false, "not_material": "clarifies the English wording"}},
		{name: "material and not", edits: dpaChange, req: release.Request{Effective: model.NewDate(2026, 4, 1), Material: true, NotMaterial: "x"},
			wantErr: "--material and --not-material contradict each other"},
		{name: "hidden character in the reason", edits: dpaChange, req: release.Request{Effective: model.NewDate(2026, 4, 1), NotMaterial: "typo\u202e"},
			wantErr: "--not-material: character U+202E RIGHT-TO-LEFT OVERRIDE is not allowed"},
	}
	base := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/portal.toml", Old: `title =`, New: "objection_period_days = 30\ntitle ="})
	mustRelease(t, base, release.Request{Version: "1.0", Effective: model.NewDate(2026, 1, 1), Today: model.NewDate(2026, 1, 1)})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testportal.Copy(t, base, tt.edits...)
			req := tt.req
			req.Version, req.Today = "1.1", today
			_, err := generator.Release(dir, req)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v\nwant …%s…", err, tt.wantErr)
				}
				if _, err := os.Stat(filepath.Join(dir, "data/releases/1.1")); !os.IsNotExist(err) {
					t.Error("a refused release left data/releases/1.1")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if _, err := toml.DecodeFile(filepath.Join(dir, "data/releases/1.1/release.toml"), &got); err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.want {
				g := got[k]
				if d, ok := g.(time.Time); ok {
					g = d.Format(time.DateOnly)
				}
				if g != want {
					t.Errorf("release.toml: %s = %v, want %v", k, g, want)
				}
			}
		})
	}
}

// TestReleaseFreezesObjectionPeriod: the feeds state a release's objection
// deadline with the period in force when it was released, whatever the
// portal says later.
func TestReleaseFreezesObjectionPeriod(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/portal.toml", Old: `title =`, New: "objection_period_days = 30\ntitle ="})
	mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2026, 1, 1), Today: model.NewDate(2026, 1, 1)})
	edit(t, dir, "data/subprocessors.toml", `en = "Error monitoring"`, `en = "Error and crash monitoring"`)
	edit(t, dir, "data/subprocessors.toml", `de = "Fehlerüberwachung"`, `de = "Fehler- und Absturzüberwachung"`)
	mustRelease(t, dir, release.Request{Version: "1.1", Effective: model.NewDate(2026, 4, 1), Today: model.NewDate(2026, 3, 1)})
	feed := func() string {
		out := filepath.Join(t.TempDir(), "public")
		if err := generator.Build(generator.Options{Source: dir, Out: out, Today: model.NewDate(2026, 3, 5)}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(out, "en/subprocessors/feed.json"))
		if err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(out, "en/subprocessors/1.1/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data) + "\n" + string(page)
	}
	before := feed()
	if !strings.Contains(before, "31 March 2026") || !strings.Contains(before, "within 30 days") {
		t.Fatalf("the feed does not state the deadline 30 days after 1 March 2026, or the page the period of 30 days:\n%s", before)
	}
	edit(t, dir, "data/portal.toml", "objection_period_days = 30", "objection_period_days = 14")
	if after := feed(); after != before {
		t.Errorf("a later objection period changed the feed of release 1.1:\n--- before\n%s\n--- after\n%s", before, after)
	}
}

// TestRecordedFactsAreShown: the version page and the archive state what
// a release recorded: a version of the past, a change not material and why.
func TestRecordedFactsAreShown(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	mustRelease(t, dir, release.Request{Version: "1.0", Effective: model.NewDate(2025, 1, 1), Historical: true, Today: model.NewDate(2026, 3, 2)})
	edit(t, dir, "content/dpa/scope.en.md", "instructions only", "documented instructions only")
	mustRelease(t, dir, release.Request{Version: "1.1", Effective: model.NewDate(2026, 4, 1), NotMaterial: "clarifies the English wording", Today: model.NewDate(2026, 3, 2)})
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: dir, Out: out, Today: model.NewDate(2026, 3, 5)}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ page, class, want string }{
		{"en/dpa/1.0/index.html", ".version__historical", "Recorded on 2 March 2026 as a past version: it was in effect before it was published on this portal."},
		{"de/dpa/1.0/index.html", ".version__historical", "Nachträglich erfasst am 2. März 2026: Diese Fassung galt, bevor sie in diesem Portal veröffentlicht wurde."},
		{"en/dpa/1.1/index.html", ".version__not-material", "No renewed acceptance required: clarifies the English wording"},
		{"en/versions/index.html", `[id="version-1.1"] .version__not-material`, "No renewed acceptance required: clarifies the English wording"},
		{"en/versions/index.html", `[id="version-1.0"] .version__historical`, "Recorded on 2 March 2026 as a past version: it was in effect before it was published on this portal."},
	} {
		doc := testportal.HTML(t, filepath.Join(out, tt.page))
		if got := strings.TrimSpace(doc.Find(tt.class).Text()); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.page, tt.class, got, tt.want)
		}
	}
	doc := testportal.HTML(t, filepath.Join(out, "en/dpa/1.1/index.html"))
	if n := doc.Find(".version__historical").Length(); n != 0 {
		t.Errorf("version 1.1 is called historical (%d)", n)
	}
}
