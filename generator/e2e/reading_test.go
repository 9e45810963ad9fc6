package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/trustportal/trustportal/generator/testportal"
)

// scripts turns the tab's JavaScript off or on again, as a reader's
// browser setting does; pages loaded afterwards run no script.
func scripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	do(t, ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

// TestStickyTOC: on a wide screen the table of contents of the DPA and the
// TOM annex stands beside the text, lists the document's sections in
// order, stays in view while the reader scrolls, and marks the section
// being read; on a phone it is collapsed above the text.
func TestStickyTOC(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	const state = `JSON.stringify((() => {
		const toc = document.querySelector('#toc'), r = toc.getBoundingClientRect();
		const text = document.querySelector('main h1').getBoundingClientRect();
		return {position: getComputedStyle(toc).position, open: toc.querySelector('details').open,
			inView: r.top >= 0 && r.top < innerHeight && r.height > 0, beside: r.left >= text.right,
			current: [...toc.querySelectorAll('a[aria-current]')].map(a => a.getAttribute('href'))};
	})())`
	type tocState struct {
		Position string
		Open     bool
		InView   bool
		Beside   bool
		Current  []string
	}
	for _, tt := range []struct{ page, sections, read string }{
		{"/de/dpa/", "main .clause, main .annex", "breach-notification"},
		{"/en/toms/2.0/", "main .area", "data-access"},
	} {
		do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(e.url(tt.page)))
		// The list names every section in the document's order.
		links := eval[string](t, ctx, `[...document.querySelectorAll('#toc details a[href^="#"]')].map(a => a.getAttribute('href').slice(1)).filter(id => document.getElementById(id).matches('.clause, .annex, .area')).join(' ')`)
		sections := eval[string](t, ctx, fmt.Sprintf(`[...document.querySelectorAll(%q)].map(s => s.id).join(' ')`, tt.sections))
		if links == "" || links != sections {
			t.Errorf("%s: the contents list\n%s\nthe sections are\n%s", tt.page, links, sections)
		}
		var before tocState
		if err := jsonEval(t, ctx, state, &before); err != nil {
			t.Fatal(err)
		}
		if before.Position != "sticky" || !before.Open || !before.InView || !before.Beside {
			t.Errorf("%s at 1280 px: the contents are not open beside the text: %+v", tt.page, before)
		}
		// Deep in the text, the contents are still in view and mark the
		// section scrolled to.
		do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("document.getElementById(%q).scrollIntoView()", tt.read)))
		var after tocState
		for range 20 {
			if err := jsonEval(t, ctx, state, &after); err != nil {
				t.Fatal(err)
			}
			if len(after.Current) > 0 {
				break
			}
			do(t, ctx, chromedp.Sleep(50e6))
		}
		if !after.InView || strings.Join(after.Current, " ") != "#"+tt.read {
			t.Errorf("%s, scrolled to #%s: the contents are in view %v and mark %v", tt.page, tt.read, after.InView, after.Current)
		}
		// On a phone the list is collapsed above the text, and opens.
		do(t, ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(e.url(tt.page)))
		if err := jsonEval(t, ctx, state, &before); err != nil {
			t.Fatal(err)
		}
		if before.Open || before.Position == "sticky" || before.Beside {
			t.Errorf("%s at 375 px: the contents are not collapsed above the text: %+v", tt.page, before)
		}
		do(t, ctx, chromedp.Click(chromedp.CSS("#toc summary")))
		if !eval[bool](t, ctx, `document.querySelector('#toc details a').checkVisibility()`) {
			t.Errorf("%s at 375 px: the contents do not open", tt.page)
		}
	}
	do(t, ctx, chromedp.EmulateViewport(1200, 900))
}

// TestShortHash: the version block shows the first 12 digits of each hash;
// the whole hash is a click away, selectable without JavaScript and
// copyable with it.
func TestShortHash(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	page := testportal.HTML(t, filepath.Join(e.out, "de", "dpa", "index.html"))
	full := page.Find(".version__hash code.hash").Text()
	if len(full) != 64 {
		t.Fatalf("the page's full hash is %q", full)
	}
	const shown = `JSON.stringify([document.querySelector('.version__hash .hash-short').innerText,
		document.querySelector('.version__hash code.hash').checkVisibility(),
		document.querySelector('.version__hash button').checkVisibility()])`
	for _, js := range []bool{true, false} {
		scripts(t, ctx, js)
		do(t, ctx, chromedp.Navigate(e.url("/de/dpa/")))
		var got [3]any
		if err := jsonEval(t, ctx, shown, &got); err != nil {
			t.Fatal(err)
		}
		if got[0] != full[:12] || got[1] != false || got[2] != false {
			t.Errorf("JavaScript %v: shown %v, want %q and neither the full hash nor the button", js, got, full[:12])
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(".version__hash summary")))
		if err := jsonEval(t, ctx, shown, &got); err != nil {
			t.Fatal(err)
		}
		if got[1] != true || got[2] != js {
			t.Errorf("JavaScript %v, opened: full hash shown %v, copy button shown %v", js, got[1], got[2])
		}
		if sel := eval[string](t, ctx, `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('.version__hash code.hash'));
			getSelection().removeAllRanges(); getSelection().addRange(r); return getSelection().toString(); })()`); sel != full {
			t.Errorf("JavaScript %v: the selected hash is %q, want %q", js, sel, full)
		}
	}
	scripts(t, ctx, true)
}

// TestSubprocessorFilter: with JavaScript the list filters by name,
// country, purpose and safeguard as the reader types; without, it is the
// whole list and a note says so. On a phone the rows are cards.
func TestSubprocessorFilter(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	page := testportal.HTML(t, filepath.Join(e.out, "en", "subprocessors", "index.html"))
	var names []string
	page.Find(".subprocessor-table tbody th").Each(func(_ int, s *goquery.Selection) { names = append(names, strings.TrimSpace(s.Text())) })
	if len(names) < 3 {
		t.Fatalf("the sample lists %d subprocessors", len(names))
	}
	// cell is the text of column n (0: seat, 2: purpose, 3: safeguard) of
	// row i.
	cell := func(i, n int) string {
		return strings.TrimSpace(page.Find(".subprocessor-table tbody tr").Eq(i).Find("td").Eq(n).Text())
	}
	const visible = `JSON.stringify([...document.querySelectorAll('.subprocessor-table tbody tr')].filter(r => r.getBoundingClientRect().height > 0).map(r => r.querySelector('th').innerText.trim()))`
	const note = `[...document.querySelectorAll('.filter__noscript')].some(n => n.getBoundingClientRect().height > 0)`
	const field = `document.querySelector('#subprocessor-filter').getBoundingClientRect().height > 0`

	scripts(t, ctx, false)
	do(t, ctx, chromedp.Navigate(e.url("/en/subprocessors/")))
	var shown []string
	if err := jsonEval(t, ctx, visible, &shown); err != nil {
		t.Fatal(err)
	}
	if strings.Join(shown, "|") != strings.Join(names, "|") || !eval[bool](t, ctx, note) || eval[bool](t, ctx, field) {
		t.Errorf("without JavaScript: rows %v (want all %v), note shown %v, field shown %v", shown, names, eval[bool](t, ctx, note), eval[bool](t, ctx, field))
	}

	scripts(t, ctx, true)
	do(t, ctx, chromedp.Navigate(e.url("/en/subprocessors/")))
	if eval[bool](t, ctx, note) || !eval[bool](t, ctx, field) {
		t.Errorf("with JavaScript: the note is still shown or the field is not")
	}
	last := len(names) - 1
	for _, tt := range []struct{ by, query, want string }{
		{"name", strings.ToUpper(names[last]), names[last]},
		{"country", cell(last, 0), names[last]},
		{"purpose", strings.Join(strings.Fields(cell(0, 2))[:2], " "), names[0]},
		{"safeguard", cell(last, 3), names[last]},
		{"nothing", "no-such-subprocessor", ""},
		{"everything", "", strings.Join(names, "|")},
	} {
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#subprocessor-filter').value = ''`),
			chromedp.Focus(chromedp.CSS("#subprocessor-filter")))
		if tt.query != "" {
			do(t, ctx, chromedp.SendKeys(chromedp.CSS("#subprocessor-filter"), tt.query))
		} else {
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#subprocessor-filter').dispatchEvent(new Event('input'))`))
		}
		if err := jsonEval(t, ctx, visible, &shown); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(shown, "|"); !strings.Contains(got, tt.want) || (tt.want == "" && got != "") || (tt.by != "everything" && len(shown) == len(names)) {
			t.Errorf("filter by %s %q: rows %v, want %q among them and fewer than all", tt.by, tt.query, shown, tt.want)
		}
	}

	// On a phone each row is a card: one below the other, each cell
	// labelled with its column.
	do(t, ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(e.url("/en/subprocessors/")))
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector('.subprocessor-table tbody tr')).display + ' ' +
		getComputedStyle(document.querySelector('.subprocessor-table td'), '::before').content`); got != `block "Seat: "` {
		t.Errorf("at 375 px a row is %q, want a card (block) with labelled cells", got)
	}
	do(t, ctx, chromedp.EmulateViewport(1200, 900))
}

// TestSearch: the search page finds clauses, measures and subprocessors in
// the reader's language from the index the build wrote, and leads to their
// anchors; without JavaScript it says so and lists the documents.
func TestSearch(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	results := `JSON.stringify([...document.querySelectorAll('.search__results a')].map(a => a.getAttribute('href')))`
	for _, tt := range []struct {
		lang, query, want string
	}{
		{"en", "swiftedge", "/en/subprocessors/#swiftedge"},
		{"de", "Kotoba Gengo", "/de/subprocessors/#kotoba-translate"},
		{"en", "Encryption rest", "/en/toms/#key-custody"},
		{"de", "Weisungen", "/de/dpa/#instructions"},
	} {
		do(t, ctx, chromedp.Navigate(e.url("/"+tt.lang+"/search/")),
			chromedp.SendKeys(chromedp.CSS("#search-query"), tt.query))
		var hrefs []string
		for range 40 {
			if err := jsonEval(t, ctx, results, &hrefs); err != nil {
				t.Fatal(err)
			}
			if len(hrefs) > 0 {
				break
			}
			do(t, ctx, chromedp.Sleep(50e6))
		}
		if !slices.Contains(hrefs, tt.want) {
			t.Errorf("%s: %q found %v, want %s among them", tt.lang, tt.query, hrefs, tt.want)
			continue
		}
		for _, h := range hrefs {
			if !strings.HasPrefix(h, "/"+tt.lang+"/") || !strings.Contains(h, "#") {
				t.Errorf("%s: %q found %s, not an anchor in the reader's language", tt.lang, tt.query, h)
			}
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(".search__results a[href=%q]", tt.want))))
		waitLocation(t, ctx, e.url(tt.want))
		if !eval[bool](t, ctx, fmt.Sprintf("document.getElementById(%q) !== null", tt.want[strings.Index(tt.want, "#")+1:])) {
			t.Errorf("%s: the result %s leads to no anchor", tt.lang, tt.want)
		}
	}
	// A query in the address (the form sent without script) is run.
	do(t, ctx, chromedp.Navigate(e.url("/en/search/?q=nothing-like-this")))
	for range 40 {
		if eval[string](t, ctx, "document.querySelector('.search__status').innerText") != "" {
			break
		}
		do(t, ctx, chromedp.Sleep(50e6))
	}
	if got := eval[string](t, ctx, "document.querySelector('.search__status').innerText"); !strings.HasPrefix(got, "Nothing found") {
		t.Errorf("a query without results says %q", got)
	}

	scripts(t, ctx, false)
	do(t, ctx, chromedp.Navigate(e.url("/de/search/")))
	if got := eval[string](t, ctx, `JSON.stringify([document.querySelector('form[role=search]').getBoundingClientRect().height,
		document.querySelector('.search__noscript').innerText.includes('JavaScript'),
		document.querySelectorAll('.search__noscript a[href="/de/dpa/"]').length])`); got != "[0,true,1]" {
		t.Errorf("the search page without JavaScript: [form height, note, link to the DPA] = %s, want [0,true,1]", got)
	}
	scripts(t, ctx, true)
}

// TestPhoneHeader: on a phone the header is one line (title, language,
// menu), and the menu opens the navigation.
func TestPhoneHeader(t *testing.T) {
	e := setup(t)
	ctx := e.tab(t)
	do(t, ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(e.url("/en/dpa/")))
	const layout = `JSON.stringify((() => {
		const mid = s => { const r = document.querySelector(s).getBoundingClientRect(); return Math.round(r.top + r.height / 2); };
		return [mid('.site-title'), mid('.lang-switch a'), mid('.site-menu summary'),
			Math.round(document.querySelector('.site-header__inner').getBoundingClientRect().height),
			document.querySelector('.site-nav a').checkVisibility()];
	})())`
	var got []any
	if err := jsonEval(t, ctx, layout, &got); err != nil {
		t.Fatal(err)
	}
	if got[0] != got[1] || got[1] != got[2] || got[3].(float64) > 56 || got[4] != false {
		t.Errorf("at 375 px: middles of title, language, menu %v %v %v, header %v px high, navigation shown %v; want one line under 56 px, navigation folded", got[0], got[1], got[2], got[3], got[4])
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".site-menu summary")))
	if !eval[bool](t, ctx, `document.querySelector('.site-nav a').checkVisibility()`) {
		t.Error("the menu does not open")
	}
	// On a wide screen the navigation shows without the menu.
	do(t, ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(e.url("/en/dpa/")))
	if got := eval[string](t, ctx, `JSON.stringify([document.querySelector('.site-nav a').checkVisibility(), document.querySelector('.site-menu summary').getBoundingClientRect().height])`); got != "[true,0]" {
		t.Errorf("at 1200 px: [navigation shown, menu height] = %s, want [true,0]", got)
	}
}

// TestPageWeight: the DPA page with its stylesheet and script stays within
// 25 KB, gzipped (the logo excluded, the search index is not loaded there).
func TestPageWeight(t *testing.T) {
	e := setup(t)
	page := testportal.HTML(t, filepath.Join(e.out, "de", "dpa", "index.html"))
	files := []string{"/de/dpa/index.html"}
	page.Find(`link[rel="stylesheet"], script[src]`).Each(func(_ int, s *goquery.Selection) {
		files = append(files, s.AttrOr("href", s.AttrOr("src", "")))
	})
	if len(files) != 3 {
		t.Fatalf("the DPA page loads %v, want a stylesheet and a script", files[1:])
	}
	total := 0
	var sizes []string
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(e.out, filepath.FromSlash(strings.TrimPrefix(f, e.server.URL))))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(data)
		w.Close()
		total += buf.Len()
		sizes = append(sizes, fmt.Sprintf("%s %d B (%d B gzipped)", filepath.Base(f), len(data), buf.Len()))
	}
	t.Logf("the DPA page: %s; %d B in all", strings.Join(sizes, ", "), total)
	if total > 25*1024 {
		t.Errorf("the DPA page weighs %d B gzipped, more than 25 KB: %s", total, strings.Join(sizes, ", "))
	}
}
