package load_test

import (
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/load"
)

// TestLimits: a TOML file nested deeper than 16 levels, and a file of more
// than 10 MiB, are refused with a clear problem before they are parsed (so
// that such a file cannot make loading take minutes).
func TestLimits(t *testing.T) {
	big := subprocessors(load.MaxFileSize + 1)
	tests := []struct {
		name, file string
		data       []byte
		line, col  int
		want       string
	}{
		{"4,000 levels", "data/toms.toml", nested(4000), 1, 61, "nested more than 16 levels deep"},
		{"17 levels in front matter", "content/dpa/scope.en.md", []byte("+++\ntitle = \"x\"\nweight = 10\n" + string(nested(17)) + "+++\n"), 4, 61, "nested more than 16 levels deep"},
		{"11 MiB", "data/subprocessors.toml", big, 0, 0, "file has 10.0 MiB, more than the limit of 10 MiB"},
		{"11 MiB of Markdown", "content/dpa/scope.en.md", []byte("+++\ntitle = \"x\"\nweight = 10\n+++\n" + strings.Repeat("Text. ", 2<<20)), 0, 0, "file has 12.0 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inFile(problemsOf(t, minimalFS(t, map[string][]byte{tt.file: tt.data})), tt.file)
			if len(got) != 1 || got[0].Line != tt.line || got[0].Col != tt.col || !strings.Contains(got[0].Message, tt.want) {
				t.Errorf("want one problem at %d:%d: …%s…, got %v", tt.line, tt.col, tt.want, got)
			}
		})
	}
}

// TestNestingAllowed: 16 levels are allowed, and brackets in strings and
// comments do not count.
func TestNestingAllowed(t *testing.T) {
	brackets := strings.Repeat("[{", 20)
	doc := string(nested(16)) +
		`s = "` + brackets + `\" ` + brackets + `"` + "\n" +
		`l = '` + brackets + `'` + "\n" +
		`m = """` + "\n" + brackets + `\""" ` + brackets + `""""` + "\n" +
		`n = '''` + brackets + "\n" + brackets + `'''''` + "\n" +
		`# ` + brackets + "\n" +
		`[t]` + "\n" + `[[u]]` + "\n"
	got := inFile(problemsOf(t, minimalFS(t, map[string][]byte{"data/toms.toml": []byte(doc)})), "data/toms.toml")
	for _, p := range got {
		if strings.Contains(p.Message, "nested") || strings.Contains(p.Message, "syntax") {
			t.Errorf("%s", p.Error())
		}
	}
}
