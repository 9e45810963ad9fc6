package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/trustportal/trustportal/generator/brand"
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
