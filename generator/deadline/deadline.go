// Package deadline counts the notice periods of a DPA as German law counts
// them: a period of days that starts with an event (the announcement of a
// change, or its receipt) does not count the day of the event (§ 187(1)
// BGB) and ends with the end of its last day (§ 188(1) BGB); where the
// contract says so, a last day that is a Saturday, a Sunday or a public
// holiday at the place the contract names gives way to the next working
// day (§ 193 BGB). Public holidays come from github.com/rickar/cal/v2.
package deadline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"

	"github.com/trustportal/trustportal/generator/model"
)

// What a period counts from.
const (
	// FromAnnouncement counts from the day the change is announced.
	FromAnnouncement = "announcement"
	// FromReceipt counts from the day the customer receives the notice:
	// the portal can only say when that is at the earliest, the day of the
	// announcement.
	FromReceipt = "receipt"
)

// CountedFrom lists the values of objection_counted_from.
var CountedFrom = []string{FromAnnouncement, FromReceipt}

// places are the places whose public holidays a deadline can observe, by
// ISO 3166-2 code: Germany's national holidays and those of each state.
var places = map[string][]*cal.Holiday{
	"DE":    de.Holidays,
	"DE-BW": de.HolidaysBW, "DE-BY": de.HolidaysBY, "DE-BE": de.HolidaysBE, "DE-BB": de.HolidaysBB,
	"DE-HB": de.HolidaysHB, "DE-HH": de.HolidaysHH, "DE-HE": de.HolidaysHE, "DE-MV": de.HolidaysMV,
	"DE-NI": de.HolidaysNI, "DE-NW": de.HolidaysNW, "DE-RP": de.HolidaysRP, "DE-SL": de.HolidaysSL,
	"DE-SN": de.HolidaysSN, "DE-ST": de.HolidaysST, "DE-SH": de.HolidaysSH, "DE-TH": de.HolidaysTH,
}

// Places lists the codes deadline_holidays accepts, sorted.
func Places() []string {
	var out []string
	for p := range places {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// CheckPlace says what is wrong with a deadline_holidays value, or "".
func CheckPlace(place string) string {
	if _, ok := places[place]; ok {
		return ""
	}
	return fmt.Sprintf("%q is not a place whose public holidays trustportal knows; known are %s", place, strings.Join(Places(), ", "))
}

// Rule is how a DPA counts its objection period.
type Rule struct {
	Days int
	// From is FromAnnouncement ("" reads as it) or FromReceipt.
	From string
	// Holidays is the place (an ISO 3166-2 code such as "DE-HH") whose
	// public holidays, with Saturdays and Sundays, move a last day to the
	// next working day (§ 193 BGB); "" when the contract does not say so,
	// and then a deadline is the plain count.
	Holidays string
}

// Deadline is the last day of a period, as it applies.
type Deadline struct {
	Day model.Date
	// Moved is the plain count's last day when § 193 BGB moved it to
	// Day, zero when it did not.
	Moved model.Date
}

// Due returns the last day of r's period starting with an event on start;
// zero when the rule has no period.
func (r Rule) Due(start model.Date) Deadline {
	if r.Days <= 0 || start.IsZero() {
		return Deadline{}
	}
	last := start.Time().AddDate(0, 0, r.Days)
	holidays, ok := places[r.Holidays]
	if !ok {
		return Deadline{Day: model.NewDate(last.Date())}
	}
	c := cal.NewBusinessCalendar()
	c.AddHoliday(holidays...)
	day := last
	for !c.IsWorkday(day) {
		day = day.AddDate(0, 0, 1)
	}
	d := Deadline{Day: model.NewDate(day.Date())}
	if !day.Equal(last) {
		d.Moved = model.NewDate(last.Date())
	}
	return d
}

// ReceivedFrom reports whether the period counts from the receipt of the
// notice.
func (r Rule) ReceivedFrom() bool { return r.From == FromReceipt }

// placeNames are the places' names in German and English.
var placeNames = map[string][2]string{
	"DE": {"Deutschland", "Germany"}, "DE-BW": {"Baden-Württemberg", "Baden-Württemberg"}, "DE-BY": {"Bayern", "Bavaria"},
	"DE-BE": {"Berlin", "Berlin"}, "DE-BB": {"Brandenburg", "Brandenburg"}, "DE-HB": {"Bremen", "Bremen"}, "DE-HH": {"Hamburg", "Hamburg"},
	"DE-HE": {"Hessen", "Hesse"}, "DE-MV": {"Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"}, "DE-NI": {"Niedersachsen", "Lower Saxony"},
	"DE-NW": {"Nordrhein-Westfalen", "North Rhine-Westphalia"}, "DE-RP": {"Rheinland-Pfalz", "Rhineland-Palatinate"}, "DE-SL": {"Saarland", "Saarland"},
	"DE-SN": {"Sachsen", "Saxony"}, "DE-ST": {"Sachsen-Anhalt", "Saxony-Anhalt"}, "DE-SH": {"Schleswig-Holstein", "Schleswig-Holstein"},
	"DE-TH": {"Thüringen", "Thuringia"},
}

// PlaceName names a place of Places in lang: in English for English, in
// German (the places' own names) for every other language.
func PlaceName(place string, lang model.Lang) string {
	n, ok := placeNames[place]
	switch {
	case !ok:
		return place
	case lang == "en":
		return n[1]
	}
	return n[0]
}
