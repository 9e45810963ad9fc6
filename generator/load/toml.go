package load

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/tomlpos"
)

// tomlFile is one TOML document being decoded: its name for messages, its
// text, the key positions and the problems found so far.
type tomlFile struct {
	name     string
	lineBase int // added to every line: front matter starts below the file's first line
	md       toml.MetaData
	ix       *tomlpos.Index
	problems problem.List
	// fatal is set after a syntax or type error: the decoded value is then
	// incomplete and must not be validated.
	fatal  bool
	keyPos *model.Keys // see keys
}

// readTOML reads the TOML file name, whose bytes are data, into v: it checks
// the file's size and characters (see text.go), then parses it.
func readTOML(name string, data []byte, v any) *tomlFile {
	f := &tomlFile{name: name}
	text, flaws, ok := checkText(name, data, &f.problems)
	if !ok {
		f.fatal = true
		return f
	}
	f.parse(text, v)
	addFlaws(&f.problems, name, flaws, f.fieldAt)
	return f
}

// parseTOML parses data and decodes it into v. Problems (a syntax error, a
// value of the wrong type, an unknown key) are collected in f.problems; after
// a syntax or type error v is incomplete.
func parseTOML(name string, lineBase int, data []byte, v any) *tomlFile {
	f := &tomlFile{name: name, lineBase: lineBase}
	f.parse(data, v)
	return f
}

func (f *tomlFile) parse(data []byte, v any) {
	if depth, offset := nesting(data); depth > MaxNesting {
		line := 1 + bytes.Count(data[:offset], []byte("\n"))
		col := offset - (bytes.LastIndexByte(data[:offset], '\n') + 1) + 1
		f.add(line, col, "", fmt.Sprintf("arrays and inline tables are nested more than %d levels deep", MaxNesting),
			"no field of the portal nests that deep: check the brackets [ ] and braces { } on this line; see docs/data.md")
		f.fatal = true
		return
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		// A syntax error stops the parse before any key is known; a type
		// mismatch comes after the parse and is reported below.
		var pe toml.ParseError
		if errors.As(err, &pe) && len(md.Keys()) == 0 {
			f.add(pe.Position.Line, pe.Position.Col, pe.LastKey, "TOML syntax error: "+pe.Message,
				"check quotes, brackets and '=' on this line; a text is written { de = \"…\", en = \"…\" }")
			f.fatal = true
			return
		}
	}
	f.md = md
	ix, ixErr := tomlpos.Build(data)
	if ixErr != nil { // BurntSushi accepted what go-toml rejects: no positions, still decode
		ix, _ = tomlpos.Build(nil)
	}
	f.ix = ix
	if err != nil {
		f.decodeError(err)
		f.fatal = true
		return
	}
	f.fillSrc(reflect.ValueOf(v).Elem(), "")
	f.undecoded()
}

// fieldAt returns the key path of the field whose key or value holds byte
// offset of the document, "" if no key is known there.
func (f *tomlFile) fieldAt(offset int) string {
	if f.ix == nil {
		return ""
	}
	return f.ix.KeyAt(offset)
}

var lastKeyRe = regexp.MustCompile(`last key "([^"]*)"`)

var tomlTypeRe = regexp.MustCompile(`TOML value has type ([^;]+);`)

// goKinds maps the Go type BurntSushi/toml names in a type error to the kinds
// go-toml gives the values, to find which of several keys was meant.
var goKinds = map[string][]string{
	"string":                  {"String"},
	"int64":                   {"Integer"},
	"float64":                 {"Float"},
	"bool":                    {"Bool"},
	"time.Time":               {"LocalDate", "LocalDateTime", "DateTime", "LocalTime"},
	"[]interface {}":          {"Array"},
	"[]any":                   {"Array"},
	"map[string]interface {}": {"InlineTable", "Table"},
	"map[string]any":          {"InlineTable", "Table"},
}

// decodeError reports a type mismatch. BurntSushi/toml names the key without
// saying which entry of an array of tables it is in; the entry is the first
// whose value has the type the error names.
func (f *tomlFile) decodeError(err error) {
	msg := err.Error()
	key := ""
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg, key = pe.Message, pe.LastKey
	} else if m := lastKeyRe.FindStringSubmatch(msg); m != nil {
		key = m[1]
		msg = msg[strings.Index(msg, "): ")+3:]
	}
	msg = strings.TrimPrefix(msg, "toml: ")
	field := key
	line, col := 0, 0
	var kinds []string
	if m := tomlTypeRe.FindStringSubmatch(msg); m != nil {
		kinds = goKinds[m[1]]
	}
	candidates := f.ix.Find(key)
	for _, p := range candidates {
		if len(kinds) == 0 || slices.Contains(kinds, f.ix.Kind(p)) {
			pos, _ := f.ix.Lookup(p)
			field, line, col = p, pos.Line, pos.Col
			break
		}
	}
	if line == 0 {
		// A table written only through its sub-tables ([[a.b]] makes a a
		// table) has no key of its own: point at the first place below it.
		for _, p := range f.ix.Paths() {
			if k := tomlpos.StripIndexes(p); strings.HasPrefix(k, key+".") {
				pos, _ := f.ix.Lookup(p)
				line, col = pos.Line, pos.Col
				break
			}
		}
	}
	f.add(line, col, field, "wrong type of value: "+inWords(msg),
		"see docs/data.md for the type of each field (texts are { de = \"…\", en = \"…\" }, dates are written 2024-05-01 without quotes, lists use [ ])")
}

var (
	mismatchRe     = regexp.MustCompile(`^type mismatch for [^:]+: expected (\w+) but found (.+)$`)
	incompatibleRe = regexp.MustCompile(`^incompatible types: TOML value has type ([^;]+); destination has type (.+)$`)
)

// valueWords names, in words a legal team reads, the shapes of values that
// BurntSushi/toml names by their Go types.
var valueWords = map[string]string{
	"string": "a string", "int64": "an integer", "float64": "a number", "bool": "true or false",
	"time.Time": "a date", "[]any": "a list [ … ]", "[]interface {}": "a list [ … ]",
	"map[string]any": "a table", "map[string]interface {}": "a table",
	"[]map[string]any": "an array of tables [[…]]", "[]map[string]interface {}": "an array of tables [[…]]",
	// destinations
	"table": "a table ([name] or name = { … })", "slice": "a list ([ … ], or [[name]] tables)",
	"struct": "a table ([name] or name = { … })", "int": "an integer",
}

// inWords rewrites a type error of BurntSushi/toml, which names Go types
// ("type mismatch for model.Contact: expected table but found
// []map[string]any"), as what was expected and found; other messages are
// kept.
func inWords(msg string) string {
	word := func(t string) string {
		if w, ok := valueWords[strings.TrimSpace(t)]; ok {
			return w
		}
		return t
	}
	if m := mismatchRe.FindStringSubmatch(msg); m != nil {
		return "expected " + word(m[1]) + ", but found " + word(m[2])
	}
	if m := incompatibleRe.FindStringSubmatch(msg); m != nil {
		return "expected " + word(m[2]) + ", but found " + word(m[1])
	}
	return msg
}

// undecoded reports every key no field took, at every place it is written.
func (f *tomlFile) undecoded() {
	for _, k := range f.md.Undecoded() {
		if belowTooDeep(k) {
			continue
		}
		key := k.String()
		paths := f.ix.Find(key)
		if len(paths) == 0 {
			f.add(0, 0, key, "unknown field", "remove it or check its spelling against docs/data.md")
		}
		msg, hint := fmt.Sprintf("unknown field %q", k[len(k)-1]), "remove it or check its spelling against docs/data.md"
		if tooDeep(k) {
			msg = fmt.Sprintf("%q nests the TOM annex more than three levels deep", "[["+key+"]]")
			hint = "the annex has at most three levels: [[area]], [[area.group]] and [[area.group.measure]] (or [[area.measure]]); write deeper items as a Markdown list in the measure's text"
		}
		for _, p := range paths {
			pos, _ := f.ix.Lookup(p)
			f.add(pos.Line, pos.Col, p, msg, hint)
		}
	}
}

// tooDeep reports whether key is a level of the TOM annex below a measure
// or a group in a group: area.group.group, area.measure.measure ….
func tooDeep(k toml.Key) bool {
	if len(k) < 3 || k[0] != "area" {
		return false
	}
	last := k[len(k)-1]
	return (last == "group" || last == "measure") && k.String() != "area.group.measure"
}

// belowTooDeep reports whether key is inside a level that is too deep,
// which is reported once, as such.
func belowTooDeep(k toml.Key) bool {
	for i := 3; i < len(k); i++ {
		if tooDeep(k[:i]) {
			return true
		}
	}
	return false
}

func (f *tomlFile) add(line, col int, field, msg, hint string) {
	if line > 0 {
		line += f.lineBase
	}
	f.problems.Add(problem.Problem{File: f.name, Line: line, Col: col, Field: field, Message: msg, Hint: hint})
}

var srcType = reflect.TypeFor[model.Src]()

// fillSrc records, in every model.Src field inside v, where that entity and
// its fields are written. path is v's key path ("" for the document root).
func (f *tomlFile) fillSrc(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			f.fillSrc(v.Elem(), path)
		}
	case reflect.Slice:
		if k := f.ix.Kind(path); (k == "Table" || k == "InlineTable") && v.Len() == 1 {
			// A list that may also be written as a single table, such
			// as model.Contacts: [dpo] rather than [[dpo]].
			f.fillSrc(v.Index(0), path)
			return
		}
		for i := range v.Len() {
			f.fillSrc(v.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
	case reflect.Struct:
		if v.Type() == srcType {
			return
		}
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			fv := v.Field(i)
			if sf.Type == srcType {
				// An absent table keeps a zero Src, which is how validate
				// tells it is missing.
				if _, present := f.ix.Lookup(path); present || path == "" {
					fv.Set(reflect.ValueOf(f.src(path)))
				}
				continue
			}
			tag, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
			if tag == "" || tag == "-" || !sf.IsExported() {
				continue
			}
			if k := fv.Kind(); k == reflect.Struct || k == reflect.Slice || k == reflect.Pointer {
				child := tag
				if path != "" {
					child = path + "." + tag
				}
				f.fillSrc(fv, child)
			}
		}
	}
}

// src returns the positions of the entity at path and of its fields (the
// file's keys, shared by all its entities).
func (f *tomlFile) src(path string) model.Src {
	// The document itself starts on its first line: a missing top-level
	// field is reported there.
	s := model.Src{Pos: model.Pos{File: f.name, Line: 1 + f.lineBase}, Path: path, Keys: f.keys()}
	if pos, ok := f.ix.Lookup(path); ok && path != "" {
		s.Line, s.Col = pos.Line+f.lineBase, pos.Col
	}
	return s
}

// keys returns the positions of every key of the file, made once.
func (f *tomlFile) keys() *model.Keys {
	if f.keyPos != nil {
		return f.keyPos
	}
	paths := f.ix.Paths()
	k := &model.Keys{File: f.name, Pos: make(map[string]model.LineCol, len(paths)), Texts: map[string]model.LineCol{}}
	for _, p := range paths {
		pos, _ := f.ix.Lookup(p)
		k.Pos[p] = model.LineCol{Line: pos.Line + f.lineBase, Col: pos.Col}
		if at, ok := f.ix.TextStart(p); ok {
			k.Texts[p] = model.LineCol{Line: at.Line + f.lineBase, Col: at.Col}
		}
	}
	f.keyPos = k
	return k
}
