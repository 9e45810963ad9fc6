package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedPair returns the two translations of clauses 8–12 and the TOM annex in
// ../shared/seeds/000_9258d41524d8906c.txt (lines 123–335 and 339–551), one
// paragraph per line. The seed lives beside the repository, not in it.
func seedPair(t testing.TB) (old, new []string) {
	p := filepath.Join("..", "..", "..", "shared", "seeds", "000_9258d41524d8906c.txt")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("seed text not available (%v): this test needs ../shared/seeds beside the repository, as CI has it", err)
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 551 {
		t.Fatalf("%s has %d lines, want at least 551", p, len(lines))
	}
	return lines[122:335], lines[338:551]
}

// TestSeedTranslations: as two versions, the two translations differ in
// exactly 17 paragraphs, and in each the diff marks only the words that
// differ (a minimal edit over words) and rebuilds both texts.
func TestSeedTranslations(t *testing.T) {
	old, new := seedPair(t)
	if len(old) != len(new) {
		t.Fatalf("%d and %d paragraphs", len(old), len(new))
	}
	changed := 0
	for i := range old {
		spans := Words(old[i], new[i])
		if Old(spans) != old[i] || New(spans) != new[i] {
			t.Fatalf("paragraph %d: spans do not rebuild the texts", i+1)
		}
		if !HasChanges(spans) {
			if old[i] != new[i] {
				t.Errorf("paragraph %d differs but no change was found", i+1)
			}
			continue
		}
		changed++
		wa, wb := words(old[i]), words(new[i])
		if got, min := changedWords(spans), len(wa)+len(wb)-2*lcs(wa, wb); got != min {
			t.Errorf("paragraph %d: %d words marked, only %d differ", i+1, got, min)
		}
		if changed == 1 {
			t.Logf("paragraph %d: %s", i+1, Plain(spans))
		}
	}
	if changed != 17 {
		t.Errorf("%d paragraphs changed, want 17", changed)
	}
}
