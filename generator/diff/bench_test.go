package diff

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
)

// benchTexts returns a 20,000-word document in paragraphs and a version
// with about 5 % of its words replaced, deleted or inserted.
func benchTexts() (old, new string) {
	rng := rand.New(rand.NewPCG(20000, 5))
	vocab := strings.Fields(`der die das und oder nicht nur auf Weisung des Kunden Auftragsverarbeiter
		verarbeitet personenbezogene Daten Unterauftragsverarbeiter Ziffer Anlage Maßnahme Verschlüsselung
		the processor customer shall data personal within hours notify without undue delay clause annex
		measure encryption access control subprocessor agreement main term 4.2 48 72 GDPR Art. 28 32`)
	var a, b []string
	for i := range 20000 {
		w := vocab[rng.IntN(len(vocab))]
		if i%60 == 59 {
			w += ".\n\n" // paragraphs of about 60 words
		}
		a = append(a, w)
		switch r := rng.Float64(); {
		case r < 0.02: // replaced
			b = append(b, vocab[rng.IntN(len(vocab))])
		case r < 0.035: // deleted
		case r < 0.05: // a word inserted after it
			b = append(b, w, vocab[rng.IntN(len(vocab))])
		default:
			b = append(b, w)
		}
	}
	return strings.Join(a, " "), strings.Join(b, " ")
}

func BenchmarkWords20k(b *testing.B) {
	old, new := benchTexts()
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	var spans []Span
	for b.Loop() {
		spans = Words(old, new)
	}
	b.ReportMetric(float64(changedWords(spans)), "changed-words")
}

// BenchmarkGitWordDiff20k runs git diff --no-index --word-diff on the same
// texts, for comparison in the same run.
func BenchmarkGitWordDiff20k(b *testing.B) {
	git, err := exec.LookPath("git")
	if err != nil {
		b.Skip("git is not installed")
	}
	old, new := benchTexts()
	dir := b.TempDir()
	oldFile, newFile := filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")
	os.WriteFile(oldFile, []byte(old), 0o644)
	os.WriteFile(newFile, []byte(new), 0o644)
	b.SetBytes(int64(len(old) + len(new)))
	for b.Loop() {
		cmd := exec.Command(git, "diff", "--no-index", "--word-diff=porcelain", oldFile, newFile)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		out, err := cmd.Output()
		if len(out) == 0 {
			b.Fatalf("git diff printed nothing: %v", err)
		}
	}
}

// BenchmarkCompareSample compares the sample portal's releases 1.1 and 2.0
// (three documents, one language): alignment by ids, then words within each
// section, as the diff pages and trustportal diff do.
func BenchmarkCompareSample(b *testing.B) {
	root := filepath.Join("..", "..")
	s, err := l10n.Load(model.DefaultLanguages, trustportal.Theme)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*model.Documents
	for _, v := range []string{"1.1", "2.0"} {
		d, problems, err := load.Documents(os.DirFS(root), load.ReleaseLayout("data/releases/"+v), model.DefaultLanguages)
		if err != nil || len(problems) > 0 {
			b.Skipf("sample release %s: %v %v", v, err, problems)
		}
		docs = append(docs, d)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(docs[0], docs[1], model.DE, s); err != nil {
			b.Fatal(err)
		}
	}
}
