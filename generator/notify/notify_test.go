package notify

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/notify/smtptest"
	"github.com/trustportal/trustportal/generator/testportal"
)

// sample returns the options for the notices of release version of the
// sample portal (this repository), as trustportal notify computes them.
func sample(t *testing.T, version string) Options {
	t.Helper()
	fsys := os.DirFS(testportal.Root(t))
	p, problems, err := load.Load(fsys)
	if err != nil || problems.Err() != nil {
		t.Fatal(err, problems.Err())
	}
	s, err := l10n.Load(p.Site.Languages, trustportal.Theme, fsys)
	if err != nil {
		t.Fatal(err)
	}
	notices := map[model.Lang][]emit.Notice{}
	for _, lang := range p.Site.Languages {
		ns, err := emit.Notices(emit.Options{Portal: p, Strings: s, Today: model.NewDate(2026, 11, 20)}, version, lang)
		if err != nil {
			t.Fatal(err)
		}
		notices[lang] = ns
	}
	return Options{Notices: notices, Binding: p.Docs.Processor.Contract.BindingLanguage, Strings: s, Processor: p.Docs.Processor.Name,
		ObjectTo: "privacy@nordlicht.example", Host: "trust.nordlicht.example", From: "Nordlicht Trust Center <notices@nordlicht.example>",
		Log: filepath.Join(t.TempDir(), "sent.jsonl"),
		Now: func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }}
}

// serverOptions points opts at srv, trusting its test certificate.
func serverOptions(opts Options, srv *smtptest.Server) Options {
	opts.SMTP = SMTP{Addr: srv.Addr, User: smtptest.User, Password: smtptest.Password, Timeout: 5 * time.Second}
	opts.SMTP.TLS = tlsConfig(srv)
	return opts
}

// received is what a test reads from an accepted message.
type received struct {
	to, lang, subject, notice, messageID string
	replyTo                              string
	text, html                           string
}

func read(t *testing.T, m smtptest.Message) received {
	t.Helper()
	if !m.TLS || !m.Authenticated {
		t.Errorf("message to %v sent without TLS (%v) or AUTH (%v)", m.To, m.TLS, m.Authenticated)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	r := received{to: strings.Join(m.To, ","), lang: m.Header.Get("Content-Language"), subject: subject,
		notice: m.Header.Get(HeaderNotice), messageID: m.Header.Get("Message-Id"), replyTo: m.Header.Get("Reply-To")}
	msg, err := mail.ReadMessage(strings.NewReader(string(m.Raw)))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable
		if err != nil {
			break
		}
		var b strings.Builder
		sc := bufio.NewScanner(part)
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
		}
		if strings.HasPrefix(part.Header.Get("Content-Type"), "text/html") {
			r.html = b.String()
		} else {
			r.text = b.String()
		}
	}
	return r
}

func byRecipient(t *testing.T, srv *smtptest.Server) map[string][]received {
	out := map[string][]received{}
	for _, m := range srv.Messages() {
		r := read(t, m)
		out[r.to] = append(out[r.to], r)
	}
	return out
}

func logEntries(t *testing.T, path string) []Entry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var e Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, e)
	}
	return out
}

// TestSendRelease sends the notices of the sample's release 3.0 (a new
// subprocessor in Switzerland, announced 2026-11-16, objections within 30
// days of receipt, moved off Hamburg's holidays) to four recipients of
// different languages and topics, one of them refused by the server.
func TestSendRelease(t *testing.T) {
	srv := smtptest.Start(t)
	srv.Refuse("gone@customer-c.example")
	opts := serverOptions(sample(t, "3.0"), srv)
	opts.Recipients = []Recipient{
		{Address: "legal@customer-a.example", Lang: "de", Name: "Erika Mustermann", Customer: "K-1001"},
		{Address: "dpo@customer-b.example", Lang: "en", Topics: []string{emit.TopicSubprocessors}},
		{Address: "gone@customer-c.example", Lang: "en"},
		{Address: "juriste@client-d.example", Lang: "fr", Topics: []string{emit.TopicDPA}},
	}
	sum, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := byRecipient(t, srv)

	// Who got what, in which language.
	for _, tc := range []struct {
		to       string
		lang     string
		subjects []string
	}{
		{"legal@customer-a.example", "de", []string{"Nordlicht Software GmbH: Version 3.0, gültig ab 1. Januar 2027", "Nordlicht Software GmbH: Neuer Unterauftragsverarbeiter: Alpenbote Messaging AG"}},
		{"dpo@customer-b.example", "en", []string{"Nordlicht Software GmbH: New subprocessor: Alpenbote Messaging AG"}},
		{"juriste@client-d.example", "de", []string{"Nordlicht Software GmbH: Version 3.0, gültig ab 1. Januar 2027"}},
	} {
		var subjects []string
		for _, r := range got[tc.to] {
			subjects = append(subjects, r.subject)
			if r.lang != tc.lang {
				t.Errorf("%s: Content-Language %q, want %q", tc.to, r.lang, tc.lang)
			}
		}
		if !slices.Equal(subjects, tc.subjects) {
			t.Errorf("%s received %q, want %q", tc.to, subjects, tc.subjects)
		}
	}
	if n := len(got["gone@customer-c.example"]); n != 0 {
		t.Errorf("the refused address received %d messages", n)
	}

	// The subprocessor notice states what the DPA promises, the deadline
	// and how to object.
	sub := got["dpo@customer-b.example"][0]
	for _, want := range []string{
		"Dear Sir or Madam,",
		"New subprocessor: Alpenbote Messaging AG. Takes effect with version 3.0 on 1 January 2027.",
		"Deadline for objections: 16 December 2026",
		"To object, write to privacy@nordlicht.example before the deadline",
		"Switzerland", // seat and place of processing
		"https://trust.nordlicht.example/en/diff/2.0/3.0/#",
	} {
		if !strings.Contains(sub.text, want) {
			t.Errorf("the English subprocessor notice lacks %q:\n%s", want, sub.text)
		}
		if !strings.Contains(sub.html, strings.ReplaceAll(want, "'", "&#39;")) {
			t.Errorf("its HTML lacks %q:\n%s", want, sub.html)
		}
	}
	if !strings.Contains(sub.replyTo, "privacy@nordlicht.example") {
		t.Errorf("Reply-To %q: replies (objections) do not go to the contact for instructions", sub.replyTo)
	}
	for _, label := range []string{"Service", "Transfer safeguard"} {
		if !strings.Contains(sub.text, label+": ") {
			t.Errorf("the notice lacks the field %s:\n%s", label, sub.text)
		}
	}
	de := got["legal@customer-a.example"]
	if !strings.Contains(de[0].text, "Guten Tag Erika Mustermann,") || !strings.Contains(de[0].text, "Ihre Kundennummer: K-1001") {
		t.Errorf("the German notice does not greet its reader or name the customer:\n%s", de[0].text)
	}
	if !strings.Contains(de[1].text, "Frist für einen Widerspruch: 16. Dezember 2026") {
		t.Errorf("the German subprocessor notice lacks its deadline:\n%s", de[1].text)
	}

	// The summary names the failure and the fallback; the log records
	// every message sent, with its Message-ID.
	if len(sum.Failed) != 2 || sum.Failed[0].Address != "gone@customer-c.example" || !strings.Contains(sum.Failed[0].Err.Error(), "No such mailbox") {
		t.Errorf("failures %+v, want the two notices to gone@customer-c.example", sum.Failed)
	}
	if want := []Fallback{{Address: "juriste@client-d.example", Asked: "fr", Used: "de"}}; !slices.Equal(sum.Fallbacks, want) {
		t.Errorf("fallbacks %+v, want %+v", sum.Fallbacks, want)
	}
	entries := logEntries(t, opts.Log)
	if len(entries) != 4 || len(sum.Sent) != 4 {
		t.Fatalf("%d log entries, %d sent, want 4", len(entries), len(sum.Sent))
	}
	for _, e := range entries {
		var match *received
		for _, r := range got[e.Address] {
			if r.notice == e.Notice {
				match = &r
			}
		}
		if match == nil || match.messageID != e.MessageID || e.Sent != "2026-11-20T09:00:00Z" || e.Version != "3.0" {
			t.Errorf("log entry %+v matches no message received", e)
		}
	}

	// A second run sends nothing twice: only the refused address is tried
	// again, and refused again.
	sum, err = Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages()); n != 4 || len(sum.Sent) != 0 || sum.AlreadySent != 4 || len(sum.Failed) != 2 {
		t.Errorf("rerun: server has %d messages, sent %d, already sent %d, failed %d; want 4, 0, 4, 2", n, len(sum.Sent), sum.AlreadySent, len(sum.Failed))
	}
}

// TestDroppedConnection: the server drops the connection while it receives
// the first message; the run goes on over a new connection, and a rerun
// sends only the message that was lost, once.
func TestDroppedConnection(t *testing.T) {
	srv := smtptest.Start(t)
	srv.Drop("first@customer.example", 1)
	opts := serverOptions(sample(t, "3.0"), srv)
	opts.Recipients = []Recipient{
		{Address: "first@customer.example", Lang: "en", Topics: []string{emit.TopicDPA}},
		{Address: "second@customer.example", Lang: "de"},
	}
	sum, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 1 || sum.Failed[0].Address != "first@customer.example" || len(sum.Sent) != 2 {
		t.Fatalf("first run: sent %d, failed %+v; want the two to second@ sent and first@ failed", len(sum.Sent), sum.Failed)
	}
	sum, err = Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 0 || len(sum.Sent) != 1 || sum.Sent[0].Address != "first@customer.example" || sum.AlreadySent != 2 {
		t.Fatalf("rerun: sent %+v, failed %+v, already sent %d", sum.Sent, sum.Failed, sum.AlreadySent)
	}
	count := map[string]int{}
	for _, m := range srv.Messages() {
		count[strings.Join(m.To, ",")+" "+m.Header.Get(HeaderNotice)]++
	}
	for k, n := range count {
		if n != 1 {
			t.Errorf("%s received %d times", k, n)
		}
	}
	if len(count) != 3 {
		t.Errorf("%d distinct messages received, want 3: %v", len(count), count)
	}
}

// TestDryRun writes the messages as .eml files with the Message-IDs a send
// would use, and neither sends nor logs.
func TestDryRun(t *testing.T) {
	opts := sample(t, "3.0")
	opts.DryRun = filepath.Join(t.TempDir(), "review")
	opts.Recipients = []Recipient{{Address: "legal@customer-a.example", Lang: "en", Name: "Jane Roe"}}
	sum, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Written) != 2 || len(sum.Sent) != 0 {
		t.Fatalf("written %v, sent %d; want two files", sum.Written, len(sum.Sent))
	}
	if _, err := os.Stat(opts.Log); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote the send log: %v", err)
	}
	ids := map[string]bool{}
	for _, f := range sum.Written {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		if to := m.Header.Get("To"); !strings.Contains(to, "legal@customer-a.example") {
			t.Errorf("%s: To %q", f, to)
		}
		want := "<" + messageID(m.Header.Get(HeaderNotice), "legal@customer-a.example", "trust.nordlicht.example") + ">"
		if id := m.Header.Get("Message-Id"); id != want || ids[id] {
			t.Errorf("%s: Message-ID %q, want %q (and unique)", f, id, want)
		}
		ids[m.Header.Get("Message-Id")] = true
	}
	// A second dry run replaces the files it wrote, but never a file of
	// someone else's that has the name of one of them.
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("a second dry run into the same directory: %v", err)
	}
	theirs := sum.Written[0]
	if err := os.WriteFile(theirs, []byte("my notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "is not a message trustportal wrote") {
		t.Errorf("a dry run over someone else's file: %v", err)
	}
	if data, _ := os.ReadFile(theirs); string(data) != "my notes\n" {
		t.Errorf("the dry run wrote over someone else's file: %q", data)
	}
}

// TestMaterialVersion asks for renewed acceptance of a material version
// (the sample's 2.0), in the subject and the text.
func TestMaterialVersion(t *testing.T) {
	srv := smtptest.Start(t)
	opts := serverOptions(sample(t, "2.0"), srv)
	opts.Recipients = []Recipient{{Address: "legal@customer-a.example", Lang: "en", Topics: []string{emit.TopicDPA}}}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	got := byRecipient(t, srv)["legal@customer-a.example"]
	if len(got) != 1 {
		t.Fatalf("%d messages, want 1", len(got))
	}
	for _, want := range []string{"Version 2.0 requires your renewed acceptance", "This version requires renewed acceptance.", "https://trust.nordlicht.example/en/dpa/2.0/", "https://trust.nordlicht.example/en/diff/1.1/2.0/"} {
		if !strings.Contains(got[0].text, want) {
			t.Errorf("the notice lacks %q:\n%s", want, got[0].text)
		}
	}
	if !strings.HasSuffix(got[0].subject, "(your acceptance is requested)") {
		t.Errorf("subject %q does not ask for acceptance", got[0].subject)
	}
}

// TestSMTPSecurity: TLS is required and AUTH goes only over it; the
// password is never sent in the clear.
func TestSMTPSecurity(t *testing.T) {
	srv := smtptest.Start(t)
	base := serverOptions(sample(t, "3.0"), srv)
	base.Recipients = []Recipient{{Address: "legal@customer-a.example", Lang: "en", Topics: []string{emit.TopicDPA}}}
	for _, tc := range []struct {
		name   string
		smtp   func(*SMTP)
		errors string // from Run
		fails  string // in the summary
	}{
		{name: "untrusted certificate", smtp: func(s *SMTP) { s.TLS = nil }, fails: "certificate"},
		{name: "wrong password", smtp: func(s *SMTP) { s.Password = "wrong" }, fails: "invalid credentials"},
		{name: "no password", smtp: func(s *SMTP) { s.Password = "" }, errors: "TRUSTPORTAL_SMTP_PASSWORD"},
		{name: "insecure elsewhere", smtp: func(s *SMTP) { s.Addr, s.Insecure, s.User = "smtp.example.com:25", true, "" }, errors: "only for a server on this machine"},
		{name: "insecure with password", smtp: func(s *SMTP) { s.Insecure = true }, errors: "password without TLS"},
		{name: "no port", smtp: func(s *SMTP) { s.Addr = "127.0.0.1" }, errors: "host:port"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := base
			opts.Log = filepath.Join(t.TempDir(), "sent.jsonl")
			tc.smtp(&opts.SMTP)
			sum, err := Run(context.Background(), opts)
			switch {
			case tc.errors != "" && (err == nil || !strings.Contains(err.Error(), tc.errors)):
				t.Errorf("error %v, want one saying %q", err, tc.errors)
			case tc.fails != "" && (len(sum.Failed) != 1 || !strings.Contains(sum.Failed[0].Err.Error(), tc.fails)):
				t.Errorf("failures %+v (error %v), want one saying %q", sum.Failed, err, tc.fails)
			}
		})
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("the server accepted %d messages", n)
	}
}

func tlsConfig(srv *smtptest.Server) *tls.Config { return &tls.Config{RootCAs: srv.Roots} }
