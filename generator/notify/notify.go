// Package notify mails the notices of a release to customers: each change
// of a subprocessor with the facts the DPA promises to notify, and the new
// version of the DPA with its summary, its redline and, for a material
// version, the request to accept it anew. The notices are those the feeds
// publish (emit.Notices); this package composes them per recipient, in the
// recipient's language, as plain text and HTML, and sends them over SMTP
// (github.com/wneessen/go-mail), or writes them as .eml files for review.
//
// A send log records every message the server accepted; a second run sends
// only what the log lacks, so a run that failed halfway is simply run again.
package notify

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"net"
	netmail "net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/workdir"
)

// Options says which notices go to whom, and how.
type Options struct {
	// Notices are the release's notices in each of the portal's languages.
	Notices map[model.Lang][]emit.Notice
	// Binding is the language of a recipient whose language the portal
	// does not have.
	Binding model.Lang
	Strings *l10n.Strings
	// Processor is the company's name; ObjectTo the address objections go
	// to (the DPA's contact for instructions); Host the portal's host,
	// which the Message-IDs name.
	Processor, ObjectTo, Host string
	Recipients                []Recipient
	// Log is the send log's path: outside the portal and its public site.
	Log string
	// DryRun, if set, is a directory to write the messages into as .eml
	// files instead of sending them; the send log is read, not written.
	DryRun string
	From   string // the sender: an address, or "Name <address>"
	SMTP   SMTP
	// Now is the clock of the Date header and the log; nil for time.Now.
	Now func() time.Time
}

// SMTP is the server the messages go through.
type SMTP struct {
	Addr           string // host:port
	User, Password string // SMTP AUTH PLAIN, over TLS only; no user, no AUTH
	// TLS configures STARTTLS (nil: the system's roots, the host of Addr).
	TLS *tls.Config
	// Insecure sends without TLS (and so without AUTH): only to a server
	// on this machine, for tests.
	Insecure bool
	Timeout  time.Duration // of each SMTP step; zero for 30 seconds
}

// Summary is what a run did.
type Summary struct {
	Sent        []Entry
	Written     []string // the .eml files of a dry run
	AlreadySent int      // messages the log already records
	Failed      []Failure
	Fallbacks   []Fallback
}

// Failure is a message that was not sent.
type Failure struct {
	Address, Notice, Subject string
	Err                      error
}

// Fallback is a recipient who reads a language the portal does not have
// and gets the binding language.
type Fallback struct {
	Address     string
	Asked, Used model.Lang
}

// Plan composes the messages due: each notice to each recipient who wants
// its topic, in the recipient's language (the binding one as a fallback),
// less those that sent already records.
func plan(opts Options, sent func(notice, address string) bool) ([]Message, Summary, error) {
	var sum Summary
	c := &composer{s: &l10n.Must{S: opts.Strings}, processor: opts.Processor, objectTo: opts.ObjectTo, host: opts.Host}
	var out []Message
	for _, r := range opts.Recipients {
		lang, fallback := r.Lang, false
		if _, ok := opts.Notices[lang]; !ok {
			lang, fallback = opts.Binding, true
			sum.Fallbacks = append(sum.Fallbacks, Fallback{Address: r.Address, Asked: r.Lang, Used: lang})
		}
		for _, n := range opts.Notices[lang] {
			if !r.Wants(n.Topic) {
				continue
			}
			if sent(n.ID, r.Address) {
				sum.AlreadySent++
				continue
			}
			m, err := c.compose(n, r, lang, fallback)
			if err != nil {
				return nil, sum, err
			}
			out = append(out, m)
		}
	}
	return out, sum, nil
}

// Run sends the notices (or, with DryRun, writes them) and returns what it
// did. An error is returned when nothing more could be done (the log cannot
// be written, the SMTP settings are wrong); a message that one address
// refused is a Failure, and the others are still sent.
func Run(ctx context.Context, opts Options) (Summary, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == "" {
		return Summary{}, errors.New("a send log is needed (--log FILE): it records what was sent, so that nothing is sent twice")
	}
	if opts.DryRun != "" {
		return dryRun(opts)
	}
	client, err := newClient(opts.SMTP)
	if err != nil {
		return Summary{}, err
	}
	unlock, err := lockLog(opts.Log)
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	log, err := openLog(opts.Log)
	if err != nil {
		return Summary{}, err
	}
	defer log.Close()
	msgs, sum, err := plan(opts, log.has)
	if err != nil || len(msgs) == 0 {
		return sum, err
	}
	connected := false
	defer func() {
		if connected {
			client.Close()
		}
	}()
	// notSent names each message from the i-th on as not sent.
	notSent := func(i int, err error) {
		for _, m := range msgs[i:] {
			sum.Failed = append(sum.Failed, Failure{Address: m.Recipient.Address, Notice: m.Notice.ID, Subject: m.Subject, Err: err})
		}
	}
	for i, m := range msgs {
		if err := ctx.Err(); err != nil { // interrupted
			notSent(i, err)
			break
		}
		if !connected {
			if err := client.DialWithContext(ctx); err != nil {
				// no server to send the rest to
				notSent(i, fmt.Errorf("connect to %s: %w", opts.SMTP.Addr, err))
				break
			}
			connected = true
		}
		msg, err := m.mail(opts.From, opts.Now())
		if err != nil {
			return sum, err
		}
		if err := client.Send(msg); err != nil {
			sum.Failed = append(sum.Failed, Failure{Address: m.Recipient.Address, Notice: m.Notice.ID, Subject: m.Subject, Err: err})
			if !refusedRecipient(err) {
				// the connection may be gone: start a new one
				client.Close()
				connected = false
			}
			continue
		}
		e := m.entry()
		if err := log.record(e, opts.Now()); err != nil {
			return sum, fmt.Errorf("%s was sent to %s, but %w; stop here so that nothing is sent twice", m.Subject, m.Recipient.Address, err)
		}
		sum.Sent = append(sum.Sent, log.sent[key(e.Notice, e.Address)])
	}
	return sum, nil
}

// lockLog creates the send log at path if it is missing and locks it: two
// runs at once would both send what the log lacks.
func lockLog(path string) (unlock func() error, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("send log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("send log: %w", err)
	}
	f.Close()
	unlock, err = workdir.Lock(path, nil)
	if err != nil {
		return nil, fmt.Errorf("send log: %w", err)
	}
	return unlock, nil
}

// refusedRecipient reports whether the server refused the recipient of a
// message, but kept the connection.
func refusedRecipient(err error) bool {
	var se *gomail.SendError
	return errors.As(err, &se) && se.Reason == gomail.ErrSMTPRcptTo
}

func (m Message) entry() Entry {
	e := Entry{Notice: m.Notice.ID, Version: m.Notice.Version, Topic: m.Notice.Topic, Address: m.Recipient.Address, Customer: m.Recipient.Customer,
		Lang: string(m.Lang), Subject: m.Subject, MessageID: "<" + m.MessageID + ">"}
	if !m.Notice.Deadline.IsZero() {
		e.Deadline = m.Notice.Deadline.String()
	}
	return e
}

// mail is m as go-mail sends it, dated at.
func (m Message) mail(from string, at time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("--from %q: %w", from, err)
	}
	if err := msg.AddToFormat(m.Recipient.Name, m.Recipient.Address); err != nil {
		return nil, fmt.Errorf("%s: %w", m.Recipient.Address, err)
	}
	if m.replyTo != "" {
		// objections go to the DPA's contact, not to a sending address
		if err := msg.ReplyTo(m.replyTo); err != nil {
			return nil, fmt.Errorf("reply-to %q: %w", m.replyTo, err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDateWithValue(at)
	msg.SetGenHeader("Content-Language", string(m.Lang))
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(HeaderNotice, m.Notice.ID)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}

// HeaderNotice names the notice a message carries (emit.Notice.ID).
const HeaderNotice = "X-Trustportal-Notice"

// newClient returns the SMTP client of s: STARTTLS required, AUTH PLAIN
// when a user is given; without TLS only to this machine.
func newClient(s SMTP) (*gomail.Client, error) {
	host, portText, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return nil, fmt.Errorf("--smtp %q: give the server as host:port, e.g. smtp.example.com:587", s.Addr)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("--smtp %q: the port is not a number", s.Addr)
	}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(cmp.Or(s.Timeout, 30*time.Second))}
	tlsConfig := s.TLS
	if tlsConfig == nil {
		tlsConfig = &tls.Config{}
	}
	tlsConfig = tlsConfig.Clone()
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = host
	}
	tlsConfig.MinVersion = max(tlsConfig.MinVersion, tls.VersionTLS12)
	switch {
	case s.Insecure && !isLoopback(host):
		return nil, fmt.Errorf("--smtp-insecure sends without TLS, which is only for a server on this machine (localhost, 127.0.0.1), not %s", host)
	case s.Insecure && s.User != "":
		return nil, errors.New("--smtp-insecure with --smtp-user would send the password without TLS: leave out one of them")
	case s.Insecure:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tlsConfig))
	}
	if s.User != "" {
		if s.Password == "" {
			return nil, errors.New("--smtp-user is given but no password: set TRUSTPORTAL_SMTP_PASSWORD")
		}
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(s.User), gomail.WithPassword(s.Password))
	}
	c, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("--smtp %s: %w", s.Addr, err)
	}
	return c, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// dryRun writes the messages due into opts.DryRun as .eml files.
func dryRun(opts Options) (Summary, error) {
	sent := func(string, string) bool { return false }
	if _, err := os.Stat(opts.Log); err == nil {
		log, err := openLog(opts.Log)
		if err != nil {
			return Summary{}, err
		}
		log.Close()
		sent = log.has
	}
	msgs, sum, err := plan(opts, sent)
	if err != nil {
		return sum, err
	}
	if err := os.MkdirAll(opts.DryRun, 0o700); err != nil {
		return sum, fmt.Errorf("--dry-run: %w", err)
	}
	for _, m := range msgs {
		msg, err := m.mail(opts.From, opts.Now())
		if err != nil {
			return sum, err
		}
		name := filepath.Join(opts.DryRun, m.fileName())
		if err := notSomeoneElses(name, m.MessageID); err != nil {
			return sum, err
		}
		if err := msg.WriteToFile(name); err != nil {
			return sum, fmt.Errorf("--dry-run: %w", err)
		}
		sum.Written = append(sum.Written, name)
	}
	slices.Sort(sum.Written)
	return sum, nil
}

// notSomeoneElses refuses to write over a file at name that is not the
// message with messageID that an earlier dry run wrote: the tool replaces
// only what it wrote itself.
func notSomeoneElses(name, messageID string) error {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--dry-run: %w", err)
	}
	defer f.Close()
	if m, err := netmail.ReadMessage(f); err == nil && m.Header.Get("Message-Id") == "<"+messageID+">" {
		return nil
	}
	return fmt.Errorf("--dry-run: %s exists and is not a message trustportal wrote there; nothing was written over it: move it away or give another directory", name)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._@-]+`)

// fileName is the .eml file of m: the address, the version and the topic,
// with the Message-ID's hash to tell the notices apart.
func (m Message) fileName() string {
	hash, _, _ := strings.Cut(strings.TrimPrefix(m.MessageID, "notice-"), "@")
	return unsafeName.ReplaceAllString(fmt.Sprintf("%s_%s_%s-%s_%.8s", m.Recipient.Address, m.Notice.Version, m.Notice.Topic, m.Notice.Kind, hash), "-") + ".eml"
}
