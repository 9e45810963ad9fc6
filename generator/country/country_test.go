package country

import (
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/model"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		code    string
		wantErr string // "" for valid
	}{
		{"DE", ""},
		{"US", ""},
		{"GB", ""},
		{"JP", ""},
		{"de", "two capital letters"},
		{"DEU", "two capital letters"},
		{"", "two capital letters"},
		{"UK", "use GB"},
		{"EL", "use GR"},
		{"XX", "not an ISO 3166-1 alpha-2"},
		{"EU", "not an ISO 3166-1 alpha-2"},
		{"ZZ", "not an ISO 3166-1 alpha-2"},
	}
	for _, tt := range tests {
		err := Check(tt.code)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("Check(%q) = %v, want nil", tt.code, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("Check(%q) = %v, want error containing %q", tt.code, err, tt.wantErr)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		code string
		lang model.Lang
		want string
	}{
		{"DE", model.DE, "Deutschland"},
		{"DE", model.EN, "Germany"},
		{"US", model.DE, "Vereinigte Staaten"},
		{"GB", model.EN, "United Kingdom"},
		{"CH", model.DE, "Schweiz"},
		{"US", "fr", "États-Unis"},
		{"DE", "es", "Alemania"},
	}
	for pass := range 2 { // the second time, the names remembered
		for _, tt := range tests {
			if got := Name(tt.code, tt.lang); got != tt.want {
				t.Errorf("pass %d: Name(%q, %s) = %q, want %q", pass+1, tt.code, tt.lang, got, tt.want)
			}
		}
	}
}

func TestTransferRules(t *testing.T) {
	for _, c := range []string{"DE", "FR", "NO", "IS", "LI"} {
		if !InEEA(c) {
			t.Errorf("InEEA(%s) = false", c)
		}
	}
	for _, c := range []string{"CH", "GB", "US", "JP"} {
		if InEEA(c) {
			t.Errorf("InEEA(%s) = true", c)
		}
	}
	if len(eea) != 30 {
		t.Errorf("EEA has %d members, want 30", len(eea))
	}
	for c := range eea {
		if err := Check(c); err != nil {
			t.Errorf("EEA list: %v", err)
		}
	}
}
