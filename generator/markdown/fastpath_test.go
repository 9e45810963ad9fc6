package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestLiteral: for every text the shortcut takes, Render and PlainText give
// exactly what the parser gives. The texts are typical ones and random
// strings over an alphabet of letters, spaces and every ASCII punctuation
// character, so that each character the shortcut lets through is tried in
// every position.
func TestLiteral(t *testing.T) {
	texts := []string{
		"Zutritt nur mit Ausweis.", "Backups are encrypted (AES-256) and kept for 30 days.",
		`Der "Kunde" hat Zugriff.`, "E-Mail-Adresse, Name; Telefonnummer: ja/nein? 100 %",
		"Auftragsverarbeitungsvertrag § 3 Abs. 2", "a  b", "x'y", "Über €10",
	}
	const alphabet = "ab Z9 .,;:()/'\"%§€$?@{}-+=^!#*_[]<>&|~`\\1"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			r := []rune(alphabet)
			b.WriteRune(r[rng.IntN(len(r))])
		}
		texts = append(texts, b.String())
	}
	taken := 0
	for _, src := range texts {
		if !literal(src) {
			continue
		}
		taken++
		doc, err := parseResolved([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		var html strings.Builder
		if err := md.Renderer().Render(&html, []byte(src), doc); err != nil {
			t.Fatal(err)
		}
		if want, got := strings.TrimSpace(html.String()), literalHTML(src); got != want {
			t.Errorf("Render(%q) = %q, the parser gives %q", src, got, want)
		}
		var blocks []string
		for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
			blocks = append(blocks, block(n, []byte(src)))
		}
		if want := strings.Join(blocks, "\n\n"); src != want {
			t.Errorf("PlainText(%q) = %q, the parser gives %q", src, src, want)
		}
		// Check finds nothing in it, and it is not empty.
		var found []string
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n.(type) {
			case *ast.Link, *ast.AutoLink, *ast.Image, *ast.Heading, *ast.HTMLBlock, *ast.RawHTML:
				found = append(found, n.Kind().String())
			}
			return ast.WalkContinue, nil
		})
		if len(found) > 0 || strings.TrimSpace(html.String()) == "" {
			t.Errorf("%q: the parser finds %v (rendered %q), which Check and Empty would skip", src, found, html.String())
		}
	}
	if taken < 1000 {
		t.Errorf("the shortcut took only %d texts: the test tries too few", taken)
	}
}
