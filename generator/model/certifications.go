package model

// CertificationsFile is data/certifications.toml (optional): the
// processor's certifications and audit reports, which the home page lists
// with their status on the day of the build. They are not part of the
// DPA's text: no release freezes them.
type CertificationsFile struct {
	Certifications []Certification `toml:"certification"`
	Src            Src             `toml:"-"`
}

// Certification is a certificate or an audit report: ISO/IEC 27001, SOC 2
// Type II, BSI C5, TISAX …
type Certification struct {
	ID     string `toml:"id"`
	Name   string `toml:"name"`   // "ISO/IEC 27001:2022"; not translated
	Issuer string `toml:"issuer"` // the certification body or auditor
	Scope  Text   `toml:"scope"`  // what it covers
	// ValidFrom and ValidUntil are the certificate's validity, or the
	// period a report covers and until when it is current.
	ValidFrom  Date `toml:"valid_from"`
	ValidUntil Date `toml:"valid_until"`
	// URL is where the certificate can be read; OnRequest says instead that
	// it is given on request, to RequestEmail.
	URL          string `toml:"url"`
	OnRequest    bool   `toml:"on_request"`
	RequestEmail string `toml:"request_email"`
	Src          Src    `toml:"-"`
}

// Expired reports whether c is no longer valid on day d.
func (c Certification) Expired(d Date) bool {
	return !c.ValidUntil.IsZero() && c.ValidUntil.Before(d)
}

// NotYetValid reports whether c is valid only after day d.
func (c Certification) NotYetValid(d Date) bool {
	return !c.ValidFrom.IsZero() && d.Before(c.ValidFrom)
}
