package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"strings"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
)

// Message is one notice to one recipient, composed in the recipient's
// language (or the binding language, see Fallback).
type Message struct {
	Notice    emit.Notice
	Recipient Recipient
	// Lang is the language of the message; Fallback says it is the
	// binding language because the portal has none of the recipient's.
	Lang     model.Lang
	Fallback bool
	Subject  string
	Text     string
	HTML     string
	// MessageID is the same for a notice, an address and a portal in every
	// run, without angle brackets.
	MessageID string
	replyTo   string // where objections go
}

// messageID is a Message-ID that depends only on the notice, the address
// and the portal's host: a message sent twice (after a crash between the
// server's acceptance and the log entry) carries the same one, which lets
// the recipient's server or client drop the copy.
func messageID(notice, address, host string) string {
	sum := sha256.Sum256([]byte(notice + "\x00" + strings.ToLower(address) + "\x00" + host))
	return "notice-" + hex.EncodeToString(sum[:16]) + "@" + host
}

// paragraph is a part of a message: a text, optionally with a link.
type paragraph struct {
	Text, Link string
	Strong     bool
}

// field is a fact of a subprocessor notice.
type field struct{ Label, Text string }

type body struct {
	Lang       model.Lang
	Title      string
	Greeting   string
	Paragraphs []paragraph
	Fields     []field
	After      []paragraph
	Footer     string
}

var htmlBody = template.Must(template.New("notice").Parse(`<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<p>{{ .Greeting }}</p>
{{ range .Paragraphs }}<p>{{ if .Strong }}<strong>{{ .Text }}</strong>{{ else }}{{ .Text }}{{ end }}</p>
{{ end }}{{ if .Fields }}<dl>
{{ range .Fields }}<dt>{{ .Label }}</dt><dd>{{ .Text }}</dd>
{{ end }}</dl>
{{ end }}{{ range .After }}<p>{{ if .Link }}<a href="{{ .Link }}">{{ .Text }}</a>{{ else }}{{ .Text }}{{ end }}</p>
{{ end }}<hr>
<p><small>{{ .Footer }}</small></p>
</body>
</html>
`))

// text renders b as plain text: paragraphs separated by blank lines, a
// link on the line after its text.
func (b body) text() string {
	var out strings.Builder
	out.WriteString(b.Greeting + "\n\n")
	for _, p := range b.Paragraphs {
		out.WriteString(p.Text + "\n\n")
	}
	for _, f := range b.Fields {
		out.WriteString(f.Label + ": " + f.Text + "\n")
	}
	if len(b.Fields) > 0 {
		out.WriteString("\n")
	}
	for _, p := range b.After {
		out.WriteString(p.Text + "\n")
		if p.Link != "" {
			out.WriteString(p.Link + "\n")
		}
		out.WriteString("\n")
	}
	out.WriteString("-- \n" + b.Footer + "\n")
	return out.String()
}

// composer writes the messages with the tool's and the project's words.
type composer struct {
	s         *l10n.Must
	processor string
	objectTo  string
	host      string
}

func (c *composer) compose(n emit.Notice, r Recipient, lang model.Lang, fallback bool) (Message, error) {
	t := func(id string, data map[string]string) string { return c.s.T(lang, id, data) }
	subjectKey := "noticeSubject"
	if n.Material {
		subjectKey = "noticeSubjectAcceptance"
	}
	b := body{Lang: lang, Title: n.Title}
	b.Greeting = t("noticeGreeting", nil)
	if r.Name != "" {
		b.Greeting = t("noticeGreetingName", map[string]string{"Name": r.Name})
	}
	intro := "noticeIntroVersion"
	if n.Topic == emit.TopicSubprocessors {
		intro = "noticeIntroSubprocessors"
	}
	b.Paragraphs = append(b.Paragraphs, paragraph{Text: t(intro, map[string]string{"Processor": c.processor})})
	if r.Customer != "" {
		b.Paragraphs = append(b.Paragraphs, paragraph{Text: t("noticeCustomer", map[string]string{"Customer": r.Customer})})
	}
	b.Paragraphs = append(b.Paragraphs, paragraph{Text: n.Summary, Strong: true})
	for _, f := range n.Fields {
		b.Fields = append(b.Fields, field{Label: f.Label, Text: f.Text})
	}
	if !n.Deadline.IsZero() {
		deadline := "noticeDeadline"
		if n.FromReceipt {
			deadline = "noticeDeadlineReceipt"
		}
		b.After = append(b.After,
			paragraph{Text: t(deadline, map[string]string{"Date": c.s.Date(lang, n.Deadline), "Announced": c.s.Date(lang, n.Announced)})},
			paragraph{Text: t("noticeHowToObject", map[string]string{"Address": c.objectTo})})
	}
	if n.Material {
		b.After = append(b.After, paragraph{Text: t("noticeAcceptance", map[string]string{"Version": n.Version})})
	}
	b.After = append(b.After, paragraph{Text: t("noticeRead", nil), Link: n.URL})
	if n.DiffURL != "" && n.DiffURL != strings.Split(n.URL, "#")[0] {
		b.After = append(b.After, paragraph{Text: n.DiffText, Link: n.DiffURL})
	}
	b.Footer = t("noticeFooter", map[string]string{"Processor": c.processor})
	m := Message{Notice: n, Recipient: r, Lang: lang, Fallback: fallback,
		Subject:   t(subjectKey, map[string]string{"Processor": c.processor, "Title": n.Title}),
		Text:      b.text(),
		MessageID: messageID(n.ID, r.Address, c.host), replyTo: c.objectTo}
	var h bytes.Buffer
	if err := htmlBody.Execute(&h, b); err != nil {
		return Message{}, fmt.Errorf("notice %s: %w", n.ID, err)
	}
	m.HTML = h.String()
	return m, c.s.Err()
}
