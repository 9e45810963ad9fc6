package notify

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal/generator/notify/smtptest"
)

// TestSendLogAfterCrash: a log whose last line was cut off by a crash is
// read up to it, that message is sent again (with the same Message-ID) and
// its entry replaces the cut-off line; a broken line before the end stops
// the run rather than send anything twice.
func TestSendLogAfterCrash(t *testing.T) {
	srv := smtptest.Start(t)
	opts := serverOptions(sample(t, "3.0"), srv)
	opts.Recipients = []Recipient{{Address: "legal@customer-a.example", Lang: "en"}}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	complete, err := os.ReadFile(opts.Log)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(string(complete)), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2", len(lines))
	}

	for _, tc := range []struct {
		name, log string
		resent    int
		errors    string
	}{
		{name: "last line cut off", log: lines[0] + lines[1][:40], resent: 1},
		{name: "broken line before the end", log: lines[0][:40] + "\n" + lines[1] + "\n", errors: "sent.jsonl:1: not an entry of the log"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(srv.Messages())
			o := opts
			o.Log = filepath.Join(t.TempDir(), "sent.jsonl")
			if err := os.WriteFile(o.Log, []byte(tc.log), 0o600); err != nil {
				t.Fatal(err)
			}
			sum, err := Run(context.Background(), o)
			if tc.errors != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errors) {
					t.Fatalf("error %v, want %q", err, tc.errors)
				}
				if n := len(srv.Messages()) - before; n != 0 {
					t.Errorf("%d messages sent despite the broken log", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			msgs := srv.Messages()[before:]
			if len(sum.Sent) != tc.resent || len(msgs) != tc.resent {
				t.Fatalf("sent %d (server: %d), want %d", len(sum.Sent), len(msgs), tc.resent)
			}
			if got, want := msgs[0].Header.Get("Message-Id"), sum.Sent[0].MessageID; !strings.Contains(string(complete), want) || got != want {
				t.Errorf("the message sent again has Message-ID %q, not the first one's %q", got, want)
			}
			data, err := os.ReadFile(o.Log)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != string(complete) {
				t.Errorf("the log after the rerun:\n%s\nwant the cut-off line replaced by the new entry:\n%s", data, complete)
			}
			// and it reads
			l, err := openLog(o.Log)
			if err != nil {
				t.Fatalf("the log cannot be read after the rerun: %v", err)
			}
			l.Close()
			if len(l.sent) != 2 {
				t.Errorf("the log records %d messages, want 2", len(l.sent))
			}
		})
	}
}

// TestServerDown: with no server to connect to, every message is named as
// not sent, after a single attempt to connect.
func TestServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	opts := sample(t, "3.0")
	opts.SMTP = SMTP{Addr: addr, Timeout: 2 * time.Second}
	opts.Recipients = []Recipient{{Address: "a@customer.example", Lang: "en"}, {Address: "b@customer.example", Lang: "de"}}
	sum, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 4 || len(sum.Sent) != 0 {
		t.Fatalf("failed %d, sent %d; want 4 and 0", len(sum.Failed), len(sum.Sent))
	}
	for _, f := range sum.Failed {
		if !strings.Contains(f.Err.Error(), "connect to "+addr) {
			t.Errorf("%s: %v", f.Address, f.Err)
		}
	}
}

// TestInterrupted: a run interrupted (Ctrl-C) sends nothing more and names
// every message left as not sent.
func TestInterrupted(t *testing.T) {
	srv := smtptest.Start(t)
	opts := serverOptions(sample(t, "3.0"), srv)
	opts.Recipients = []Recipient{{Address: "a@customer.example", Lang: "en"}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, err := Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 2 || !errors.Is(sum.Failed[1].Err, context.Canceled) || len(srv.Messages()) != 0 {
		t.Errorf("failed %+v, server has %d messages; want both named as not sent, none received", sum.Failed, len(srv.Messages()))
	}
}
