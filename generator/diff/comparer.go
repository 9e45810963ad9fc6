package diff

import (
	"maps"
	"slices"
	"sync"

	"github.com/trustportal/trustportal/generator/canonical"
	"github.com/trustportal/trustportal/generator/l10n"
	"github.com/trustportal/trustportal/generator/memo"
	"github.com/trustportal/trustportal/generator/model"
)

// A Comparer compares versions of the documents as Compare does, turning
// each version's documents into sections once, however many comparisons the
// version takes part in (a portal's diff pages compare most versions with
// their predecessor, their successor and the version in effect). It is safe
// for concurrent use; the documents it is given must not change while it is
// in use.
type Comparer struct {
	s     *l10n.Strings
	mu    sync.Mutex
	trees map[treeKey]*treeOnce
	words wordsMemo
}

// wordsMemo remembers the word diff of each pair of texts compared. The
// comparisons of a long history compare the same pairs again and again:
// every older version with the current one, where a section has changed
// in few versions (at 30 versions, 7,350 diffs of 604 pairs).
type wordsMemo = memo.Map[[2]string, []Span]

// wordsOf returns Words(old, new), made once for each pair while w
// remembers them (a nil w remembers nothing). The spans are shared: no
// caller changes them.
func wordsOf(w *wordsMemo, old, new string) []Span {
	if old == new {
		return Words(old, new)
	}
	return w.Get([2]string{old, new}, func() []Span { return Words(old, new) })
}

type treeKey struct {
	docs *model.Documents
	key  string
	lang model.Lang
}

// treeOnce is one document of one version as sections, made once.
type treeOnce struct {
	once  sync.Once
	nodes []node
	err   error
}

// NewComparer returns a Comparer whose labels come from s.
func NewComparer(s *l10n.Strings) *Comparer {
	return &Comparer{s: s, trees: map[treeKey]*treeOnce{}}
}

// Forget drops the sections made so far of the documents given, or of all
// documents (and the word diffs of their texts) if none is given; a later
// Compare makes them again. A build drops a version's sections once it has
// made the comparisons of it.
func (c *Comparer) Forget(docs ...*model.Documents) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(docs) == 0 {
		clear(c.trees)
		c.words.Reset()
		return
	}
	maps.DeleteFunc(c.trees, func(k treeKey, _ *treeOnce) bool { return slices.Contains(docs, k.docs) })
}

// Held returns how many documents, each of one version in one language,
// the Comparer holds as sections.
func (c *Comparer) Held() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.trees)
}

// Compare compares the documents old and new in language lang (see the
// function Compare).
func (c *Comparer) Compare(old, new *model.Documents, lang model.Lang) (*Comparison, error) {
	cmp := &Comparison{Lang: lang}
	must := &l10n.Must{S: c.s}
	for _, key := range canonical.Documents {
		a, err := c.tree(old, key, lang)
		if err != nil {
			return nil, err
		}
		b, err := c.tree(new, key, lang)
		if err != nil {
			return nil, err
		}
		cmp.Documents = append(cmp.Documents, Document{Key: key, Title: title(key, new, lang, must), Sections: compare(a, b, &c.words)})
	}
	return cmp, must.Err()
}

// tree returns document key of d in lang as sections (see tree), made on
// the first call.
func (c *Comparer) tree(d *model.Documents, key string, lang model.Lang) ([]node, error) {
	k := treeKey{d, key, lang}
	c.mu.Lock()
	t, ok := c.trees[k]
	if !ok {
		t = &treeOnce{}
		c.trees[k] = t
	}
	c.mu.Unlock()
	t.once.Do(func() {
		must := &l10n.Must{S: c.s}
		t.nodes, t.err = tree(d, key, lang, must)
		if t.err == nil {
			t.err = must.Err()
		}
	})
	return t.nodes, t.err
}
