package hugosite

import (
	"bytes"
	"html"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/livereload"
)

// Preview serves the site a development server built last, on localhost,
// and reloads the browser when the next one is there. Hugo's own server
// command would watch the Hugo project and rebuild it itself, after its
// batching delay, and once more for every directory mounted into it; the
// caller rebuilds instead (serve) and hands each new site to Show.
type Preview struct {
	basePath string // the base URL's path without the final slash: "" or "/trust"
	mu       sync.RWMutex
	dir      string // the site shown
}

var startLiveReload sync.Once

// NewPreview returns a preview of sites published under the base URL path
// basePath ("/" or "/trust/").
func NewPreview(basePath string) *Preview {
	startLiveReload.Do(livereload.Initialize)
	return &Preview{basePath: strings.TrimSuffix(basePath, "/")}
}

// Show makes dir the site shown and reloads the browsers showing one.
func (p *Preview) Show(dir string) {
	p.mu.Lock()
	p.dir = dir
	p.mu.Unlock()
	livereload.ForceRefresh()
}

// Dir is the site shown.
func (p *Preview) Dir() string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.dir
}

// ServeHTTP serves the site's files under the base path, HTML pages with
// the live reload script, which the Content-Security-Policy allows: it is
// the portal's own host.
func (p *Preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case p.basePath + "/livereload.js":
		livereload.ServeJS(w, r)
		return
	case p.basePath + "/livereload":
		livereload.Handler(w, r)
		return
	}
	rel, ok := strings.CutPrefix(r.URL.Path, p.basePath+"/")
	if !ok {
		http.Redirect(w, r, p.basePath+"/", http.StatusFound)
		return
	}
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" || strings.HasSuffix(r.URL.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	dir := p.Dir()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	data, err := os.ReadFile(name)
	if err != nil {
		status = http.StatusNotFound
		if data, err = os.ReadFile(filepath.Join(dir, "404.html")); err != nil {
			http.NotFound(w, r)
			return
		}
		rel = "404.html"
	}
	if path.Ext(rel) == ".html" {
		_, port, _ := net.SplitHostPort(r.Host)
		data = p.withLiveReload(data, port)
	}
	w.Header().Set("Cache-Control", "no-store")
	if ct := mime.TypeByExtension(path.Ext(rel)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(status)
	w.Write(data)
}

// withLiveReload adds the live reload script to the head of an HTML page.
func (p *Preview) withLiveReload(page []byte, port string) []byte {
	src := p.basePath + "/livereload.js?mindelay=10&v=2&port=" + port + "&path=" + strings.TrimPrefix(p.basePath+"/livereload", "/")
	script := `<script src="` + html.EscapeString(src) + `" defer></script>`
	i := bytes.Index(page, []byte("<head>"))
	if i < 0 {
		return page
	}
	i += len("<head>")
	return append(page[:i:i], append([]byte(script), page[i:]...)...)
}
