package diff

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustportal/trustportal"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
)

// benchVocabulary is what the texts of the benchmarks are made of.
var benchVocabulary = strings.Fields(`der die das und oder nicht nur auf Weisung des Kunden Auftragsverarbeiter
	verarbeitet personenbezogene Daten Unterauftragsverarbeiter Ziffer Anlage Maßnahme Verschlüsselung
	the processor customer shall data personal within hours notify without undue delay clause annex
	measure encryption access control subprocessor agreement main term 4.2 48 72 GDPR Art. 28 32`)

// benchTexts returns a 20,000-word document in paragraphs and a version
// with about 5 % of its words replaced, deleted or inserted.
func benchTexts() (old, new string) { return changedTexts(20000, 60, 0.05) }

// changedTexts returns a document of n words, in paragraphs of about
// paragraph words (0: one paragraph), and a version with the share changed
// of its words replaced (two fifths), deleted or followed by an inserted
// word (three tenths each).
func changedTexts(n, paragraph int, changed float64) (old, new string) {
	rng := rand.New(rand.NewPCG(uint64(n), 5))
	vocab := benchVocabulary
	var a, b []string
	for i := range n {
		w := vocab[rng.IntN(len(vocab))]
		if paragraph > 0 && i%paragraph == paragraph-1 {
			w += ".\n\n"
		}
		a = append(a, w)
		switch r := rng.Float64(); {
		case r < 0.4*changed: // replaced
			b = append(b, vocab[rng.IntN(len(vocab))])
		case r < 0.7*changed: // deleted
		case r < changed: // a word inserted after it
			b = append(b, w, vocab[rng.IntN(len(vocab))])
		default:
			b = append(b, w)
		}
	}
	return strings.Join(a, " "), strings.Join(b, " ")
}

// rewrittenTexts returns two documents of n words each, in paragraphs of
// about paragraph words (0: one paragraph), written independently of each
// other from the same words.
func rewrittenTexts(n, paragraph int) (old, new string) {
	old, _ = changedTexts(n, paragraph, 0)
	rng := rand.New(rand.NewPCG(uint64(n), 6))
	var b []string
	for i := range n {
		w := benchVocabulary[rng.IntN(len(benchVocabulary))]
		if paragraph > 0 && i%paragraph == paragraph-1 {
			w += ".\n\n"
		}
		b = append(b, w)
	}
	return old, strings.Join(b, " ")
}

// benchPairs are the texts the word diff is timed on, each also given to
// git diff --word-diff.
var benchPairs = []struct {
	name  string
	texts func() (old, new string)
}{
	{name: "changed-5%", texts: func() (string, string) { return changedTexts(20000, 60, 0.05) }},
	{name: "changed-50%", texts: func() (string, string) { return changedTexts(20000, 60, 0.5) }},
	{name: "rewritten", texts: func() (string, string) { return rewrittenTexts(20000, 60) }},
	// A long clause without sub-clause markers: one paragraph.
	{name: "clause-rewritten", texts: func() (string, string) { return rewrittenTexts(2000, 0) }},
}

// BenchmarkWords20k times the word diff on 20,000 words with 5 % and 50 %
// of them changed, and rewritten, and on a long clause rewritten.
func BenchmarkWords20k(b *testing.B) {
	for _, p := range benchPairs {
		b.Run("text="+p.name, func(b *testing.B) {
			old, new := p.texts()
			b.SetBytes(int64(len(old) + len(new)))
			b.ReportAllocs()
			var spans []Span
			before, measured := processCPU()
			for b.Loop() {
				spans = Words(old, new)
			}
			if after, _ := processCPU(); measured {
				b.ReportMetric(float64(after-before)/float64(b.N), "cpu-ns/op")
			}
			b.ReportMetric(float64(changedWords(spans)), "changed-words")
		})
	}
}

// BenchmarkGitWordDiff20k runs git diff --no-index --word-diff on the same
// texts, for comparison in the same run. Both report the processor time
// they used (cpu-ns/op; git's own, without starting it), which stays
// comparable when the machine is busy and the time on the clock does not.
func BenchmarkGitWordDiff20k(b *testing.B) {
	git, err := exec.LookPath("git")
	if err != nil {
		b.Skip("git is not installed")
	}
	for _, p := range benchPairs {
		b.Run("text="+p.name, func(b *testing.B) {
			old, new := p.texts()
			dir := b.TempDir()
			oldFile, newFile := filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")
			os.WriteFile(oldFile, []byte(old), 0o644)
			os.WriteFile(newFile, []byte(new), 0o644)
			b.SetBytes(int64(len(old) + len(new)))
			var cpu time.Duration // git's, as the word diff's
			for b.Loop() {
				cmd := exec.Command(git, "diff", "--no-index", "--word-diff=porcelain", oldFile, newFile)
				cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
				out, err := cmd.Output()
				if len(out) == 0 {
					b.Fatalf("git diff printed nothing: %v", err)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
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
