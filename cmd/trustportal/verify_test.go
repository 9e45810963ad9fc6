package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestVerifyAnswers: verify tells the four answers apart, with the same
// exit status and words from the checkout, from the published manifest as
// a file and from it over HTTP, and --current fails a superseded version.
func TestVerifyAnswers(t *testing.T) {
	root := testportal.Root(t)
	p, err := generator.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	locked := func(v, key string) string {
		entry, ok := p.Lock.Find(v)
		if !ok {
			t.Fatalf("no release %s", v)
		}
		return entry.Texts[key]
	}
	const day = "2026-11-25" // 2.0 in effect, 3.0 announced for 2027-01-01
	out := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: root, Out: out, Today: model.NewDate(2026, 11, 25)}); err != nil {
		t.Fatal(err)
	}
	manifestFile := filepath.Join(out, "api", "dpa.json")
	server := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer server.Close()

	sources := map[string][]string{
		"checkout":      {"--source", root, "--today", day},
		"manifest file": {"--manifest", manifestFile},
		"manifest URL":  {"--manifest", server.URL + "/api/dpa.json"},
	}
	cases := []struct {
		name   string
		hash   string
		extra  []string
		code   int
		status string
		want   string
	}{
		{"current", locked("2.0", "dpa.de"), nil, 0, "current", "current: version 2.0 is in effect (as of " + day + "); valid for a new signup"},
		{"current with --current", locked("2.0", "dpa.en"), []string{"--current"}, 0, "current", "valid for a new signup"},
		{"superseded", locked("1.1", "dpa.de"), nil, 0, "superseded", "superseded: the version in effect is 2.0"},
		{"superseded with --current", locked("1.1", "dpa.de"), []string{"--current"}, 3, "superseded", "not for a new signup"},
		{"upcoming", locked("3.0", "dpa.de"), nil, 4, "upcoming", "upcoming: not yet in effect"},
		{"upcoming with --current", locked("3.0", "dpa.en"), []string{"--current"}, 4, "upcoming", "valid for no signup before its effective date"},
		{"unknown", strings.Repeat("ab", 32), nil, 1, "unknown", "no published text has SHA-256"},
		{"unknown as the version asked", locked("2.0", "dpa.de"), []string{"--version", "1.1"}, 1, "unknown", "it is the text of dpa, version 2.0, in German"},
		{"annex of the version in effect", locked("2.0", "toms.de"), []string{"--current"}, 0, "current", "the canonical text of toms, version 2.0"},
		{"agreement hash", "19e96b19da676f55259a25b35b2b964eb913d478b6afaf2806dcfaebcf790bc1", nil, 0, "current", "the agreement hash"},
	}
	for source, args := range sources {
		for _, tc := range cases {
			t.Run(source+"/"+tc.name, func(t *testing.T) {
				base := append(append([]string{"verify", "--sha256", tc.hash}, args...), tc.extra...)
				var stdout, stderr bytes.Buffer
				if code := run(base, &stdout, &stderr); code != tc.code || !strings.Contains(stdout.String(), tc.want) {
					t.Errorf("exit status %d, want %d; output lacks %q?\n%s%s", code, tc.code, tc.want, stdout.String(), stderr.String())
				}
				stdout.Reset()
				if code := run(append(base, "--json"), &stdout, &stderr); code != tc.code {
					t.Errorf("--json: exit status %d, want %d", code, tc.code)
				}
				var answer struct {
					SHA256    string `json:"sha256"`
					Status    string `json:"status"`
					New       bool   `json:"valid_for_new_signup"`
					Existing  bool   `json:"valid_for_existing_customer"`
					InEffect  string `json:"in_effect"`
					AsOf      string `json:"as_of"`
					Matches   []struct{ Version, Status string }
					Elsewhere []struct{ Version string }
				}
				if err := json.Unmarshal(stdout.Bytes(), &answer); err != nil {
					t.Fatalf("--json: %v\n%s", err, stdout.String())
				}
				if answer.Status != tc.status || answer.SHA256 != tc.hash || answer.InEffect != "2.0" || answer.AsOf != day ||
					answer.New != (tc.status == "current") || answer.Existing != (tc.status == "current" || tc.status == "superseded") {
					t.Errorf("--json: %+v, want status %s", answer, tc.status)
				}
				if (len(answer.Matches) == 0) != (tc.status == "unknown") {
					t.Errorf("--json: matches %+v for status %s", answer.Matches, tc.status)
				}
			})
		}
	}
}

// TestVerifyManifestTrouble: a manifest verify cannot trust or read is
// trouble (exit status 2), told in words, and --manifest reads no checkout.
func TestVerifyManifestTrouble(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte(" "), 17<<20))
	}))
	defer big.Close()
	missing := httptest.NewServer(http.NotFoundHandler())
	defer missing.Close()
	hash := strings.Repeat("ab", 32)
	runCases(t, []runCase{
		{[]string{"verify", "--sha256", hash, "--manifest", "http://trust.example.com/api/dpa.json"}, 2, "http is only for this machine (localhost); use the portal's https URL"},
		{[]string{"verify", "--sha256", hash, "--manifest", big.URL + "/api/dpa.json"}, 2, "larger than 16 MB"},
		{[]string{"verify", "--sha256", hash, "--manifest", missing.URL + "/api/dpa.json"}, 2, "the server answered 404 Not Found"},
		{[]string{"verify", "--sha256", hash, "--manifest", write("format2.json", `{"format": 2, "versions": []}`)}, 2, "manifest format 2: this trustportal reads format 1"},
		{[]string{"verify", "--sha256", hash, "--manifest", write("html.json", `<!doctype html>`)}, 2, "not a trustportal manifest"},
		{[]string{"verify", "--sha256", hash, "--manifest", write("status.json", `{"format": 1, "versions": [{"version": "1.0", "status": "valid"}]}`)}, 2, `versions[0].status "valid"`},
		{[]string{"verify", "--sha256", hash, "--manifest", filepath.Join(dir, "none.json")}, 2, "none.json"},
		{[]string{"verify", "--sha256", hash, "--manifest", write("ok.json", `{"format": 1, "versions": []}`), "--today", "2026-01-01"}, 2, "leave out --today and --source"},
		{[]string{"verify", "--sha256", hash, "--manifest", write("empty.json", `{"format": 1, "as_of": "2026-01-01", "current": null, "versions": []}`)}, 1, "no published text"},
	})
}
