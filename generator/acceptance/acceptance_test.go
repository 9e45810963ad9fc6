package acceptance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnswer: Find reads the DPA, agreement and annex hashes of every
// version, and the answer is the best status among the texts asked for.
func TestAnswer(t *testing.T) {
	h := func(c string) string { return strings.Repeat(c, 64) }
	m := &Manifest{Format: 1, AsOf: "2026-11-23", Current: &Entry{Version: "2.0"}, Versions: []Entry{
		{Version: "1.0", Status: Superseded, Languages: map[string]Text{"de": {SHA256: h("a"), AgreementSHA256: h("b")}},
			Annexes: map[string]map[string]Text{"toms": {"de": {SHA256: h("c")}}}},
		{Version: "2.0", Status: Current, Languages: map[string]Text{"de": {SHA256: h("d"), AgreementSHA256: h("e")}},
			Annexes: map[string]map[string]Text{"toms": {"de": {SHA256: h("c")}}}}, // the annex did not change
		{Version: "3.0", Status: Upcoming, Languages: map[string]Text{"de": {SHA256: h("f"), AgreementSHA256: h("0")}},
			Annexes: map[string]map[string]Text{"toms": {"de": {SHA256: h("1")}}}},
	}}
	for _, tc := range []struct {
		name, hash, version string
		want                Status
		matches             int
		exit, exitCurrent   int
	}{
		{"superseded DPA", h("a"), "", Superseded, 1, 0, 3},
		{"superseded agreement", h("b"), "", Superseded, 1, 0, 3},
		{"current DPA", h("d"), "", Current, 1, 0, 0},
		{"annex in two versions: the best", h("c"), "", Current, 2, 0, 0},
		{"annex in two versions, asked as 1.0", h("c"), "1.0", Superseded, 1, 0, 3},
		{"upcoming", h("f"), "", Upcoming, 1, 4, 4},
		{"upcoming annex", h("1"), "", Upcoming, 1, 4, 4},
		{"unknown", h("9"), "", Unknown, 0, 1, 1},
		{"known, but not as the version asked", h("d"), "1.0", Unknown, 0, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := m.Answer(tc.hash, tc.version, "")
			if a.Status != tc.want || len(a.Matches) != tc.matches || a.InEffect != "2.0" {
				t.Errorf("status %s with %d matches, in effect %q; want %s with %d", a.Status, len(a.Matches), a.InEffect, tc.want, tc.matches)
			}
			if got, gotCurrent := ExitCode(a.Status, false), ExitCode(a.Status, true); got != tc.exit || gotCurrent != tc.exitCurrent {
				t.Errorf("exit status %d, with --current %d; want %d, %d", got, gotCurrent, tc.exit, tc.exitCurrent)
			}
		})
	}
}

// TestReadRefuses: Read takes https, http only from this machine, and only
// a manifest of format 1 no larger than MaxManifestSize.
func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(strings.Repeat(" ", MaxManifestSize+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string]string{
		"http://trust.example.com/api/dpa.json":          "http is only for this machine",
		"http://localhost.example.com/api/dpa.json":      "http is only for this machine",
		"http://127.0.0.1.example.com:8080/api/dpa.json": "http is only for this machine",
		big: "larger than 16 MB",
	} {
		if _, err := Read(src); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%.60s): %v, want an error saying %q", src, err, want)
		}
	}
}
