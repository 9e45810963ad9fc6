// Package tomlpos finds where each key of a TOML document is written.
//
// BurntSushi/toml decodes the portal's data and reports unknown keys, but its
// metadata does not say where the entries of an array of tables are: every
// [[subprocessor]] shares the key "subprocessor.name". tomlpos walks the
// document with go-toml's parser and records the line and column of every key
// under a path that numbers array entries: "subprocessor[2].name".
package tomlpos

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Position is a 1-based line and column.
type Position struct {
	Line, Col int
}

// Index maps key paths to the position of the key. Building it takes time
// linear in the size of the document; so do Find and Under, summed over all
// calls.
type Index struct {
	keys    map[string]key // by path
	arrays  map[string]int // resolved array-of-tables path → number of entries
	order   []string       // paths in document order
	offsets []int          // byte offset of the key of order[i]; ascending
	lines   []int          // byte offset of the start of each line
	data    []byte         // the document

	byKey map[string][]string // StripIndexes(path) → paths, built on first use
	under map[string][]string // path → the paths below it, built on first use
}

// key is what the index knows of one key.
type key struct {
	pos  Position
	kind string   // of its value: "String", "Integer", "Array", …
	text Position // where the text of its string value starts; Line 0 if none
}

// Lookup returns the position of the key at path, e.g. "area[1].measure[0].id".
func (ix *Index) Lookup(path string) (Position, bool) {
	k, ok := ix.keys[path]
	return k.pos, ok
}

// Kind returns the kind of the value at path as go-toml names it: "String",
// "Integer", "Float", "Bool", "Array", "InlineTable", "LocalDate", … and
// "Table" for a table header.
func (ix *Index) Kind(path string) string { return ix.keys[path].kind }

// TextStart returns where the text of the string value at path starts: just
// after the opening quote, or at the start of the next line when the opening
// quotes of a multi-line string end their line (TOML drops that line break).
// Line n of a Markdown text is then line TextStart().Line + n - 1 of the file.
func (ix *Index) TextStart(path string) (Position, bool) {
	t := ix.keys[path].text
	return t, t.Line > 0
}

// Paths returns every indexed path in document order.
func (ix *Index) Paths() []string { return ix.order }

// StripIndexes turns "area[1].measure[0].id" into "area.measure.id", the form
// BurntSushi/toml uses for keys. Brackets in quoted keys are kept.
func StripIndexes(path string) string {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case quoted && c == '\\':
			b.WriteByte(c)
			i++
			if i < len(path) {
				b.WriteByte(path[i])
			}
			continue
		case c == '"':
			quoted = !quoted
		case !quoted && c == '[':
			if j := strings.IndexByte(path[i:], ']'); j > 1 && strings.Trim(path[i+1:i+j], "0123456789") == "" {
				i += j
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Find returns every indexed path whose form without indexes is key, in
// document order. It locates an undecoded key in every entry that has it.
func (ix *Index) Find(key string) []string {
	if ix.byKey == nil {
		ix.byKey = map[string][]string{}
		for _, p := range ix.order {
			k := StripIndexes(p)
			ix.byKey[k] = append(ix.byKey[k], p)
		}
	}
	return ix.byKey[key]
}

// Under returns every indexed path below path ("" for the whole document)
// in document order: for "area[1]", "area[1].id", "area[1].measure[0]", ….
func (ix *Index) Under(path string) []string {
	if path == "" {
		return ix.order
	}
	if ix.under == nil {
		// A path is below each of its prefixes that ends before a dot.
		ix.under = map[string][]string{}
		for _, p := range ix.order {
			for i := range len(p) {
				if p[i] == '.' {
					ix.under[p[:i]] = append(ix.under[p[:i]], p)
				}
			}
		}
	}
	return ix.under[path]
}

// KeyAt returns the path of the last key written at or before byte offset
// in the document, "" if there is none: the field a character at offset
// belongs to (or follows, in a comment).
func (ix *Index) KeyAt(offset int) string {
	i := sort.SearchInts(ix.offsets, offset+1)
	if i == 0 {
		return ""
	}
	return ix.order[i-1]
}

// Build indexes data. It returns an error only if the document does not
// parse; callers decode with BurntSushi/toml first, which reports syntax errors
// in more detail.
func Build(data []byte) (*Index, error) {
	ix := &Index{arrays: map[string]int{}, lines: make([]int, 1, bytes.Count(data, []byte("\n"))+1)}
	for i, rest := 0, data; ; {
		n := bytes.IndexByte(rest, '\n')
		if n < 0 {
			break
		}
		i += n + 1
		ix.lines = append(ix.lines, i)
		rest = rest[n+1:]
	}
	// Most lines of the portal's files hold a key, a text line two more
	// ({ de = "…", en = "…" }): made at about their number, the map and
	// the lists are not grown key by key.
	ix.keys = make(map[string]key, len(ix.lines))
	ix.order, ix.offsets = make([]string, 0, len(ix.lines)), make([]int, 0, len(ix.lines))
	ix.data = data
	var p unstable.Parser
	p.Reset(data)
	table := "" // resolved path of the current table
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, first := keyParts(e.Key())
			resolved := ix.resolve(parts[:len(parts)-1])
			last := join(resolved, parts[len(parts)-1])
			if e.Kind == unstable.ArrayTable {
				n := ix.arrays[last]
				ix.arrays[last] = n + 1
				last += "[" + strconv.Itoa(n) + "]"
			}
			table = last
			ix.add(table, first, "Table")
		case unstable.KeyValue:
			ix.keyValue(table, e)
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	return ix, nil
}

// resolve turns the table-name parts of a header into a resolved path, in
// which a name that is an array of tables stands for its last entry.
func (ix *Index) resolve(parts []string) string {
	path := ""
	for _, part := range parts {
		path = join(path, part)
		if n, ok := ix.arrays[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func (ix *Index) keyValue(table string, kv *unstable.Node) {
	parts, first := keyParts(kv.Key())
	path := table
	for _, part := range parts {
		path = join(path, part)
	}
	v := kv.Value()
	if ix.add(path, first, v.Kind.String()) && v.Kind == unstable.String {
		k := ix.keys[path]
		k.text = ix.textStart(v.Raw)
		ix.keys[path] = k
	}
	ix.value(path, v)
}

// textStart returns where the text of a string whose source, quotes
// included, is at raw starts.
func (ix *Index) textStart(raw unstable.Range) Position {
	src := ix.data[raw.Offset : raw.Offset+raw.Length]
	offset := int(raw.Offset) + 1
	if q := src[0]; len(src) >= 6 && src[1] == q && src[2] == q { // multi-line
		offset += 2
		switch rest := src[3:]; {
		case bytes.HasPrefix(rest, []byte("\n")):
			offset++
		case bytes.HasPrefix(rest, []byte("\r\n")):
			offset += 2
		}
	}
	return ix.position(offset)
}

func (ix *Index) value(path string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			ix.keyValue(path, it.Node())
		}
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); i++ {
			elem := it.Node()
			if elem.Kind == unstable.InlineTable || elem.Kind == unstable.Array {
				child := path + "[" + strconv.Itoa(i) + "]"
				// An inline table in an array is where its first key is.
				if first := elem.Child(); elem.Kind == unstable.InlineTable && first != nil {
					_, key := keyParts(first.Key())
					ix.add(child, key, elem.Kind.String())
				}
				ix.value(child, elem)
			}
		}
	}
}

// add indexes the key at path, written at node, whose value is of kind; it
// reports whether the path was new.
func (ix *Index) add(path string, node *unstable.Node, kind string) bool {
	if _, seen := ix.keys[path]; seen || node == nil {
		return false
	}
	ix.keys[path] = key{pos: ix.position(int(node.Raw.Offset)), kind: kind}
	ix.order = append(ix.order, path)
	ix.offsets = append(ix.offsets, int(node.Raw.Offset))
	return true
}

// position turns a byte offset into a line and a column (counted in bytes,
// as go-toml and BurntSushi/toml count them). go-toml's Parser.Shape counts
// the lines from the start of the document on every call, which makes
// indexing a long document quadratic; a binary search over the line starts
// does not.
func (ix *Index) position(offset int) Position {
	line := sort.SearchInts(ix.lines, offset+1) // lines[line-1] <= offset
	return Position{Line: line, Col: offset - ix.lines[line-1] + 1}
}

func keyParts(it unstable.Iterator) (parts []string, first *unstable.Node) {
	for it.Next() {
		n := it.Node()
		if first == nil {
			first = n
		}
		parts = append(parts, string(n.Data))
	}
	return parts, first
}

func join(path, key string) string {
	if path == "" {
		return quoteKey(key)
	}
	return path + "." + quoteKey(key)
}

// quoteKey writes a key as BurntSushi/toml names it in its messages and
// metadata: bare if it can be, else quoted. The portal's own keys are all
// bare.
func quoteKey(k string) string { return toml.Key{k}.String() }
