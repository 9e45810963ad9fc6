package brand

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want string
	}{
		{"#000000", "#ffffff", "21:1"},
		{"#ffffff", "#ffffff", "1:1"},
		{"#767676", "#ffffff", "4.54:1"}, // the lightest grey that passes on white
		{"#777777", "#ffffff", "4.47:1"},
		{"#0b5cad", "#f4f6f8", "6.15:1"},
	} {
		if got := FormatRatio(Contrast(MustColour(tc.a), MustColour(tc.b))); got != tc.want {
			t.Errorf("Contrast(%s, %s) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestParseColour(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"#0B5CAD", "#0b5cad"}, {"#0b5cad", "#0b5cad"},
		{"0b5cad", ""}, {"#fff", ""}, {"#0b5cag", ""}, {"blue", ""}, {"", ""},
	} {
		c, err := ParseColour(tc.in)
		if (err == nil) != (tc.want != "") || (err == nil && c.String() != tc.want) {
			t.Errorf("ParseColour(%q) = %v, %v; want %q", tc.in, c, err, tc.want)
		}
	}
}

// TestCheckContrast: a colour too light for links on the light scheme is
// named with each background it fails on, and the nearest passing shade
// passes.
func TestCheckContrast(t *testing.T) {
	for _, tc := range []struct {
		colour string
		scheme Scheme
		fails  int
	}{
		{"#0b5cad", Light, 0},
		{"#7cb7ff", Light, 2},
		{"#767676", Light, 1}, // passes on white, not on the header's grey
		{"#7cb7ff", Dark, 0},
		{"#0b5cad", Dark, 2},
	} {
		got := CheckContrast(MustColour(tc.colour), tc.scheme)
		if len(got) != tc.fails {
			t.Errorf("%s on %s: %d shortfalls %v, want %d", tc.colour, tc.scheme.Name, len(got), got, tc.fails)
			continue
		}
		for _, s := range got {
			if len(CheckContrast(s.Nearest, tc.scheme)) != 0 {
				t.Errorf("%s on %s: suggested %s fails too", tc.colour, tc.scheme.Name, s.Nearest)
			}
			if !strings.Contains(s.String(), tc.colour) || !strings.Contains(s.String(), "4.5:1") {
				t.Errorf("message does not name the colour and the ratio needed: %s", s)
			}
		}
	}
	if d := DarkVariant(MustColour("#0b5cad")); len(CheckContrast(d, Dark)) != 0 {
		t.Errorf("derived dark variant %s fails on the dark scheme", d)
	}
}

// TestSchemesMatchTheStylesheet: the backgrounds the contrast is checked
// against are the theme's.
func TestSchemesMatchTheStylesheet(t *testing.T) {
	css, err := os.ReadFile("../../assets/css/portal.css")
	if err != nil {
		t.Fatal(err)
	}
	dark := strings.Index(string(css), "prefers-color-scheme: dark")
	if dark < 0 {
		t.Fatal("portal.css has no dark scheme")
	}
	for _, tc := range []struct {
		scheme Scheme
		part   string
	}{{Light, string(css[:dark])}, {Dark, string(css[dark:])}} {
		for _, sf := range tc.scheme.Surfaces {
			v := regexp.MustCompile(`\((--[a-z-]+)\)`).FindStringSubmatch(sf.Name)[1]
			m := regexp.MustCompile(regexp.QuoteMeta(v) + `:\s*(#[0-9a-fA-F]{6})`).FindStringSubmatch(tc.part)
			if m == nil || !strings.EqualFold(m[1], sf.Colour.String()) {
				t.Errorf("%s scheme: %s is %v in portal.css, %s here", tc.scheme.Name, v, m, sf.Colour)
			}
		}
	}
}

const svgHead = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`

func TestCheckSVG(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string // want: part of the error, "" for none
	}{
		{"plain shapes", `<circle cx="5" cy="5" r="4" fill="#0b5cad"/>`, ""},
		{"gradient and use of its own parts", `<defs><linearGradient id="g"/><path id="p" d="M0 0"/></defs><rect fill="url(#g)" style="fill: url('#g')" width="1" height="1"/><use href="#p"/><use xlink:href="#p"/>`, ""},
		{"style element with own gradient", `<style>.a { fill: url(#g) }</style>`, ""},
		{"script", `<script>alert(1)</script>`, "<script>"},
		{"script in capitals", `<SCRIPT>alert(1)</SCRIPT>`, "<SCRIPT>"},
		{"event attribute", `<rect onload="alert(1)"/>`, "event attribute onload"},
		{"event attribute in capitals", `<rect ONCLICK="alert(1)"/>`, "event attribute ONCLICK"},
		{"foreignObject", `<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>`, "<foreignObject>"},
		{"external image", `<image href="https://cdn.example/logo.png"/>`, `refers to "https://cdn.example/logo.png"`},
		{"external xlink", `<use xlink:href="other.svg#a"/>`, `refers to "other.svg#a"`},
		{"javascript link", `<a href="javascript:alert(1)"><rect/></a>`, "javascript:"},
		{"data URL", `<image href="data:image/png;base64,AAAA"/>`, "data:"},
		{"style url", `<rect style="fill: url(https://t.example/p)"/>`, "url(https://t.example/p)"},
		{"presentation url", `<rect fill="url(https://t.example/p)"/>`, "url(https://t.example/p)"},
		{"style import", `<style>@import "https://t.example/x.css";</style>`, "@import"},
		{"style escape", `<style>.a { fill: \75 rl(https://t.example/p) }</style>`, "escape"},
		{"animation setting a link", `<a><set attributeName="href" to="javascript:alert(1)"/></a>`, "<set>"},
		{"processing instruction", `<?xml-stylesheet href="https://t.example/x.css"?>`, "processing instruction"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSVG([]byte(svgHead + tc.body + `</svg>`))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("accepted")
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
	doctype := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]>` + svgHead + `</svg>`
	if err := CheckSVG([]byte(doctype)); err == nil || !strings.Contains(err.Error(), "DOCTYPE") {
		t.Errorf("DOCTYPE: %v", err)
	}
}

func TestCheckFile(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n rest")
	svg := []byte(`<?xml version="1.0"?>` + "\n" + svgHead + `</svg>`)
	for _, tc := range []struct {
		name string
		role Role
		data []byte
		want Type
		err  string
	}{
		{"svg logo", Logo, svg, SVG, ""},
		{"png logo", Logo, png, PNG, ""},
		{"font", Font, []byte("wOF2 rest"), WOFF2, ""},
		{"font that is a png", Font, png, "", "not WOFF2"},
		{"logo that is html", Logo, []byte("<html><script>x</script></html>"), "", "not SVG or PNG"},
		{"logo that is text", Logo, []byte("hello"), "", "not SVG or PNG"},
		{"logo too large", Logo, append(svg, make([]byte, 200<<10)...), "", "at most 200 KiB"},
		{"favicon with script", Favicon, []byte(svgHead + `<script/></svg>`), "", "<script>"},
	} {
		got, err := Check(tc.role, tc.data)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: Check = %q, %v; want %q, %q", tc.name, got, err, tc.want, tc.err)
		}
	}
}
