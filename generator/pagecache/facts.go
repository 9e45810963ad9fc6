package pagecache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Facts is a store of small values in the cache (facts/), what verify
// learnt of each page it read (verify.Facts), for one build of this
// program: the key of every value includes tool, the program's build ID,
// so that another version of the checks never takes what this one found.
type Facts struct {
	c    *Cache
	tool string
}

// Facts returns the store of values for the program whose build ID is
// tool (see ToolID); nil if tool is "", which stores nothing.
func (c *Cache) Facts(tool string) *Facts {
	if tool == "" {
		return nil
	}
	return &Facts{c: c, tool: tool}
}

func (f *Facts) path(key string) string {
	sum := sha256.Sum256([]byte(f.tool + "\x00" + key))
	name := hex.EncodeToString(sum[:])
	return filepath.Join(f.c.dir, "facts", name[:2], name)
}

// Get returns the value stored under key, if it is there whole.
func (f *Facts) Get(key string) ([]byte, bool) {
	name := f.path(key)
	data, err := os.ReadFile(name)
	if err != nil || len(data) < sha256.Size {
		return nil, false
	}
	value := data[sha256.Size:]
	if sum := sha256.Sum256(value); !bytes.Equal(sum[:], data[:sha256.Size]) {
		os.Remove(name)
		return nil, false
	}
	now := f.c.now()
	os.Chtimes(name, now, now)
	return value, true
}

// Put stores value under key; a value that cannot be stored is found
// again next time.
func (f *Facts) Put(key string, value []byte) {
	sum := sha256.Sum256(value)
	_ = writeFile(f.path(key), append(sum[:], value...))
}

var toolID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return buildID(exe)
})

// ToolID returns the Go build ID of the running program, which changes
// with any change of its code or of how it was built; "" where it cannot
// be read (a program that is not an ELF file), and nothing is kept then.
func ToolID() string { return toolID() }

// buildID reads the Go build ID note of the ELF file name.
func buildID(name string) string {
	f, err := elf.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	// namesz, descsz, type, then the name "Go\x00\x00" and the ID
	if err != nil || len(note) < 16 {
		return ""
	}
	order := f.ByteOrder
	namesz, descsz := order.Uint32(note[0:4]), order.Uint32(note[4:8])
	start := 12 + (namesz+3)&^3
	if string(note[12:14]) != "Go" || uint64(start)+uint64(descsz) > uint64(len(note)) {
		return ""
	}
	return strings.TrimRight(string(note[start:start+descsz]), "\x00")
}
