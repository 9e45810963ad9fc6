package placeholder

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             []string // problems, as Error() writes them
	}{
		{"a TOML value", "data/processor.toml", "name = \"TODO: the company's legal name\"\n",
			[]string{`data/processor.toml:1:9: name: placeholder "TODO: the company's legal name"`}},
		{"a comment beside a value", "data/portal.toml", "x = 1\nbase_url = \"https://trust.example.com/\" # TODO: the address\n",
			[]string{`data/portal.toml:2:43: base_url: placeholder "TODO: the address"`}},
		{"a text in a table", "data/toms.toml", "  text = { de = \"TODO: Maßnahme\", en = \"TODO: a measure\" }\n",
			[]string{`data/toms.toml:1:18: text: placeholder "TODO: Maßnahme"`}},
		{"front matter and body", "content/dpa/scope.en.md", "+++\ntitle = \"TODO: heading\"\n+++\n\nkey = TODO text\n",
			[]string{`content/dpa/scope.en.md:2:10: title: placeholder "TODO: heading"`, `content/dpa/scope.en.md:5:7: placeholder "TODO text"`}},
		{"a further page", "content/legal/imprint.de.md", "TODO\n", []string{`content/legal/imprint.de.md:1:1: placeholder "TODO"`}},
		{"a string table", "i18n/fr.toml", "# TODO: translate\n", []string{`i18n/fr.toml:1:3: placeholder "TODO: translate"`}},
		{"lower case is a word of a language", "content/dpa/scope.de.md", "Para todo el mundo; todo.\n", nil},
		{"part of a longer word", "data/toms.toml", "x = \"TODOS los datos, xTODO, TODO_1\"\n", nil},
		{"a release", "data/releases/1.0/processor.toml", "name = \"TODO\"\n", nil},
		{"not a file of the portal", "notes/plan.toml", "TODO\n", nil},
		{"a layout", "layouts/page.html", "TODO\n", nil},
		{"a data file below data/", "data/extra/x.toml", "TODO\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := Find(fstest.MapFS{tt.file: {Data: []byte(tt.text)}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range list {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
