package model

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var versionRe = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)

// maxVersionDigits is how long one number of a version may be: 9 digits
// always fit an int, so versions compare as numbers everywhere.
const maxVersionDigits = 9

// CheckVersion says what is wrong with a version number, if anything:
// versions are one to three numbers separated by dots ("2", "2.1", "2.1.3"),
// each without leading zeros ("2.01" would be the same version as "2.1")
// and of at most 9 digits.
func CheckVersion(v string) error {
	shown := v
	if len(shown) > 40 {
		shown = shown[:40] + "…"
	}
	if !versionRe.MatchString(v) {
		return fmt.Errorf("%q is not a version number: use one to three numbers separated by dots, e.g. 2.1", shown)
	}
	for part := range strings.SplitSeq(v, ".") {
		if len(part) > maxVersionDigits {
			return fmt.Errorf("version %q: %s has more than %d digits", shown, part[:maxVersionDigits]+"…", maxVersionDigits)
		}
		if len(part) > 1 && part[0] == '0' {
			n, _ := strconv.Atoi(part)
			return fmt.Errorf("version %q: %s has a leading zero, which would make it the same version as one with %d; write the number without it", shown, part, n)
		}
	}
	return nil
}

// CompareVersions orders versions numerically: 1.9 < 1.10 < 2.
func CompareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range max(len(as), len(bs)) {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

// LockFormat is the version of the lock file's format and of the canonical
// text its hashes are computed over.
const LockFormat = 1

// Lock records what was released, so that any later change is detected: the
// SHA-256 of the canonical text of each document and language, and of every
// file of the release.
type Lock struct {
	Format   int         `toml:"format"`
	Releases []LockEntry `toml:"release"`
	Src      Src         `toml:"-"`
}

// LockEntry is one release in the lock.
type LockEntry struct {
	Version string `toml:"version"`
	// Texts maps "dpa.de", "toms.en" … to the SHA-256 (hex) of the canonical
	// text of that document and language.
	Texts map[string]string `toml:"texts"`
	// Files maps each file of the release, relative to its directory, to
	// its SHA-256 (hex).
	Files map[string]string `toml:"files"`
	Src   Src               `toml:"-"`
}

// Find returns the lock entry of version v.
func (l *Lock) Find(v string) (*LockEntry, bool) {
	for i := range l.Releases {
		if l.Releases[i].Version == v {
			return &l.Releases[i], true
		}
	}
	return nil, false
}
