package model

import (
	"strings"
	"testing"
)

func TestCheckVersion(t *testing.T) {
	tests := []struct{ v, want string }{
		{"1.0", ""},
		{"1.1", ""},
		{"2.0", ""},
		{"3.0", ""},
		{"0.9", ""},
		{"10.20.30", ""},
		{"999999999.0", ""},
		{"", "not a version number"},
		{"v3", "not a version number"},
		{"1.2.3.4", "not a version number"},
		{"1..2", "not a version number"},
		{" 1.0", "not a version number"},
		{"01.2", "01 has a leading zero"},
		{"2.01", "01 has a leading zero"},
		{"2.00", "00 has a leading zero"},
		{"1234567890.1", "has more than 9 digits"},
		{"1." + strings.Repeat("9", 5000), "has more than 9 digits"},
		{strings.Repeat("1.", 5000), "not a version number"},
	}
	for _, tt := range tests {
		err := CheckVersion(tt.v)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckVersion(%.20q) = %v, want nil", tt.v, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckVersion(%.20q) = %v, want …%s…", tt.v, err, tt.want)
		case err != nil && len(err.Error()) > 200:
			t.Errorf("CheckVersion(%.20q): message of %d bytes", tt.v, len(err.Error()))
		}
	}
}
