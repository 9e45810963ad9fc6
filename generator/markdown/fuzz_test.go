package markdown

import (
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// everyRef resolves every reference, as a version in which every id exists
// does.
type everyRef struct{}

func (everyRef) Resolve(r Ref) (string, string, bool) {
	return "/" + r.Scheme + "/#" + r.ID, r.Scheme + " " + r.ID, true
}

// fuzzSeeds are small texts at the edges of what clause text may hold; the
// corpora in testdata/fuzz add the sample portal's clauses.
var fuzzSeeds = []string{
	"",
	"Der Kunde erteilt *Weisungen*\nnach [](clause:oral) und `Textform`.",
	"- erstens,\n- zweitens mit [Link](https://example.org/)\n\n1. eins\n2. zwei\n   weiter\n\n> Zitat\n",
	"[](clause:)",
	"[x](javascript:alert(1)) <javascript:alert(1)> [y](/relative) ![i](https://example.org/i.png)",
	"<div>raw</div>\n\nA <b>bold</b> move.\n\n## Heading\n",
	"Zeile eins\r\nZeile zwei\rZeile drei\n\n\n\nabsatz",
	"[](https://example.org/)\n\n[](mailto:dpo@example.org)",
	"- \n-\n  - [](measure:mfa)\n\n    code\n\n---\n\n> > tief\n>\n> - liste",
	"\u0075\u0308ber \u00a0 Tab\tEnde  \nzeilenumbruch\\\nnoch",
	"[ref]\n\n[ref]: clause:scope",
	"```go\n{#not-a-marker}\n\n\n```\n",
	"*a **b [c](clause:x) d** e*",
	"&amp; &#x41; \\* \\[ <dpo@example.org>",
	"\xff\xfe ungültig",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
}

// linkIssue reports whether issues hold a forbidden link or reference,
// the problems that make Render and PlainText fail.
func linkIssue(issues []Issue) bool {
	for _, is := range issues {
		if strings.HasPrefix(is.Message, "link ") || strings.HasPrefix(is.Message, "reference ") {
			return true
		}
	}
	return false
}

// allowedElements are the HTML elements clause text renders to, besides the
// document skeleton the HTML parser adds.
var allowedElements = map[string]bool{
	"html": true, "head": true, "body": true,
	"p": true, "em": true, "strong": true, "a": true, "code": true, "pre": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "hr": true, "br": true,
}

// FuzzRender checks that Render never panics, fails only where Check
// reports a forbidden link (it renders the autolinks Check refuses: validate
// runs first), is deterministic, and turns text that Check accepts into HTML
// with only the elements of clause text and links only to allowed URLs and
// resolved references.
func FuzzRender(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		_, issues := Check(src)
		html, err := Render(src, everyRef{})
		if err != nil && !linkIssue(issues) {
			t.Fatalf("Render error %v, but Check reports %+v", err, issues)
		}
		if err != nil {
			return
		}
		if again, _ := Render(src, everyRef{}); again != html {
			t.Fatalf("Render is not deterministic:\n%s\n%s", html, again)
		}
		if len(issues) > 0 {
			return
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("*").Each(func(_ int, s *goquery.Selection) {
			name := goquery.NodeName(s)
			if !allowedElements[name] {
				t.Errorf("element <%s> in the HTML of accepted text:\n%s", name, html)
			}
			for _, a := range s.Nodes[0].Attr {
				switch {
				case name == "a" && a.Key == "href":
					href := strings.ToLower(a.Val) // schemes are case-insensitive
					if !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "http://") &&
						!strings.HasPrefix(href, "mailto:") && !strings.HasPrefix(href, "/") {
						t.Errorf("link to %q in the HTML of accepted text:\n%s", a.Val, html)
					}
				case name == "a" && a.Key == "title", name == "ol" && a.Key == "start",
					name == "code" && a.Key == "class" && strings.HasPrefix(a.Val, "language-"):
				default:
					t.Errorf("attribute %s=%q on <%s> in the HTML of accepted text:\n%s", a.Key, a.Val, name, html)
				}
			}
		})
	})
}

// FuzzPlainText checks that PlainText, which the canonical text and the
// diffs read, never panics, fails exactly where Render does and is
// deterministic.
func FuzzPlainText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		text, err := PlainText(src, everyRef{})
		_, renderErr := Render(src, everyRef{})
		if (err != nil) != (renderErr != nil) {
			t.Fatalf("PlainText error %v, Render error %v", err, renderErr)
		}
		if err != nil {
			return
		}
		if again, _ := PlainText(src, everyRef{}); again != text {
			t.Fatalf("PlainText is not deterministic:\n%q\n%q", text, again)
		}
		// The words of src, without markup, one per line, are one
		// paragraph: one line, soft line breaks become spaces.
		words := strings.Fields(strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return ' '
		}, src))
		if len(words) == 0 {
			return
		}
		if got, err := PlainText(strings.Join(words, "\n"), everyRef{}); err != nil || got != strings.Join(words, " ") {
			t.Errorf("PlainText of the words %q, one per line = %q, %v; want one line", words, got, err)
		}
	})
}
