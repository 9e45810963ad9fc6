package notify

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/tomlpos"
)

// Recipient is one address that receives the notices.
type Recipient struct {
	Address string
	// Lang is the language the recipient reads, as the file gives it.
	Lang     model.Lang
	Name     string
	Customer string
	// Topics are the topics (emit.Topics) the recipient wants; none means
	// every topic.
	Topics []string
	Line   int // where the file gives the recipient
}

// Wants reports whether r receives notices of topic.
func (r Recipient) Wants(topic string) bool {
	return len(r.Topics) == 0 || slices.Contains(r.Topics, topic)
}

// recipientFields are the columns of a CSV file and the keys of a TOML file.
var recipientFields = []string{"address", "language", "name", "customer", "topics"}

const recipientsHint = `a CSV file starts with the line address,language,name,customer,topics; a TOML file has one [[recipient]] table per address with address = "…" and language = "de"`

// ReadRecipients reads the recipients file at path: CSV (.csv) or TOML
// (.toml). A problem.List error names every problem, with line and field.
func ReadRecipients(path string) ([]Recipient, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	var rs []Recipient
	var problems problem.List
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		rs, problems = readCSV(path, data)
	case ".toml":
		rs, problems = readTOML(path, data)
	default:
		return nil, fmt.Errorf("recipients %s: give a .csv or a .toml file (%s)", path, recipientsHint)
	}
	if len(problems) == 0 && len(rs) == 0 {
		problems.Add(problem.Problem{File: path, Message: "the file lists no recipient", Hint: recipientsHint})
	}
	problems.Merge(checkRecipients(path, rs))
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return rs, nil
}

func readCSV(path string, data []byte) ([]Recipient, problem.List) {
	var problems problem.List
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		problems.Add(problem.Problem{File: path, Line: 1, Message: "no header line: " + csvMessage(err), Hint: recipientsHint})
		return nil, problems
	}
	columns := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		line, col := r.FieldPos(i)
		switch {
		case !slices.Contains(recipientFields, h):
			problems.Add(problem.Problem{File: path, Line: line, Col: col, Field: h, Message: fmt.Sprintf("%q is not a column of a recipients file", h), Hint: "the columns are " + strings.Join(recipientFields, ", ")})
		case columns[h] > 0:
			problems.Add(problem.Problem{File: path, Line: line, Col: col, Field: h, Message: "the column is named twice", Hint: "name each column once"})
		default:
			columns[h] = i + 1
		}
	}
	for _, need := range []string{"address", "language"} {
		if columns[need] == 0 && len(problems) == 0 {
			problems.Add(problem.Problem{File: path, Line: 1, Field: need, Message: "the header names no column " + need, Hint: recipientsHint})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var out []Recipient
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			problems.Add(problem.Problem{File: path, Line: line, Message: csvMessage(err), Hint: "quote a value that holds a comma or a quote: \"Doe, Jane\""})
			return nil, problems
		}
		line, _ := r.FieldPos(0)
		if len(record) == 1 && strings.TrimSpace(record[0]) == "" {
			continue
		}
		get := func(col string) string {
			if i := columns[col] - 1; i >= 0 && i < len(record) {
				return strings.TrimSpace(record[i])
			}
			return ""
		}
		rc := Recipient{Address: get("address"), Lang: model.Lang(get("language")), Name: get("name"), Customer: get("customer"), Line: line}
		if t := get("topics"); t != "" {
			rc.Topics = strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ';' || r == '|' })
		}
		out = append(out, rc)
	}
	return out, problems
}

// csvMessage is the message of a CSV error without its position, which the
// problem states.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func readTOML(path string, data []byte) ([]Recipient, problem.List) {
	var problems problem.List
	var file struct {
		Recipient []struct {
			Address  string   `toml:"address"`
			Language string   `toml:"language"`
			Name     string   `toml:"name"`
			Customer string   `toml:"customer"`
			Topics   []string `toml:"topics"`
		} `toml:"recipient"`
	}
	md, err := toml.Decode(string(data), &file)
	if err != nil {
		p := problem.Problem{File: path, Message: strings.TrimPrefix(err.Error(), "toml: "), Hint: recipientsHint}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.Line, p.Col, p.Field, p.Message = pe.Position.Line, pe.Position.Col, pe.LastKey, "TOML syntax error: "+pe.Message
		}
		problems.Add(p)
		return nil, problems
	}
	ix, err := tomlpos.Build(data)
	if err != nil {
		ix, _ = tomlpos.Build(nil)
	}
	for _, key := range md.Undecoded() {
		p := problem.Problem{File: path, Field: key.String(), Message: fmt.Sprintf("%q is not a field of a recipient", key.String()), Hint: "a [[recipient]] has " + strings.Join(recipientFields, ", ")}
		for _, at := range ix.Find(key.String()) {
			pos, _ := ix.Lookup(at)
			p.Line, p.Col, p.Field = pos.Line, pos.Col, at
			problems.Add(p)
		}
		if len(ix.Find(key.String())) == 0 {
			problems.Add(p)
		}
	}
	var out []Recipient
	for i, r := range file.Recipient {
		pos, _ := ix.Lookup(fmt.Sprintf("recipient[%d]", i))
		if a, ok := ix.Lookup(fmt.Sprintf("recipient[%d].address", i)); ok {
			pos = a
		}
		out = append(out, Recipient{Address: strings.TrimSpace(r.Address), Lang: model.Lang(strings.TrimSpace(r.Language)), Name: r.Name, Customer: r.Customer, Topics: r.Topics, Line: pos.Line})
	}
	return out, problems
}

// checkRecipients reports what is wrong with each recipient: an address
// that is none, twice the same address, a language or topic that is none.
func checkRecipients(path string, rs []Recipient) problem.List {
	var problems problem.List
	seen := map[string]int{}
	for i, r := range rs {
		at := func(field, msg, hint string) {
			problems.Add(problem.Problem{File: path, Line: r.Line, Field: fmt.Sprintf("recipient[%d].%s", i, field), Message: msg, Hint: hint})
		}
		if a, err := mail.ParseAddress(r.Address); err != nil || a.Address != r.Address || a.Name != "" {
			at("address", fmt.Sprintf("%q is not an e-mail address", r.Address), "write the bare address, jane.doe@customer.example; the name goes into the name field")
		} else if first, ok := seen[strings.ToLower(r.Address)]; ok {
			at("address", fmt.Sprintf("%s is listed twice (first on line %d)", r.Address, first), "list each address once; give it the topics it wants")
		} else {
			seen[strings.ToLower(r.Address)] = r.Line
		}
		if err := model.CheckLang(string(r.Lang)); err != nil {
			at("language", err.Error(), "give the ISO 639-1 code of the language the recipient reads: de, en, …")
		}
		for _, t := range r.Topics {
			if !slices.Contains(emit.Topics, t) {
				at("topics", fmt.Sprintf("%q is not a topic of notices", t), "the topics are "+strings.Join(emit.Topics, ", ")+"; leave the field empty for both")
			}
		}
	}
	return problems
}
