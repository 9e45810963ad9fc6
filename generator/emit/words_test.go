package emit

import "testing"

func TestFieldsOnly(t *testing.T) {
	for _, tc := range []struct {
		msg, want string
		ok        bool
	}{
		{"Inhaltsverzeichnis", "Inhaltsverzeichnis", true},
		{"Fassung {{ .Version }}", "Fassung {{.Version}}", true},
		{"{{.Count}} Maßnahmen", "{{.Count}} Maßnahmen", true},
		{"Fassung {{ .Version }} vom {{ .Date }}", "Fassung {{.Version}} vom {{.Date}}", true},
		{"{{ if .Count }}viele{{ end }}", "", false},
		{"{{ .Count | printf \"%d\" }}", "", false},
		{"{{ .A.B }}", "", false},
		{"{{ $x := .A }}", "", false},
		{"{{ .Version ", "", false},
	} {
		got, ok := fieldsOnly(tc.msg)
		if ok != tc.ok || got != tc.want {
			t.Errorf("fieldsOnly(%q) = %q, %v; want %q, %v", tc.msg, got, ok, tc.want, tc.ok)
		}
	}
}
