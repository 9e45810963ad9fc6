package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/problem"
)

// generated reports every file the generator wrote that the site does not
// carry byte for byte: a template or a file of the project's static/ that
// replaced the acceptance manifest or a canonical text. files are given by
// their bytes, sums by their SHA-256.
func (s *Site) generated(files map[string][]byte, sums map[string][sha256.Size]byte) problem.List {
	var out problem.List
	names := slices.Collect(maps.Keys(files))
	for name := range maps.Keys(sums) {
		if _, ok := files[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(name)))
		want, byBytes := files[name]
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out.Add(s.problem(name, "is missing: the generator wrote it", "a template or static/ must not remove it"))
		case err != nil:
			out.Add(s.problem(name, err.Error(), ""))
		case byBytes && !bytes.Equal(got, want), !byBytes && sha256.Sum256(got) != sums[name]:
			out.Add(s.problem(name, "differs from what the generator wrote: a template or a file of static/ replaced it",
				"only the generator writes the acceptance manifest and the canonical texts; remove the project's file or template for this path"))
		}
		if byBytes && path.Ext(name) == ".json" {
			out.Merge(s.manifestLinks(name, want))
		}
	}
	return out
}

// manifestLinks reports every URL of the acceptance manifest (url,
// embed_url, text_url, pdf_url) that is not an absolute URL of a file of
// the site, under the base path: a signup flow fetches and records them
// from another site.
func (s *Site) manifestLinks(name string, data []byte) problem.List {
	var out problem.List
	var manifest any
	if err := json.Unmarshal(data, &manifest); err != nil {
		out.Add(s.problem(name, "is no JSON: "+err.Error(), ""))
		return out
	}
	jsonFeedLinks("", manifest, func(key, u string) {
		t, ok := s.resolve("", u)
		switch {
		case !ok || t.foreign || !strings.HasPrefix(u, s.BaseURL.Scheme+"://"):
			out.Add(s.problem(name, fmt.Sprintf("%s %q is no URL of the portal at %s", key, u, s.BaseURL), "the manifest's URLs are absolute URLs of the portal"))
		default:
			if why, hint := s.ownURL("", u); why != "" {
				out.Add(s.problem(name, fmt.Sprintf("%s %q %s", key, u, why), hint))
			}
		}
	}, func(string, string) {})
	return out
}

// csp reports a page that does not declare policy in a <meta
// http-equiv="Content-Security-Policy"> in its head, before any element
// that loads something.
func (s *Site) csp(rel string, doc *goquery.Document, policy string) problem.List {
	var out problem.List
	if policy == "" {
		return nil
	}
	found := false
	doc.Find("head").Children().EachWithBreak(func(_ int, e *goquery.Selection) bool {
		switch goquery.NodeName(e) {
		case "meta":
			if strings.EqualFold(e.AttrOr("http-equiv", ""), "content-security-policy") && e.AttrOr("content", "") == policy {
				found = true
				return false
			}
		case "script", "link", "style", "base":
			return false
		}
		return true
	})
	if !found {
		out.Add(s.problem(rel, fmt.Sprintf("has no <meta http-equiv=\"Content-Security-Policy\" content=%q> in its head before what it loads", policy),
			"keep the meta element of layouts/_partials/head.html in every layout that writes a <head>"))
	}
	return out
}
