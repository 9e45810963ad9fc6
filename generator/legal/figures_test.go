package legal

import (
	"slices"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
)

// TestFigures: what the languages must state alike, read from each
// language's own forms.
func TestFigures(t *testing.T) {
	tests := []struct {
		name   string
		de, en string
		same   bool
	}{
		{"a period", "binnen 48 Stunden", "within 48 hours", true},
		{"a different period", "binnen 48 Stunden", "within 72 hours", false},
		{"digit groups and decimals", "bis zu 10.000 EUR, 2,5 %", "up to EUR 10,000, 2.5%", true},
		{"a different amount", "bis zu 10.000 EUR", "up to EUR 100,000", false},
		{"long dates", "ab dem 1. März 2024", "from 1 March 2024", true},
		{"an American date", "ab dem 1. März 2024", "from March 1, 2024", true},
		{"numeric and ISO dates", "am 01.03.2024", "on 2024-03-01", true},
		{"a different month", "ab dem 1. März 2024", "from 1 April 2024", false},
		{"a month and year", "seit Mai 2025", "since May 2025", true},
		{"numbers as words", "vier Wochen im Voraus, drei Werktage", "four weeks in advance, 3 working days", true},
		{"different numbers as words", "drei Werktage", "five working days", false},
		{"a cited sentence", "Art. 28 Abs. 2 Satz 1 DSGVO", "the first sentence of Art. 28(2) GDPR", true},
		{"references are no figures", "nach [](clause:art28-details) und [](measure:tls-13)", "under [](clause:art28-details) and [](measure:tls-13)", true},
		{"e-mail addresses", "an [privacy@example.com](mailto:privacy@example.com)", "to privacy@example.com", true},
		{"a different e-mail address", "an privacy@example.com", "to dpo@example.com", false},
		{"URLs", "unter https://example.com/trust.", "at https://example.com/trust", true},
		{"a different URL", "unter https://example.com/de/", "at https://example.com/en/", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			de, en := figures(tt.de, model.DE), figures(tt.en, model.EN)
			slices.Sort(de)
			slices.Sort(en)
			if same := slices.Equal(de, en); same != tt.same {
				t.Errorf("German %q, English %q: same %v, want %v", de, en, same, tt.same)
			}
			if len(de) == 0 && tt.de != "" && tt.name != "references are no figures" {
				t.Errorf("nothing read from %q", tt.de)
			}
		})
	}
}
