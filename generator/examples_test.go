package generator_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/acceptance"
	"github.com/trustportal/trustportal/generator/testportal"
)

// backendCheck is the answer of a backend example of docs/examples.
type backendCheck struct {
	Status          string `json:"status"`
	NewSignup       bool   `json:"valid_for_new_signup"`
	StillSufficient bool   `json:"still_sufficient"`
}

// TestBackendExamples runs the Python and JavaScript checks of
// docs/examples, as docs/acceptance.md offers them, on the sample's built
// manifest (as a file and over HTTP) and on a manifest whose versions order
// differently as numbers than as strings: they give the same answers as
// trustportal verify, and tell from renewal_required_since whether an
// accepted version still suffices.
func TestBackendExamples(t *testing.T) {
	root := testportal.Root(t)
	out := build(t, root).out
	manifest := filepath.Join(out, "api", "dpa.json")
	server := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer server.Close()
	m, err := acceptance.Read(manifest)
	if err != nil {
		t.Fatal(err)
	}
	p := build(t, root).portal
	locked := func(v, key string) string {
		entry, _ := p.Lock.Find(v)
		return entry.Texts[key]
	}
	// 1.10 follows 1.9: compared as strings, 1.9 would come later.
	numeric := filepath.Join(t.TempDir(), "numeric.json")
	hash := func(c string) string { return strings.Repeat(c, 64) }
	if err := os.WriteFile(numeric, []byte(`{"format": 1, "as_of": "2026-11-23", "renewal_required_since": "1.10", "current": null, "upcoming": [],
		"versions": [{"version": "1.9", "status": "superseded", "languages": {"en": {"sha256": "`+hash("a")+`"}}},
		             {"version": "1.10", "status": "current", "languages": {"en": {"sha256": "`+hash("b")+`"}}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	type testCase struct {
		name, manifest, sha256, version, lang string
		want                                  backendCheck
	}
	cases := []testCase{
		{"current", manifest, locked("2.0", "dpa.de"), "2.0", "de", backendCheck{"current", true, true}},
		{"current, over HTTP", server.URL + "/api/dpa.json", locked("2.0", "dpa.en"), "2.0", "en", backendCheck{"current", true, true}},
		{"current, agreement hash in upper case", manifest, strings.ToUpper("19e96b19da676f55259a25b35b2b964eb913d478b6afaf2806dcfaebcf790bc1"), "2.0", "de", backendCheck{"current", true, true}},
		{"superseded, before the material 2.0", manifest, locked("1.1", "dpa.de"), "1.1", "de", backendCheck{"superseded", false, false}},
		{"upcoming", manifest, locked("3.0", "dpa.en"), "3.0", "en", backendCheck{"upcoming", false, false}},
		{"unknown hash", manifest, hash("c"), "2.0", "de", backendCheck{"unknown", false, false}},
		{"hash of another version", manifest, locked("2.0", "dpa.de"), "1.1", "de", backendCheck{"unknown", false, false}},
		{"hash of another language", manifest, locked("2.0", "dpa.de"), "2.0", "en", backendCheck{"unknown", false, false}},
		{"annex hash is no acceptance", manifest, locked("2.0", "toms.de"), "2.0", "de", backendCheck{"unknown", false, false}},
		{"1.9 before 1.10", numeric, hash("a"), "1.9", "en", backendCheck{"superseded", false, false}},
		{"1.10 after 1.9", numeric, hash("b"), "1.10", "en", backendCheck{"current", true, true}},
	}
	for _, ex := range []struct{ interpreter, script string }{
		{"python3", "check_acceptance.py"},
		{"node", "check-acceptance.mjs"},
	} {
		t.Run(ex.interpreter, func(t *testing.T) {
			bin, err := exec.LookPath(ex.interpreter)
			if err != nil {
				t.Skipf("%s is not installed, so docs/examples/%s is not run: %v", ex.interpreter, ex.script, err)
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					cmd := exec.Command(bin, filepath.Join(root, "docs", "examples", ex.script), tc.manifest, tc.sha256, tc.version, tc.lang)
					stdout, err := cmd.Output()
					code := 0
					var exit *exec.ExitError
					if errors.As(err, &exit) {
						code = exit.ExitCode()
						if code == 2 {
							t.Fatalf("trouble: %s", exit.Stderr)
						}
					} else if err != nil {
						t.Fatal(err)
					}
					var got backendCheck
					if err := json.Unmarshal(stdout, &got); err != nil {
						t.Fatalf("output %q: %v", stdout, err)
					}
					if got != tc.want || (code == 0) != tc.want.NewSignup {
						t.Errorf("%+v, exit status %d; want %+v", got, code, tc.want)
					}
					// The same answer as trustportal verify --manifest gives
					// for the DPA and agreement hashes.
					if tc.manifest == manifest && tc.want.Status != "unknown" {
						if a := m.Answer(strings.ToLower(tc.sha256), tc.version, tc.lang); string(a.Status) != got.Status {
							t.Errorf("verify says %s, the example %s", a.Status, got.Status)
						}
					}
				})
			}
			// Trouble is exit status 2 with a message.
			cmd := exec.Command(bin, filepath.Join(root, "docs", "examples", ex.script), filepath.Join(root, "data", "portal.toml"), hash("a"), "1.0", "de")
			if out, err := cmd.CombinedOutput(); cmd.ProcessState.ExitCode() != 2 || !strings.Contains(string(out), "portal.toml") {
				t.Errorf("a file that is no manifest: exit status %d (%v), output %q", cmd.ProcessState.ExitCode(), err, out)
			}
		})
	}
}
