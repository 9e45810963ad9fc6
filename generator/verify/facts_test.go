package verify

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
)

// memFacts is a Facts in memory that counts what it was asked.
type memFacts struct {
	mu        sync.Mutex
	m         map[string][]byte
	hits, put int
}

func (f *memFacts) Get(key string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.m[key]
	if ok {
		f.hits++
	}
	return v, ok
}

func (f *memFacts) Put(key string, value []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[key] = value
	f.put++
}

// TestFactsFindTheSameProblems: a check that takes its pages from Facts
// finds what a check that parses them finds; a page is taken only with the
// same bytes, and a page with a problem is not kept.
func TestFactsFindTheSameProblems(t *testing.T) {
	gen := Generated{Languages: model.DefaultLanguages}
	files := map[string]string{
		"de/dpa/index.html": htmlPage("de", "en", `<section id="a"><a href="#b">b</a></section><p id="b"></p><a href="/en/dpa/#a">en</a>`),
		"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b"></p>`),
		"css/site.css":      `body {}`,
	}
	dir := site(t, files)
	facts := &memFacts{m: map[string][]byte{}}
	if err := CheckWith(dir, base, gen, facts); err != nil {
		t.Fatal(err)
	}
	if facts.put != 2 || facts.hits != 0 {
		t.Fatalf("first check kept %d pages and found %d; want 2 kept", facts.put, facts.hits)
	}
	if err := CheckWith(dir, base, gen, facts); err != nil || facts.hits != 2 {
		t.Fatalf("second check: %v, %d pages found; want both, no problem", err, facts.hits)
	}
	// The English page loses the anchor the German one links to: its
	// bytes changed, so it is read anew, and the broken link is found.
	en := filepath.Join(dir, "en", "dpa", "index.html")
	if err := os.WriteFile(en, []byte(htmlPage("en", "de", `<section id="x"></section><p id="b"></p>`)), 0o644); err != nil {
		t.Fatal(err)
	}
	want := Check(dir, base, gen)
	got := CheckWith(dir, base, gen, facts)
	if want == nil || got == nil || got.Error() != want.Error() || !strings.Contains(got.Error(), `anchor "a"`) {
		t.Errorf("with facts: %v\nwithout: %v", got, want)
	}
	// Another address of the site: nothing is taken.
	before := facts.hits
	_ = CheckWith(dir, "https://other.example/", gen, facts)
	if facts.hits != before {
		t.Errorf("a check of another address took %d pages", facts.hits-before)
	}
	// A page with a problem of its own is never kept.
	bad := site(t, map[string]string{
		"de/dpa/index.html": htmlPage("de", "en", `<section id="a"></section><p id="b"></p><p id="b"></p>`),
		"en/dpa/index.html": htmlPage("en", "de", `<section id="a"></section><p id="b">another page</p>`),
		"css/site.css":      `body {}`,
	})
	puts := facts.put
	if err := CheckWith(bad, base, gen, facts); err == nil {
		t.Fatal("a duplicate id passed")
	}
	if facts.put != puts+1 {
		t.Errorf("kept %d pages of a site with one bad page; want the good one only", facts.put-puts)
	}
}
