// Package inspect reads what a reader of a PDF sees: its pages and their
// size, whether it is tagged, its language, outline, links and text. The
// tests of the PDF export use it on the real output; the structure comes
// from pdfcpu, the text from poppler's pdftotext where it is installed.
package inspect

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// pdfcpu would otherwise write a configuration into the user's home.
	model.ConfigPath = "disable"
}

// PDF is what a reader sees of a PDF file.
type PDF struct {
	Pages         int
	Width, Height float64 // of the first page, in points
	Tagged        bool    // /MarkInfo /Marked true and a structure tree
	Lang          string  // the catalog's /Lang
	Title         string  // the document information's /Title
	Outline       []Entry // depth first
	Links         []string
}

// Entry is one entry of the outline (bookmarks).
type Entry struct {
	Depth int // 0 for the top level
	Title string
	Page  int
}

// Read reads and validates the PDF file.
func Read(name string) (*PDF, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	ctx, err := api.ReadAndValidate(bytes.NewReader(data), model.NewDefaultConfiguration())
	if err != nil {
		return nil, fmt.Errorf("%s: not a valid PDF: %w", name, err)
	}
	p := &PDF{Pages: ctx.PageCount}
	dims, err := ctx.PageDims()
	if err != nil || len(dims) == 0 {
		return nil, fmt.Errorf("%s: page size: %v", name, err)
	}
	p.Width, p.Height = dims[0].Width, dims[0].Height
	cat, err := ctx.Catalog()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if mi, err := ctx.DereferenceDict(cat["MarkInfo"]); err == nil && mi != nil {
		if b := mi.BooleanEntry("Marked"); b != nil && *b {
			p.Tagged = cat["StructTreeRoot"] != nil
		}
	}
	if o, err := ctx.Dereference(cat["Lang"]); err == nil && o != nil {
		if s, ok := o.(types.StringLiteral); ok {
			p.Lang, _ = types.StringLiteralToString(s)
		}
	}
	if ctx.Info != nil {
		if info, err := ctx.DereferenceDict(*ctx.Info); err == nil && info != nil {
			if o, ok := info.Find("Title"); ok {
				p.Title, _ = decodeText(ctx, o)
			}
		}
	}
	bms, err := pdfcpu.Bookmarks(ctx)
	if err != nil && !errors.Is(err, pdfcpu.ErrNoBookmarks) {
		return nil, fmt.Errorf("%s: outline: %w", name, err)
	}
	var walk func([]pdfcpu.Bookmark, int)
	walk = func(bms []pdfcpu.Bookmark, depth int) {
		for _, b := range bms {
			p.Outline = append(p.Outline, Entry{Depth: depth, Title: b.Title, Page: b.PageFrom})
			walk(b.Kids, depth+1)
		}
	}
	walk(bms, 0)
	// Chromium writes link annotations as plain dictionaries.
	for _, m := range uriRe.FindAllSubmatch(data, -1) {
		p.Links = append(p.Links, string(m[1]))
	}
	return p, nil
}

var uriRe = regexp.MustCompile(`/URI \(([^)]*)\)`)

func decodeText(ctx *model.Context, o types.Object) (string, error) {
	o, err := ctx.Dereference(o)
	if err != nil {
		return "", err
	}
	switch s := o.(type) {
	case types.StringLiteral:
		return types.StringLiteralToString(s)
	case types.HexLiteral:
		return types.HexLiteralToString(s)
	}
	return "", fmt.Errorf("not a string: %v", o)
}

// ErrNoPdftotext says that poppler's pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext is not installed (apt-get install -y poppler-utils)")

// Text returns the text of the PDF's pages, in reading order, pages
// separated by form feeds.
func Text(name string) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPdftotext
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", name, "-").Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext %s: %w", name, err)
	}
	return string(out), nil
}

// Problems lists how p falls short of what every PDF of the portal must
// be: A4, tagged, and in the language lang.
func (p *PDF) Problems(lang string) []string {
	var out []string
	if !p.IsA4() {
		out = append(out, fmt.Sprintf("page size %.2f × %.2f pt, want A4", p.Width, p.Height))
	}
	if !p.Tagged {
		out = append(out, "not tagged")
	}
	if p.Lang != lang {
		out = append(out, fmt.Sprintf("language %q, want %q", p.Lang, lang))
	}
	return out
}

// IsA4 says whether the page size is A4 (210 × 297 mm), give or take a
// point.
func (p *PDF) IsA4() bool {
	near := func(a, b float64) bool { return a-b < 1 && b-a < 1 }
	return near(p.Width, 595.28) && near(p.Height, 841.89)
}

// Titles returns the outline's titles with spaces squashed.
func (p *PDF) Titles() []string {
	var out []string
	for _, e := range p.Outline {
		out = append(out, strings.Join(strings.Fields(e.Title), " "))
	}
	return out
}
