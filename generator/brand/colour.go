// Package brand checks and prepares a portal's brand: its colours, whose
// contrast with the theme's backgrounds it computes as WCAG 2.x does, and
// its files (logo, favicon, font), whose types it tells by their content
// and which it refuses when they could run script or load from elsewhere.
package brand

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MinContrast is the contrast ratio WCAG 2.x level AA asks of normal text
// (success criterion 1.4.3).
const MinContrast = 4.5

// Colour is an sRGB colour.
type Colour struct{ R, G, B uint8 }

// ParseColour reads a colour written "#RRGGBB".
func ParseColour(s string) (Colour, error) {
	if len(s) != 7 || s[0] != '#' {
		return Colour{}, fmt.Errorf("%q is not a colour written #RRGGBB", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return Colour{}, fmt.Errorf("%q is not a colour written #RRGGBB", s)
	}
	return Colour{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// MustColour is ParseColour for the theme's own colours.
func MustColour(s string) Colour {
	c, err := ParseColour(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String writes the colour as "#rrggbb".
func (c Colour) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the colour's relative luminance (WCAG 2.x).
func (c Colour) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the contrast ratio of two colours, from 1 to 21 (WCAG 2.x).
func Contrast(a, b Colour) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// FormatRatio writes a contrast ratio as WCAG does, "4.5:1", rounded down
// so that a ratio just short of the minimum never reads as meeting it.
func FormatRatio(r float64) string {
	s := strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64)
	return strings.TrimSuffix(strings.TrimSuffix(s, "0"), ".0") + ":1"
}

// Mix returns c moved towards target by the fraction t (0 = c, 1 = target).
func Mix(c, target Colour, t float64) Colour {
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return Colour{m(c.R, target.R), m(c.G, target.G), m(c.B, target.B)}
}

var (
	black = Colour{0, 0, 0}
	white = Colour{255, 255, 255}
)

// Towards returns c moved in steps of 5 % towards black or white (whichever
// is farther from the backgrounds) until it has at least MinContrast with
// every one of backgrounds: the nearest passing shade, c itself if it
// passes already.
func Towards(c Colour, backgrounds ...Colour) Colour {
	target := black
	if backgrounds[0].Luminance() < 0.18 {
		target = white
	}
	for i := 0; i <= 20; i++ {
		m := Mix(c, target, float64(i)/20)
		if passes(m, backgrounds) {
			return m
		}
	}
	return target
}

func passes(c Colour, backgrounds []Colour) bool {
	for _, bg := range backgrounds {
		if Contrast(c, bg) < MinContrast {
			return false
		}
	}
	return true
}
