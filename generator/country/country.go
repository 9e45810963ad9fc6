// Package country checks ISO 3166-1 alpha-2 country codes, names countries
// in the portal's languages (from CLDR, through golang.org/x/text) and knows
// which countries are in the EU/EEA. The adequacy decisions are package
// adequacy's.
package country

import (
	"fmt"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/trustportal/trustportal/generator/model"
)

// reserved are codes that look like countries but are not ISO 3166-1
// alpha-2 codes, with the code meant.
var reserved = map[string]string{
	"UK": "GB", // exceptionally reserved
	"EL": "GR", // the EU's own abbreviation for Greece
	"FX": "FR", // transitionally reserved
}

// Check returns an error saying what is wrong if code is not an ISO 3166-1
// alpha-2 code of a country, written in capitals.
func Check(code string) error {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return fmt.Errorf("%q is not a country code: use two capital letters (ISO 3166-1 alpha-2), e.g. DE, US, GB", code)
	}
	if meant, ok := reserved[code]; ok {
		return fmt.Errorf("%q is not an ISO 3166-1 code: use %s", code, meant)
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() || r.String() != code {
		return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code", code)
	}
	return nil
}

// Name returns the country's name in language l ("Vereinigte Staaten",
// "United States", "États-Unis"), or the code itself if it is not a
// country or CLDR has no name for it in l. English names are British
// English ones.
func Name(code string, l model.Lang) string {
	key := code + " " + string(l)
	if n, ok := names.Load(key); ok {
		return n.(string)
	}
	n := name(code, l)
	names.Store(key, n)
	return n
}

// names are the names Name gave, by code and language: looking a name up
// in CLDR's tables builds a namer each time, and a portal's pages name the
// same few countries thousands of times.
var names sync.Map

func name(code string, l model.Lang) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	tag := language.Make(string(l))
	if l == model.EN {
		tag = language.BritishEnglish
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n
	}
	return code
}

// eea are the member states of the European Economic Area: the 27 EU member
// states, Iceland, Liechtenstein and Norway.
var eea = set("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
	"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
	"IS", "LI", "NO")

// InEEA reports whether code is a member state of the EU or the EEA.
func InEEA(code string) bool { return eea[code] }

func set(codes ...string) map[string]bool {
	m := make(map[string]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}
