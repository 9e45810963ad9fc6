package adequacy

import (
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator/country"
	"github.com/trustportal/trustportal/generator/model"
)

// TestBuiltInList checks every entry of the embedded list: a country code or
// an organisation, a name, a date, a number in the Official Journal's form
// (or a note saying it is unconfirmed and where to confirm it), a source.
func TestBuiltInList(t *testing.T) {
	list, err := Parse(builtInTOML)
	if err != nil {
		t.Fatalf("%s: %v", File, err)
	}
	if len(list) < 18 {
		t.Fatalf("%d decisions, want at least 18", len(list))
	}
	var unconfirmedNumbers []string
	for _, d := range list {
		name := d.Key() + " " + d.Date.String()
		switch {
		case d.Country != "" && d.Organisation != "":
			t.Errorf("%s: both country and organisation", name)
		case d.Country != "":
			if err := country.Check(d.Country); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if country.InEEA(d.Country) {
				t.Errorf("%s: an EU/EEA country needs no adequacy decision", name)
			}
		case d.Organisation == "":
			t.Errorf("entry without country or organisation: %+v", d)
		}
		if d.Name == "" {
			t.Errorf("%s: no name", name)
		}
		if d.Date.IsZero() {
			t.Errorf("%s: no date", name)
		}
		if !d.Until.IsZero() && !d.Date.Before(d.Until) {
			t.Errorf("%s: until %s is not after the date", name, d.Until)
		}
		if !strings.HasPrefix(d.Source, "https://") {
			t.Errorf("%s: source %q is not an https URL", name, d.Source)
		}
		switch {
		case d.Number == "":
			if !strings.Contains(d.Unconfirmed, "number") || !strings.Contains(d.Unconfirmed, "confirm") {
				t.Errorf("%s: no number, and unconfirmed does not say so: %q", name, d.Unconfirmed)
			}
			unconfirmedNumbers = append(unconfirmedNumbers, d.Key())
		case !NumberPattern.MatchString(d.Number):
			t.Errorf("%s: number %q is not in the form 2000/518/EC or (EU) 2019/419", name, d.Number)
		}
		if d.Safeguard != "" && d.Safeguard != model.SafeguardDPF {
			t.Errorf("%s: safeguard %q", name, d.Safeguard)
		}
	}
	// A decision whose number is not known is an explicit, short list:
	// adding one without a number must be a decision, not a slip.
	if got := strings.Join(unconfirmedNumbers, ","); got != "GB,epo" {
		t.Errorf("entries without a number: %s, want GB,epo (the UK's renewed decision, the EPO)", got)
	}
}

func day(s string) model.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return model.NewDate(t.Date())
}

// TestCurrentDecisions checks the decisions that apply on 25 November 2026,
// the day the list is current as of, and their neighbours in time.
func TestCurrentDecisions(t *testing.T) {
	l := With(nil)
	for _, tc := range []struct {
		key        string
		kind       model.Safeguard
		day        string
		wantNumber string // "" with wantOK: a decision without a number
		wantOK     bool
	}{
		{"BR", "", "2026-11-25", "(EU) 2026/179", true},
		{"BR", "", "2026-01-25", "", false}, // the day before the decision
		{"BR", "", "2026-01-26", "(EU) 2026/179", true},
		{"epo", "", "2026-11-25", "", true},
		{"epo", "", "2025-07-14", "", false},
		{"GB", "", "2021-06-27", "", false},
		{"GB", "", "2021-06-28", "(EU) 2021/1772", true},
		{"GB", "", "2025-12-18", "(EU) 2021/1772", true},
		{"GB", "", "2026-11-25", "", true}, // the renewed decision
		{"GB", "", "2031-12-28", "", false},
		{"US", "", "2026-11-25", "", false}, // not the country as such
		{"US", model.SafeguardDPF, "2023-07-09", "", false},
		{"US", model.SafeguardDPF, "2023-07-10", "(EU) 2023/1795", true},
		{"CH", "", "2026-11-25", "2000/518/EC", true},
		{"CA", "", "2026-11-25", "2002/2/EC", true},
		{"JP", "", "2026-11-25", "(EU) 2019/419", true},
		{"KR", "", "2026-11-25", "(EU) 2022/254", true},
		{"CN", "", "2026-11-25", "", false},
	} {
		d, ok := l.On(tc.key, tc.kind, day(tc.day))
		if ok != tc.wantOK || d.Number != tc.wantNumber {
			t.Errorf("On(%s, %q, %s) = %q, %v; want %q, %v", tc.key, tc.kind, tc.day, d.Number, ok, tc.wantNumber, tc.wantOK)
		}
	}
	for _, key := range []string{"AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY", "BR", "epo"} {
		if _, ok := l.On(key, "", day("2026-11-25")); !ok {
			t.Errorf("%s: no decision applies on 2026-11-25", key)
		}
	}
}

func TestProjectDecisions(t *testing.T) {
	project, err := Parse([]byte(`
[[decision]]
country = "CH"
name = "Switzerland"
number = "2000/518/EC"
date = 2000-07-26
until = 2026-06-30

[[decision]]
country = "XK"
name = "Kosovo"
number = "(EU) 2030/1"
date = 2030-01-01
`))
	if err != nil {
		t.Fatal(err)
	}
	l := With(project)
	if _, ok := l.On("CH", "", day("2026-07-01")); ok {
		t.Error("a project's entry with the same number must replace the tool's (here: end it)")
	}
	if _, ok := l.On("XK", "", day("2030-01-01")); !ok {
		t.Error("a project's new entry must be added")
	}
	if len(l) != len(BuiltIn())+1 {
		t.Errorf("%d entries, want %d", len(l), len(BuiltIn())+1)
	}
	if _, err := Parse([]byte("[[decision]]\ncountry = \"CH\"\nuntill = 2026-01-01\n")); err == nil || !strings.Contains(err.Error(), "untill") {
		t.Errorf("a misspelt field must be an error, got %v", err)
	}
}
