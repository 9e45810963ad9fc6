package format1

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
)

// TestFrozen guards the package's files: format 1 renders texts whose
// SHA-256 customers recorded, so none of its inputs may change. A change
// here is a defect, however small; a new format is a new package.
func TestFrozen(t *testing.T) {
	for file, want := range map[string]string{
		"i18n/de.toml": "3df7e2b82c05d706c333e306300af34be2d65ba11762843339f91dbdd10594df",
		"i18n/en.toml": "9bba79265f2dbc1562ae5cd9023f92b8e0294f78aac6d4e1cf7308ce136d898f",
		"countries.go": "aca1248ac19f1575c7b0650a20f26a44f390d083b5c1554128bc817573c3797f",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s changed (SHA-256 %s): format 1 is frozen, undo the change", file, got)
		}
	}
}
