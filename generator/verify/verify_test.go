package verify

import (
	"github.com/trustportal/trustportal/generator/model"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const base = "https://trust.example.com/"

func htmlPage(lang, other, body string) string {
	return `<!doctype html><html lang="` + lang + `"><head>
<link rel="alternate" hreflang="` + lang + `" href="` + base + lang + `/dpa/">
<link rel="alternate" hreflang="` + other + `" href="` + base + other + `/dpa/">
<link rel="stylesheet" href="/css/site.css"></head><body><main>` + body + `</main></body></html>`
}

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheck(t *testing.T) {
	good := map[string]string{
		"de/dpa/index.html": htmlPage("de", "en", `<section id="a"><a href="#b">b</a></section><p id="b"></p><a href="/en/dpa/#a">en</a><a href="https://elsewhere.example/">ext</a>`),
		"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`),
		"css/site.css":      `body { background: url("/img/bg.png") }`,
		"img/bg.png":        "",
	}
	tests := []checkCase{
		{"valid", nil, ""},
		{"third-party script", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><script src="https://cdn.example.net/x.js"></script>`)}, "loads from another host"},
		{"protocol-relative image", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><img src="//cdn.example.net/x.png">`)}, "loads from another host"},
		{"web font in CSS", map[string]string{"css/site.css": `@import url("https://fonts.example.net/css?family=X");`}, "stylesheet loads"},
		{"anchors differ", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="c"></p>`)}, "anchors differ"},
		{"broken anchor", map[string]string{"de/dpa/index.html": htmlPage("de", "en", `<section id="a"><a href="#nope">x</a></section><p id="b"></p>`)}, `anchor "nope"`},
		{"missing page", map[string]string{"de/dpa/index.html": htmlPage("de", "en", `<section id="a"><a href="/de/gone/">x</a></section><p id="b"></p>`)}, "leads to no page"},
		{"duplicate id", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><p id="b"></p>`)}, `"b" is used more than once`},
		{"no translation", map[string]string{"en/dpa/index.html": `<html><head></head><body><main><section id="a"></section><p id="b"></p></main></body></html>`}, `hreflang="de"`},
		{"image-set with a bare string", map[string]string{"css/site.css": `body { background: image-set("http://evil.example/a.png" 1x) }`}, `"http://evil.example/a.png"`},
		{"escaped url(", map[string]string{"css/site.css": `body { background: \75 rl(http://evil.example/b.png) }`}, `"http://evil.example/b.png"`},
		{"escaped URL in a string", map[string]string{"css/site.css": `body { background: url("\68 ttps://evil.example/c.png") }`}, `"https://evil.example/c.png"`},
		{"@import string", map[string]string{"css/site.css": `@import "https://evil.example/d.css";`}, `"https://evil.example/d.css"`},
		{"escaped @import", map[string]string{"css/site.css": `@\69mport 'https://evil.example/e.css';`}, `"https://evil.example/e.css"`},
		{"font-face src", map[string]string{"css/site.css": `@font-face { font-family: X; src: local("X"), url(//evil.example/f.woff2) format("woff2") }`}, `"//evil.example/f.woff2"`},
		{"CSS content strings are no loads", map[string]string{"css/site.css": `ins::before { content: "Note: http://elsewhere.example/" }`}, ""},
		{"svg image", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><svg><image href="https://evil.example/g.png"/></svg>`)}, `<image href="https://evil.example/g.png"> loads from another host`},
		{"svg use with xlink:href", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><svg><use xlink:href="https://evil.example/s.svg#i"/></svg>`)}, `xlink:href="https://evil.example/s.svg#i"`},
		{"svg feImage", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><svg><filter><feImage href="http://evil.example/h.png"/></filter></svg>`)}, `"http://evil.example/h.png"`},
		{"video poster", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><video poster="https://evil.example/p.jpg"></video>`)}, `poster=`},
		{"srcset candidate", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><img alt="" srcset="/a.png 1x, https://evil.example/i.png 2x">`)}, `srcset="https://evil.example/i.png"`},
		{"a ping", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><a href="/en/dpa/" ping="https://evil.example/ping">x</a>`)}, `ping=`},
		{"object data", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><object data="https://evil.example/o.swf"></object>`)}, `<object data=`},
		{"object codebase", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><object codebase="https://evil.example/"></object>`)}, `codebase=`},
		{"button formaction", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><form><button formaction="https://evil.example/collect">x</button></form>`)}, `formaction=`},
		{"table background", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><table background="https://evil.example/t.png"></table>`)}, `background=`},
		{"html manifest", map[string]string{"en/dpa/index.html": strings.Replace(htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`), `<html lang="en">`, `<html lang="en" manifest="https://evil.example/app.appcache">`, 1)}, `manifest=`},
		{"base href elsewhere", map[string]string{"en/dpa/index.html": strings.Replace(htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`), `<head>`, `<head><base href="https://evil.example/">`, 1)}, `<base href=`},
		{"link preconnect", map[string]string{"en/dpa/index.html": strings.Replace(htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`), `<head>`, `<head><link rel="preconnect" href="https://evil.example/">`, 1)}, `<link href=`},
		{"meta refresh to another host", map[string]string{"en/dpa/index.html": strings.Replace(htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`), `<head>`, `<head><meta http-equiv="refresh" content="3; URL='https://evil.example/'">`, 1)}, `leads to "https://evil.example/"`},
		{"inline script", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><script>fetch("/x")</script>`)}, "inline <script>"},
		{"structured data is no script", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><script type="application/ld+json">{"@type": "Organization"}</script>`)}, ""},
		{"event handler", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a" onmouseover="alert(1)"></section><p id="b"></p>`)}, "<section onmouseover> is an inline event handler"},
		{"javascript link", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><a href=" javascript:fetch('/x')">x</a>`)}, "runs script"},
		{"inline style", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a" style="color: red"></section><p id="b"></p>`)}, "inline style"},
		{"iframe srcdoc", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><iframe srcdoc="<p>x</p>"></iframe>`)}, "srcdoc"},
		{"data image", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><img alt="" src="data:image/png;base64,iVBORw0KGgo=">`)}, ""},
		{"data script", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><script src="data:text/javascript,alert(1)"></script>`)}, "loads a data: URL"},
		{"script in an SVG file", map[string]string{"img/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`}, "<script> in an SVG file"},
		{"SVG file loading elsewhere", map[string]string{"img/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://evil.example/x.png"/></svg>`}, "loads from another host"},
		{"Atom feed links elsewhere", map[string]string{"en/versions/feed.xml": `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link rel="alternate" href="https://trust.example.com/en/versions/"/><entry><link rel="alternate" href="javascript:alert(1)"/></entry></feed>`}, `feed links to "javascript:alert(1)"`},
		{"Atom content links elsewhere", map[string]string{"en/versions/feed.xml": `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;a href="http://evil.example/"&gt;x&lt;/a&gt;</content></entry></feed>`}, `feed links to "http://evil.example/"`},
		{"JSON feed links elsewhere", map[string]string{"en/versions/feed.json": `{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://trust.example.com/en/versions/", "items": [{"url": "https://evil.example/"}]}`}, `feed links to "https://evil.example/" (url)`},
		{"own feed", map[string]string{"en/versions/feed.json": `{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://trust.example.com/en/dpa/", "items": [{"url": "/en/dpa/", "content_html": "<a href=\"https://trust.example.com/de/dpa/#a\">x</a>"}]}`}, ""},
		{"other JSON is no feed", map[string]string{"data/x.json": `{"url": "https://elsewhere.example/"}`}, ""},
	}
	checkCases(t, base, good, tests, func(map[string]string) Generated { return Generated{Languages: model.DefaultLanguages} })
}

// TestSubscribeFormAction: the subscribe form may post to the one URL on
// another host that data/portal.toml names, and no other form may.
func TestSubscribeFormAction(t *testing.T) {
	const action = "https://lists.example.org/subscribe?list=7"
	form := func(attrs string) map[string]string {
		return map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><form method="post" `+attrs+`><button>x</button></form>`)}
	}
	good := map[string]string{
		"de/dpa/index.html": htmlPage("de", "en", `<section id="a"></section><p id="b"></p>`),
		"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`),
		"css/site.css":      `body { color: black }`,
	}
	checkCases(t, base, good, []checkCase{
		{"the subscribe form", form(`action="` + action + `"`), ""},
		{"another form elsewhere", form(`action="https://evil.example/collect"`), `<form action="https://evil.example/collect"> loads from another host`},
		{"another list of the same host", form(`action="https://lists.example.org/subscribe?list=8"`), `loads from another host`},
		{"a button posting elsewhere", form(`action="` + action + `"><button formaction="https://evil.example/"`), `formaction=`},
	}, func(map[string]string) Generated {
		return Generated{Languages: model.DefaultLanguages, FormAction: action}
	})
}

// checkCase is a site (a good one with change applied) and the problem
// Check reports for it ("" for none).
type checkCase struct {
	name   string
	change map[string]string
	want   string
}

func checkCases(t *testing.T, baseURL string, good map[string]string, tests []checkCase, gen func(files map[string]string) Generated) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range good {
				files[k] = v
			}
			for k, v := range tt.change {
				files[k] = v
			}
			wantProblem(t, Check(site(t, files), baseURL, gen(files)), tt.want)
		})
	}
}

// wantProblem fails unless err names want ("" for no error).
func wantProblem(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("got %v, want no problem", err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("got %v, want a problem containing %q", err, want)
	}
}

func TestGeneratedFilesAreKept(t *testing.T) {
	manifest := []byte(`{"current": {"version": "2.0"}}` + "\n")
	text := []byte("Auftragsverarbeitungsvertrag\n\n§ 1 Gegenstand\n")
	files := map[string]string{
		"de/dpa/index.html":         htmlPage("de", "en", `<section id="a"></section><p id="b"></p>`),
		"en/dpa/index.html":         htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`),
		"api/dpa.json":              string(manifest),
		"de/dpa/2.0/dpa-2.0.de.txt": string(text),
		"css/site.css":              "",
	}
	written := Generated{Files: map[string][]byte{"api/dpa.json": manifest, "de/dpa/2.0/dpa-2.0.de.txt": text}, Languages: model.DefaultLanguages}
	// Digest keeps the manifest's bytes, for its links, and the text's
	// SHA-256 only.
	digested := written.Digest()
	if _, ok := digested.Files["api/dpa.json"]; !ok || len(digested.Files) != 1 || len(digested.Sums) != 1 {
		t.Fatalf("Digest kept the bytes of %v and the sums of %v, want the manifest's bytes and the text's sum", slices.Sorted(maps.Keys(digested.Files)), slices.Sorted(maps.Keys(digested.Sums)))
	}
	tests := []struct {
		name, file, content, want string
	}{
		{"manifest replaced", "api/dpa.json", `{"current": {"version": "2.0", "languages": {"de": {"url": "javascript:fetch('http://evil.example/')"}}}}`, "differs from what the generator wrote"},
		{"manifest removed", "api/dpa.json", "", "is missing"},
		{"text replaced", "de/dpa/2.0/dpa-2.0.de.txt", "Auftragsverarbeitungsvertrag\n\n§ 1 Gegenstand (geändert)\n", "differs from what the generator wrote"},
		{"text removed", "de/dpa/2.0/dpa-2.0.de.txt", "", "is missing"},
	}
	for _, gen := range []struct {
		name string
		gen  Generated
	}{{"bytes", written}, {"digest", digested}} {
		if err := Check(site(t, files), base, gen.gen); err != nil {
			t.Fatalf("%s: the site carries the generated files: %v", gen.name, err)
		}
		for _, tt := range tests {
			t.Run(gen.name+"/"+tt.name, func(t *testing.T) {
				dir := site(t, files)
				p := filepath.Join(dir, filepath.FromSlash(tt.file))
				if tt.content == "" {
					os.Remove(p)
				} else {
					os.WriteFile(p, []byte(tt.content), 0o644)
				}
				err := Check(dir, base, gen.gen)
				if err == nil || !strings.Contains(err.Error(), tt.file+": "+tt.want) {
					t.Errorf("Check = %v, want %q", err, tt.want)
				}
			})
		}
	}
}

func TestEveryPageDeclaresTheCSP(t *testing.T) {
	const policy = "default-src 'self'"
	withCSP := func(lang, other, head string) string {
		return strings.Replace(htmlPage(lang, other, `<section id="a"></section><p id="b"></p>`), "<head>", "<head>"+head, 1)
	}
	meta := `<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;">`
	tests := []struct {
		name, enHead, want string
	}{
		{"declared first", meta, ""},
		{"missing", "", "has no <meta http-equiv=\"Content-Security-Policy\""},
		{"another policy", `<meta http-equiv="Content-Security-Policy" content="default-src *">`, "has no <meta"},
		{"after a script", `<script src="/js/x.js"></script>` + meta, "has no <meta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, map[string]string{
				"de/dpa/index.html": withCSP("de", "en", meta),
				"en/dpa/index.html": withCSP("en", "de", tt.enHead),
				"js/x.js":           "",
				"css/site.css":      "",
			})
			err := Check(dir, base, Generated{CSP: policy, Languages: model.DefaultLanguages})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Check = %v, want no problem", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), "en/dpa/index.html: "+tt.want)):
				t.Errorf("Check = %v, want %q", err, tt.want)
			}
		})
	}
}

// A portal published under a path: the site's directory is served at
// /trust/, so every URL of the portal starts with it.
func TestCheckSubPath(t *testing.T) {
	const base = "https://www.example.com/trust/"
	page := func(lang, other, head, body string) string {
		return `<!doctype html><html lang="` + lang + `"><head>
<link rel="alternate" hreflang="` + lang + `" href="` + base + lang + `/dpa/">
<link rel="alternate" hreflang="` + other + `" href="/trust/` + other + `/dpa/">
<link rel="stylesheet" href="/trust/css/site.css">` + head + `</head><body><main><section id="a"></section><p id="b"></p>` + body + `</main></body></html>`
	}
	good := map[string]string{
		"de/dpa/index.html": page("de", "en", "", `<a href="/trust/en/dpa/#a">en</a> <a href="../../en/dpa/#b">relativ</a> <a href="https://www.example.com/trust/de/dpa/">hier</a> <a href="/">Startseite der Firma</a> <a href="/blog/">Blog</a>`),
		"en/dpa/index.html": page("en", "de", "", ""),
		"css/site.css":      `body { background: url("/trust/img/bg.png") } h1 { background: url(../img/bg.png) }`,
		"img/bg.png":        "",
		"index.html":        `<!doctype html><html><head><meta http-equiv="refresh" content="0; url=https://www.example.com/trust/de/dpa/"></head></html>`,
		"de/versions/feed.json": `{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://www.example.com/trust/de/dpa/", ` +
			`"items": [{"url": "https://www.example.com/trust/en/dpa/#a", "content_html": "<a href=\"/trust/de/dpa/\">x</a>"}]}`,
		"api/dpa.json":   manifest("https://www.example.com/trust/de/dpa/", "https://www.example.com/trust/de/dpa/dpa.txt"),
		"de/dpa/dpa.txt": "Text",
	}
	tests := []checkCase{
		{"valid", nil, ""},
		{"link without the base path", map[string]string{"en/dpa/index.html": page("en", "de", "", `<a href="/de/dpa/#a">de</a>`)},
			`link "/de/dpa/#a" leads outside the portal's base path /trust/ (its own page is /trust/de/dpa/)`},
		{"absolute link without the base path", map[string]string{"en/dpa/index.html": page("en", "de", "", `<a href="https://www.example.com/de/dpa/">de</a>`)},
			`leads outside the portal's base path /trust/`},
		{"hreflang without the base path", map[string]string{"en/dpa/index.html": strings.Replace(page("en", "de", "", ""), `href="/trust/de/dpa/"`, `href="/de/dpa/"`, 1)},
			`hreflang "de" points to /de/dpa/, which is no page of the site`},
		{"stylesheet without the base path", map[string]string{"en/dpa/index.html": strings.Replace(page("en", "de", "", ""), "/trust/css/", "/css/", 1)},
			`<link href="/css/site.css"> loads a URL that is outside the portal's base path /trust/`},
		{"script the site does not have", map[string]string{"en/dpa/index.html": page("en", "de", `<script src="/trust/js/gone.js" defer></script>`, "")},
			`<script src="/trust/js/gone.js"> loads a URL that names a file the site does not have (js/gone.js)`},
		{"image in CSS without the base path", map[string]string{"css/site.css": `body { background: url("/img/bg.png") }`},
			`stylesheet loads "/img/bg.png", which is outside the portal's base path /trust/`},
		{"redirect without the base path", map[string]string{"index.html": `<!doctype html><html><head><meta http-equiv="refresh" content="0; url=/de/dpa/"></head></html>`},
			`leads to "/de/dpa/", which is outside the portal's base path /trust/`},
		{"feed without the base path", map[string]string{"de/versions/feed.json": `{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://www.example.com/de/dpa/"}`},
			`feed links to "https://www.example.com/de/dpa/" (home_page_url), which is outside the portal's base path /trust/`},
		{"feed entry to a missing page", map[string]string{"de/versions/feed.json": `{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "https://www.example.com/trust/de/diff/1.0/2.0/"}]}`},
			`which names a file the site does not have (de/diff/1.0/2.0/index.html)`},
	}
	checkCases(t, base, good, tests, func(files map[string]string) Generated {
		return Generated{Files: map[string][]byte{"api/dpa.json": []byte(files["api/dpa.json"])}, Languages: model.DefaultLanguages}
	})
}

// The acceptance manifest's URLs are absolute URLs of files of the site,
// under its base path.
func TestManifestURLs(t *testing.T) {
	const base = "https://www.example.com/trust/"
	tests := []struct {
		name, url, text, want string
	}{
		{"under the base path", base + "de/dpa/", base + "de/dpa/dpa.txt", ""},
		{"without the base path", "https://www.example.com/de/dpa/", base + "de/dpa/dpa.txt", `url "https://www.example.com/de/dpa/" is outside the portal's base path /trust/`},
		{"a text the site does not have", base + "de/dpa/", base + "de/dpa/gone.txt", `text_url "https://www.example.com/trust/de/dpa/gone.txt" names a file the site does not have`},
		{"root-relative", "/trust/de/dpa/", base + "de/dpa/dpa.txt", `url "/trust/de/dpa/" is no URL of the portal at https://www.example.com/trust/`},
		{"another host", "https://elsewhere.example/trust/de/dpa/", base + "de/dpa/dpa.txt", `is no URL of the portal`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := manifest(tt.url, tt.text)
			dir := site(t, map[string]string{"de/dpa/index.html": "<p>", "de/dpa/dpa.txt": "Text", "api/dpa.json": m})
			s := &Site{Dir: dir, BaseURL: mustParse(t, base)}
			wantProblem(t, s.generated(map[string][]byte{"api/dpa.json": []byte(m)}, nil).Err(), tt.want)
		})
	}
}

func manifest(page, text string) string {
	return `{"current": {"version": "1.0", "languages": {"de": {"url": "` + page + `", "text_url": "` + text + `", "sha256": "00"}}}}` + "\n"
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
