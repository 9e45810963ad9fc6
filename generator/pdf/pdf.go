// Package pdf prints the portal's documents to PDF in headless Chromium:
// A4, tagged (accessible), with an outline from the headings, and a footer
// with the version, the hash of the canonical text and the page numbers.
//
// The browser loads the pages under the portal's own base URL, answered
// from the rendered site on disk by intercepting every request, so the links
// in a PDF point to the published portal and nothing leaves the machine.
package pdf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/trustportal/trustportal/generator/chrome"
)

// Job is one PDF to print.
type Job struct {
	Page   string // root-relative URL of the page, e.g. /de/dpa/2.0/
	File   string // root-relative URL of the PDF, e.g. /de/dpa/2.0/dpa-2.0.de.pdf
	Footer string // HTML of the footer; may use <span class="pageNumber"> and "totalPages"
	Header string // HTML of the header; "" for none
}

// Print prints every job of the rendered site in dir, which is published at
// baseURL, and writes the PDFs into dir. It fails with chrome.ErrNotFound
// where Chromium is missing, and if a page requests anything the site does
// not have.
func Print(ctx context.Context, dir, baseURL string, jobs []Job) error {
	return PrintCached(ctx, dir, baseURL, jobs, nil)
}

// PrintCached is Print, taking from cache the PDF of a job printed before
// from the same files (see cache.go); cache may be nil. Chromium is not
// started if every PDF is found.
func PrintCached(ctx context.Context, dir, baseURL string, jobs []Job, cache Cache) error {
	base, err := url.Parse(baseURL)
	if err != nil || base.Host == "" {
		return fmt.Errorf("pdf: base URL %q is not absolute", baseURL)
	}
	origin := base.Scheme + "://" + base.Host
	basePath := strings.TrimSuffix(base.Path, "/")
	var printer *printed
	if cache != nil {
		if printer, err = newPrinted(cache, baseURL); err != nil {
			return err
		}
		if jobs, err = printer.restore(&site{dir: dir, origin: origin, basePath: basePath}, jobs); err != nil {
			return err
		}
		if len(jobs) == 0 {
			return nil
		}
	}

	browser, cancel, err := chrome.Start(ctx)
	if err != nil {
		return fmt.Errorf("cannot write PDFs: %w", err)
	}
	defer cancel()

	// One tab per core, each printing every n-th page.
	n := max(1, min(len(jobs), runtime.NumCPU()))
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			var mine []Job
			for i := w; i < len(jobs); i += n {
				mine = append(mine, jobs[i])
			}
			errs[w] = printAll(browser, &site{dir: dir, origin: origin, basePath: basePath, printed: printer}, mine)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// printAll prints jobs in a tab of its own, which files answers.
func printAll(browser context.Context, files *site, jobs []Job) error {
	tab, _, closeTab, err := chrome.NewTab(browser)
	if err != nil {
		return fmt.Errorf("cannot write PDFs: %w", err)
	}
	defer closeTab()
	paused := chromedp.Events(tab, fetch.RequestPaused)
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{}); err != nil {
		return fmt.Errorf("cannot write PDFs: intercept requests: %w", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			files.answer(tab, &ev)
		}
	}()
	for _, j := range jobs {
		if err := printJob(tab, files, j); err != nil {
			return err
		}
	}
	return nil
}

// pageTimeout bounds the loading and printing of one page.
const pageTimeout = time.Minute

func printJob(tab context.Context, files *site, j Job) error {
	tab, cancel := context.WithTimeout(tab, pageTimeout)
	defer cancel()
	header := j.Header
	if header == "" {
		header = "<span></span>"
	}
	files.startJob()
	if err := chromedp.Do(tab, chromedp.Navigate(files.origin+j.Page)); err != nil {
		return fmt.Errorf("pdf %s: %w", j.Page, err)
	}
	// The page as it settles: its fonts loaded and what its scripts left
	// for the next frames done, so that a busy machine prints what a quiet
	// one does.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](settled, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("pdf %s: %w", j.Page, err)
	}
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFMargins(0.6, 0.6, 0.8, 0.6),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFHeaderTemplate(header),
		chromedp.PDFFooterTemplate(j.Footer),
	))
	if err != nil {
		return fmt.Errorf("pdf %s: %w", j.Page, err)
	}
	if bad := files.problems(); len(bad) > 0 {
		return fmt.Errorf("pdf %s: %s", j.Page, strings.Join(bad, "; "))
	}
	out, ok := files.file(files.origin + j.File)
	if !ok {
		return fmt.Errorf("pdf %s: %s is not under the base URL", j.Page, j.File)
	}
	data = Stable(data)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	files.printed.keep(j, files.loadedFiles(), data)
	return nil
}

// settled resolves once the page's fonts are loaded and two frames have
// been drawn, or after a second at most.
const settled = `Promise.race([
  document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))),
  new Promise(r => setTimeout(() => r(true), 1000)),
])`

// site answers the browser's requests from the rendered site on disk.
type site struct {
	dir, origin, basePath string

	mu  sync.Mutex
	bad []string // requests that could not be answered
	// loaded are the files answered since the job began, by path below
	// dir, with their SHA-256; printed keeps the PDFs (nil for none).
	loaded  map[string]string
	printed *printed
}

func (s *site) startJob() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loaded = map[string]string{}
}

func (s *site) loadedFiles() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.loaded)
}

// file maps a URL under the portal to its file in dir.
func (s *site) file(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme+"://"+u.Host != s.origin {
		return "", false
	}
	p := path.Clean("/" + u.Path)
	if s.basePath != "" {
		if p != s.basePath && !strings.HasPrefix(p, s.basePath+"/") {
			return "", false
		}
		p = strings.TrimPrefix(p, s.basePath)
	}
	if strings.HasSuffix(u.Path, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	return filepath.Join(s.dir, filepath.FromSlash(p)), true
}

// answer fulfils a request for a file of the site and fails any other,
// noting it as a problem.
func (s *site) answer(tab context.Context, ev *fetch.EventRequestPaused) {
	raw := ev.Request.URL
	name, ok := s.file(raw)
	var body []byte
	if ok {
		var err error
		if body, err = os.ReadFile(name); err != nil {
			ok = false
		}
	}
	if !ok {
		s.mu.Lock()
		if !slices.Contains(s.bad, raw) {
			s.bad = append(s.bad, "the page requested "+raw+", which is not a file of the site")
		}
		s.mu.Unlock()
		chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		return
	}
	if rel, err := filepath.Rel(s.dir, name); err == nil {
		sum := sha256.Sum256(body)
		s.mu.Lock()
		if s.loaded != nil {
			s.loaded[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		}
		s.mu.Unlock()
	}
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	chromedp.Call(tab, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID: ev.RequestID, ResponseCode: 200, Body: body,
		ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: ctype}},
	})
}

func (s *site) problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.bad)
}

var (
	dateRe  = regexp.MustCompile(`/(CreationDate|ModDate) ?\(D:[0-9]{14}[^)]*\)`)
	nodeRe  = regexp.MustCompile(`\(node([0-9]+)\)`)
	defRe   = regexp.MustCompile(`/ID \(node([0-9]+)\)`)
	leafRe  = regexp.MustCompile(`(?s)obj\s*<<[^>]*?/Names \[\(node.*?endobj`)
	namesRe = regexp.MustCompile(`/Names \[((?:\(node[0-9]+\) [0-9]+ [0-9]+ R ?)+)\]`)
	pairRe  = regexp.MustCompile(`\(node[0-9]+\) [0-9]+ [0-9]+ R`)
	limitRe = regexp.MustCompile(`/Limits \[\(node[0-9]+\) \(node[0-9]+\)\]`)
)

// Stable makes Chromium's PDF of a page the same on every run, without
// moving a byte, so that the cross-reference table stays valid:
//
//   - the creation and modification times become 2000-01-01;
//   - the ids of the structure elements (Chromium's DOM node ids, which
//     depend on timing in the browser) are numbered in the order the
//     elements are written, each keeping its width, and the name tree that
//     indexes them is sorted anew.
func Stable(pdf []byte) []byte {
	out := dateRe.ReplaceAllFunc(pdf, func(m []byte) []byte {
		i := bytes.Index(m, []byte("(D:")) + 3
		m = bytes.Clone(m)
		copy(m[i:i+14], "20000101000000")
		return m
	})
	// New ids: defined ones in the order written, then any others.
	ids := map[string]string{}
	n := 0
	for _, re := range []*regexp.Regexp{defRe, nodeRe} {
		for _, m := range re.FindAllSubmatch(out, -1) {
			old := string(m[1])
			if _, ok := ids[old]; ok {
				continue
			}
			n++
			id := fmt.Sprintf("%0*d", len(old), n)
			if len(id) != len(old) {
				return out // more elements than the width holds: leave them
			}
			ids[old] = id
		}
	}
	if n == 0 {
		return out
	}
	out = nodeRe.ReplaceAllFunc(out, func(m []byte) []byte {
		return []byte("(node" + ids[string(m[len("(node"):len(m)-1])] + ")")
	})
	// Each leaf of the name tree: entries sorted by the new ids, limits
	// set to the first and last. Same entries, same separators, same length.
	return leafRe.ReplaceAllFunc(out, func(leaf []byte) []byte {
		names := namesRe.FindSubmatchIndex(leaf)
		if names == nil {
			return leaf
		}
		pairs := pairRe.FindAll(leaf[names[2]:names[3]], -1)
		slices.SortFunc(pairs, func(a, b []byte) int {
			return bytes.Compare(a[:bytes.IndexByte(a, ')')], b[:bytes.IndexByte(b, ')')])
		})
		sorted := bytes.Join(pairs, []byte(" "))
		if len(sorted) != names[3]-names[2] && len(sorted)+1 != names[3]-names[2] {
			return leaf
		}
		leaf = bytes.Clone(leaf)
		copy(leaf[names[2]:], sorted)
		if lim := limitRe.FindIndex(leaf); lim != nil {
			first := pairs[0][:bytes.IndexByte(pairs[0], ')')+1]
			last := pairs[len(pairs)-1][:bytes.IndexByte(pairs[len(pairs)-1], ')')+1]
			limits := "/Limits [" + string(first) + " " + string(last) + "]"
			if len(limits) == lim[1]-lim[0] {
				copy(leaf[lim[0]:], limits)
			}
		}
		return leaf
	})
}
