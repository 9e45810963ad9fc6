package hugosite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreview serves a small site at the root and under a path: pages with
// the live reload script, other files as they are, the site's 404 page for
// what it lacks, and a directory without its slash redirected.
func TestPreview(t *testing.T) {
	site := t.TempDir()
	for name, text := range map[string]string{
		"index.html":        "<!doctype html><html><head><title>home</title></head></html>",
		"de/dpa/index.html": "<!doctype html><html><head><title>AVV</title></head></html>",
		"css/portal.css":    "body{}",
		"404.html":          "<!doctype html><html><head><title>not found</title></head></html>",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, base := range []string{"/", "/trust/"} {
		p := NewPreview(base)
		p.Show(site)
		b := strings.TrimSuffix(base, "/")
		for _, tc := range []struct {
			path     string
			status   int
			contains string
			location string
		}{
			{b + "/", 200, `<head><script src="` + b + `/livereload.js?mindelay=10&amp;v=2&amp;port=&amp;path=` + strings.TrimPrefix(b+"/livereload", "/") + `" defer></script><title>home</title>`, ""},
			{b + "/de/dpa/", 200, "<title>AVV</title>", ""},
			{b + "/de/dpa", 301, "", b + "/de/dpa/"},
			{b + "/css/portal.css", 200, "body{}", ""},
			{b + "/de/nothing/", 404, "<title>not found</title>", ""},
			{b + "/livereload.js", 200, "", ""},
		} {
			rec := httptest.NewRecorder()
			p.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			body, _ := io.ReadAll(rec.Body)
			if rec.Code != tc.status || !strings.Contains(string(body), tc.contains) || rec.Header().Get("Location") != tc.location {
				t.Errorf("base %s: GET %s: %d, Location %q, body %.200q; want %d, Location %q, containing %q",
					base, tc.path, rec.Code, rec.Header().Get("Location"), body, tc.status, tc.location, tc.contains)
			}
		}
		if base != "/" {
			rec := httptest.NewRecorder()
			p.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/de/dpa/", nil))
			if rec.Code != http.StatusFound || rec.Header().Get("Location") != b+"/" {
				t.Errorf("base %s: a page outside the base path: %d to %q, want a redirect to %s/", base, rec.Code, rec.Header().Get("Location"), b)
			}
		}
	}
}
