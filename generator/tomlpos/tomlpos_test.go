package tomlpos

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

const doc = `title = { de = "A", en = "B" }

[[area]]
id = "one"
  [[area.measure]]
  id = "m1"
  [[area.measure]]
  id = "m2"
  text = { de = "x", en = "y" }

[[area]]
id = "two"
locations = [{ country = "DE" }, { country = "US", city = "NYC" }]
  [area.meta]
  note = "n"
  [[area.measure]]
  id = "m3"
`

func TestBuild(t *testing.T) {
	ix, err := Build([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path      string
		line, col int
	}{
		{"title", 1, 1},
		{"title.en", 1, 21},
		{"area[0]", 3, 3},
		{"area[0].id", 4, 1},
		{"area[0].measure[0]", 5, 5},
		{"area[0].measure[1].id", 8, 3},
		{"area[0].measure[1].text.en", 9, 22},
		{"area[1].id", 12, 1},
		{"area[1].locations[1].city", 13, 52},
		{"area[1].locations[0]", 13, 16},
		{"area[1].meta.note", 15, 3},
		{"area[1].measure[0].id", 17, 3},
	}
	for _, tt := range tests {
		got, ok := ix.Lookup(tt.path)
		if !ok {
			t.Errorf("Lookup(%q): not found; have %v", tt.path, ix.Paths())
			continue
		}
		if got.Line != tt.line || got.Col != tt.col {
			t.Errorf("Lookup(%q) = %d:%d, want %d:%d", tt.path, got.Line, got.Col, tt.line, tt.col)
		}
	}
	if got, want := ix.Find("area.measure.id"), []string{"area[0].measure[0].id", "area[0].measure[1].id", "area[1].measure[0].id"}; !slices.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
}

func TestBuildSyntaxError(t *testing.T) {
	if _, err := Build([]byte("a = [1,\n")); err == nil {
		t.Fatal("want error for unterminated array")
	}
}

func TestUnderAndKeyAt(t *testing.T) {
	ix, err := Build([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ix.Under("area[1]"), []string{"area[1].id", "area[1].locations", "area[1].locations[0]", "area[1].locations[0].country", "area[1].locations[1]", "area[1].locations[1].country", "area[1].locations[1].city", "area[1].meta", "area[1].meta.note", "area[1].measure[0]", "area[1].measure[0].id"}; !slices.Equal(got, want) {
		t.Errorf("Under(area[1]) = %v\nwant %v", got, want)
	}
	if got := ix.Under(""); !slices.Equal(got, ix.Paths()) {
		t.Errorf("Under(\"\") = %v", got)
	}
	if got := ix.Under("area[0].measure[1].id"); len(got) != 0 {
		t.Errorf("Under(a value) = %v", got)
	}
	for offset, want := range map[int]string{
		0:                                     "title",
		len(`title = { de = "A", en = "`) + 1: "title.en",
		len(doc) - 3:                          "area[1].measure[0].id",
	} {
		if got := ix.KeyAt(offset); got != want {
			t.Errorf("KeyAt(%d) = %q, want %q", offset, got, want)
		}
	}
	if ix, _ := Build([]byte("\n\n# only a comment\n")); ix.KeyAt(10) != "" {
		t.Error("KeyAt without keys")
	}
}

// TestKeysAsBurntSushiNamesThem: paths spell keys as BurntSushi/toml's
// metadata does, so that an unknown or mistyped key is found.
func TestKeysAsBurntSushiNamesThem(t *testing.T) {
	data := "0 = { \"\" = 1 }\n\"a.b\" = { \"c[1]\" = 2, \"d:e\" = 3 }\n"
	ix, err := Build([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	md, err := toml.Decode(data, &m)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range md.Keys() {
		if got := ix.Find(k.String()); len(got) != 1 {
			t.Errorf("Find(%s) = %v; paths %q", k, got, ix.Paths())
		}
	}
	if got := StripIndexes(`a[0]."b[1]".c[12]`); got != `a."b[1]".c` {
		t.Errorf("StripIndexes = %s", got)
	}
}

func TestTextStart(t *testing.T) {
	const text = "a = \"one\"\n" +
		"b = { de = \"\"\"\nfirst\nsecond\"\"\", en = '''same line''' }\n" +
		"c = '''\r\nafter crlf'''\n" +
		"n = 3\n"
	ix, err := Build([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path      string
		line, col int
		ok        bool
	}{
		{"a", 1, 6, true},
		{"b.de", 3, 1, true},  // the line break after the opening quotes is dropped
		{"b.en", 4, 20, true}, // text on the line of the quotes starts after them
		{"c", 6, 1, true},
		{"n", 0, 0, false}, // not a string
		{"b", 0, 0, false}, // an inline table
	}
	for _, tt := range tests {
		got, ok := ix.TextStart(tt.path)
		if ok != tt.ok || got.Line != tt.line || got.Col != tt.col {
			t.Errorf("TextStart(%q) = %+v, %v; want %d:%d, %v", tt.path, got, ok, tt.line, tt.col, tt.ok)
		}
	}
}

// BenchmarkBuild indexes a TOM annex of 25 areas of 12 measures, each text
// in two languages, as the synthetic portals of issue 12 write it.
func BenchmarkBuild(b *testing.B) {
	var doc strings.Builder
	for a := range 25 {
		fmt.Fprintf(&doc, "[[area]]\nid = \"area-%d\"\ntitle = { de = \"Bereich %d\", en = \"Area %d\" }\ngoal = { de = \"\"\"\nZiel des Bereichs.\n\"\"\", en = \"\"\"\nThe area's goal.\n\"\"\" }\n\n", a, a, a)
		for m := range 12 {
			fmt.Fprintf(&doc, "[[area.measure]]\nid = \"m-%d-%d\"\ntext = { de = \"Die Maßnahme %d.\", en = \"Measure %d.\" }\nsince = 2020-01-01\n\n", a, m, m, m)
		}
	}
	data := []byte(doc.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Build(data); err != nil {
			b.Fatal(err)
		}
	}
}
