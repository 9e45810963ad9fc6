package verify

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/problem"
)

func TestExpected(t *testing.T) {
	dir := site(t, map[string]string{
		"de/index.html":    "x",
		"api/dpa.json":     "{}",
		"de/dpa/2.0/x.txt": "text",
	})
	many := []string{"de/index.html"}
	for i := range 25 {
		many = append(many, fmt.Sprintf("en/page%02d/index.html", i))
	}
	tests := []struct {
		name    string
		files   []string
		missing []string // the files the problems name, in order
	}{
		{"complete", []string{"de/index.html", "api/dpa.json", "de/dpa/2.0/x.txt"}, nil},
		{"a page and a directory in place of a file", []string{"de/index.html", "en/index.html", "de/dpa"},
			[]string{"de/dpa", "en/index.html"}},
		{"many missing", many, append([]string{""}, many[1:21]...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Expected(dir, tt.files)
			if tt.missing == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var list problem.List
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a problem list", err)
			}
			var got []string
			for _, p := range list {
				got = append(got, strings.TrimPrefix(strings.TrimPrefix(p.File, filepath.Base(dir)), "/"))
			}
			if strings.Join(got, " ") != strings.Join(tt.missing, " ") {
				t.Errorf("problems name %v, want %v", got, tt.missing)
			}
			if len(tt.files) == len(many) && !strings.Contains(err.Error(), "5 more of the 26 files the portal has are missing") {
				t.Errorf("no count of the rest: %v", err)
			}
		})
	}
}
