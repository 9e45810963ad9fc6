package brand

import "fmt"

// Surface is a background of the built-in theme that the brand colour is
// written on, as link text (and, the other way round, that its text is
// written on the brand colour).
type Surface struct {
	Name   string
	Colour Colour
}

// Scheme is one colour scheme of the built-in theme.
type Scheme struct {
	Name     string // "light", "dark"
	Surfaces []Surface
}

// The theme's colour schemes, with the backgrounds of assets/css/portal.css
// (--bg and --bg-soft; a test holds them to the stylesheet).
var (
	Light = Scheme{Name: "light", Surfaces: []Surface{
		{"the page background (--bg)", MustColour("#ffffff")},
		{"the header background (--bg-soft)", MustColour("#f4f6f8")},
	}}
	Dark = Scheme{Name: "dark", Surfaces: []Surface{
		{"the page background (--bg)", MustColour("#14181d")},
		{"the header background (--bg-soft)", MustColour("#1d232a")},
	}}
)

func (s Scheme) colours() []Colour {
	out := make([]Colour, len(s.Surfaces))
	for i, sf := range s.Surfaces {
		out[i] = sf.Colour
	}
	return out
}

// Shortfall is a pair of colours with too little contrast.
type Shortfall struct {
	Colour  Colour
	Surface Surface
	Ratio   float64
	// Nearest is the nearest shade of Colour that passes on every
	// surface of the scheme.
	Nearest Colour
}

func (s Shortfall) String() string {
	return fmt.Sprintf("%s on %s %s has a contrast ratio of %s; WCAG AA needs %s", s.Colour, s.Surface.Name, s.Surface.Colour,
		FormatRatio(s.Ratio), FormatRatio(MinContrast))
}

// CheckContrast returns every surface of scheme on which c, as text, has less
// contrast than MinContrast.
func CheckContrast(c Colour, scheme Scheme) []Shortfall {
	var out []Shortfall
	for _, sf := range scheme.Surfaces {
		if r := Contrast(c, sf.Colour); r < MinContrast {
			out = append(out, Shortfall{Colour: c, Surface: sf, Ratio: r, Nearest: Towards(c, scheme.colours()...)})
		}
	}
	return out
}

// DarkVariant is the brand colour of the dark scheme when the project gives
// none: c lightened until it passes on the dark backgrounds.
func DarkVariant(c Colour) Colour { return Towards(c, Dark.colours()...) }

// Palette is the brand's colours in both schemes.
type Palette struct{ Light, Dark Colour }

// CSS is the stylesheet that applies the palette over the theme's: the
// accent (links, the current navigation entry), its hover shade and a
// band of the brand colour above the header, in both schemes.
func (p Palette) CSS() string {
	return fmt.Sprintf(`:root {
  --brand: %s;
  --accent: %s;
  --accent-dark: %s;
}
@media (prefers-color-scheme: dark) {
  :root {
    --brand: %s;
    --accent: %s;
    --accent-dark: %s;
  }
}
.site-header { border-top: .3rem solid var(--brand); }
`, p.Light, p.Light, Mix(p.Light, black, 0.25), p.Dark, p.Dark, Mix(p.Dark, white, 0.3))
}
