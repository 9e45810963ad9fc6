package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustportal/trustportal/generator/chrome"
)

// A Cache keeps values by key for the next build (pagecache.Facts is one:
// it also keys them by the build of this program). PrintCached keeps in
// it, for each job, the PDF and every file the page loaded to print it,
// each with its SHA-256: the next build takes the PDF if the job, the
// browser and every one of those files are the same, and prints it
// otherwise. Chromium prints the same bytes from the same files (Stable).
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, value []byte)
}

// cacheFormat changes with storedPDF and with the way pages are printed.
const cacheFormat = "trustportal pdf 1"

// storedPDF is a printed PDF as the Cache keeps it.
type storedPDF struct {
	Loaded map[string]string // path below the site → SHA-256 (hex)
	PDF    []byte
}

// printed is the Cache of one build.
type printed struct {
	cache   Cache
	browser string // Chromium's path, size and time
	baseURL string
}

func newPrinted(cache Cache, baseURL string) (*printed, error) {
	path, err := chrome.Find()
	if err != nil {
		return nil, fmt.Errorf("cannot write PDFs: %w", err)
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write PDFs: %w", err)
	}
	return &printed{cache: cache, baseURL: baseURL, browser: fmt.Sprintf("%s %d %d", path, fi.Size(), fi.ModTime().UnixNano())}, nil
}

func (p *printed) key(j Job) string {
	h := sha256.New()
	for _, f := range []string{cacheFormat, p.browser, p.baseURL, j.Page, j.File, j.Header, j.Footer} {
		fmt.Fprintf(h, "%d:%s", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// restore writes the PDF of every job printed before from the files the
// site in files has now, and returns the jobs still to print.
func (p *printed) restore(files *site, jobs []Job) ([]Job, error) {
	var left []Job
	for _, j := range jobs {
		data, ok := p.cache.Get(p.key(j))
		var st storedPDF
		if ok && gob.NewDecoder(bytes.NewReader(data)).Decode(&st) == nil && len(st.Loaded) > 0 && same(files.dir, st.Loaded) {
			out, inSite := files.file(files.origin + j.File)
			if !inSite {
				return nil, fmt.Errorf("pdf %s: %s is not under the base URL", j.Page, j.File)
			}
			if err := os.WriteFile(out, st.PDF, 0o644); err != nil {
				return nil, err
			}
			continue
		}
		left = append(left, j)
	}
	return left, nil
}

// same reports whether every file of loaded has in dir the SHA-256 given.
func same(dir string, loaded map[string]string) bool {
	for _, rel := range slices.Sorted(maps.Keys(loaded)) {
		if strings.Contains(rel, "..") {
			return false
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return false
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != loaded[rel] {
			return false
		}
	}
	return true
}

// keep stores the PDF of j, printed from the files loaded.
func (p *printed) keep(j Job, loaded map[string]string, pdf []byte) {
	if p == nil || len(loaded) == 0 {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(storedPDF{Loaded: loaded, PDF: pdf}) == nil {
		p.cache.Put(p.key(j), buf.Bytes())
	}
}
