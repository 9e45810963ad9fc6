package legal

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/trustportal/trustportal/generator/memo"
	"github.com/trustportal/trustportal/generator/model"
)

// Figures remembers the figures of texts (see figures), by text and
// language. It is safe for concurrent use; the zero value is ready to use
// (NewFigures returns one). A nil *Figures remembers nothing.
type Figures struct {
	m memo.Map[figuresKey, []string]
}

type figuresKey struct {
	text string
	lang model.Lang
}

// NewFigures returns an empty memory of figures.
func NewFigures() *Figures { return &Figures{} }

// of returns the figures of text in lang, read once per text. The slice
// returned is shared and must not be changed.
func (f *Figures) of(text string, lang model.Lang) []string {
	if f == nil {
		return figures(text, lang)
	}
	return f.m.Get(figuresKey{text, lang}, func() []string { return figures(text, lang) })
}

// figures returns what a text states that must read the same in every
// language: its numbers, dates, e-mail addresses and URLs, normalised so
// that the forms of different languages compare equal ("1.000" and
// "1,000", "2,5" and "2.5", "1. März 2024" and "1 March 2024"). Numbers
// written as words count where the language's words are known (two to
// twelve, twenty, thirty, in German, English and French).
func figures(text string, lang model.Lang) []string {
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	// Each pattern runs only where the text can hold a match: most texts
	// hold no link, e-mail address or date, and the patterns are slow.
	// A reference's target is no figure of the text; a link's is a URL.
	if strings.Contains(text, "](") {
		text = linkRe.ReplaceAllStringFunc(text, func(m string) string {
			sub := linkRe.FindStringSubmatch(m)
			if u := sub[2]; strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "mailto:") {
				return sub[1] + " " + u
			}
			return sub[1]
		})
	}
	if strings.Contains(text, "@") {
		text = emailRe.ReplaceAllStringFunc(text, func(m string) string {
			add(strings.ToLower(strings.TrimPrefix(m, "mailto:")))
			return " "
		})
	}
	if strings.Contains(text, "http") {
		text = urlRe.ReplaceAllStringFunc(text, func(m string) string {
			add(strings.TrimRight(m, ".,;:)"))
			return " "
		})
	}
	for _, re := range dateRes {
		if !hasYear(text) { // every date form has a year
			break
		}
		var b strings.Builder
		last := 0
		for _, ix := range re.FindAllStringSubmatchIndex(text, -1) {
			sub := make([]string, len(ix)/2)
			for i := range sub {
				if ix[2*i] >= 0 {
					sub[i] = text[ix[2*i]:ix[2*i+1]]
				}
			}
			if d := parseDate(re, sub); d != "" {
				add(d)
				b.WriteString(text[last:ix[0]])
				b.WriteString(" ")
				last = ix[1]
			}
		}
		b.WriteString(text[last:])
		text = b.String()
	}
	if strings.ContainsAny(text, "0123456789") {
		for _, m := range numberRe.FindAllString(text, -1) {
			add(normalNumber(m))
		}
	}
	// "the first sentence of Art. 28(2)" cites what German writes "Art. 28
	// Abs. 2 Satz 1".
	if lower := strings.ToLower(text); strings.Contains(lower, "sentence") || strings.Contains(lower, "subparagraph") {
		text = citedOrdinalRe.ReplaceAllStringFunc(text, func(m string) string {
			add(strconv.Itoa(ordinals[strings.ToLower(citedOrdinalRe.FindStringSubmatch(m)[1])]))
			return " "
		})
	}
	if words := numberWords[lang]; words != nil {
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if n, ok := words[w]; ok {
				add(strconv.Itoa(n))
			}
		}
	}
	return out
}

var (
	linkRe  = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)`)
	emailRe = regexp.MustCompile(`(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	urlRe   = regexp.MustCompile(`https?://[^\s<>"\])]+`)
	// citedOrdinalRe is an ordinal in a citation of a sentence or
	// subparagraph, in English.
	citedOrdinalRe = regexp.MustCompile(`(?i)\b(first|second|third|fourth|fifth)\s+(?:sentence|subparagraph)s?\b`)
	numberRe       = regexp.MustCompile(`\d+(?:[.,\x{00a0}\x{202f}']\d+)*`)
)

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}

// months are the month names of the languages whose dates are read.
var months = func() map[string]int {
	m := map[string]int{"jänner": 1}
	for _, names := range [][]string{
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	} {
		for i, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()

var monthAlt = func() string {
	var names []string
	for n := range months {
		names = append(names, regexp.QuoteMeta(n))
	}
	slices.Sort(names)
	return strings.Join(names, "|")
}()

// dateRes are the date forms read, longest first: 2024-03-01, 01.03.2024,
// 1. März 2024, 1er mars 2024, 1 March 2024, March 1, 2024, März 2024.
var dateRes = []*regexp.Regexp{
	regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`),
	regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`),
	regexp.MustCompile(`(?i)\b(\d{1,2})(?:\.|er)?\s+(` + monthAlt + `)\s+(\d{4})\b`),
	regexp.MustCompile(`(?i)\b(` + monthAlt + `)\s+(\d{1,2}),?\s+(\d{4})\b`),
	regexp.MustCompile(`(?i)\b(` + monthAlt + `)\s+(\d{4})\b`),
}

// parseDate returns the date matched by re with submatches sub, as
// YYYY-MM-DD (YYYY-MM without a day), or "" if it is none.
func parseDate(re *regexp.Regexp, sub []string) string {
	var y, mo, d int
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch re {
	case dateRes[0]:
		y, mo, d = num(sub[1]), num(sub[2]), num(sub[3])
	case dateRes[1]:
		d, mo, y = num(sub[1]), num(sub[2]), num(sub[3])
	case dateRes[2]:
		d, mo, y = num(sub[1]), months[strings.ToLower(sub[2])], num(sub[3])
	case dateRes[3]:
		mo, d, y = months[strings.ToLower(sub[1])], num(sub[2]), num(sub[3])
	case dateRes[4]:
		mo, y = months[strings.ToLower(sub[1])], num(sub[2])
		return fmt.Sprintf("%04d-%02d", y, mo)
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// normalNumber writes a number without the separators languages differ in:
// digit groups ("10.000", "10,000", "10 000") are joined, a decimal
// separator is a point ("2,5" and "2.5" are "2.5").
func normalNumber(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' || r == '\u00a0' || r == '\u202f' || r == '\'' })
	grouped := len(parts) > 1 && len(parts[0]) <= 3
	for _, p := range parts[1:] {
		grouped = grouped && len(p) == 3
	}
	if grouped {
		return strings.TrimLeft(strings.Join(parts, ""), "0") + zeroIfEmpty(parts)
	}
	return strings.Join(parts, ".")
}

func zeroIfEmpty(parts []string) string {
	if strings.Trim(strings.Join(parts, ""), "0") == "" {
		return "0"
	}
	return ""
}

// numberWords are the numbers written as words that a clause may use in
// one language and as digits in another. One is left out: "ein", "one"
// and "un" are articles and pronouns as often as numbers.
var numberWords = map[model.Lang]map[string]int{
	model.DE: words("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf", "zwanzig dreißig"),
	model.EN: words("two three four five six seven eight nine ten eleven twelve", "twenty thirty"),
	"fr":     words("deux trois quatre cinq six sept huit neuf dix onze douze", "vingt trente"),
}

func words(units, tens string) map[string]int {
	m := map[string]int{}
	for i, w := range strings.Fields(units) {
		m[w] = i + 2
	}
	for i, w := range strings.Fields(tens) {
		m[w] = 20 + 10*i
	}
	return m
}

// hasYear reports whether text has four digits in a row, as every date
// form the parity check reads does.
func hasYear(text string) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
