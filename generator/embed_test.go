package generator_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/testportal"
)

// TestEmbedLinksLeaveTheFrame: in every embeddable view, every link that
// does not lead to a place in the text itself opens outside the frame,
// without any script: target="_blank" with rel="noopener". A link to a
// place in the text stays in the frame.
func TestEmbedLinksLeaveTheFrame(t *testing.T) {
	for name, out := range map[string]string{"sample": build(t, testportal.Root(t)).out, "sub-path": buildSubpath(t)} {
		t.Run(name, func(t *testing.T) {
			embeds, _ := filepath.Glob(filepath.Join(out, "*", "dpa", "*", "embed.html"))
			if len(embeds) < 2 {
				t.Fatalf("embeddable views: %q", embeds)
			}
			for _, file := range embeds {
				doc := testportal.HTML(t, file)
				outside, inside := 0, 0
				doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
					href := a.AttrOr("href", "")
					target, rel := a.AttrOr("target", ""), strings.Fields(a.AttrOr("rel", ""))
					if strings.HasPrefix(href, "#") {
						inside++
						if target != "" {
							t.Errorf("%s: the link to %s in the text has target %q", file, href, target)
						}
						return
					}
					outside++
					if target != "_blank" || !strings.Contains(" "+strings.Join(rel, " ")+" ", " noopener ") {
						t.Errorf("%s: link %s has target %q, rel %q: it would open in the frame", file, href, target, rel)
					}
				})
				if outside == 0 || inside == 0 {
					t.Errorf("%s: %d links out of the text, %d within: want both", file, outside, inside)
				}
			}
		})
	}
}
