package markdown

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantRefs []string // "scheme:id@line"
		wantIss  []string // "line: message fragment"
	}{
		{
			name:     "references and allowed links",
			src:      "See [](clause:scope) and [Annex 2](annex:toms).\n\nWrite to <mailto:dpo@example.org>, [us](https://example.org/x) or [me](mailto:a@b.example).\n\n- item [](measure:mfa)\n",
			wantRefs: []string{"clause:scope@1", "annex:toms@1", "measure:mfa@5"},
		},
		{
			name:    "forbidden links",
			src:     "One [x](javascript:alert(1)).\n\nTwo [y](/relative/path) and [z](ftp://host/f).\n",
			wantIss: []string{"1: not allowed", "3: no scheme", "3: not allowed"},
		},
		{
			name:    "reference without id",
			src:     "text\nmore [](clause:)\n",
			wantIss: []string{"2: has no id"},
		},
		{
			name:     "not UTF-8",
			src:      "Gültig\nnicht g\xfcltig, [](clause:scope)\n",
			wantRefs: []string{"clause:scope@2"},
			wantIss:  []string{"2: not valid UTF-8"},
		},
		{
			name:    "raw html, images, headings",
			src:     "<div>x</div>\n\nA <b>bold</b> move.\n\n![logo](https://example.org/l.png)\n\n## Heading\n",
			wantIss: []string{"1: raw HTML", "3: raw HTML", "5: images", "7: headings"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, issues := Check(tt.src)
			var gotRefs, gotIss []string
			for _, r := range refs {
				gotRefs = append(gotRefs, r.String()+"@"+strconv.Itoa(r.Line))
			}
			if strings.Join(gotRefs, " ") != strings.Join(tt.wantRefs, " ") {
				t.Errorf("refs = %v, want %v", gotRefs, tt.wantRefs)
			}
			for _, is := range issues {
				gotIss = append(gotIss, strconv.Itoa(is.Line)+": "+is.Message)
			}
			if len(gotIss) != len(tt.wantIss) {
				t.Fatalf("issues = %q, want %q", gotIss, tt.wantIss)
			}
			for i, want := range tt.wantIss {
				line, frag, _ := strings.Cut(want, ": ")
				if !strings.HasPrefix(gotIss[i], line+": ") || !strings.Contains(gotIss[i], frag) {
					t.Errorf("issue %d = %q, want line %s containing %q", i, gotIss[i], line, frag)
				}
			}
		})
	}
}

type fakeResolver map[string][2]string

func (f fakeResolver) Resolve(r Ref) (string, string, bool) {
	v, ok := f[r.String()]
	return v[0], v[1], ok
}

func TestRender(t *testing.T) {
	r := fakeResolver{
		"clause:oral": {"#oral", "clause 4.2"},
		"annex:toms":  {"/en/toms/", "Annex 2"},
		"measure:mfa": {"/en/toms/#mfa", "measure 3.1"},
	}
	html, err := Render("As in [](clause:oral), see [the annex](annex:toms) and [](measure:mfa) — *now* <3 & [site](https://example.org/?a=1&b=\"2\").", r)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	doc.Find("a").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		links = append(links, href+"="+s.Text())
	})
	want := []string{"#oral=clause 4.2", "/en/toms/=the annex", "/en/toms/#mfa=measure 3.1", "https://example.org/?a=1&b=%222%22=site"}
	if strings.Join(links, "|") != strings.Join(want, "|") {
		t.Errorf("links = %q\nwant    %q", links, want)
	}
	if got := doc.Find("em").Text(); got != "now" {
		t.Errorf("emphasis = %q", got)
	}
	if !strings.Contains(html, "&lt;3 &amp;") {
		t.Errorf("text not escaped: %s", html)
	}

	if _, err := Render("see [](clause:missing)", r); err == nil || !strings.Contains(err.Error(), "clause:missing") {
		t.Errorf("unresolved reference: err = %v", err)
	}
}

func TestPlainText(t *testing.T) {
	r := fakeResolver{"clause:oral": {"#oral", "Ziffer 4.2"}}
	src := "Der Kunde erteilt *Weisungen*\nnach [](clause:oral) und `Textform`.\n\n" +
		"- erstens,\n- zweitens mit [Link](https://example.org/)\n\n" +
		"1. eins\n2. zwei\n   weiter\n\n> Zitat\n"
	got, err := PlainText(src, r)
	if err != nil {
		t.Fatal(err)
	}
	want := "Der Kunde erteilt Weisungen nach Ziffer 4.2 und Textform.\n\n" +
		"- erstens,\n- zweitens mit Link\n\n" +
		"1. eins\n2. zwei weiter\n\n> Zitat"
	if got != want {
		t.Errorf("PlainText =\n%q\nwant\n%q", got, want)
	}
}

// TestEmpty: a text is empty when Render gives nothing for it, which is
// when the pages leave out its section.
func TestEmpty(t *testing.T) {
	r := fakeResolver{"clause:oral": {"#oral", "Ziffer 4.2"}}
	for _, src := range []string{"", " \n\n\t\n", "[unused]: https://example.org/\n", "\n[a]: https://example.org/ \"Title\"\n[b]: mailto:x@example.org\n",
		"Text.", "---", "[](clause:oral)", "- item", "[a]: https://example.org/\n\nSee [a]."} {
		html, err := Render(src, r)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := Empty(src), html == ""; got != want {
			t.Errorf("Empty(%q) = %t, but Render gives %q", src, got, html)
		}
	}
}
