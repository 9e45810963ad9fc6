// Package tomlpos finds where each key of a TOML document is written.
//
// BurntSushi/toml decodes the portal's data and reports unknown keys, but its
// metadata does not say where the entries of an array of tables are: every
// [[subprocessor]] shares the key "subprocessor.name". tomlpos walks the
// document with go-toml's parser and records the line and column of every key
// under a path that numbers array entries: "subprocessor[2].name".
package tomlpos

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Position is a 1-based line and column.
type Position struct {
	Line, Col int
}

// Index maps key paths to the position of the key.
type Index struct {
	pos    map[string]Position
	kinds  map[string]string // path → kind of its value ("String", "Integer", "Array", …)
	arrays map[string]int    // resolved array-of-tables path → number of entries
	order  []string          // paths in document order
}

// Lookup returns the position of the key at path, e.g. "area[1].measure[0].id".
func (ix *Index) Lookup(path string) (Position, bool) {
	p, ok := ix.pos[path]
	return p, ok
}

// Kind returns the kind of the value at path as go-toml names it: "String",
// "Integer", "Float", "Bool", "Array", "InlineTable", "LocalDate", … and
// "Table" for a table header.
func (ix *Index) Kind(path string) string { return ix.kinds[path] }

// Paths returns every indexed path in document order.
func (ix *Index) Paths() []string { return ix.order }

var indexRe = regexp.MustCompile(`\[\d+\]`)

// StripIndexes turns "area[1].measure[0].id" into "area.measure.id", the form
// BurntSushi/toml uses for keys.
func StripIndexes(path string) string { return indexRe.ReplaceAllString(path, "") }

// Find returns every indexed path whose form without indexes is key, in
// document order. It locates an undecoded key in every entry that has it.
func (ix *Index) Find(key string) []string {
	var out []string
	for _, p := range ix.order {
		if StripIndexes(p) == key {
			out = append(out, p)
		}
	}
	return out
}

// Build indexes data. It returns an error only if the document does not
// parse; callers decode with BurntSushi/toml first, which reports syntax errors
// in more detail.
func Build(data []byte) (*Index, error) {
	ix := &Index{pos: map[string]Position{}, kinds: map[string]string{}, arrays: map[string]int{}}
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
			ix.add(&p, table, first)
			ix.kinds[table] = "Table"
		case unstable.KeyValue:
			ix.keyValue(&p, table, e)
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

func (ix *Index) keyValue(p *unstable.Parser, table string, kv *unstable.Node) {
	parts, first := keyParts(kv.Key())
	path := table
	for _, part := range parts {
		path = join(path, part)
	}
	ix.add(p, path, first)
	ix.kinds[path] = kv.Value().Kind.String()
	ix.value(p, path, kv.Value())
}

func (ix *Index) value(p *unstable.Parser, path string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			ix.keyValue(p, path, it.Node())
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
					ix.add(p, child, key)
					ix.kinds[child] = elem.Kind.String()
				}
				ix.value(p, child, elem)
			}
		}
	}
}

func (ix *Index) add(p *unstable.Parser, path string, key *unstable.Node) {
	if _, seen := ix.pos[path]; seen || key == nil {
		return
	}
	s := p.Shape(key.Raw)
	ix.pos[path] = Position{Line: s.Start.Line, Col: s.Start.Column}
	ix.order = append(ix.order, path)
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

// quoteKey leaves bare keys as they are; the portal's own keys are all bare.
func quoteKey(k string) string {
	if strings.ContainsAny(k, ".[] \"") {
		return strconv.Quote(k)
	}
	return k
}
