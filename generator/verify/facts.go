package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/trustportal/trustportal/generator/model"
)

// Facts keeps what reading a page gave (its ids, links and translations),
// so that a page published again byte for byte (a released version's,
// from the page cache) is not parsed again. A key names everything the
// reading depends on: the page's path and bytes, the site's address, the
// Content-Security-Policy, the form target and the languages. The store
// must also tell apart what different versions of this program wrote
// (package pagecache keys it by the program's build ID). A page with a
// problem is never kept.
type Facts interface {
	Get(key string) ([]byte, bool)
	Put(key string, value []byte)
}

// factsFormat changes with the encoding of storedPage.
const factsFormat = "trustportal verify facts 1"

// storedPage is a page as Facts keep it.
type storedPage struct {
	IDs, Anchors, Links []string
	Alts                map[string]string
	IsAlias             bool
}

func (s *Site) factsKey(rel, policy string, data []byte) string {
	h := sha256.New()
	for _, f := range []string{factsFormat, s.BaseURL.String(), policy, s.formAction, model.JoinLangs(s.langs), rel} {
		fmt.Fprintf(h, "%d:%s", len(f), f)
	}
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// knownPage returns the page at rel as Facts kept it under key.
func (s *Site) knownPage(key, rel string) (*page, bool) {
	data, ok := s.facts.Get(key)
	if !ok {
		return nil, false
	}
	var sp storedPage
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&sp) != nil {
		return nil, false
	}
	pg := &page{path: rel, ids: sp.IDs, links: sp.Links, alts: sp.Alts, isAlias: sp.IsAlias, anchors: map[string]struct{}{}}
	if pg.alts == nil {
		pg.alts = map[string]string{}
	}
	for _, a := range sp.Anchors {
		pg.anchors[a] = struct{}{}
	}
	return pg, true
}

func (s *Site) keepPage(key string, pg *page) {
	sp := storedPage{IDs: pg.ids, Links: pg.links, Alts: pg.alts, IsAlias: pg.isAlias}
	for a := range pg.anchors {
		sp.Anchors = append(sp.Anchors, a)
	}
	slices.Sort(sp.Anchors)
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(sp) == nil {
		s.facts.Put(key, buf.Bytes())
	}
}
