package deadline_test

import (
	"testing"

	"github.com/trustportal/trustportal/generator/deadline"
	"github.com/trustportal/trustportal/generator/model"
)

func TestDue(t *testing.T) {
	tests := []struct {
		name        string
		rule        deadline.Rule
		start       model.Date
		want, moved model.Date
	}{
		{"no period", deadline.Rule{}, model.NewDate(2026, 3, 2), model.Date{}, model.Date{}},
		{"plain count, the day of the event not counted (§ 187(1) BGB)", deadline.Rule{Days: 30}, model.NewDate(2026, 3, 2), model.NewDate(2026, 4, 1), model.Date{}},
		{"plain count ends on a Saturday and stays there", deadline.Rule{Days: 30}, model.NewDate(2026, 10, 1), model.NewDate(2026, 10, 31), model.Date{}},
		{"Saturday moves to Monday (§ 193 BGB)", deadline.Rule{Days: 30, Holidays: "DE"}, model.NewDate(2026, 10, 1), model.NewDate(2026, 11, 2), model.NewDate(2026, 10, 31)},
		{"a working day stays", deadline.Rule{Days: 30, Holidays: "DE"}, model.NewDate(2026, 3, 2), model.NewDate(2026, 4, 1), model.Date{}},
		// 2026-04-03 is Good Friday, then the weekend, then Easter Monday.
		{"Good Friday moves past Easter to Tuesday", deadline.Rule{Days: 30, Holidays: "DE-HH"}, model.NewDate(2026, 3, 4), model.NewDate(2026, 4, 7), model.NewDate(2026, 4, 3)},
		// 2026-10-31, Reformation Day, is a holiday in Hamburg; it is a Saturday anyway, so take 2025 (a Friday).
		{"Reformation Day is a holiday in Hamburg", deadline.Rule{Days: 30, Holidays: "DE-HH"}, model.NewDate(2025, 10, 1), model.NewDate(2025, 11, 3), model.NewDate(2025, 10, 31)},
		{"but not in Bavaria", deadline.Rule{Days: 30, Holidays: "DE-BY"}, model.NewDate(2025, 10, 1), model.NewDate(2025, 10, 31), model.Date{}},
		{"All Saints' Day is a holiday in Bavaria", deadline.Rule{Days: 31, Holidays: "DE-BY"}, model.NewDate(2023, 10, 1), model.NewDate(2023, 11, 2), model.NewDate(2023, 11, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.rule.Due(tt.start)
			if got.Day != tt.want || got.Moved != tt.moved {
				t.Errorf("Due(%s) = %s (moved from %s), want %s (moved from %s)", tt.start, got.Day, got.Moved, tt.want, tt.moved)
			}
		})
	}
}

func TestCheckPlace(t *testing.T) {
	for place, ok := range map[string]bool{"DE": true, "DE-HH": true, "DE-BY": true, "de-hh": false, "FR": false, "DE-XX": false} {
		if got := deadline.CheckPlace(place) == ""; got != ok {
			t.Errorf("CheckPlace(%q) accepts: %v, want %v", place, got, ok)
		}
	}
}
