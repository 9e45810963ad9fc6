package notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"
)

// Entry is one line of the send log: a notice that the SMTP server
// accepted for an address. The log is the evidence of notice.
type Entry struct {
	Notice    string `json:"notice"` // emit.Notice.ID
	Version   string `json:"version"`
	Topic     string `json:"topic"`
	Address   string `json:"address"`
	Customer  string `json:"customer,omitempty"`
	Lang      string `json:"lang"`
	Subject   string `json:"subject"`
	MessageID string `json:"message_id"`
	Deadline  string `json:"objection_deadline,omitempty"`
	Sent      string `json:"sent"` // RFC 3339, UTC
}

// key is what makes a notice to an address sent once.
func key(notice, address string) string { return notice + "\x00" + strings.ToLower(address) }

// sendLog is the append-only send log: JSON lines, each written and
// synced to disk before the next message is sent.
type sendLog struct {
	path string
	f    *os.File
	sent map[string]Entry
	// torn is where a line cut off at the end of the log starts; -1 for
	// none
	torn int64
}

// openLog reads the send log at path (created if missing) and opens it for
// appending.
func openLog(path string) (*sendLog, error) {
	l := &sendLog{path: path, sent: map[string]Entry{}, torn: -1}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("send log: %w", err)
	}
	lines := strings.Split(string(data), "\n")
	whole := int64(0) // the length of the complete lines
	for i, line := range lines {
		if strings.TrimSpace(line) != "" {
			var e Entry
			if err := json.Unmarshal([]byte(line), &e); err != nil || e.Notice == "" || e.Address == "" {
				if i == len(lines)-1 {
					// the last line, cut off by a run that stopped while
					// writing it: that message counts as not sent (see
					// docs/notices.md), and the line goes
					l.torn = whole
					break
				}
				return nil, fmt.Errorf("send log %s:%d: not an entry of the log (%v): only trustportal notify writes the log; restore it from a backup rather than editing it", path, i+1, err)
			}
			l.sent[key(e.Notice, e.Address)] = e
		}
		whole += int64(len(line)) + 1
	}
	l.f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("send log: %w", err)
	}
	return l, nil
}

// has reports whether the notice went to address.
func (l *sendLog) has(notice, address string) bool {
	_, ok := l.sent[key(notice, address)]
	return ok
}

// record appends e and syncs it to disk.
func (l *sendLog) record(e Entry, at time.Time) error {
	e.Sent = at.UTC().Format(time.RFC3339)
	var line bytes.Buffer
	enc := json.NewEncoder(&line) // ends the line with \n
	enc.SetEscapeHTML(false)      // <message-id> as it is
	if err := enc.Encode(e); err != nil {
		return err
	}
	if l.torn >= 0 {
		if err := l.f.Truncate(l.torn); err != nil {
			return fmt.Errorf("send log %s: remove the line cut off: %w", l.path, err)
		}
		l.torn = -1
	}
	if _, err := l.f.Write(line.Bytes()); err != nil {
		return fmt.Errorf("send log %s: %w", l.path, err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("send log %s: %w", l.path, err)
	}
	l.sent[key(e.Notice, e.Address)] = e
	return nil
}

func (l *sendLog) Close() error { return l.f.Close() }
