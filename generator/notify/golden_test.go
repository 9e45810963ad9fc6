package notify

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/testportal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMessagesGolden shows the messages a reader gets for the sample's
// releases 3.0 (a new subprocessor) and 2.0 (a material version), as text
// and HTML: what the legal team reviews when the words of i18n/ change.
func TestMessagesGolden(t *testing.T) {
	for _, tc := range []struct {
		version string
		r       Recipient
	}{
		{"3.0", Recipient{Address: "legal@customer-a.example", Lang: "de", Name: "Erika Mustermann", Customer: "K-1001"}},
		{"3.0", Recipient{Address: "dpo@customer-b.example", Lang: "en"}},
		{"2.0", Recipient{Address: "dpo@customer-b.example", Lang: "en"}},
	} {
		opts := sample(t, tc.version)
		opts.Recipients = []Recipient{tc.r}
		msgs, _, err := plan(opts, func(string, string) bool { return false })
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			// the notice's own part of its id: dpa/3.0, subprocessors/3.0/<id>
			what := strings.ReplaceAll(m.Notice.ID[strings.LastIndex(m.Notice.ID, ":")+1:], "/", "-")
			name := filepath.Join("testdata", what+"-"+m.Notice.Kind+"."+string(m.Lang))
			testportal.Golden(t, name+".txt", "Subject: "+m.Subject+"\n\n"+m.Text, *update)
			testportal.Golden(t, name+".html", m.HTML, *update)
		}
	}
}
