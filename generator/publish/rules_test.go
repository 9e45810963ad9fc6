package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// layout makes a directory with a portal project and the kinds of place a
// user may name as --out or --hugo-source, and returns its path.
func layout(t *testing.T) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"project/data/portal.toml":              "title = 1\n",
		"project/data/releases/lock.toml":       "format = 1\n",
		"project/content/dpa/scope.de.md":       "Text\n",
		"project/layouts/toms.html":             "x\n",
		"mine/notes.txt":                        "my own notes\n",
		"previous/index.html":                   "old site\n",
		"previous/" + Site.Marker:               Site.Text,
		"hugo-previous/hugo.json":               "{}\n",
		"hugo-previous/" + HugoProject.Marker:   HugoProject.Text,
		"elsewhere/webroot/index.html":          "served\n",
		"elsewhere/site/" + Site.Marker:         Site.Text,
		"file.txt":                              "a file\n",
		"marker-is-a-dir/" + Site.Marker + "/x": "not a marker\n",
		// Sites of a trustportal older than the marker, and look-alikes.
		"legacy/index.html":               "redirect\n",
		"legacy/de/index.html":            "Startseite\n",
		"legacy/api/dpa.json":             legacyManifest,
		"legacy-plus-mine/de/index.html":  "Startseite\n",
		"legacy-plus-mine/api/dpa.json":   legacyManifest,
		"legacy-plus-mine/blog/post.html": "my own post\n",
		"not-a-manifest/de/index.html":    "Startseite\n",
		"not-a-manifest/api/dpa.json":     `{"name": "my own API"}`,
	} {
		write(t, root, name, content)
	}
	for _, dir := range []string{"empty", "elsewhere/empty"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"link-to-empty":   filepath.Join(root, "elsewhere/empty"),
		"link-to-site":    "elsewhere/site",
		"link-to-webroot": filepath.Join(root, "elsewhere/webroot"),
		"link-to-nothing": filepath.Join(root, "elsewhere/gone"),
		"link-to-project": "project",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// legacyManifest is the start of /api/dpa.json as trustportal wrote it
// before sites carried a marker.
const legacyManifest = `{"as_of": "2026-11-25", "binding_language": "de", "current": null, "format": 1, "upcoming": [], "versions": []}`

var inputs = []string{"data", "content", "layouts", "i18n", "assets", "static"}

func TestResolve(t *testing.T) {
	root := layout(t)
	src := Source{Dir: filepath.Join(root, "project"), Inputs: inputs}
	tests := []struct {
		name string
		kind Kind
		dir  string // relative to root
		want string // the resolved directory, relative to root, if allowed
		err  string // else what the error says
	}{
		{name: "new directory", kind: Site, dir: "new/site", want: "new/site"},
		{name: "public/ in the project", kind: Site, dir: "project/public", want: "project/public"},
		{name: "empty directory", kind: Site, dir: "empty", want: "empty"},
		{name: "previous output", kind: Site, dir: "previous", want: "previous"},
		{name: "symlink to an empty directory", kind: Site, dir: "link-to-empty", want: "elsewhere/empty"},
		{name: "symlink to a previous output", kind: Site, dir: "link-to-site", want: "elsewhere/site"},
		{name: "new directory below a symlink", kind: Site, dir: "link-to-empty/site", want: "elsewhere/empty/site"},
		{name: "user's directory", kind: Site, dir: "mine", err: "holds files that trustportal did not write (notes.txt)"},
		{name: "symlink to a web root", kind: Site, dir: "link-to-webroot", err: "link-to-webroot (" + root + "/elsewhere/webroot) holds files that trustportal did not write (index.html)"},
		{name: "symlink to nothing", kind: Site, dir: "link-to-nothing", err: "which does not exist: create that directory"},
		{name: "regular file", kind: Site, dir: "file.txt", err: "is a file, not a directory"},
		{name: "marker that is a directory", kind: Site, dir: "marker-is-a-dir", err: "holds files that trustportal did not write"},
		{name: "the project", kind: Site, dir: "project", err: "is the project directory itself"},
		{name: "symlink to the project", kind: Site, dir: "link-to-project", err: "is the project directory itself"},
		{name: "parent of the project", kind: Site, dir: ".", err: "contains the project directory"},
		{name: "data/", kind: Site, dir: "project/data", err: "is inside the project's data/"},
		{name: "new directory in data/releases", kind: Site, dir: "project/data/releases/www", err: "is inside the project's data/"},
		{name: "new directory in content/", kind: Site, dir: "project/content/public", err: "is inside the project's content/"},
		{name: "layouts/", kind: Site, dir: "project/layouts", err: "is inside the project's layouts/"},
		{name: "site of an older trustportal, without the marker", kind: Site, dir: "legacy", want: "legacy"},
		{name: "older site with files of the user's", kind: Site, dir: "legacy-plus-mine", err: "holds files that trustportal did not write"},
		{name: "an api/dpa.json that is no manifest", kind: Site, dir: "not-a-manifest", err: "holds files that trustportal did not write"},
		{name: "an older site is no Hugo project", kind: HugoProject, dir: "legacy", err: "holds files that trustportal did not write"},
		{name: "a Hugo project as the site", kind: Site, dir: "hugo-previous", err: "holds files that trustportal did not write"},
		{name: "Hugo project: new", kind: HugoProject, dir: "hugo", want: "hugo"},
		{name: "Hugo project: previous", kind: HugoProject, dir: "hugo-previous", want: "hugo-previous"},
		{name: "Hugo project: a site", kind: HugoProject, dir: "previous", err: "--hugo-source " + root + "/previous holds files"},
		{name: "Hugo project: the project", kind: HugoProject, dir: "project", err: "--hugo-source " + root + "/project is the project directory itself"},
		{name: "Hugo project: in static/", kind: HugoProject, dir: "project/static/hugo", err: "is inside the project's static/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.kind.Resolve(filepath.Join(root, tt.dir), src)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one saying %q", err, tt.err)
				}
				if !strings.HasPrefix(err.Error(), tt.kind.Flag+" ") {
					t.Errorf("the error does not name %s first: %v", tt.kind.Flag, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, tt.want); got != want {
				t.Errorf("resolved to %s, want %s", got, want)
			}
		})
	}
}

// TestResolveRelative: a relative directory is taken from the working
// directory, once, so that nothing later resolves it against another.
func TestResolveRelative(t *testing.T) {
	root := layout(t)
	t.Chdir(filepath.Join(root, "project"))
	src := Source{Dir: ".", Inputs: inputs}
	for dir, want := range map[string]string{"public": "project/public", "../www": "www"} {
		got, err := Site.Resolve(dir, src)
		if err != nil {
			t.Fatal(err)
		}
		if got != filepath.Join(root, want) {
			t.Errorf("%s resolved to %s, want %s", dir, got, filepath.Join(root, want))
		}
	}
	if _, err := Site.Resolve("data", src); err == nil {
		t.Error("a relative data accepted")
	}
}

func TestSeparate(t *testing.T) {
	for _, tt := range []struct {
		out, hugo string
		ok        bool
	}{
		{"/srv/www", "/srv/hugo", true},
		{"/srv/www", "/srv/www-hugo", true},
		{"/srv/www", "/srv/www", false},
		{"/srv/www", "/srv/www/hugo", false},
		{"/srv/hugo/www", "/srv/hugo", false},
	} {
		if err := Separate(tt.out, tt.hugo); (err == nil) != tt.ok {
			t.Errorf("Separate(%s, %s) = %v", tt.out, tt.hugo, err)
		}
	}
}
