package validate

import (
	"fmt"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// certifications checks data/certifications.toml: each entry with an id,
// name, issuer, scope and validity, and either a link to the certificate
// or the address it is requested from.
func (c *checker) certifications(f *model.CertificationsFile) {
	for _, cert := range f.Certifications {
		s := cert.Src
		c.id(s, "id", "certification", cert.ID)
		c.str(s, "name", cert.Name, `"ISO/IEC 27001:2022"`)
		c.str(s, "issuer", cert.Issuer, `"the certification body or auditor"`)
		c.text(s, "scope", cert.Scope, true)
		c.date(s, "valid_from", cert.ValidFrom, true)
		c.date(s, "valid_until", cert.ValidUntil, true)
		if !cert.ValidFrom.IsZero() && !cert.ValidUntil.IsZero() && !cert.ValidFrom.Before(cert.ValidUntil) {
			c.at(s, "valid_until", fmt.Sprintf("%s is not after valid_from %s", cert.ValidUntil, cert.ValidFrom),
				"give the last day the certificate is valid, or the report is current")
		}
		switch {
		case cert.URL != "" && cert.OnRequest:
			c.at(s, "on_request", "gives both a link to the certificate and on_request",
				"keep url where the certificate can be read, or on_request = true with request_email where it is given on request")
		case cert.URL != "":
			if _, ok := webURL(cert.URL); !ok {
				c.at(s, "url", fmt.Sprintf("%q is not an https:// or http:// address", cert.URL),
					`link the certificate's page or file, e.g. url = "https://www.example.com/iso-27001.pdf"`)
			}
		case cert.OnRequest:
			if cert.RequestEmail == "" {
				c.missing(s, "request_email", `"security@example.com" (where customers request the certificate or report)`)
			}
			c.email(s, "request_email", cert.RequestEmail)
		default:
			c.at(s, "url", "says neither where the certificate can be read nor that it is given on request",
				`add url = "https://…", or on_request = true with request_email = "security@example.com"`)
		}
		if cert.RequestEmail != "" && !cert.OnRequest {
			c.at(s, "request_email", "gives a request address, but on_request is not set", "add on_request = true, or remove request_email")
		}
	}
}

// ExpiringDays is how long before a certification expires check warns.
const ExpiringDays = 30

// Certifications returns a warning for every certification that has expired
// on today, or expires within ExpiringDays: the home page shows an expired
// one as expired, and customers' reviews ask for a current one.
func Certifications(f *model.CertificationsFile, today model.Date) problem.List {
	var out problem.List
	soon := model.NewDate(today.Time().AddDate(0, 0, ExpiringDays).Date())
	for _, cert := range f.Certifications {
		at := cert.Src.At("valid_until")
		p := problem.Problem{File: at.File, Line: at.Line, Col: at.Col, Field: cert.Src.FieldPath("valid_until")}
		switch {
		case cert.Expired(today):
			p.Message = fmt.Sprintf("%s expired on %s; the home page shows it as expired", cert.Name, cert.ValidUntil)
		case !soon.Before(cert.ValidUntil):
			p.Message = fmt.Sprintf("%s expires on %s, within %d days", cert.Name, cert.ValidUntil, ExpiringDays)
		default:
			continue
		}
		p.Hint = "when it is renewed, give the new certificate's dates (and link); or remove the entry"
		out.Add(p)
	}
	return out
}
