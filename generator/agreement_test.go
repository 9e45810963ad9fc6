package generator_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readSite reads a file of the built site at out by its root-relative URL.
func readSite(t *testing.T, out, url string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(url, "/"))))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// agreementFromFiles computes the agreement hash of version v in lang as
// docs/canonical.md tells anyone to, from the published texts alone: the
// output of `sha256sum dpa-V.L.txt toms-V.L.txt subprocessors-V.L.txt`,
// and its SHA-256.
func agreementFromFiles(t *testing.T, out, v string, lang model.Lang) (text, hash string) {
	t.Helper()
	var b strings.Builder
	for _, doc := range []string{"dpa", "toms", "subprocessors"} {
		name := fmt.Sprintf("%s-%s.%s.txt", doc, v, lang)
		data := readSite(t, out, fmt.Sprintf("/%s/%s/%s/%s", lang, doc, v, name))
		fmt.Fprintf(&b, "%s  %s\n", sha256Hex(data), name)
	}
	return b.String(), sha256Hex([]byte(b.String()))
}

type manifestDPA struct {
	BindingLanguage string `json:"binding_language"`
	Versions        []struct {
		Version         string `json:"version"`
		BindingLanguage string `json:"binding_language"`
		Languages       map[string]struct {
			SHA256                 string `json:"sha256"`
			AgreementURL           string `json:"agreement_url"`
			AgreementSHA256        string `json:"agreement_sha256"`
			BindingSHA256          string `json:"binding_sha256"`
			BindingAgreementSHA256 string `json:"binding_agreement_sha256"`
		} `json:"languages"`
	} `json:"versions"`
}

func readManifest(t *testing.T, out string) manifestDPA {
	t.Helper()
	var m manifestDPA
	if err := json.Unmarshal(readSite(t, out, "/api/dpa.json"), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAgreementHash: every version and language has an agreement hash over
// the DPA and its annexes that anyone can recompute from the published
// texts; the manifest, the version pages and the embed view state it, an
// acceptance in a language other than the binding one finds the binding
// language's hashes beside it, and verify names it. The sample's releases
// (format 1, no stored agreement) and releases made now (agreement stored
// and locked) alike.
func TestAgreementHash(t *testing.T) {
	released := testportal.Copy(t, testportal.Minimal(t))
	releaseTwice(t, released, []model.Lang{model.DE, model.EN})
	for name, src := range map[string]string{"sample": testportal.Root(t), "released now": released} {
		t.Run(name, func(t *testing.T) {
			b := build(t, src)
			m := readManifest(t, b.out)
			if len(m.Versions) == 0 {
				t.Fatal("the manifest lists no versions")
			}
			for _, v := range m.Versions {
				if v.BindingLanguage != "de" {
					t.Errorf("version %s: manifest binding_language %q, want the release's de", v.Version, v.BindingLanguage)
				}
				agreements := map[string]string{}
				for _, lang := range []model.Lang{model.DE, model.EN} {
					text, hash := agreementFromFiles(t, b.out, v.Version, lang)
					agreements[string(lang)] = hash
					mt := v.Languages[string(lang)]
					url := fmt.Sprintf("/%s/dpa/%s/agreement-%s.%s.txt", lang, v.Version, v.Version, lang)
					if got := string(readSite(t, b.out, url)); got != text {
						t.Errorf("%s: published agreement text\n%s\nwant\n%s", url, got, text)
					}
					if mt.AgreementSHA256 != hash || !strings.HasSuffix(mt.AgreementURL, url) {
						t.Errorf("version %s %s: manifest agreement %q at %q, want %q at …%s", v.Version, lang, mt.AgreementSHA256, mt.AgreementURL, hash, url)
					}
					page := b.doc(t, lang, "dpa/"+v.Version)
					if got := page.Find(".version__agreement code.hash").Text(); got != hash {
						t.Errorf("version %s %s: the version page states agreement hash %q, want %q", v.Version, lang, got, hash)
					}
					embed := testportal.HTML(t, filepath.Join(b.out, string(lang), "dpa", v.Version, "embed.html"))
					if got := embed.Find("article[data-agreement-sha256]").AttrOr("data-agreement-sha256", ""); got != hash {
						t.Errorf("version %s %s: embed view data-agreement-sha256 %q, want %q", v.Version, lang, got, hash)
					}
					matches, err := b.portal.FindHash(hash)
					if err != nil {
						t.Fatal(err)
					}
					if len(matches) != 1 || matches[0].Doc != "agreement" || matches[0].Release.Version != v.Version || matches[0].Lang != lang {
						t.Errorf("verify of the agreement hash of %s %s finds %+v", v.Version, lang, matches)
					}
				}
				// English is not binding: its acceptance records German's
				// hashes too; the German entry needs none.
				en, de := v.Languages["en"], v.Languages["de"]
				if en.BindingSHA256 != de.SHA256 || en.BindingAgreementSHA256 != agreements["de"] {
					t.Errorf("version %s en: binding hashes %q, %q, want de's %q, %q", v.Version, en.BindingSHA256, en.BindingAgreementSHA256, de.SHA256, agreements["de"])
				}
				if de.BindingSHA256 != "" || de.BindingAgreementSHA256 != "" {
					t.Errorf("version %s de: the binding language's entry names binding hashes %q, %q", v.Version, de.BindingSHA256, de.BindingAgreementSHA256)
				}
				embed := testportal.HTML(t, filepath.Join(b.out, "en", "dpa", v.Version, "embed.html"))
				art := embed.Find("article.document")
				if art.AttrOr("data-binding-language", "") != "de" || art.AttrOr("data-binding-sha256", "") != de.SHA256 ||
					art.AttrOr("data-binding-agreement-sha256", "") != agreements["de"] {
					t.Errorf("version %s: the English embed view does not carry German's hashes", v.Version)
				}
				if got := b.doc(t, model.EN, "toms/"+v.Version).Find(".version__binding code.hash").Last().Text(); got != agreements["de"] {
					t.Errorf("version %s: English TOM page states the binding agreement hash %q, want %q", v.Version, got, agreements["de"])
				}
				if b.doc(t, model.DE, "dpa/"+v.Version).Find(".version__binding").Length() != 0 {
					t.Errorf("version %s: the German (binding) page names another binding version", v.Version)
				}
			}
		})
	}
}

// TestAgreementHashOfSampleIsStable pins the agreement hashes of the
// sample's release 2.0 (format 1, derived from its frozen texts): a later
// version of the tool must give the same, or an acceptance recorded today
// no longer verifies.
func TestAgreementHashOfSampleIsStable(t *testing.T) {
	p, err := generator.Load(testportal.Root(t))
	if err != nil {
		t.Fatal(err)
	}
	for hash, want := range map[string]string{
		"19e96b19da676f55259a25b35b2b964eb913d478b6afaf2806dcfaebcf790bc1": "2.0/de",
		"f5192dde2ca5bfeead06ab7e47d7921b622cd6e7d706edbe9ee37a7433b7460d": "2.0/en",
	} {
		matches, err := p.FindHash(hash)
		if err != nil {
			t.Fatal(err)
		}
		if len(matches) != 1 || matches[0].Doc != "agreement" || matches[0].Release.Version+"/"+string(matches[0].Lang) != want {
			t.Errorf("agreement hash %s finds %+v, want the agreement of %s", hash, matches, want)
		}
	}
}

// TestAgreementIsStoredAndLocked: a release made now stores its agreement
// texts beside the documents' and the lock records their hashes; an
// agreement text that no longer lists its documents' hashes is refused.
func TestAgreementIsStoredAndLocked(t *testing.T) {
	src := testportal.Copy(t, testportal.Minimal(t))
	releaseTwice(t, src, []model.Lang{model.DE, model.EN})
	p, err := generator.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	entry, _ := p.Lock.Find("1.0")
	for _, lang := range []string{"de", "en"} {
		stored, err := os.ReadFile(filepath.Join(src, "data", "releases", "1.0", "canonical", "agreement."+lang+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if got := entry.Texts["agreement."+lang]; got != sha256Hex(stored) {
			t.Errorf("lock records agreement.%s as %q, want the stored text's %q", lang, got, sha256Hex(stored))
		}
	}
	// Rewrite the stored agreement and its lock entry consistently: the
	// lock matches, but the agreement no longer covers the texts.
	name := filepath.Join(src, "data", "releases", "1.0", "canonical", "agreement.de.txt")
	old, _ := os.ReadFile(name)
	forged := strings.Replace(string(old), string(old[:64]), strings.Repeat("0", 64), 1)
	if err := os.WriteFile(name, []byte(forged), 0o644); err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(src, "data", "releases", "lock.toml")
	data, _ := os.ReadFile(lock)
	// (the lock records the text's hash and the file's, the same for LF text)
	fixed := strings.ReplaceAll(string(data), sha256Hex(old), sha256Hex([]byte(forged)))
	if err := os.WriteFile(lock, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	err = generator.Check(src)
	if err == nil || !strings.Contains(err.Error(), "data/releases/1.0/canonical/agreement.de.txt: the agreement text of release 1.0 in de does not list the SHA-256 of its texts") {
		t.Errorf("check of a forged agreement text: %v", err)
	}
}
