package load_test

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/testportal"
	"github.com/trustportal/trustportal/generator/validate"
)

// minimalFS returns the minimal fixture project in memory, with files
// replaced by those in replace (a nil value removes the file).
func minimalFS(tb testing.TB, replace map[string][]byte) fstest.MapFS {
	tb.Helper()
	fsys := memFS(tb, testportal.Minimal(tb), ".")
	for name, data := range replace {
		if data == nil {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// memFS returns the files below dirs of the directory root, in memory.
func memFS(tb testing.TB, root string, dirs ...string) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	rootFS := os.DirFS(root)
	for _, dir := range dirs {
		err := fs.WalkDir(rootFS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(rootFS, p)
			fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return fsys
}

// subprocessors returns a valid data/subprocessors.toml of at least size
// bytes: the same entry over and over, with its own id each time.
func subprocessors(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `[[subprocessor]]
id = "hoster-%d"
name = "Hoster %d GmbH"
since = 2022-01-01
dpa_date = 2021-12-01
url = "https://hoster.example/"
safeguard = "eu-eea"
certifications = ["ISO/IEC 27001"]
data_categories = ["contact-data", "usage-data"]
locations = [{ country = "DE", city = "Berlin" }]
purpose = { de = "Hosting", en = "Hosting" }
responsibilities = { de = "Betrieb der Server", en = "Operating the servers" }

  [subprocessor.address]
  street = "Serverweg 2"
  postal_code = "10115"
  city = "Berlin"
  country = "DE"

  [subprocessor.contact]
  name = "Datenschutz"
  email = "privacy@hoster.example"

`, i, i)
	}
	return []byte(b.String())
}

// nested returns a TOML document whose value is depth arrays and inline
// tables inside each other.
func nested(depth int) []byte {
	open, close := "", ""
	for i := range depth {
		if i%2 == 0 {
			open += "["
			close = "]" + close
		} else {
			open += "{ a = "
			close = " }" + close
		}
	}
	return []byte("x = " + open + "1" + close + "\n")
}

// edited returns the minimal project with old replaced by new in file (old
// must occur once).
func edited(tb testing.TB, file, old, new string) fstest.MapFS {
	tb.Helper()
	fsys := minimalFS(tb, nil)
	data := string(fsys[file].Data)
	if strings.Count(data, old) != 1 {
		tb.Fatalf("%s holds %q %d times", file, old, strings.Count(data, old))
	}
	fsys[file].Data = []byte(strings.Replace(data, old, new, 1))
	return fsys
}

// problemsOf loads and validates the project in fsys, as check does.
func problemsOf(tb testing.TB, fsys fs.FS) problem.List {
	tb.Helper()
	p, problems, err := load.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	if p != nil {
		problems.Merge(validate.Problems(p))
	}
	return problems
}

// inFile returns the problems of file.
func inFile(problems problem.List, file string) problem.List {
	var out problem.List
	for _, p := range problems {
		if p.File == file {
			out = append(out, p)
		}
	}
	return out
}
