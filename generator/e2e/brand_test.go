package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/trustportal/trustportal/generator/brand"
	"github.com/trustportal/trustportal/generator/model"
)

// TestBrandColours: the sample's brand colours are what the browser paints,
// in the light and the dark scheme: links in the text and the navigation,
// and the band above the header; the logo loads.
func TestBrandColours(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	b := e.portal.Model.Site.Brand
	if b.Colour == "" || b.ColourDark == "" || b.Logo == "" {
		t.Fatalf("the sample has no brand colours and logo to test: %+v", b)
	}
	rgb := func(hex string) string {
		c := brand.MustColour(hex)
		return fmt.Sprintf("rgb(%d, %d, %d)", c.R, c.G, c.B)
	}
	const styles = `JSON.stringify({
		link: getComputedStyle(document.querySelector('main a')).color,
		nav: getComputedStyle(document.querySelector('.site-nav a')).color,
		band: getComputedStyle(document.querySelector('.site-header')).borderTopColor,
		logo: document.querySelector('.site-title img.brand-logo')?.naturalWidth ?? 0,
	})`
	for _, tc := range []struct{ scheme, colour string }{{"light", b.Colour}, {"dark", b.ColourDark}} {
		colorScheme(t, ctx, tc.scheme)
		for _, page := range []string{"/de/", "/en/dpa/", "/de/subprocessors/"} {
			do(t, ctx, chromedp.Navigate(e.url(page)))
			var got struct {
				Link, Nav, Band string
				Logo            int
			}
			if err := jsonEval(t, ctx, styles, &got); err != nil {
				t.Fatal(err)
			}
			want := rgb(tc.colour)
			if got.Link != want || got.Nav != want || got.Band != want {
				t.Errorf("%s (%s): link %s, navigation %s, band %s; want the brand colour %s", page, tc.scheme, got.Link, got.Nav, got.Band, want)
			}
			if got.Logo == 0 {
				t.Errorf("%s (%s): the logo did not load", page, tc.scheme)
			}
		}
	}
	colorScheme(t, ctx, "light")
}

// TestPrintNamesPortalAndCompany: printed, every page type shows the
// portal's name with the logo at the top and the company at the end, and
// none of the navigation. Logo and name are centred on each other as boxes,
// not by the font's x-height (vertical-align: middle), which Chromium
// measured differently in one PDF in a few hundred on a busy machine.
func TestPrintNamesPortalAndCompany(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	do(t, ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	defer do(t, ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	}))
	const printed = `JSON.stringify({
		title: document.querySelector('.site-title')?.innerText ?? '',
		logo: document.querySelector('.site-title img.brand-logo')?.getBoundingClientRect().width ?? 0,
		offset: (r => r(document.querySelector('.site-title img.brand-logo')) - r(document.querySelector('.site-title__text')))(
			e => e ? (e.getBoundingClientRect().top + e.getBoundingClientRect().bottom) / 2 : 1e9),
		nav: document.querySelector('.site-nav')?.getBoundingClientRect().width ?? 0,
		footer: document.querySelector('.site-footer')?.innerText ?? '',
	})`
	company := e.portal.Model.Docs.Processor.Name
	for _, page := range []string{"/de/", "/en/dpa/", "/de/toms/2.0/", "/en/subprocessors/", "/de/versions/", "/en/diff/2.0/3.0/", "/de/processor/"} {
		do(t, ctx, chromedp.Navigate(e.url(page)))
		var got struct {
			Title, Footer     string
			Logo, Nav, Offset float64
		}
		if err := jsonEval(t, ctx, printed, &got); err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(got.Title) != e.portal.Model.Site.Title.In(model.Lang(page[1:3])) || got.Logo == 0 {
			t.Errorf("%s printed: title %q, logo width %v", page, got.Title, got.Logo)
		}
		if got.Offset < -0.25 || got.Offset > 0.25 {
			t.Errorf("%s printed: the logo's middle is %.2f px from the name's", page, got.Offset)
		}
		if got.Nav != 0 {
			t.Errorf("%s printed: the navigation shows", page)
		}
		if !strings.Contains(got.Footer, company) || strings.Contains(got.Footer, "·") {
			t.Errorf("%s printed: footer %q, want the company %q alone", page, got.Footer, company)
		}
	}
}
