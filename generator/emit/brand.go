package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/trustportal/trustportal/generator/brand"
	"github.com/trustportal/trustportal/generator/model"
)

// BrandCSS is where the brand's stylesheet goes in the theme: head.html
// appends it to portal.css, so the pages still load one stylesheet. It is
// written only for a portal with a brand, whose other pages look as before.
const BrandCSS = "assets/css/brand.css"

// brandView is the brand as the templates see it (site.Params.brand): the
// partial brand-logo.html shows the logo, head.html links the favicon.
type brandView struct {
	Logo    *brandFileView `json:"logo,omitempty"`
	Favicon *brandFileView `json:"favicon,omitempty"`
}

type brandFileView struct {
	URL  string `json:"url"`
	Type string `json:"type"`
	Alt  string `json:"alt,omitempty"`
}

// brand publishes the brand's files under /brand/, named by their content
// so that a changed logo is never served from a cache, and writes the
// stylesheet of its colours and font. It returns what the templates of
// each language show; nil without a brand.
func (e *emitter) brand() (map[model.Lang]*brandView, error) {
	b := &e.p.Site.Brand
	if b.Logo == "" && b.Favicon == "" && b.Colour == "" && b.Font == "" {
		return nil, nil
	}
	published := map[string]string{} // field → root-relative URL
	types := map[string]brand.Type{}
	for _, field := range model.BrandFiles {
		name := b.File(field)
		if name == "" {
			continue
		}
		data, ok := b.Files[name]
		if !ok {
			return nil, fmt.Errorf("emit: brand %s %s was not read", field, name)
		}
		ext := path.Ext(name)
		if field != "font_licence" {
			types[field] = brand.Sniff(data)
			ext = "." + string(types[field])
		}
		sum := sha256.Sum256(data)
		u := e.u.base + "/brand/" + strings.ReplaceAll(field, "_", "-") + "-" + hex.EncodeToString(sum[:6]) + ext
		e.generate(u, data)
		published[field] = u
	}
	var css strings.Builder
	css.WriteString("/* The portal's brand (data/portal.toml, [brand]), written by trustportal. */\n")
	if b.Colour != "" {
		light, err := brand.ParseColour(b.Colour)
		if err != nil {
			return nil, fmt.Errorf("emit: brand colour: %w", err)
		}
		pal := brand.Palette{Light: light, Dark: brand.DarkVariant(light)}
		if b.ColourDark != "" {
			if pal.Dark, err = brand.ParseColour(b.ColourDark); err != nil {
				return nil, fmt.Errorf("emit: brand colour_dark: %w", err)
			}
		}
		css.WriteString(pal.CSS())
	}
	if u, ok := published["font"]; ok {
		// Relative to the stylesheet, which Hugo publishes in /css/.
		fmt.Fprintf(&css, `@font-face { font-family: "Brand Heading"; src: url("../brand/%s") format("woff2"); font-display: swap; }
h1, h2, h3, .site-title { font-family: "Brand Heading", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
`, path.Base(u))
	}
	if _, ok := published["logo"]; ok {
		// The logo and the title are centred as boxes: aligning the logo
		// by the font's x-height (vertical-align: middle) moved the title
		// by half a pixel in one PDF in a few hundred, where Chromium
		// measured the x-height differently under load.
		css.WriteString(".brand-logo { height: 2rem; width: auto; margin-right: .5rem; }\n")
		css.WriteString(".site-title { display: flex; align-items: center; }\n")
		css.WriteString(".agreement-logo .brand-logo { display: block; }\n")
	}
	e.files[path.Join("themes", ThemeName, BrandCSS)] = []byte(css.String())
	views := map[model.Lang]*brandView{}
	for _, lang := range e.langs {
		v := &brandView{}
		if u, ok := published["logo"]; ok {
			v.Logo = &brandFileView{URL: u, Type: types["logo"].MediaType(), Alt: b.LogoAlt.In(lang)}
		}
		if u, ok := published["favicon"]; ok {
			v.Favicon = &brandFileView{URL: u, Type: types["favicon"].MediaType()}
		}
		views[lang] = v
	}
	return views, nil
}
