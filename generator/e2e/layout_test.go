package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// colorScheme makes the tab prefer the light or the dark colour scheme, as
// the reader's system setting does.
func colorScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	params := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	do(t, ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, params)
		return err
	}))
}

// TestNoHorizontalOverflow: on a phone (320 and 375 CSS pixels wide) no page
// is wider than the screen, long German compounds included; the elements
// that stick out are named.
func TestNoHorizontalOverflow(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	const wider = `(() => {
		const w = document.documentElement.clientWidth;
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1 && !el.closest('.table-wrap, .visually-hidden')) {
				out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' ' + Math.round(r.right));
			}
		}
		return JSON.stringify({scroll: document.documentElement.scrollWidth, width: w, out: out.slice(0, 5)});
	})()`
	for _, width := range []int64{320, 375} {
		do(t, ctx, chromedp.EmulateViewport(width, 800))
		for _, p := range pageTypes {
			do(t, ctx, chromedp.Navigate(e.url(p)))
			got := eval[string](t, ctx, wider)
			if !strings.Contains(got, `"out":[]`) || !strings.Contains(got, fmt.Sprintf(`"scroll":%d,`, width)) {
				t.Errorf("%s at %d px: wider than the screen: %s", p, width, got)
			}
		}
	}
	do(t, ctx, chromedp.EmulateViewport(1200, 900))
}

// TestDarkMode: with the dark colour scheme preferred, the pages are dark
// (the background differs from the light one) and their text, links, muted
// text and redlines keep a contrast of at least 4.5:1 (WCAG AA).
func TestDarkMode(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	const colours = `JSON.stringify([...document.querySelectorAll(%q)].slice(0, 1).map(el => {
		const s = getComputedStyle(el);
		let bg = 'rgba(0, 0, 0, 0)', n = el;
		while (n && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(n).backgroundColor; n = n.parentElement; }
		if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
		return [s.color, bg];
	}))`
	type sample struct{ page, sel string }
	samples := []sample{
		{"/de/dpa/", "main p"}, {"/de/dpa/", ".version__meta, .version .badge"}, {"/de/dpa/", "main a"},
		{"/de/diff/1.1/2.0/", ".diff-document ins"}, {"/de/diff/1.1/2.0/", ".diff-document del"},
		{"/en/subprocessors/", "td"}, {"/de/", "main a"},
	}
	backgrounds := map[string]string{}
	for _, scheme := range []string{"light", "dark"} {
		colorScheme(t, ctx, scheme)
		for _, s := range samples {
			do(t, ctx, chromedp.Navigate(e.url(s.page)))
			var pair [][2]string
			if err := jsonEval(t, ctx, fmt.Sprintf(colours, s.sel), &pair); err != nil || len(pair) != 1 {
				t.Fatalf("%s %s (%s): %v %v", s.page, s.sel, scheme, pair, err)
			}
			fg, bg := pair[0][0], pair[0][1]
			if r := contrast(t, fg, bg); r < 4.5 {
				t.Errorf("%s %s (%s): contrast %.2f:1 of %s on %s, want at least 4.5:1", s.page, s.sel, scheme, r, fg, bg)
			}
		}
		do(t, ctx, chromedp.Navigate(e.url("/de/dpa/")))
		backgrounds[scheme] = eval[string](t, ctx, "getComputedStyle(document.body).backgroundColor + ' ' + getComputedStyle(document.documentElement).backgroundColor")
	}
	colorScheme(t, ctx, "light")
	if backgrounds["light"] == backgrounds["dark"] {
		t.Errorf("the dark scheme has the light background: %s", backgrounds["dark"])
	}
	if lum := luminance(t, strings.Fields(strings.ReplaceAll(backgrounds["dark"], ", ", ","))[1]); lum > 0.1 {
		t.Errorf("the dark scheme's background %s is not dark (luminance %.2f)", backgrounds["dark"], lum)
	}
}

// jsonEval evaluates expr, a JSON string, into v.
func jsonEval(t *testing.T, ctx context.Context, expr string, v any) error {
	t.Helper()
	return json.Unmarshal([]byte(eval[string](t, ctx, expr)), v)
}

// contrast is the WCAG contrast ratio of two CSS colours rgb(…)/rgba(…).
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of a CSS colour rgb(r, g, b) or
// rgba(r, g, b, a) (an alpha below 1 is taken as opaque: the samples are
// of solid colours).
func luminance(t *testing.T, c string) float64 {
	t.Helper()
	inner := c[strings.IndexByte(c, '(')+1 : strings.IndexByte(c, ')')]
	parts := strings.Split(inner, ",")
	if len(parts) < 3 {
		t.Fatalf("colour %q", c)
	}
	var l [3]float64
	for i := range 3 {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil {
			t.Fatalf("colour %q: %v", c, err)
		}
		v /= 255
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}
