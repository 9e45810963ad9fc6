package pdf_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/trustportal/trustportal/generator/pdf"
)

// memCache is a pdf.Cache in memory that counts what was stored.
type memCache struct {
	mu   sync.Mutex
	m    map[string][]byte
	puts int
}

func (c *memCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *memCache) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = value
	c.puts++
}

// TestPrintCached: a PDF printed before from the same files is taken from
// the cache, byte for byte; a file the page loads that changed prints it
// again.
func TestPrintCached(t *testing.T) {
	needChromium(t)
	dir := site(t, "")
	cache := &memCache{m: map[string][]byte{}}
	const base = "https://portal.example/trust/"
	name := filepath.Join(dir, "de", "doc", "doc.pdf")
	if err := pdf.PrintCached(context.Background(), dir, base, []pdf.Job{job}, cache); err != nil {
		t.Fatal(err)
	}
	printed, err := os.ReadFile(name)
	if err != nil || cache.puts != 1 {
		t.Fatalf("first print: %v, %d stored", err, cache.puts)
	}
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	if err := pdf.PrintCached(context.Background(), dir, base, []pdf.Job{job}, cache); err != nil {
		t.Fatal(err)
	}
	if again, err := os.ReadFile(name); err != nil || !bytes.Equal(again, printed) || cache.puts != 1 {
		t.Errorf("the same files: printed again (%d stored) or other bytes (%v)", cache.puts, err)
	}
	// The stylesheet changes: the page looks different, and is printed.
	if err := os.WriteFile(filepath.Join(dir, "css", "site.css"), []byte(`body { font-family: serif; }`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := pdf.PrintCached(context.Background(), dir, base, []pdf.Job{job}, cache); err != nil {
		t.Fatal(err)
	}
	if cache.puts != 2 {
		t.Errorf("a changed stylesheet did not print the page again (%d stored)", cache.puts)
	}
	// Another footer is another job.
	other := job
	other.Footer = "<div>other</div>"
	if err := pdf.PrintCached(context.Background(), dir, base, []pdf.Job{other}, cache); err != nil {
		t.Fatal(err)
	}
	if cache.puts != 3 {
		t.Errorf("another footer did not print the page again (%d stored)", cache.puts)
	}
}
