// Package sourcetext defines how the portal's text files (TOML and
// Markdown) are read: a leading UTF-8 byte order mark is dropped and CRLF
// line ends count as LF, so that a file saved on Windows or checked out with
// git's autocrlf reads, and hashes, like the same file with LF line ends. It
// also says which characters a source file may not contain (Check) and how
// output shows them where they cannot be refused (Visible).
package sourcetext

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
)

var bom = []byte("\uFEFF")

// Normalize returns data without a leading byte order mark and with every
// CRLF line end turned into LF. Data without either is returned as it is.
func Normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, bom)
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data
}

// Hash returns the SHA-256 (hex) of a file's normalised text. It is what the
// lock records for every released file: for a file with LF line ends and no
// byte order mark, the SHA-256 of its bytes, as before; the same file
// checked out with CRLF line ends has the same hash.
func Hash(data []byte) string {
	sum := sha256.Sum256(Normalize(data))
	return hex.EncodeToString(sum[:])
}
