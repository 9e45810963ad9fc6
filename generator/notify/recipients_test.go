package notify

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadRecipients(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		want             []Recipient // when it reads
		errors           []string    // every problem, as printed
	}{
		{name: "csv", file: "r.csv", text: "address,language,name,customer,topics\nlegal@a.example,de,\"Mustermann, Erika\",K-1,subprocessors\ndpo@b.example,en,,,\n",
			want: []Recipient{
				{Address: "legal@a.example", Lang: "de", Name: "Mustermann, Erika", Customer: "K-1", Topics: []string{"subprocessors"}, Line: 2},
				{Address: "dpo@b.example", Lang: "en", Line: 3}}},
		{name: "csv columns in another order", file: "r.csv", text: "language,address\nen,dpo@b.example\n",
			want: []Recipient{{Address: "dpo@b.example", Lang: "en", Line: 2}}},
		{name: "toml", file: "r.toml", text: "[[recipient]]\naddress = \"legal@a.example\"\nlanguage = \"de\"\ntopics = [\"dpa\"]\n\n[[recipient]]\nlanguage = \"en\"\naddress = \"dpo@b.example\"\n",
			want: []Recipient{
				{Address: "legal@a.example", Lang: "de", Topics: []string{"dpa"}, Line: 2},
				{Address: "dpo@b.example", Lang: "en", Line: 8}}},
		{name: "csv problems", file: "r.csv", text: "address,language,topics\nJane <jane@a.example>,de,\nlegal@a.example,german,\nLEGAL@a.example,en,news\n",
			errors: []string{
				`r.csv:2: recipient[0].address: "Jane <jane@a.example>" is not an e-mail address` + "\n\thint: write the bare address",
				`r.csv:3: recipient[1].language: "german"`,
				`r.csv:4: recipient[2].address: LEGAL@a.example is listed twice (first on line 3)`,
				`r.csv:4: recipient[2].topics: "news" is not a topic of notices` + "\n\thint: the topics are subprocessors, dpa",
			}},
		{name: "csv unknown column", file: "r.csv", text: "address,lang\n", errors: []string{`r.csv:1:9: lang: "lang" is not a column of a recipients file`}},
		{name: "csv no language column", file: "r.csv", text: "address\nlegal@a.example\n", errors: []string{`r.csv:1: language: the header names no column language`}},
		{name: "csv quote", file: "r.csv", text: "address,language\n\"legal@a.example,de\n", errors: []string{`r.csv:2: extraneous or missing " in quoted-field`}},
		{name: "toml unknown key", file: "r.toml", text: "[[recipient]]\naddress = \"legal@a.example\"\nlanguage = \"de\"\nemail = \"x@a.example\"\n",
			errors: []string{`r.toml:4:1: recipient[0].email: "recipient.email" is not a field of a recipient`}},
		{name: "toml syntax", file: "r.toml", text: "[[recipient]]\naddress = legal@a.example\n", errors: []string{`r.toml:2:11: `, "TOML syntax error"}},
		{name: "empty", file: "r.toml", text: "# nobody yet\n", errors: []string{"r.toml: the file lists no recipient"}},
		{name: "other format", file: "r.txt", text: "legal@a.example\n", errors: []string{"give a .csv or a .toml file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			got, err := ReadRecipients(tc.file)
			if tc.errors == nil {
				if err != nil {
					t.Fatal(err)
				}
				if !slices.EqualFunc(got, tc.want, func(a, b Recipient) bool {
					return a.Address == b.Address && a.Lang == b.Lang && a.Name == b.Name && a.Customer == b.Customer && slices.Equal(a.Topics, b.Topics) && a.Line == b.Line
				}) {
					t.Errorf("got %+v\nwant %+v", got, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("read %+v, want errors", got)
			}
			for _, want := range tc.errors {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the errors lack %q:\n%v", want, err)
				}
			}
		})
	}
}
