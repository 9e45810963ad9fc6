package generator_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/testportal"
)

const testFont = "wOF2\x00\x01\x00\x00 a font for the tests"

const testLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0b5cad"/></svg>`

// withBrand gives the minimal fixture a [brand] table and its files.
func withBrand(table string, files map[string]string) []testportal.Edit {
	edits := []testportal.Edit{{File: "data/portal.toml", Old: `title = { de = "Test-Portal", en = "Test portal" }`,
		New: "title = { de = \"Test-Portal\", en = \"Test portal\" }\n\n[brand]\n" + table}}
	for name, content := range files {
		edits = append(edits, testportal.Edit{File: name, New: content})
	}
	return edits
}

// TestBrandProblems: every way a brand can be wrong is reported with the
// file, line and field, what is wrong and how to fix it; colours that are
// hard to read name the pair, the ratio and the 4.5:1 needed.
func TestBrandProblems(t *testing.T) {
	logo := map[string]string{"assets/brand/logo.svg": testLogo}
	logoAlt := "logo = \"assets/brand/logo.svg\"\nlogo_alt = { de = \"Logo\", en = \"Logo\" }\n"
	for _, tc := range []struct {
		name  string
		table string
		files map[string]string
		want  []string
	}{
		{"colour too light for links", `colour = "#7cb7ff"`, nil, []string{
			"data/portal.toml:5:1: brand.colour: in the light colour scheme, #7cb7ff on the page background (--bg) #ffffff has a contrast ratio of 2.08:1; WCAG AA needs 4.5:1",
			"on the header background (--bg-soft) #f4f6f8", "hint: the brand colour is the colour of links; choose one with more contrast, e.g. #"}},
		{"dark colour too dark", "colour = \"#0b5cad\"\ncolour_dark = \"#0b5cad\"", nil, []string{
			"data/portal.toml:6:1: brand.colour_dark: in the dark colour scheme, #0b5cad on the page background (--bg) #14181d has a contrast ratio of", "or remove colour_dark to have one derived"}},
		{"colour not #RRGGBB", `colour = "teal"`, nil, []string{`brand.colour: "teal" is not a colour written #RRGGBB`}},
		{"dark colour without colour", `colour_dark = "#5cc9ae"`, nil, []string{"brand.colour_dark: gives the dark scheme's brand colour, but there is no colour"}},
		{"logo missing", logoAlt, nil, []string{"data/portal.toml:5:1: brand.logo: file assets/brand/logo.svg does not exist"}},
		{"logo outside assets and static", "logo = \"data/logo.svg\"\nlogo_alt = { de = \"Logo\", en = \"Logo\" }", map[string]string{"data/logo.svg": testLogo},
			[]string{`brand.logo: "data/logo.svg" is not a path in the project's assets/ or static/`}},
		{"logo leaving the project", "logo = \"assets/../../logo.svg\"\nlogo_alt = { de = \"Logo\", en = \"Logo\" }", nil,
			[]string{`brand.logo: "assets/../../logo.svg" is not a path in the project's assets/ or static/`}},
		{"logo without alt text", `logo = "assets/brand/logo.svg"`, logo, []string{"brand.logo_alt: required field is missing"}},
		{"logo alt in one language", "logo = \"assets/brand/logo.svg\"\nlogo_alt = { de = \"Logo\" }", logo, []string{"brand.logo_alt: text has no English version"}},
		{"logo with a script", logoAlt, map[string]string{"assets/brand/logo.svg": strings.Replace(testLogo, "<circle", "<script>fetch('https://t.example/')</script><circle", 1)},
			[]string{"data/portal.toml:5:1: brand.logo: assets/brand/logo.svg: the SVG has a <script> element", "hint: a logo is an SVG or PNG file"}},
		{"logo with an event attribute", logoAlt, map[string]string{"assets/brand/logo.svg": strings.Replace(testLogo, "<circle", `<circle onclick="alert(1)"`, 1)},
			[]string{"brand.logo: assets/brand/logo.svg: the SVG's <circle> has an event attribute onclick"}},
		{"logo loading an image", logoAlt, map[string]string{"assets/brand/logo.svg": strings.Replace(testLogo, "<circle", `<image href="https://cdn.example/x.png"/><circle`, 1)},
			[]string{`the SVG's <image> refers to "https://cdn.example/x.png"`}},
		{"logo with HTML inside", logoAlt, map[string]string{"assets/brand/logo.svg": strings.Replace(testLogo, "<circle", `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject><circle`, 1)},
			[]string{"the SVG has a <foreignObject> element"}},
		{"logo that is not an image", logoAlt, map[string]string{"assets/brand/logo.svg": "<html><body>logo</body></html>"},
			[]string{"brand.logo: assets/brand/logo.svg: the file is not SVG or PNG (read by its content, not its name)"}},
		{"font without licence", `font = "assets/brand/h.woff2"`, map[string]string{"assets/brand/h.woff2": "wOF2\x00\x01"},
			[]string{"brand.font_licence: required field is missing"}},
		{"font that is a TTF", "font = \"assets/brand/h.woff2\"\nfont_licence = \"assets/brand/OFL.txt\"",
			map[string]string{"assets/brand/h.woff2": "\x00\x01\x00\x00rest", "assets/brand/OFL.txt": "licence"},
			[]string{"brand.font: assets/brand/h.woff2: the file is not WOFF2", "woff2_compress"}},
		{"favicon that is a directory", `favicon = "assets/brand"`, logo, []string{`brand.favicon: assets/brand is not a file`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t), withBrand(tc.table, tc.files)...)
			_, err := generator.Load(src)
			if err == nil {
				t.Fatal("loaded without a problem")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems do not say %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestBrandIsPublished: the logo is in the header in each language with
// its alt text, the favicon replaces the theme's, both are published as
// they are, and the stylesheet carries the brand colours and the dark
// scheme's variant; without a brand, none of it.
func TestBrandIsPublished(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t), withBrand(
		"logo = \"assets/brand/logo.svg\"\nlogo_alt = { de = \"Beispiel-Logo\", en = \"Example logo\" }\ncolour = \"#0f6e5c\"\nfavicon = \"static/fav.svg\"\n"+
			"font = \"assets/brand/heading.woff2\"\nfont_licence = \"assets/brand/OFL.txt\"\n",
		map[string]string{"assets/brand/logo.svg": testLogo, "static/fav.svg": testLogo, "assets/brand/heading.woff2": testFont, "assets/brand/OFL.txt": "SIL Open Font License 1.1"})...)
	branded := buildFixture(t, src)
	plain := buildFixture(t, testportal.Minimal(t))
	for _, tc := range []struct{ lang, alt string }{{"de", "Beispiel-Logo"}, {"en", "Example logo"}} {
		page := testportal.HTML(t, filepath.Join(branded, tc.lang, "dpa", "index.html"))
		img := page.Find("header .site-title img.brand-logo")
		if img.Length() != 1 || img.AttrOr("alt", "") != tc.alt {
			t.Errorf("%s: header logo %d, alt %q; want one with %q", tc.lang, img.Length(), img.AttrOr("alt", ""), tc.alt)
		}
		if got := readSite(t, branded, img.AttrOr("src", "")); string(got) != testLogo {
			t.Errorf("%s: the logo at %s is %q", tc.lang, img.AttrOr("src", ""), got)
		}
		icon := page.Find(`link[rel="icon"]`)
		if href := icon.AttrOr("href", ""); !strings.HasPrefix(href, "/brand/favicon-") || icon.AttrOr("type", "") != "image/svg+xml" {
			t.Errorf("%s: favicon %q %q", tc.lang, href, icon.AttrOr("type", ""))
		}
		css := string(readSite(t, branded, page.Find(`link[rel="stylesheet"]`).AttrOr("href", "")))
		for _, want := range []string{"--accent:#0f6e5c", "@media(prefers-color-scheme:dark){:root{--brand:#", "@font-face{font-family:"} {
			if !strings.Contains(css, want) {
				t.Errorf("%s: the stylesheet lacks %q", tc.lang, want)
			}
		}
		// The font is published where the stylesheet (in /css/) looks for
		// it, and its licence beside it.
		font := regexp.MustCompile(`url\("?\.\./(brand/font-[0-9a-f]+\.woff2)"?\)`).FindStringSubmatch(css)
		if font == nil || string(readSite(t, branded, "/"+font[1])) != testFont {
			t.Errorf("%s: font %v not published as given", tc.lang, font)
		}

		page = testportal.HTML(t, filepath.Join(plain, tc.lang, "dpa", "index.html"))
		if n := page.Find("img.brand-logo").Length(); n != 0 {
			t.Errorf("%s: a portal without a brand shows %d logos", tc.lang, n)
		}
		if href := page.Find(`link[rel="icon"]`).AttrOr("href", ""); href != "/favicon.svg" {
			t.Errorf("%s: a portal without a brand has the favicon %q", tc.lang, href)
		}
		if css := string(readSite(t, plain, page.Find(`link[rel="stylesheet"]`).AttrOr("href", ""))); strings.Contains(css, "--brand") {
			t.Errorf("%s: a portal without a brand has brand styles", tc.lang)
		}
	}
	if licence, _ := filepath.Glob(filepath.Join(branded, "brand", "font-licence-*.txt")); len(licence) != 1 {
		t.Errorf("the font's licence is not published: %v", licence)
	}
	if _, err := os.Stat(filepath.Join(plain, "brand")); !os.IsNotExist(err) {
		t.Errorf("a portal without a brand publishes brand/: %v", err)
	}
}

// TestDPAPageWeight: the sample's DPA page with everything it loads but the
// logo and the favicon (its HTML, stylesheet and script) stays within 25 KB
// gzipped.
func TestDPAPageWeight(t *testing.T) {
	b := build(t, testportal.Root(t))
	gzipped := func(data []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(data)
		w.Close()
		return buf.Len()
	}
	for _, lang := range b.portal.Model.Site.Languages {
		name := filepath.Join(b.out, string(lang), "dpa", "index.html")
		html, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		page := testportal.HTML(t, name)
		total := gzipped(html)
		loads := append(attrs(page.Find(`link[rel="stylesheet"]`), "href"), attrs(page.Find("script[src]"), "src")...)
		if len(loads) != 2 {
			t.Fatalf("%s: the DPA page loads %v, want a stylesheet and a script", lang, loads)
		}
		for _, u := range loads {
			total += gzipped(readSite(t, b.out, u))
		}
		t.Logf("%s DPA page: %d bytes gzipped (HTML, CSS, JS)", lang, total)
		if total > 25<<10 {
			t.Errorf("%s: the DPA page weighs %d bytes gzipped, more than 25 KB", lang, total)
		}
	}
}
