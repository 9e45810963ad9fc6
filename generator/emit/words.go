package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/trustportal/trustportal/generator/l10n"
)

// The labels the layouts write themselves (field names, "Inhaltsverzeichnis",
// "Kanonischer Text") come from Hugo's T, which reads the project's i18n/
// as it is today. On a released version's pages they must read as the
// release stored them: the layouts ask the partial "t" for a label, and it
// looks the label up in the words of the page's release first.
//
// The words of each release that stores its own are a Hugo data file,
// data/trustportal/words/<key>.json: by language, every message of the
// release's tables whose template only inserts fields ("Fassung
// {{.Version}}"), in the form the partial fills in. A release's pages name
// the file in their page param frozen_words (see wordsParam). A message a
// release does not store (one the tool added later) comes from today's
// tables. The key is the SHA-256 of the file: releases that store the same
// words share one file, and the layouts, which render the DPA's text, a TOM
// section or a subprocessor once per build for each content and words
// (partialCached, keyed by frozen_words), render it once for all of them.

// wordsDir is where the words of releases go, below the Hugo project's data/.
const wordsDir = "data/trustportal/words/"

// wordsParam returns the page param naming the words of release version v's
// pages, or "" where they follow today's tables.
func (e *emitter) wordsParam(v string) string {
	if o, ok := e.releaseWords[v]; ok {
		return e.wordsKeys[o]
	}
	return ""
}

// words writes the data file of each release whose stored words some
// release's pages take, and records its key in e.wordsKeys.
func (e *emitter) words(stored map[string]*l10n.Strings) error {
	e.wordsKeys = map[string]string{}
	for _, o := range slices.Compact(slices.Sorted(maps.Values(e.releaseWords))) {
		tables := map[string]map[string]string{}
		for _, lang := range e.langs {
			tables[string(lang)] = layoutMessages(stored[o].Table(lang))
		}
		b, err := encodeJSON(tables)
		if err != nil {
			return fmt.Errorf("emit the words of release %s: %w", o, err)
		}
		sum := sha256.Sum256(b)
		// A Hugo data key: a letter first, no dots.
		key := "w" + hex.EncodeToString(sum[:])
		e.wordsKeys[o] = key
		e.files[wordsDir+key+".json"] = b
	}
	return nil
}

// layoutMessages returns the messages of table in the form the partial "t"
// fills in: literal text and {{.Field}} only. A message whose template does
// more (none of the tool's does) is left out, and the page shows today's.
func layoutMessages(table map[string]string) map[string]string {
	out := map[string]string{}
	for id, msg := range table {
		if m, ok := fieldsOnly(msg); ok {
			out[id] = m
		}
	}
	return out
}

// fieldsOnly rewrites a go-i18n message template into literal text and
// {{.Field}} placeholders, or reports false if it does anything else.
func fieldsOnly(msg string) (string, bool) {
	if !strings.Contains(msg, "{{") {
		return msg, true
	}
	trees, err := parse.Parse("m", msg, "{{", "}}")
	if err != nil {
		return "", false
	}
	var b strings.Builder
	for _, n := range trees["m"].Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			b.Write(n.Text)
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
				return "", false
			}
			f, ok := n.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
			if !ok || len(f.Ident) != 1 {
				return "", false
			}
			b.WriteString("{{." + f.Ident[0] + "}}")
		default:
			return "", false
		}
	}
	return b.String(), true
}
