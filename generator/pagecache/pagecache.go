// Package pagecache keeps what Hugo rendered for the pages of released
// versions, so that a build renders only the pages whose inputs changed.
//
// A released version's pages and the redlines between released versions
// (emit.VersionedPage) are most of a portal with a long history, and a
// build renders them again although they rarely change: only a new
// release (each version page lists every version), an edited layout,
// string or setting, or another Hugo changes them.
//
// The cache keeps each such page's published files under a key that is
// the SHA-256 of everything Hugo reads to render it: the page's content
// file and the names of its translations; every file of the emitted Hugo
// project but content and static files (configuration, the theme's and
// the generator's layouts, strings, assets and data); the project's own
// layouts, strings, assets and content pages (Inputs); and Hugo's version.
// A page found is put in the Hugo project as a page Hugo lists and links
// to but does not render (VersionedPage.Linked), and its files are copied
// into the rendered site (Restore), where verify checks them with every
// other page. A page not found is rendered, and its files are stored once
// the site has passed its checks (Store).
//
// Hugo publishes a stylesheet or script of assets/ only when a page it
// renders asks for its address: a page taken from the cache asks nothing.
// So an entry also keeps the files its page refers to that no other part
// of the build publishes for certain (Known), Hugo's resources, each once
// by its SHA-256 in blobs/; Restore writes those the site lacks.
//
// An entry is a directory named by its key, written under a temporary name
// and renamed into place, so that a build never reads a half-written one.
// Every file's SHA-256 is recorded and checked when the entry is used: an
// entry that does not match is removed and the page rendered. Entries no
// build used for 30 days are removed.
package pagecache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/trustportal/trustportal/generator/emit"
)

// format names the layout of an entry and of its key; change it when
// either changes, and every earlier entry is a stranger.
const format = "trustportal page cache 1"

// MaxAge is how long an entry no build uses is kept.
const MaxAge = 30 * 24 * time.Hour

// Cache is a directory of rendered pages.
type Cache struct {
	dir string
	now func() time.Time
}

// Open opens the cache in dir, creating it (readable by its owner only)
// if need be.
func Open(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("page cache: %w", err)
	}
	return &Cache{dir: dir, now: time.Now}, nil
}

// DefaultDir is where the cache lives unless told otherwise: trustportal/pages
// in the user's cache directory ($XDG_CACHE_HOME, ~/.cache on Linux).
func DefaultDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "trustportal", "pages"), nil
}

// Inputs are the project's own files that Hugo reads besides the emitted
// project: each named directory of the project (layouts, i18n, assets,
// content), its files kept by Keep (a path relative to the directory,
// with slashes).
type Inputs struct {
	Root string
	Dirs []string
	Keep func(dir, rel string) bool
}

// Plan is what a build takes from the cache and what it stores in it.
type Plan struct {
	c *Cache
	// known are the files the build publishes whatever it renders, by
	// path below the site root.
	known map[string]bool
	// found are the pages taken from the cache, missing those Hugo renders.
	found, missing []entry
}

type entry struct {
	key  string
	page emit.VersionedPage
	// files and resources of an entry found, as its index lists them
	files, resources []indexFile
}

// index is an entry's list of its files, index.json.
type index struct {
	Format string      `json:"format"`
	Page   string      `json:"page"` // the content file, for whoever looks
	Files  []indexFile `json:"files"`
	// Resources are the files of the site the page refers to that Hugo
	// publishes only for the pages that ask for them (in blobs/).
	Resources []indexFile `json:"resources,omitempty"`
}

type indexFile struct {
	Path   string `json:"path"` // below the site root
	SHA256 string `json:"sha256"`
}

// Plan looks up pages, each a page of files (the emitted Hugo project),
// with the Hugo version and the project's own inputs in, in the cache. In
// files, it puts each page found in its Linked form; Restore and Store
// then complete the rendered site and the cache. Known are the files
// the site has whatever Hugo renders (emit.Project.Expected): the pages'
// and the static files.
func (c *Cache) Plan(files emit.Files, pages []emit.VersionedPage, known []string, hugoVersion string, inputs Inputs) (*Plan, error) {
	common, err := commonKey(files, hugoVersion, inputs)
	if err != nil {
		return nil, fmt.Errorf("page cache: %w", err)
	}
	p := &Plan{c: c, known: map[string]bool{}}
	for _, k := range known {
		p.known[k] = true
	}
	for _, pg := range pages {
		content, ok := files[pg.Content]
		if !ok {
			return nil, fmt.Errorf("page cache: %s is not in the project", pg.Content)
		}
		e := entry{key: pageKey(common, pg, content), page: pg}
		if e.files, e.resources = c.lookup(e.key, pg.Outputs); e.files != nil {
			files[pg.Content] = pg.Linked
			p.found = append(p.found, e)
		} else {
			p.missing = append(p.missing, e)
		}
	}
	return p, nil
}

// Found and Missing count the pages taken from the cache and rendered.
func (p *Plan) Found() int   { return len(p.found) }
func (p *Plan) Missing() int { return len(p.missing) }

// commonKey hashes what every page's rendering reads.
func commonKey(files emit.Files, hugoVersion string, inputs Inputs) ([]byte, error) {
	h := sha256.New()
	field(h, format)
	field(h, hugoVersion)
	names := make([]string, 0, len(files))
	for name := range files {
		if !pageOrStatic(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		field(h, name)
		field(h, string(files[name]))
	}
	for _, dir := range inputs.Dirs {
		root := filepath.Join(inputs.Root, dir)
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := fs.WalkDir(os.DirFS(root), ".", func(rel string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || (inputs.Keep != nil && !inputs.Keep(dir, rel)) {
				return err
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				return err
			}
			field(h, path.Join("project", dir, rel))
			field(h, string(data))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return h.Sum(nil), nil
}

// pageOrStatic reports whether name, a file of the emitted project, is a
// page (each page's own part of the key) or a static file (copied, never
// read by a template).
func pageOrStatic(name string) bool {
	first, rest, _ := strings.Cut(name, "/")
	if first == "themes" {
		_, rest, _ = strings.Cut(rest, "/") // the theme's name
		first, _, _ = strings.Cut(rest, "/")
	}
	return first == "content" || first == "static"
}

func pageKey(common []byte, pg emit.VersionedPage, content []byte) string {
	h := sha256.New()
	h.Write(common)
	field(h, pg.Content)
	field(h, string(content))
	for _, t := range pg.Translations {
		field(h, t)
	}
	for _, o := range pg.Outputs {
		field(h, o)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// field writes s, prefixed by its length, so that no two sequences of
// fields hash alike.
func field(h hash.Hash, s string) {
	h.Write([]byte(strconv.Itoa(len(s)) + ":"))
	io.WriteString(h, s)
}

func (c *Cache) entryDir(key string) string { return filepath.Join(c.dir, key[:2], key) }

// lookup returns the files and resources of the entry key if it holds
// exactly outputs, each as recorded; nil if not. An entry that fails is
// removed.
func (c *Cache) lookup(key string, outputs []string) (files, resources []indexFile) {
	dir := c.entryDir(key)
	data, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, nil
	}
	var idx index
	ok := json.Unmarshal(data, &idx) == nil && idx.Format == format && len(idx.Files) == len(outputs)
	for i := 0; ok && i < len(idx.Files); i++ {
		f := idx.Files[i]
		ok = f.Path == outputs[i] && fileHash(filepath.Join(dir, strconv.Itoa(i))) == f.SHA256
	}
	for i := 0; ok && i < len(idx.Resources); i++ {
		ok = c.blob(idx.Resources[i].SHA256)
	}
	if !ok {
		os.RemoveAll(dir)
		return nil, nil
	}
	now := c.now()
	os.Chtimes(dir, now, now) // used: kept another MaxAge
	return idx.Files, idx.Resources
}

func (c *Cache) blobPath(sum string) string { return filepath.Join(c.dir, "blobs", sum[:2], sum) }

// blob reports whether the blob sum is in the cache, whole; it is then
// kept another MaxAge.
func (c *Cache) blob(sum string) bool {
	name := c.blobPath(sum)
	if len(sum) != 2*sha256.Size || fileHash(name) != sum {
		return false
	}
	now := c.now()
	os.Chtimes(name, now, now)
	return true
}

// fileHash returns the SHA-256 of the file name in hex, "" if it cannot be read.
func fileHash(name string) string {
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Restore copies the files of every page found into the rendered site in
// dir, and the resources they refer to that the site lacks.
func (p *Plan) Restore(site string) error {
	for _, e := range p.found {
		src := p.c.entryDir(e.key)
		for i, f := range e.files {
			if err := restore(filepath.Join(src, strconv.Itoa(i)), f, site, false); err != nil {
				os.RemoveAll(src)
				return fmt.Errorf("page cache: %s: %w", e.page.Content, err)
			}
		}
		for _, f := range e.resources {
			if err := restore(p.c.blobPath(f.SHA256), f, site, true); err != nil {
				os.RemoveAll(src)
				return fmt.Errorf("page cache: %s: %w", e.page.Content, err)
			}
		}
	}
	return nil
}

// restore writes the file from, which must be as f records, to f.Path in
// site. A resource the site has is left as it is; a page's file must not
// be there yet.
func restore(from string, f indexFile, site string, resource bool) error {
	dst := filepath.Join(site, filepath.FromSlash(f.Path))
	if _, err := os.Lstat(dst); err == nil {
		if resource {
			return nil
		}
		return fmt.Errorf("the Hugo run wrote %s, a file of a page it was not to render", f.Path)
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
		return fmt.Errorf("the stored %s changed while the site was built (the entry is removed): build again", f.Path)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// Store keeps the files of every page rendered into the site in dir, which
// has passed its checks, and removes the entries no build has used for
// MaxAge. A page whose files cannot be stored is rendered again next time:
// the error is for the log.
func (p *Plan) Store(site string) error {
	if len(p.missing) > 0 {
		resources, err := p.resources(site)
		if err != nil {
			return fmt.Errorf("page cache: %w", err)
		}
		for _, e := range p.missing {
			if err := p.c.store(site, e, resources); err != nil {
				return fmt.Errorf("page cache: %s: %w", e.page.Content, err)
			}
		}
	}
	return p.c.prune()
}

// resource is a file of the rendered site that is not known to be there
// whatever Hugo renders: a stylesheet, script or image of assets/.
type resource struct {
	path string // below the site root
	data []byte
	sum  string
}

// resources returns the files of the site in dir that are not known.
func (p *Plan) resources(site string) ([]resource, error) {
	var out []resource
	err := filepath.WalkDir(site, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(site, name)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if p.known[rel] || strings.HasPrefix(path.Base(rel), ".") {
			return nil
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		out = append(out, resource{path: rel, data: data, sum: hex.EncodeToString(sum[:])})
		return nil
	})
	return out, err
}

// refersTo returns the resources that data refers to, and those that
// they refer to in turn (a stylesheet's fonts).
func refersTo(data [][]byte, resources []resource) []resource {
	var out []resource
	seen := map[string]bool{}
	for len(data) > 0 {
		var next [][]byte
		for _, r := range resources {
			if seen[r.path] {
				continue
			}
			for _, d := range data {
				if bytes.Contains(d, []byte("/"+r.path)) {
					seen[r.path] = true
					out = append(out, r)
					next = append(next, r.data)
					break
				}
			}
		}
		data = next
	}
	slices.SortFunc(out, func(a, b resource) int { return strings.Compare(a.path, b.path) })
	return out
}

func (c *Cache) store(site string, e entry, resources []resource) (err error) {
	final := c.entryDir(e.key)
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(final), ".new-")
	if err != nil {
		return err
	}
	defer func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	idx := index{Format: format, Page: e.page.Content}
	var outputs [][]byte
	for i, out := range e.page.Outputs {
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(out)))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, strconv.Itoa(i)), data, 0o600); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		idx.Files = append(idx.Files, indexFile{Path: out, SHA256: hex.EncodeToString(sum[:])})
		outputs = append(outputs, data)
	}
	for _, r := range refersTo(outputs, resources) {
		if err := c.storeBlob(r); err != nil {
			return err
		}
		idx.Resources = append(idx.Resources, indexFile{Path: r.path, SHA256: r.sum})
	}
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "index.json"), data, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		if _, statErr := os.Stat(filepath.Join(final, "index.json")); statErr == nil {
			return nil // another build stored it first
		}
		return err
	}
	tmp = ""
	return nil
}

// storeBlob keeps r in blobs/, unless it is there.
func (c *Cache) storeBlob(r resource) error {
	final := c.blobPath(r.sum)
	if fileHash(final) == r.sum {
		return nil
	}
	return writeFile(final, r.data)
}

// writeFile writes data to the file name, creating its directory: into a
// new file beside it, renamed into place, so that no reader sees half of
// it.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".new-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// pruneStamp is the empty file whose time says when the cache was last
// pruned.
const pruneStamp = ".trustportal-pruned"

// prune removes the entries not used for MaxAge, and what a build that
// stopped halfway left, at most once a day.
func (c *Cache) prune() error {
	stamp := filepath.Join(c.dir, pruneStamp)
	now := c.now()
	if fi, err := os.Lstat(stamp); err == nil {
		if !fi.Mode().IsRegular() || fi.Size() != 0 || now.Sub(fi.ModTime()) < 24*time.Hour {
			return nil // pruned today, or a file of that name not ours
		}
	} else if f, err := os.OpenFile(stamp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err != nil {
		return err
	} else {
		f.Close()
	}
	os.Chtimes(stamp, now, now)
	if err := c.pruneShards(c.dir, now); err != nil {
		return err
	}
	if err := c.pruneShards(filepath.Join(c.dir, "facts"), now); err != nil {
		return err
	}
	return c.pruneShards(filepath.Join(c.dir, "blobs"), now)
}

// pruneShards removes what is older than MaxAge in the shards of root
// (root/xx/name; the blobs' and facts' directories are not shards). It
// removes only what the cache writes, whatever else the directory holds
// (--cache-dir may name a directory of the user's).
func (c *Cache) pruneShards(root string, now time.Time) error {
	shards, err := os.ReadDir(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, s := range shards {
		if !s.IsDir() || len(s.Name()) != 2 || !isHex(s.Name()) {
			continue // not a shard: blobs/, facts/, or a file of someone else's
		}
		entries, err := os.ReadDir(filepath.Join(root, s.Name()))
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !written(s.Name(), e) {
				continue
			}
			fi, err := e.Info()
			if err != nil || now.Sub(fi.ModTime()) < MaxAge {
				continue
			}
			if err := os.RemoveAll(filepath.Join(root, s.Name(), e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// written reports whether e, in the shard named shard, is what the cache
// writes there: an entry or value named by its SHA-256 in hex (which the
// shard's name begins), not a link, or one being written (".new-…").
func written(shard string, e fs.DirEntry) bool {
	if e.Type()&fs.ModeSymlink != 0 {
		return false
	}
	name := e.Name()
	if strings.HasPrefix(name, ".new-") {
		return true
	}
	return len(name) == 2*sha256.Size && strings.HasPrefix(name, shard) && isHex(name)
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}
