package validate

import (
	"fmt"

	"github.com/trustportal/trustportal/generator/brand"
	"github.com/trustportal/trustportal/generator/model"
)

// brandRoles are the brand's files that are published, with what they may
// be; font_licence is any text.
var brandRoles = map[string]brand.Role{"logo": brand.Logo, "favicon": brand.Favicon, "font": brand.Font}

// brand checks the [brand] table of data/portal.toml: what its files hold,
// that the logo has a text for readers who do not see it, that a font comes
// with its licence, and that the colours are readable as link text in both
// colour schemes (WCAG AA).
func (c *checker) brand(b *model.Brand) {
	s := b.Src
	for _, field := range model.BrandFiles {
		data, ok := b.Files[b.File(field)]
		role, published := brandRoles[field]
		if !ok || !published {
			continue // missing files are reported by load
		}
		if _, err := brand.Check(role, data); err != nil {
			c.at(s, field, fmt.Sprintf("%s: %v", b.File(field), err), brandHint[field])
		}
	}
	if b.Logo != "" {
		c.text(s, "logo_alt", b.LogoAlt, true)
	} else if !b.LogoAlt.IsZero() {
		c.at(s, "logo_alt", "gives the text of a logo, but there is no logo", `add logo = "assets/brand/logo.svg", or remove logo_alt`)
	}
	if b.Font != "" && b.FontLicence == "" {
		c.missing(s, "font_licence", `"assets/brand/OFL.txt" (the licence the font is used under; it is published with the font)`)
	}
	if b.FontLicence != "" && b.Font == "" {
		c.at(s, "font_licence", "gives a font's licence, but there is no font", `add font = "assets/brand/heading.woff2", or remove font_licence`)
	}
	if b.ColourDark != "" && b.Colour == "" {
		c.at(s, "colour_dark", "gives the dark scheme's brand colour, but there is no colour", `add colour = "#RRGGBB" for the light scheme`)
	}
	c.brandColour(s, "colour", b.Colour, brand.Light)
	c.brandColour(s, "colour_dark", b.ColourDark, brand.Dark)
}

// brandColour checks a brand colour of scheme: "#RRGGBB", readable as link
// text on each of the scheme's backgrounds.
func (c *checker) brandColour(s model.Src, field, v string, scheme brand.Scheme) {
	if v == "" {
		return
	}
	col, err := brand.ParseColour(v)
	if err != nil {
		c.at(s, field, err.Error(), `write the colour as a hash and six hexadecimal digits, e.g. `+field+` = "#0b5cad"`)
		return
	}
	for _, sf := range brand.CheckContrast(col, scheme) {
		hint := fmt.Sprintf("the brand colour is the colour of links; choose one with more contrast, e.g. %s (the nearest shade that passes)", sf.Nearest)
		if field == "colour_dark" {
			hint += ", or remove colour_dark to have one derived"
		}
		c.at(s, field, fmt.Sprintf("in the %s colour scheme, %s", scheme.Name, sf), hint)
	}
}

var brandHint = map[string]string{
	"logo":    "a logo is an SVG or PNG file of the project; an SVG may hold only shapes, text and styles of its own (no script, no links out)",
	"favicon": "a favicon is a small SVG or PNG file of the project",
	"font":    "a font is a WOFF2 file of the project (convert a TTF or OTF with a tool such as woff2_compress)",
}
