package generator_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
)

const testCertifications = `[[certification]]
id = "iso-27001"
name = "ISO/IEC 27001:2022"
issuer = "Muster-Zertifizierer GmbH"
scope = { de = "Betrieb der Plattform", en = "Operating the platform" }
valid_from = 2024-01-01
valid_until = 2027-12-31
url = "https://beispiel.example/iso.pdf"

[[certification]]
id = "c5"
name = "BSI C5:2020"
issuer = "Muster-Prüfer AG"
scope = { de = "Cloud-Dienst", en = "Cloud service" }
valid_from = 2023-01-01
valid_until = 2025-12-31
on_request = true
request_email = "security@beispiel.example"

[[certification]]
id = "soc2"
name = "SOC 2 Type II"
issuer = "Muster-Prüfer AG"
scope = { de = "Sicherheit", en = "Security" }
valid_from = 2025-01-01
valid_until = 2026-12-10
on_request = true
request_email = "security@beispiel.example"
`

// TestCertificationsOnTheHomePage: each certification is listed with
// issuer, scope and its status on the day of the build: valid until, or
// expired (on another day, the other way round); a certificate's link,
// or the address to request it from.
func TestCertificationsOnTheHomePage(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/certifications.toml", New: testCertifications})
	for _, tc := range []struct {
		day  model.Date
		want map[string]string // certification id → its status text (en)
	}{
		{today, map[string]string{"iso-27001": "valid until 31 December 2027", "c5": "expired on 31 December 2025", "soc2": "valid until 10 December 2026"}},
		{model.NewDate(2025, 6, 1), map[string]string{"c5": "valid until 31 December 2025", "soc2": "valid until 10 December 2026"}},
		{model.NewDate(2024, 6, 1), map[string]string{"soc2": "valid from 1 January 2025 to 10 December 2026"}},
	} {
		out := filepath.Join(t.TempDir(), "public")
		if err := generator.Build(generator.Options{Source: src, Out: out, Today: tc.day}); err != nil {
			t.Fatal(err)
		}
		page := testportal.HTML(t, filepath.Join(out, "en", "index.html"))
		for id, want := range tc.want {
			cert := page.Find("main #certifications #cert-" + id)
			if got := squash(cert.Find(".cert__validity").Text()); got != want {
				t.Errorf("%s on %s: %q, want %q", id, tc.day, got, want)
			}
		}
		if tc.day == today {
			iso := page.Find("#cert-iso-27001")
			if got := labels(iso); strings.Join(got, "|") != "Issued by|Scope" || squash(iso.Find("dd").First().Text()) != "Muster-Zertifizierer GmbH" || squash(iso.Find("dd").Last().Text()) != "Operating the platform" {
				t.Errorf("issuer and scope: %q", got)
			}
			if href := iso.Find(`a[href^="https:"]`).AttrOr("href", ""); href != "https://beispiel.example/iso.pdf" {
				t.Errorf("certificate link %q", href)
			}
			if page.Find("#cert-c5.cert--expired .badge--expired").Length() != 1 {
				t.Error("the expired certification is not marked as expired")
			}
			if href := page.Find("#cert-c5 a").AttrOr("href", ""); href != "mailto:security@beispiel.example" {
				t.Errorf("request address %q", href)
			}
			de := testportal.HTML(t, filepath.Join(out, "de", "index.html"))
			if got := squash(de.Find("#cert-c5 .cert__validity").Text()); got != "abgelaufen am 31. Dezember 2025" {
				t.Errorf("de: %q", got)
			}
		}
	}
	// Without data/certifications.toml, no section.
	plain := buildFixture(t, testportal.Minimal(t))
	if n := testportal.HTML(t, filepath.Join(plain, "en", "index.html")).Find("#certifications").Length(); n != 0 {
		t.Errorf("a portal without certifications has %d sections of them", n)
	}
}

// TestCertificationsExpiring: check warns of an expired certification and
// of one that expires within 30 days, pointing at valid_until; --strict
// makes them errors.
func TestCertificationsExpiring(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/certifications.toml", New: testCertifications})
	checked, err := generator.CheckWith(generator.CheckOptions{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"data/certifications.toml:16:1: certification[1].valid_until: BSI C5:2020 expired on 2025-12-31; the home page shows it as expired",
		"data/certifications.toml:26:1: certification[2].valid_until: SOC 2 Type II expires on 2026-12-10, within 30 days",
	}
	var got []string
	for _, p := range checked.Certifications {
		got = append(got, strings.SplitN(p.Error(), "\n", 2)[0])
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, err = generator.CheckWith(generator.CheckOptions{Source: src, Today: today, Strict: true})
	var problems problem.List
	if !errors.As(err, &problems) || !strings.Contains(err.Error(), "BSI C5:2020 expired") {
		t.Errorf("--strict: %v", err)
	}
	if checked, err := generator.CheckWith(generator.CheckOptions{Source: src, Today: model.NewDate(2025, 6, 1)}); err != nil || len(checked.Certifications) != 0 {
		t.Errorf("before any expires: %v %v", checked, err)
	}
}

// TestCertificationProblems: wrong entries are reported with file, line,
// field and how to fix them.
func TestCertificationProblems(t *testing.T) {
	entry := func(extra string) string {
		return "[[certification]]\nid = \"iso\"\nname = \"ISO/IEC 27001\"\nissuer = \"X\"\nscope = { de = \"a\", en = \"b\" }\nvalid_from = 2024-01-01\nvalid_until = 2026-12-31\n" + extra
	}
	for _, tc := range []struct {
		name, file, want string
	}{
		{"neither link nor request", entry(""), "certification[0].url: says neither where the certificate can be read nor that it is given on request"},
		{"javascript link", entry("url = \"javascript:alert(1)\"\n"), `certification[0].url: "javascript:alert(1)" is not an https:// or http:// address`},
		{"mailto link", entry("url = \"mailto:a@b.example\"\n"), `is not an https:// or http:// address`},
		{"on request without address", entry("on_request = true\n"), "certification[0].request_email: required field is missing"},
		{"both", entry("on_request = true\nrequest_email = \"a@b.example\"\nurl = \"https://b.example/\"\n"), "certification[0].on_request: gives both a link"},
		{"ends before it starts", strings.Replace(entry("url = \"https://b.example/\"\n"), "valid_until = 2026-12-31", "valid_until = 2023-12-31", 1), "certification[0].valid_until: 2023-12-31 is not after valid_from 2024-01-01"},
		{"no scope in English", strings.Replace(entry("url = \"https://b.example/\"\n"), `, en = "b"`, "", 1), "certification[0].scope: text has no English version"},
		{"duplicate id", entry("url = \"https://b.example/\"\n") + "\n" + entry("url = \"https://b.example/\"\n"), `certification[1].id: duplicate id "iso"`},
		{"unknown field", entry("url = \"https://b.example/\"\nvalid_untill = 2027-01-01\n"), "valid_untill"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t), testportal.Edit{File: "data/certifications.toml", New: tc.file})
			_, err := generator.Load(src)
			if err == nil || !strings.Contains(err.Error(), "data/certifications.toml:") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want %q, got:\n%v", tc.want, err)
			}
		})
	}
}
