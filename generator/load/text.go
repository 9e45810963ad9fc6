package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/sourcetext"
)

// Limits on one source file. Loading takes time linear in a file's size, but
// a file many times larger than any real one is a mistake (a log or a
// database dump saved under the wrong name) or an attack, and is refused
// before it is parsed.
const (
	// MaxFileSize is the largest TOML or Markdown file the loader reads:
	// 10 MiB. The sample's largest file has 6 KB; a subprocessor list of
	// 10,000 entries has about 7 MiB and loads in a few seconds.
	MaxFileSize = 10 << 20
	// MaxNesting is how deep arrays and inline tables may be nested in a TOML
	// file. The portal's deepest field (a subprocessor's locations) nests
	// two levels; 16 leaves room and keeps a hostile document of thousands
	// of levels from being parsed at all.
	MaxNesting = 16
	// maxFlaws is how many refused characters are reported per file; a file in
	// the wrong encoding would otherwise give one problem per line.
	maxFlaws = 20
)

// checkText returns the text of the file name as the loader parses it
// (sourcetext.Normalize: no byte order mark, LF line ends) and the refused
// characters in it. It adds a problem and returns false if the file is too
// large or is not UTF-8: then there is nothing to parse.
//
// The files of a release (data/releases/<version>/) are not checked for
// refused characters: they were released as they are and never change, and
// the lock guards them. A release made by trustportal release is a copy of a
// working copy that passed this check; only a release made by an older
// trustportal can hold such characters, and diff shows them visibly.
func checkText(name string, data []byte, problems *problem.List) (text []byte, flaws []sourcetext.Flaw, ok bool) {
	text = sourcetext.Normalize(data)
	if len(text) > MaxFileSize {
		problems.Add(problem.Problem{File: name,
			Message: fmt.Sprintf("file has %.1f MiB, more than the limit of %d MiB", float64(len(text))/(1<<20), MaxFileSize>>20),
			Hint:    "a portal's source files are small; check that this is the file you meant (not a log or an export), or split a long list"})
		return nil, nil, false
	}
	if strings.HasPrefix(name, ReleasesDir+"/") && name != LockFile {
		return text, nil, true
	}
	flaws = sourcetext.Check(text)
	if len(flaws) == 0 {
		return text, nil, true
	}
	// Each refused character is reported once, as such: it is parsed as
	// spaces (of its length, so that positions stay), which keeps TOML from
	// reporting a control character as a syntax error too.
	text = bytes.Clone(text)
	for _, fl := range flaws {
		if fl.Invalid() {
			addFlaws(problems, name, flaws, func(int) string { return "" })
			return nil, nil, false
		}
		_, size := utf8.DecodeRune(text[fl.Offset:])
		copy(text[fl.Offset:], bytes.Repeat([]byte(" "), size))
	}
	return text, flaws, true
}

// addFlaws reports refused characters, each with the field fieldAt finds at
// its offset.
func addFlaws(problems *problem.List, name string, flaws []sourcetext.Flaw, fieldAt func(offset int) string) {
	for i, fl := range flaws {
		if i == maxFlaws {
			problems.Add(problem.Problem{File: name, Line: fl.Line, Col: fl.Col,
				Message: fmt.Sprintf("%d more characters that are not allowed", len(flaws)-maxFlaws),
				Hint:    "fix the ones above first"})
			return
		}
		problems.Add(problem.Problem{File: name, Line: fl.Line, Col: fl.Col, Field: fieldAt(fl.Offset), Message: fl.Message(), Hint: fl.Why()})
	}
}

// nesting returns how deep arrays and inline tables (and table headers) are
// nested in the TOML document data, stopping at the first place deeper than
// MaxNesting; offset is that place. It reads strings and comments only to
// skip the brackets in them, and does not check the syntax.
func nesting(data []byte) (depth, offset int) {
	maxDepth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(data, i)
		case '[', '{':
			depth++
			if depth > maxDepth {
				maxDepth = depth
			}
			if depth > MaxNesting {
				return depth, i
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return maxDepth, 0
}

// skipString returns the offset of the last byte of the string that starts
// at data[i] (a quote), or of the end of data if it is not closed. Basic
// strings ("…", """…""") have backslash escapes; literal ones ('…', ”'…”')
// do not. Single-line strings end at a line end at the latest.
func skipString(data []byte, i int) int {
	q := data[i]
	multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
	if multi {
		i += 2
	}
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\\' && q == '"':
			i++
		case c == '\n' && !multi:
			return i
		case c == q && !multi:
			return i
		case c == q && i+2 < len(data) && data[i+1] == q && data[i+2] == q:
			i += 2
			for i+1 < len(data) && data[i+1] == q { // """"a"""" ends in quotes
				i++
			}
			return i
		}
	}
	return len(data)
}
