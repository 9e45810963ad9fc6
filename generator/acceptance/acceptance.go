// Package acceptance answers what a signup backend asks of a recorded
// acceptance: is this hash that of a published text, and is its version the
// one in effect (current), one that was (superseded), one still to come
// (upcoming), or none at all (unknown)? It reads the answer from a portal's
// published manifest (/api/dpa.json, a URL or a file), without the portal's
// checkout; the generator gives the same answer from a checkout.
package acceptance

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/canonical"
)

// Status is where the version of a text stands on the manifest's day.
type Status string

// The four answers, best first.
const (
	Current    Status = "current"    // the version in effect: valid for a new signup
	Superseded Status = "superseded" // in effect before: valid for customers who accepted it, not for a new signup
	Upcoming   Status = "upcoming"   // announced, not yet in effect: valid for no one yet
	Unknown    Status = "unknown"    // no published text has the hash
)

// rank orders the answers, the best first.
var rank = []Status{Current, Superseded, Upcoming, Unknown}

// Exit statuses of trustportal verify, one per answer (2 is trouble).
const (
	ExitCurrent    = 0
	ExitUnknown    = 1
	ExitSuperseded = 3 // with --current only; without it, 0
	ExitUpcoming   = 4
)

// ExitCode is the exit status of trustportal verify for status s;
// requireCurrent (--current) makes a superseded version fail too.
func ExitCode(s Status, requireCurrent bool) int {
	switch s {
	case Current:
		return ExitCurrent
	case Superseded:
		if requireCurrent {
			return ExitSuperseded
		}
		return ExitCurrent
	case Upcoming:
		return ExitUpcoming
	}
	return ExitUnknown
}

// Match is a published text with the hash asked for.
type Match struct {
	Version   string `json:"version"`
	Effective string `json:"effective"`
	Status    Status `json:"status"`
	// Doc is "dpa", "toms", "subprocessors" or "agreement" (the DPA with
	// its annexes).
	Doc  string `json:"document"`
	Lang string `json:"language"`
}

// Best returns the best answer among matches: Current if any of them is
// a text of the version in effect, and Unknown if there are none.
func Best(matches []Match) Status {
	best := len(rank) - 1
	for _, m := range matches {
		if i := slices.Index(rank, m.Status); i >= 0 && i < best {
			best = i
		}
	}
	return rank[best]
}

// Filter returns the matches of version and lang ("" for any).
func Filter(matches []Match, version, lang string) []Match {
	var out []Match
	for _, m := range matches {
		if (version == "" || m.Version == version) && (lang == "" || m.Lang == lang) {
			out = append(out, m)
		}
	}
	return out
}

// Manifest is what verify reads of /api/dpa.json (format 1).
type Manifest struct {
	Format               int     `json:"format"`
	Portal               string  `json:"portal"`
	AsOf                 string  `json:"as_of"`
	RenewalRequiredSince *string `json:"renewal_required_since"`
	Current              *Entry  `json:"current"`
	Versions             []Entry `json:"versions"`
}

// Entry is one version in the manifest.
type Entry struct {
	Version   string                     `json:"version"`
	Effective string                     `json:"effective"`
	Status    Status                     `json:"status"`
	Languages map[string]Text            `json:"languages"`
	Annexes   map[string]map[string]Text `json:"annexes"`
}

// Text is one document of a version in one language.
type Text struct {
	SHA256          string `json:"sha256"`
	AgreementSHA256 string `json:"agreement_sha256"`
}

// Find returns every text of the manifest whose SHA-256 is hash (64
// lower-case hexadecimal digits), with its version's status as the manifest
// gives it on its as_of day.
func (m *Manifest) Find(hash string) []Match {
	var out []Match
	for _, e := range m.Versions {
		add := func(doc, lang, sum string) {
			if sum == hash {
				out = append(out, Match{Version: e.Version, Effective: e.Effective, Status: e.Status, Doc: doc, Lang: lang})
			}
		}
		for _, lang := range sortedKeys(e.Languages) {
			add("dpa", lang, e.Languages[lang].SHA256)
			add("agreement", lang, e.Languages[lang].AgreementSHA256)
		}
		for _, doc := range sortedKeys(e.Annexes) {
			for _, lang := range sortedKeys(e.Annexes[doc]) {
				add(doc, lang, e.Annexes[doc][lang].SHA256)
			}
		}
	}
	return out
}

// Answer answers for hash from the manifest, restricted to version and
// lang ("" for any), as of the manifest's as_of day.
func (m *Manifest) Answer(hash, version, lang string) *Answer {
	inEffect := ""
	if m.Current != nil {
		inEffect = m.Current.Version
	}
	return NewAnswer(hash, m.Find(hash), inEffect, m.AsOf, version, lang)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// MaxManifestSize is the largest manifest Read accepts (a portal with a
// thousand versions writes about 4 MB).
const MaxManifestSize = 16 << 20

// Timeout bounds fetching a manifest over the network.
const Timeout = 30 * time.Second

// Read reads the manifest at src: an https URL (http only for this
// machine: localhost, 127.0.0.1, ::1) or a file.
func Read(src string) (*Manifest, error) {
	var data []byte
	var err error
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		data, err = fetch(src)
	} else {
		data, err = readFile(src)
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: not a trustportal manifest: %w", src, err)
	}
	if m.Format != 1 {
		return nil, fmt.Errorf("%s: manifest format %d: this trustportal reads format 1; use the trustportal version that built the portal", src, m.Format)
	}
	for i, e := range m.Versions {
		if !slices.Contains(rank[:3], e.Status) {
			return nil, fmt.Errorf("%s: versions[%d].status %q: a manifest says current, superseded or upcoming", src, i, e.Status)
		}
	}
	return &m, nil
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(name, f)
}

func readLimited(src string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxManifestSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	if len(data) > MaxManifestSize {
		return nil, fmt.Errorf("%s: larger than %d MB: not a trustportal manifest", src, MaxManifestSize>>20)
	}
	return data, nil
}

// fetch gets a manifest over https, or http from this machine.
func fetch(src string) ([]byte, error) {
	u, err := url.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("--manifest %q: %w", src, err)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("--manifest %s: http is only for this machine (localhost); use the portal's https URL", src)
	}
	client := &http.Client{Timeout: Timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "https" && !(req.URL.Scheme == "http" && isLoopback(req.URL.Hostname())) {
			return fmt.Errorf("redirected to %s, which is not https", req.URL)
		}
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		return nil
	}}
	resp, err := client.Get(u.String())
	if err != nil {
		return nil, fmt.Errorf("--manifest: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("--manifest %s: the server answered %s", src, resp.Status)
	}
	return readLimited(src, resp.Body)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// What names what the hash matched: "the canonical text of dpa", or the
// agreement hash and the documents it covers.
func (m Match) What() string {
	if m.Doc == canonical.Agreement {
		return "the agreement hash (the DPA with its annexes: " + strings.Join(canonical.Documents, ", ") + ")"
	}
	return "the canonical text of " + m.Doc
}

// Answer is verify's answer for one hash.
type Answer struct {
	SHA256 string `json:"sha256"`
	Status Status `json:"status"`
	// ValidForNewSignup is true for a text of the version in effect only.
	ValidForNewSignup bool `json:"valid_for_new_signup"`
	// ValidForExistingCustomer is true for the version in effect and one
	// superseded: what a customer who accepted it agreed to.
	ValidForExistingCustomer bool `json:"valid_for_existing_customer"`
	// InEffect is the version in effect ("" before the first), AsOf the day
	// the answer is for.
	InEffect string  `json:"in_effect"`
	AsOf     string  `json:"as_of"`
	Matches  []Match `json:"matches"`
	// Elsewhere are the texts with the hash outside the --version and
	// --lang asked for.
	Elsewhere []Match `json:"elsewhere,omitempty"`
	// Version and Lang are what was asked for ("" for any).
	Version string `json:"version,omitempty"`
	Lang    string `json:"language,omitempty"`
}

// NewAnswer answers for hash from all (every text with the hash), the
// version in effect and the day, restricted to version and lang ("" for
// any).
func NewAnswer(hash string, all []Match, inEffect, asOf, version, lang string) *Answer {
	a := &Answer{SHA256: hash, InEffect: inEffect, AsOf: asOf, Version: version, Lang: lang, Matches: Filter(all, version, lang)}
	if a.Matches == nil {
		a.Matches = []Match{}
	}
	for _, m := range all {
		if !slices.Contains(a.Matches, m) {
			a.Elsewhere = append(a.Elsewhere, m)
		}
	}
	a.Status = Best(a.Matches)
	a.ValidForNewSignup = a.Status == Current
	a.ValidForExistingCustomer = a.Status == Current || a.Status == Superseded
	return a
}

// WriteJSON writes the answer as one JSON object, for scripts.
func (a *Answer) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(a)
}

// WriteText writes the answer for a person: each text with the hash, then
// what it means for an acceptance.
func (a *Answer) WriteText(w io.Writer, langName func(string) string) {
	for _, m := range a.Matches {
		fmt.Fprintf(w, "sha256:%s is %s, version %s, in %s (%s), effective %s\n",
			a.SHA256, m.What(), m.Version, langName(m.Lang), m.Lang, m.Effective)
	}
	switch a.Status {
	case Current:
		fmt.Fprintf(w, "current: version %s is in effect (as of %s); valid for a new signup\n", a.InEffect, a.AsOf)
		return
	case Superseded:
		fmt.Fprintf(w, "superseded: the version in effect is %s (as of %s); valid for a customer who accepted it, not for a new signup\n", a.InEffect, a.AsOf)
		return
	case Upcoming:
		fmt.Fprintf(w, "upcoming: not yet in effect (as of %s; in effect: %s); valid for no signup before its effective date\n", a.AsOf, orNone(a.InEffect))
		return
	}
	fmt.Fprintf(w, "trustportal verify: no published text has SHA-256 %s", a.SHA256)
	var as []string
	if a.Version != "" {
		as = append(as, "version "+a.Version)
	}
	if a.Lang != "" {
		as = append(as, "language "+a.Lang)
	}
	if len(as) > 0 {
		fmt.Fprintf(w, " as %s", strings.Join(as, ", "))
	}
	fmt.Fprintln(w)
	for _, m := range a.Elsewhere {
		fmt.Fprintf(w, "  it is the text of %s, version %s, in %s\n", m.Doc, m.Version, langName(m.Lang))
	}
}

func orNone(v string) string {
	if v == "" {
		return "none yet"
	}
	return v
}
