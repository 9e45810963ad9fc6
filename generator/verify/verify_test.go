package verify

import (
	"os"
	"path/filepath"
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
	tests := []struct {
		name   string
		change map[string]string
		want   string // "" for no problem
	}{
		{"valid", nil, ""},
		{"third-party script", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><script src="https://cdn.example.net/x.js"></script>`)}, "loads from another host"},
		{"protocol-relative image", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><img src="//cdn.example.net/x.png">`)}, "loads from another host"},
		{"web font in CSS", map[string]string{"css/site.css": `@import url("https://fonts.example.net/css?family=X");`}, "stylesheet loads"},
		{"anchors differ", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="c"></p>`)}, "anchors differ"},
		{"broken anchor", map[string]string{"de/dpa/index.html": htmlPage("de", "en", `<section id="a"><a href="#nope">x</a></section><p id="b"></p>`)}, `anchor "nope"`},
		{"missing page", map[string]string{"de/dpa/index.html": htmlPage("de", "en", `<section id="a"><a href="/de/gone/">x</a></section><p id="b"></p>`)}, "leads to no page"},
		{"duplicate id", map[string]string{"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p><p id="b"></p>`)}, `"b" is used more than once`},
		{"no translation", map[string]string{"en/dpa/index.html": `<html><head></head><body><main><section id="a"></section><p id="b"></p></main></body></html>`}, `hreflang="de"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range good {
				files[k] = v
			}
			for k, v := range tt.change {
				files[k] = v
			}
			err := Check(site(t, files), base)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Check = %v, want no problem", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Check = %v, want a problem containing %q", err, tt.want)
			}
		})
	}
}
