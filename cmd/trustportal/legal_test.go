package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/testportal"
)

// TestCheckLegalFindings: check reports what the legal checks find as
// warnings, each with the rule's source, and exits 0; --strict makes them
// errors (exit status 1). The sample portal passes --strict.
func TestCheckLegalFindings(t *testing.T) {
	sample := testportal.Root(t)
	edited := func(edits ...testportal.Edit) string { return testportal.Copy(t, sample, edits...) }
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string // lines the output must hold
		stdout string
	}{
		{"the sample passes --strict", []string{"check", "--strict", "--today", "2026-11-25", "--source", sample}, 0, nil, "no problems found"},
		{"its certifications expire", []string{"check", "--strict", "--today", "2030-01-01", "--source", sample}, 1, []string{"data/certifications.toml"}, ""},
		{"findings are warnings", []string{"check", "--source", testportal.Minimal(t)}, 0,
			[]string{`warning: data/toms.toml: area.objectives: Art. 32(1)(d) GDPR (art32-1-d): no measure of the TOM annex serves the objective "review"`},
			"finding(s) of the legal checks"},
		{"--strict makes them errors", []string{"check", "--strict", "--source", testportal.Minimal(t)}, 1,
			[]string{"\ndata/toms.toml: area.objectives: Art. 32(1)(d) GDPR (art32-1-d): no measure of the TOM annex serves the objective \"review\""}, ""},
		{"a clause no longer tagged", []string{"check", "--strict", "--source", edited(
			testportal.Edit{File: "content/dpa/security.de.md", Old: "fulfils = [\"art28-3-c\"]\n", New: ""})}, 1,
			[]string{"content/dpa: fulfils: Art. 28(3)(c), Art. 32 GDPR (art28-3-c): no clause is tagged as setting out the measures required by Art. 32"}, ""},
		{"a period that differs between the languages", []string{"check", "--strict", "--source", edited(
			testportal.Edit{File: "content/dpa/breach-notification.en.md", Old: "48 hours", New: "72 hours"})}, 1,
			[]string{"content/dpa/breach-notification.en.md:7: sub-clause \"breach-notice-deadline\": § 305c(2) BGB (ambiguous terms are construed against the processor) (language-parity): the language versions differ in their numbers, dates or addresses: the German text states 48, the English text does not; the English text states 72, the German text does not"}, ""},
		{"a third country no subprocessor covers", []string{"check", "--source", edited(
			testportal.Edit{File: "data/subprocessors.toml", Old: `locations = [{ country = "CH", city = "Zürich" }]`, New: `locations = [{ country = "DE", city = "Berlin" }]`})}, 0,
			[]string{"warning: data/processing.toml:", "location[4].country: Art. 28(3)(a), Art. 44 GDPR (annex-third-countries): CH, outside the EU/EEA, is named as a place of processing, but no subprocessor processes data there"}, "1 finding(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\n%s", code, tt.code, stderr.String())
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			if tt.code == 0 && len(tt.stderr) == 0 && stderr.Len() > 0 {
				t.Errorf("stderr: %s", stderr.String())
			}
			if tt.code == 1 && strings.Contains(stderr.String(), "warning:") {
				t.Errorf("--strict still calls them warnings:\n%s", stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
		})
	}
}
