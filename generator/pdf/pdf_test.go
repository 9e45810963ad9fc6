package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/chrome"
	"github.com/trustportal/trustportal/generator/pdf"
	"github.com/trustportal/trustportal/generator/pdf/inspect"
)

func TestStable(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"dates", "/CreationDate (D:20261124012633+00'00')\n/ModDate (D:20261124012634+00'00')",
			"/CreationDate (D:20000101000000+00'00')\n/ModDate (D:20000101000000+00'00')"},
		{"node ids numbered in the order written",
			"/ID (node00018044) /ID (node00018037) /Headers [(node00018044) (node00018037)]",
			"/ID (node00000001) /ID (node00000002) /Headers [(node00000001) (node00000002)]"},
		{"each keeps its width", "/ID (node9) /ID (node10) /ID (node700)", "/ID (node1) /ID (node02) /ID (node003)"},
		{"the name tree is sorted anew",
			"/ID (node00000009) /ID (node00000007)\n1 0 obj\n<</Limits [(node00000007) (node00000009)]\n/Names [(node00000007) 12 0 R (node00000009) 8 0 R]>>\nendobj",
			"/ID (node00000001) /ID (node00000002)\n1 0 obj\n<</Limits [(node00000001) (node00000002)]\n/Names [(node00000001) 8 0 R (node00000002) 12 0 R]>>\nendobj"},
		{"other text stays", "/Title (node 5) (D:2026) stream", "/Title (node 5) (D:2026) stream"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(pdf.Stable([]byte(tc.in)))
			if got != tc.want {
				t.Errorf("Stable(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if len(got) != len(tc.in) {
				t.Errorf("length %d, want %d: byte offsets would move", len(got), len(tc.in))
			}
		})
	}
	// Two prints that differ only in the times and node ids become equal.
	a := pdf.Stable([]byte("/CreationDate (D:20261124010000Z) /ID (node00000100) /ID (node00000101) /Headers [(node00000101)]"))
	b := pdf.Stable([]byte("/CreationDate (D:20261125235959Z) /ID (node00004712) /ID (node00004711) /Headers [(node00004711)]"))
	if !bytes.Equal(a, b) {
		t.Errorf("not equal:\n%s\n%s", a, b)
	}
}

// site writes a small site published at https://portal.example/trust/.
func site(t *testing.T, extra string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"de/doc/index.html": `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Vertrag · Portal</title>
<link rel="icon" href="/trust/favicon.svg"><link rel="stylesheet" href="/trust/css/site.css"></head><body>
<h1>Vertrag über die Verarbeitung</h1>
<h2 id="a">1. Meldung von Verletzungen des Schutzes personenbezogener Daten, binnen achtundvierzig Stunden nach Kenntnis</h2>
<p>Siehe <a href="/trust/de/other/#b">die andere Seite</a> und <a href="#b">Ziffer 2</a>.</p>
<table><thead><tr><th scope="col">Name</th><th scope="col">Land</th></tr></thead>
<tbody><tr><td>Alpha</td><td>Deutschland</td></tr><tr><td>Beta</td><td>Norwegen</td></tr></tbody></table>
<h2 id="b">2. Schlussbestimmungen</h2><p>Text.</p>` + extra + `</body></html>`,
		"de/other/index.html": `<!doctype html><html lang="de"><title>x</title><p id="b">x</p></html>`,
		"css/site.css":        `h1, h2 { white-space: pre-wrap; } body { font-family: sans-serif; }`,
		"favicon.svg":         `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`,
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var job = pdf.Job{Page: "/trust/de/doc/", File: "/trust/de/doc/doc.pdf",
	Footer: `<div style="font-size:8pt">Fußzeile · Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>`}

func needChromium(t *testing.T) {
	t.Helper()
	if _, err := chrome.Find(); err != nil {
		t.Skipf("PDF tests skipped: %v", err)
	}
}

func TestPrint(t *testing.T) {
	needChromium(t)
	dir := site(t, "")
	if err := pdf.Print(context.Background(), dir, "https://portal.example/trust/", []pdf.Job{job}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "de", "doc", "doc.pdf")
	p, err := inspect.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range p.Problems("de") {
		t.Error(problem)
	}
	if p.Title != "Vertrag · Portal" {
		t.Errorf("title %q", p.Title)
	}
	wantOutline := []string{"Vertrag über die Verarbeitung",
		"1. Meldung von Verletzungen des Schutzes personenbezogener Daten, binnen achtundvierzig Stunden nach Kenntnis",
		"2. Schlussbestimmungen"}
	if got := p.Titles(); !slices.Equal(got, wantOutline) {
		t.Errorf("outline\n got %q\nwant %q", got, wantOutline)
	}
	if !slices.Contains(p.Links, "https://portal.example/trust/de/other/#b") {
		t.Errorf("links %q: want the other page under the portal's own URL", p.Links)
	}
	for _, l := range p.Links {
		if !strings.HasPrefix(l, "https://portal.example/trust/") {
			t.Errorf("link %q does not point into the portal", l)
		}
	}

	// The same page prints to the same bytes.
	first, _ := os.ReadFile(name)
	if err := pdf.Print(context.Background(), dir, "https://portal.example/trust/", []pdf.Job{job}); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(name); !bytes.Equal(first, second) {
		t.Error("printing the same page twice gave different PDFs")
	}

	t.Run("footer", func(t *testing.T) {
		text, err := inspect.Text(name)
		if errors.Is(err, inspect.ErrNoPdftotext) {
			t.Skipf("footer text not checked: %v", err)
		} else if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "Fußzeile · Seite 1 von 1") {
			t.Errorf("footer with page numbers missing from the text:\n%s", text)
		}
	})
}

func TestPrintRefusesWhatTheSiteDoesNotHave(t *testing.T) {
	needChromium(t)
	for _, tc := range []struct{ name, extra, want string }{
		{"another host", `<img alt="" src="https://tracker.example.net/pixel.gif">`, "https://tracker.example.net/pixel.gif"},
		{"a missing file", `<img alt="" src="/trust/img/none.png">`, "https://portal.example/trust/img/none.png"},
		{"outside the base path", `<img alt="" src="/elsewhere.png">`, "https://portal.example/elsewhere.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := site(t, tc.extra)
			err := pdf.Print(context.Background(), dir, "https://portal.example/trust/", []pdf.Job{job})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "/trust/de/doc/") {
				t.Fatalf("error %v, want one naming the page and %s", err, tc.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "de", "doc", "doc.pdf")); err == nil {
				t.Error("wrote the PDF anyway")
			}
		})
	}
}

func TestPrintWithoutChromium(t *testing.T) {
	t.Setenv("TRUSTPORTAL_CHROMIUM", filepath.Join(t.TempDir(), "no-chromium"))
	err := pdf.Print(context.Background(), site(t, ""), "https://portal.example/trust/", []pdf.Job{job})
	if !errors.Is(err, chrome.ErrNotFound) {
		t.Fatalf("error %v, want chrome.ErrNotFound", err)
	}
}
