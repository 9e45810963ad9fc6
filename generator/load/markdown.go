package load

import (
	"regexp"
	"strings"

	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
)

// markdownFile is a Markdown file split into front matter and body.
type markdownFile struct {
	name      string
	src       model.Src // position of the front matter
	body      string
	bodyStart int    // line of the body's first line
	front     string // the front matter's TOML, from the file's second line
}

// markdown splits data into TOML front matter, decoded into fm, and body.
func (l *loader) markdown(name string, data []byte, fm any) (markdownFile, bool) {
	md := markdownFile{name: name, src: model.Src{Pos: model.Pos{File: name, Line: 1}}}
	data, flaws, ok := checkText(name, data, &l.problems)
	if !ok {
		return md, false
	}
	// Refused characters are reported in every case; in the front matter,
	// once it parsed, with the field they are in.
	fieldAt := func(int) string { return "" }
	defer func() { addFlaws(&l.problems, name, flaws, fieldAt) }()
	const delim = "+++"
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != delim {
		hint := "start the file with +++, the TOML front matter (title = \"…\"), and a closing +++"
		if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
			hint = "the portal reads TOML front matter between +++ lines, not YAML between ---"
		}
		l.problems.Add(problem.Problem{File: name, Line: 1, Message: "no front matter", Hint: hint})
		return md, false
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == delim {
			end = i
			break
		}
	}
	if end < 0 {
		l.problems.Add(problem.Problem{File: name, Line: 1, Message: "front matter is not closed",
			Hint: "end the front matter with a line holding only +++"})
		return md, false
	}
	md.front = strings.Join(lines[1:end], "")
	f := parseTOML(name, 1, []byte(md.front), fm)
	l.problems.Merge(f.problems)
	fmStart, fmEnd := len(lines[0]), len(strings.Join(lines[:end], ""))
	fieldAt = func(offset int) string {
		switch {
		case offset >= fmStart && offset < fmEnd:
			return f.fieldAt(offset - fmStart)
		case offset >= fmEnd:
			return "body"
		}
		return ""
	}
	md.body, md.bodyStart = trimLeading(strings.Join(lines[end+1:], ""))
	md.bodyStart += end + 2
	return md, len(f.problems) == 0
}

// subChunk is one sub-clause's Markdown in one language.
type subChunk struct {
	id       string
	line     int // line of its {#id} marker
	title    string
	body     string
	bodyLine int // line of the body's first line
}

// trimLeading drops leading blank lines and trailing space, and says how many
// lines it dropped, to keep line numbers right.
func trimLeading(s string) (string, int) {
	n := 0
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if !ok || strings.TrimSpace(line) != "" {
			break
		}
		s = rest
		n++
	}
	if strings.TrimSpace(s) == "" {
		return "", n
	}
	return strings.TrimRight(s, " \t\n"), n
}

var (
	markerRe  = regexp.MustCompile(`^\{#([^}\s]*)\}\s*$`)
	headingRe = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
	fenceRe   = regexp.MustCompile("^\\s*(```|~~~)")
)

// splitSubClauses splits a clause body at its {#id} marker lines. Markers
// inside fenced code blocks are text.
func splitSubClauses(md markdownFile) (intro string, introLine int, subs []subChunk) {
	lines := strings.SplitAfter(md.body, "\n")
	var cur *subChunk
	var buf strings.Builder
	start := md.bodyStart // line of buf's first line
	flush := func() {
		text, skipped := trimLeading(buf.String())
		buf.Reset()
		if cur == nil {
			intro, introLine = text, start+skipped
			return
		}
		cur.bodyLine = start + skipped
		if first, rest, _ := strings.Cut(text, "\n"); headingRe.MatchString(first) {
			cur.title = headingRe.FindStringSubmatch(first)[1]
			var more int
			text, more = trimLeading(rest)
			cur.bodyLine += 1 + more
		}
		cur.body = text
		subs = append(subs, *cur)
	}
	inFence := false
	for i, line := range lines {
		if fenceRe.MatchString(line) {
			inFence = !inFence
		}
		m := markerRe.FindStringSubmatch(strings.TrimRight(line, "\n"))
		if inFence || m == nil {
			buf.WriteString(line)
			continue
		}
		flush()
		cur = &subChunk{id: m[1], line: md.bodyStart + i}
		start = cur.line + 1
	}
	flush()
	return intro, introLine, subs
}
