// Package address writes postal addresses the way the country they are in
// writes them: "20457 Hamburg" in Germany, "Walnut, CA 91789" in the United
// States, the postcode on a line of its own in the United Kingdom.
package address

import (
	"strings"

	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/model"
)

// style is how a country writes the line with the city.
type style int

const (
	postalFirst  style = iota // "20457 Hamburg", "00144 Roma RM": most of Europe, the default
	cityComma                 // "Walnut, CA 91789": the United States
	cityRegion                // "Toronto ON M5V 2T6", "Sydney NSW 2000", "Tokyo 108-0023"
	postcodeLine              // "London" and "EC1R 0AT" on lines of their own: the UK, Ireland
)

// styles are the countries that do not write the postal code first.
var styles = map[string]style{
	"US": cityComma, "PR": cityComma,
	"CA": cityRegion, "AU": cityRegion, "JP": cityRegion, "NZ": cityRegion,
	"GB": postcodeLine, "IE": postcodeLine, "IM": postcodeLine, "JE": postcodeLine, "GG": postcodeLine,
}

// Lines returns the lines of a, the country's name in language lang last,
// leaving out what a does not give.
func Lines(a model.Address, lang model.Lang) []string {
	var lines []string
	add := func(parts ...string) {
		var nonEmpty []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				nonEmpty = append(nonEmpty, p)
			}
		}
		if len(nonEmpty) > 0 {
			lines = append(lines, strings.Join(nonEmpty, " "))
		}
	}
	add(a.Street)
	switch styles[a.Country] {
	case cityComma:
		city := a.City
		if city != "" && a.Region != "" {
			city += ","
		}
		add(city, a.Region, a.PostalCode)
	case cityRegion:
		add(a.City, a.Region, a.PostalCode)
	case postcodeLine:
		add(a.City)
		add(a.Region)
		add(a.PostalCode)
	default:
		add(a.PostalCode, a.City, a.Region)
	}
	if a.Country != "" {
		add(country.Name(a.Country, lang))
	}
	return lines
}

// OneLine returns the address on one line, its lines separated by ", ".
func OneLine(a model.Address, lang model.Lang) string {
	return strings.Join(Lines(a, lang), ", ")
}
