package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/problem"
)

// TestRefusedCharacters: a control, bidirectional or invisible character,
// or bytes that are not UTF-8, in any TOML or Markdown file of the working
// copy is refused with file, line, column, field, the character's name and
// a hint.
func TestRefusedCharacters(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		want                 problem.Problem // Message and Hint: parts they must contain
	}{
		{"bidi override in a TOML text", "data/toms.toml", `en = "Access with a badge only."`, "en = \"Access with a \u202Ebadge only.\"",
			problem.Problem{Line: 9, Col: 65, Field: "area[0].measure[0].text.en", Message: "character U+202E RIGHT-TO-LEFT OVERRIDE is not allowed", Hint: "reorders"}},
		{"escape sequence in a TOML string", "data/subprocessors.toml", `name = "Hoster GmbH"`, "name = \"Hoster\x1b[8m GmbH\"",
			problem.Problem{Line: 3, Col: 15, Field: "subprocessor[0].name", Message: "U+001B ESCAPE", Hint: "terminal escape sequence"}},
		{"NUL", "data/portal.toml", `en = "Test portal"`, "en = \"Test\x00 portal\"",
			problem.Problem{Line: 2, Col: 41, Field: "title.en", Message: "U+0000 NULL", Hint: "control characters"}},
		{"zero-width space in a clause body", "content/dpa/scope.en.md", "as set out", "as set\u200B out",
			problem.Problem{Line: 7, Col: 36, Field: "body", Message: "U+200B ZERO WIDTH SPACE", Hint: "invisible"}},
		{"isolate in front matter", "content/dpa/scope.de.md", `title = "Gegenstand"`, "title = \"\u2066Gegenstand\"",
			problem.Problem{Line: 2, Col: 10, Field: "title", Message: "U+2066 LEFT-TO-RIGHT ISOLATE", Hint: "reorders"}},
		{"lone carriage return", "content/_index.en.md", "Here you", "Here\ryou",
			problem.Problem{Line: 5, Col: 5, Field: "body", Message: "U+000D CARRIAGE RETURN", Hint: "line ends"}},
		{"line separator", "data/processor.toml", `street = "Teststraße 1"`, "street = \"Teststraße\u20281\"",
			problem.Problem{Line: 5, Col: 22, Field: "address.street", Message: "U+2028 LINE SEPARATOR", Hint: "line break"}},
		{"byte order mark inside a text", "data/processor.toml", `street = "Teststraße 1"`, "street = \"Test\uFEFFstraße 1\"",
			problem.Problem{Line: 5, Col: 15, Field: "address.street", Message: "U+FEFF ZERO WIDTH NO-BREAK SPACE", Hint: "invisible"}},
		{"Latin-1", "data/processor.toml", `street = "Teststraße 1"`, "street = \"Teststra\xdfe 1\"",
			problem.Problem{Line: 5, Col: 19, Message: "text is not UTF-8", Hint: "save it as UTF-8"}},
		{"Latin-1 in Markdown", "content/dpa/scope.de.md", "Gegenstand", "Gegenst\xe4nd",
			problem.Problem{Line: 2, Col: 17, Message: "text is not UTF-8", Hint: "0xE4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inFile(problemsOf(t, edited(t, tt.file, tt.old, tt.new)), tt.file)
			if len(got) != 1 {
				t.Fatalf("want one problem in %s, got %d:\n%v", tt.file, len(got), got)
			}
			p, w := got[0], tt.want
			if p.Line != w.Line || p.Col != w.Col || p.Field != w.Field || !strings.Contains(p.Message, w.Message) || !strings.Contains(p.Hint, w.Hint) {
				t.Errorf("got  %s\nwant %d:%d: %s: …%s… (hint …%s…)", p.Error(), w.Line, w.Col, w.Field, w.Message, w.Hint)
			}
		})
	}
}

// TestAllowedCharacters: soft hyphens, non-breaking and narrow non-breaking
// spaces and tabs are text.
func TestAllowedCharacters(t *testing.T) {
	fsys := edited(t, "data/toms.toml", `en = "Access with a badge only."`, "en =\t\"Access\u00A0with a\u202Fbadge on\u00ADly.\"")
	if problems := problemsOf(t, fsys); len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
}

// TestReleasedFilesNotChecked: the files of a release are never changed, so
// a character refused today in a release made by an older trustportal is
// not reported (the lock guards the release); the same text in the working
// copy is.
func TestReleasedFilesNotChecked(t *testing.T) {
	fsys := edited(t, "data/toms.toml", `en = "Access with a badge only."`, "en = \"Access with a \u202Ebadge only.\"")
	for _, f := range []string{"processor.toml", "processing.toml", "toms.toml", "subprocessors.toml", "dpa/_index.de.md", "dpa/_index.en.md", "dpa/scope.de.md", "dpa/scope.en.md", "dpa/security.de.md", "dpa/security.en.md"} {
		from := "data/" + f
		if strings.HasPrefix(f, "dpa/") {
			from = "content/" + f
		}
		fsys["data/releases/1.0/"+f] = &fstest.MapFile{Data: fsys[from].Data}
	}
	fsys["data/releases/1.0/release.toml"] = &fstest.MapFile{Data: []byte("version = \"1.0\"\neffective = 2024-01-01\nnotes = { de = \"\u200Bneu\", en = \"new\" }\n")}
	problems := problemsOf(t, fsys)
	for _, p := range problems {
		if strings.HasPrefix(p.File, "data/releases/") {
			t.Errorf("problem in a release: %s", p.Error())
		}
	}
	if len(inFile(problems, "data/toms.toml")) != 1 {
		t.Errorf("want the working copy's character reported, got %v", problems)
	}
}

func TestLockCharacters(t *testing.T) {
	fsys := fstest.MapFS{load.LockFile: {Data: []byte("format = 1\n\n[[release]]\nversion = \"1.0\u202E\"\n")}}
	_, problems, err := load.Lock(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Line != 4 || problems[0].Field != "release[0].version" || !strings.Contains(problems[0].Message, "U+202E") {
		t.Errorf("problems: %v", problems)
	}
}

// TestManyRefusedCharacters: a file full of refused characters gives a
// bounded number of problems.
func TestManyRefusedCharacters(t *testing.T) {
	fsys := edited(t, "content/dpa/scope.en.md", "as set out", "as set out"+strings.Repeat("\x07", 1000))
	got := inFile(problemsOf(t, fsys), "content/dpa/scope.en.md")
	if len(got) != 21 || !strings.Contains(got[20].Message, "980 more") {
		t.Errorf("got %d problems, the last %v", len(got), got[len(got)-1])
	}
}

// TestByteOrderMarkAndCRLF: files saved with a byte order mark and CRLF line
// ends (Windows editors, git's autocrlf) load as the same files without.
func TestByteOrderMarkAndCRLF(t *testing.T) {
	for _, tt := range []struct{ name, prefix, eol string }{{"BOM", "\uFEFF", "\n"}, {"CRLF", "", "\r\n"}, {"BOM and CRLF", "\uFEFF", "\r\n"}} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := minimalFS(t, nil)
			for name, f := range fsys {
				f.Data = []byte(tt.prefix + strings.ReplaceAll(string(f.Data), "\n", tt.eol))
				fsys[name] = f
			}
			if problems := problemsOf(t, fsys); len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}
