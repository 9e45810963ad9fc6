package generator_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/synth"
	"github.com/trustportal/trustportal/generator/testportal"
)

// preview is serve running on a copy of a portal.
type preview struct {
	src, url string
	log      *testportal.Log
	// clause is the clause file edit rewrites, below content/dpa/, and
	// words the words it replaces.
	clause, words string
	original      string // the clause file as it was
}

// startServe runs serve on a copy of the sample until the test ends.
func startServe(tb testing.TB) *preview {
	tb.Helper()
	return startServeOn(tb, testportal.Root(tb), today, "audits.en.md", "four weeks")
}

// startServeOn runs serve on a copy of the project in src, as on day,
// until the test ends; edit replaces words in its clause file.
func startServeOn(tb testing.TB, src string, day model.Date, clause, words string) *preview {
	tb.Helper()
	p := &preview{src: testportal.Copy(tb, src), log: &testportal.Log{}, clause: clause, words: words}
	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan string, 1)
	stopped := make(chan error, 1)
	go func() {
		stopped <- generator.Serve(ctx, generator.ServeOptions{Source: p.src, Today: day, Log: p.log,
			Listening: func(u string) { listening <- u }})
	}()
	tb.Cleanup(func() {
		cancel()
		if err := <-stopped; err != nil {
			tb.Errorf("serve: %v", err)
		}
	})
	select {
	case p.url = <-listening:
	case err := <-stopped:
		tb.Fatalf("serve stopped: %v", err)
	}
	return p
}

// get returns the page at path ("en/dpa/draft/") as served, "" if there is
// none.
func (p *preview) get(tb testing.TB, path string) string {
	tb.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		return ""
	}
	return string(body)
}

// edit rewrites the preview's clause file (the sample's audit clause in
// English), as an editor saves it, with words in place of p.words.
func (p *preview) edit(tb testing.TB, words string) {
	tb.Helper()
	if p.original == "" {
		original, err := os.ReadFile(filepath.Join(p.src, "content", "dpa", p.clause))
		if err != nil {
			tb.Fatal(err)
		}
		p.original = string(original)
		if !strings.Contains(p.original, p.words) {
			tb.Fatalf("%s no longer says %s", p.clause, p.words)
		}
	}
	if err := os.WriteFile(filepath.Join(p.src, "content", "dpa", p.clause), []byte(strings.Replace(p.original, p.words, words, 1)), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// waitFor returns the page at path once it contains want, failing after
// timeout.
func (p *preview) waitFor(tb testing.TB, path, want string, timeout time.Duration) string {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if page := p.get(tb, path); strings.Contains(page, want) {
			return page
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s does not show %q after %v; serve said:\n%s", path, want, timeout, p.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitLog waits until serve's log holds the n-th line containing what, and
// returns what that line says before it.
func (p *preview) waitLog(tb testing.TB, what string, n int) string {
	tb.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var found []string
		for _, line := range strings.Split(p.log.String(), "\n") {
			if before, _, ok := strings.Cut(line, what); ok {
				found = append(found, strings.TrimSuffix(before, ", "))
			}
		}
		if len(found) >= n {
			return strings.TrimSpace(found[n-1])
		}
		if time.Now().After(deadline) {
			tb.Fatalf("serve did not say %q %d times:\n%s", what, n, p.log)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestServeShowsTheWorkingCopy: serve previews the sample with its draft
// pages; an edit of a clause reaches the draft page and its redline marks
// it, while the DPA in effect stays as released.
func TestServeShowsTheWorkingCopy(t *testing.T) {
	p := startServe(t)
	if page := p.get(t, "en/dpa/draft/"); !strings.Contains(page, `data-preview="draft"`) || !strings.Contains(page, "livereload.js") {
		t.Fatalf("the draft page is not served, or without its banner and live reload")
	}
	p.edit(t, "twenty-nine days")
	p.waitFor(t, "en/dpa/draft/", "twenty-nine days", 60*time.Second)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(p.waitFor(t, "en/diff/2.0/draft/", "twenty-nine", 10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	if ins := squash(doc.Find(`[id^="change-dpa-audit"] ins`).Text()); !strings.Contains(ins, "twenty-nine") {
		t.Errorf("the redline inserts %q, want the edit", ins)
	}
	if del := squash(doc.Find(`[id^="change-dpa-audit"] del`).Text()); !strings.Contains(del, "four") {
		t.Errorf("the redline deletes %q, want the words replaced", del)
	}
	if strings.Contains(p.get(t, "en/dpa/"), "twenty-nine") {
		t.Error("the DPA in effect shows the working copy")
	}
	// A layout of the project is Hugo's alone: the page shows its change.
	footer := filepath.Join(p.src, "layouts", "_partials", "footer.html")
	data, err := os.ReadFile(footer)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(footer, append([]byte(`<p class="test-marker">footer edited</p>`+"\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "en/dpa/draft/", "footer edited", 60*time.Second)
	if p.waitLog(t, "changed, portal rendered again", 2) != "trustportal: layouts" {
		t.Errorf("a layout's change was loaded and emitted anew; serve said:\n%s", p.log)
	}
	// A file of static/ is copied anew (a render copies them only then),
	// and a save that changes nothing Hugo reads renders nothing.
	if err := os.WriteFile(filepath.Join(p.src, "static", "serve-test.txt"), []byte("static file served"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "serve-test.txt", "static file served", 60*time.Second)
	// A save that changes nothing the pages show renders nothing, and the
	// pages stay.
	clause := filepath.Join(p.src, "content", "dpa", "audits.en.md")
	text, err := os.ReadFile(clause)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(clause, text, 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitLog(t, "rendered again", 4)
	if !strings.Contains(p.get(t, "en/dpa/draft/"), "twenty-nine days") || p.get(t, "serve-test.txt") != "static file served" {
		t.Error("a save that changed nothing lost a page or a static file")
	}
	// A change that breaks the source is reported; the last good site stays.
	if err := os.WriteFile(filepath.Join(p.src, "content", "dpa", "audits.en.md"), []byte("+++\ntitle = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.waitLog(t, "the change was not applied", 1)
	if !strings.Contains(p.log.String(), "audits.en.md") {
		t.Errorf("the report does not name the file:\n%s", p.log)
	}
	if !strings.Contains(p.get(t, "en/dpa/draft/"), "twenty-nine days") {
		t.Error("the last good draft page is gone")
	}
}

// BenchmarkServeEdit measures how long a saved edit of a clause takes to
// reach the draft page that serve shows: from writing the file to the site
// showing it (serve says so in its log; the page is then fetched to check).
// cpu-ms/op is the processor time the process spent meanwhile, which a busy
// machine does not inflate as it does the wall time.
func BenchmarkServeEdit(b *testing.B) {
	benchmarkServeEdit(b, startServe(b))
}

// BenchmarkServeEditLarge is BenchmarkServeEdit on the synthetic portal of
// 30 released versions (issue 12's large portal).
func BenchmarkServeEditLarge(b *testing.B) {
	benchmarkServeEdit(b, startServeOn(b, largePortal(b, 30), synth.Large(30).Today(), "clause-01.en.md", "every 54 days"))
}

func benchmarkServeEdit(b *testing.B, p *preview) {
	// The first edit makes the draft, which every version's page then
	// lists: not the edit measured, which is the next one while writing.
	p.edit(b, "twenty calendar days")
	p.waitLog(b, "rendered again", 1)
	cpu := processorTime()
	for i := 0; b.Loop(); i++ {
		words := fmt.Sprintf("%d calendar days", 30+i)
		p.edit(b, words)
		// serve says so once the site shows it: polling the page itself
		// would cost more processor time than the render.
		p.waitLog(b, "rendered again", i+2)
		if !strings.Contains(p.get(b, "en/dpa/draft/"), words) {
			b.Fatalf("serve rendered the edit %q, and the draft page lacks it", words)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((processorTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	if testing.Verbose() {
		b.Log(p.log.String())
	}
}
