package generator

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/notify"
)

// NotifyOptions says which release's notices go to whom (see package
// notify).
type NotifyOptions struct {
	Source  string
	Version string
	// Recipients is the recipients file (CSV or TOML), Log the send log:
	// both outside the project, since customer contacts do not belong in
	// its repository.
	Recipients, Log string
	DryRun          string
	From            string
	SMTP            notify.SMTP
	Now             func() time.Time
}

// Notify mails the notices of release opts.Version to the recipients, or
// writes them as .eml files with opts.DryRun.
func Notify(ctx context.Context, opts NotifyOptions) (notify.Summary, error) {
	p, err := Load(opts.Source)
	if err != nil {
		return notify.Summary{}, err
	}
	for flag, path := range map[string]string{"--recipients": opts.Recipients, "--log": opts.Log, "--dry-run": opts.DryRun} {
		if err := outside(p.Source, flag, path); err != nil {
			return notify.Summary{}, err
		}
	}
	if opts.Version == Working {
		return notify.Summary{}, fmt.Errorf("--release %s: only a released version is announced; release it first", opts.Version)
	}
	if _, err := p.Version(opts.Version); err != nil {
		return notify.Summary{}, fmt.Errorf("--release: %w", err)
	}
	if opts.From == "" {
		return notify.Summary{}, fmt.Errorf("--from is needed: the sender's address, e.g. --from \"%s <privacy@example.com>\"", p.Model.Docs.Processor.Name)
	}
	if _, err := mail.ParseAddress(opts.From); err != nil {
		return notify.Summary{}, fmt.Errorf("--from %q is not an address: give notices@example.com or \"Name <notices@example.com>\"", opts.From)
	}
	recipients, err := notify.ReadRecipients(opts.Recipients)
	if err != nil {
		return notify.Summary{}, err
	}
	m := p.Model
	notices := map[model.Lang][]emit.Notice{}
	for _, lang := range m.Site.Languages {
		ns, err := emit.Notices(emit.Options{Portal: m, Strings: p.Strings, ReleaseStrings: p.ReleaseStrings, Today: today(model.Date{})}, opts.Version, lang)
		if err != nil {
			return notify.Summary{}, err
		}
		notices[lang] = ns
	}
	base, err := url.Parse(m.Site.BaseURL)
	if err != nil {
		return notify.Summary{}, fmt.Errorf("base_url: %w", err)
	}
	return notify.Run(ctx, notify.Options{Notices: notices, Binding: m.Docs.Processor.Contract.BindingLanguage, Strings: p.Strings,
		Processor: m.Docs.Processor.Name, ObjectTo: objectionAddress(m, opts.From), Host: base.Hostname(), Recipients: recipients,
		Log: opts.Log, DryRun: opts.DryRun, From: opts.From, SMTP: opts.SMTP, Now: opts.Now})
}

// objectionAddress is where customers send an objection: the e-mail of the
// DPA's contact for instructions, else of the DPO, else the sender.
func objectionAddress(m *model.Portal, from string) string {
	for _, c := range slices.Concat(m.Docs.Processor.Instructions, m.Docs.Processor.DPO) {
		if c.Email != "" {
			return c.Email
		}
	}
	return from
}

// outside refuses a path of notify's inside the project: customer contacts
// and the send log do not belong in the portal's repository or site.
func outside(source, flag, path string) error {
	if path == "" {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(source, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s %s lies inside the portal project %s: customer contacts and the send log do not belong in its repository (or its public site); keep them elsewhere, e.g. in /var/lib/trustportal/", flag, path, source)
	}
	return nil
}
