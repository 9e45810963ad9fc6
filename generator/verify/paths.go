package verify

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// How URLs map to the site's files. Hugo publishes a site whose base URL has
// a path (https://www.example.com/trust/) into its directory without that
// path, and the web server serves the directory at it: /trust/de/dpa/ is
// de/dpa/index.html. So a URL of the portal is one on the base URL's host
// under its path; a root-relative URL outside that path (/de/dpa/) leads
// to some other site on the same host, never to one of the portal's files.

// target is where a URL written in one of the site's files leads.
type target struct {
	rel     string // the file it names, relative to the site's root (without fragment or query)
	foreign bool   // another host or scheme (mailto:, data: …): not the portal's
	outside bool   // the portal's host, but outside its base path (rel: the file it would name without one)
}

// resolve maps raw, written in the file at from (relative to the site's
// root; "" for none), to the file of the site it names. A relative URL
// resolves against the URL the file is served at.
func (s *Site) resolve(from, raw string) (target, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return target{}, false
	}
	if from != "" {
		u = s.BaseURL.ResolveReference(&url.URL{Path: from}).ResolveReference(u)
	}
	scheme := strings.ToLower(u.Scheme)
	if (scheme != "" && scheme != "http" && scheme != "https") || (u.Host != "" && !strings.EqualFold(u.Host, s.BaseURL.Host)) {
		return target{foreign: true}, true
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		return target{foreign: true}, true // a relative URL with nothing to resolve it against
	}
	var t target
	rel, ok := strings.CutPrefix(path.Clean(p), s.basePath())
	if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
		t.outside, rel = true, path.Clean(p)
	}
	rel = strings.TrimPrefix(rel, "/")
	if rel == "" || strings.HasSuffix(p, "/") {
		rel = path.Join(rel, "index.html")
	}
	t.rel = rel
	return t, true
}

// basePath is the base URL's path without its final slash: "" for a
// portal at the root of its host, "/trust" for one under /trust/.
func (s *Site) basePath() string { return strings.TrimSuffix(s.BaseURL.Path, "/") }

// outsideHint says how to write a URL that left the base path.
func (s *Site) outsideHint() string {
	return "the portal is published under " + s.BaseURL.String() + ": links to its pages and files start with " +
		s.basePath() + "/ (templates build them with relURL or .RelPermalink; further pages may link relatively)"
}

// exists reports whether the site has the file (or directory) rel.
func (s *Site) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	return err == nil
}

// ownURL says what is wrong with raw, a URL in the file at from that
// the browser loads or a reader follows, if it is the portal's: that it
// leaves the base path, or names a file the site does not have; and how to
// fix it. Both are "" if nothing is (or the URL is another host's, which
// the callers check).
func (s *Site) ownURL(from, raw string) (why, hint string) {
	t, ok := s.resolve(from, raw)
	switch {
	case !ok || t.foreign:
		return "", ""
	case t.outside:
		return fmt.Sprintf("is outside the portal's base path %s/", s.basePath()), s.outsideHint()
	case !s.exists(t.rel):
		return "names a file the site does not have (" + t.rel + ")", "ship the file with the portal (static/ or assets/), or correct the URL"
	}
	return "", ""
}
