package notify

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/l10n"
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

// TestDeadlineFromReceipt: a period counted from the receipt of the notice
// (objection_counted_from = "receipt") is not stated as a fixed date but as
// the date for a notice received on the day of the announcement.
func TestDeadlineFromReceipt(t *testing.T) {
	opts := sample(t, "3.0")
	c := &composer{s: &l10n.Must{S: opts.Strings}, processor: opts.Processor, objectTo: opts.ObjectTo, host: opts.Host}
	var n emit.Notice
	for _, candidate := range opts.Notices["en"] {
		if candidate.Topic == emit.TopicSubprocessors {
			n = candidate
		}
	}
	for _, tc := range []struct {
		fromReceipt bool
		want        string
	}{
		{false, "\nDeadline for objections: 16 December 2026\n"},
		{true, "\nDeadline for objections, counted from the receipt of this notice: 16 December 2026 if you received it on 16 November 2026\n"},
	} {
		n.FromReceipt = tc.fromReceipt
		m, err := c.compose(n, Recipient{Address: "dpo@customer-b.example", Lang: "en"}, "en", false)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Text, tc.want) {
			t.Errorf("from receipt %v: the text lacks %q:\n%s", tc.fromReceipt, tc.want, m.Text)
		}
	}
}
