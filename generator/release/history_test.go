package release_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/release"
)

// lockEntry writes a lock entry with one text and one file hash.
func lockEntry(version, text, file string) string {
	return "\n[[release]]\nversion = \"" + version + "\"\n\n  [release.texts]\n  \"dpa.en\" = \"" + text +
		"\"\n\n  [release.files]\n  \"dpa/scope.en.md\" = \"" + file + "\"\n"
}

func parseLock(t *testing.T, text string) *model.Lock {
	t.Helper()
	lock, problems, err := load.Lock(fstest.MapFS{load.LockFile: {Data: []byte(text)}})
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	return lock
}

func TestCompareLocks(t *testing.T) {
	a, b, c := strings.Repeat("a", 64), strings.Repeat("b", 64), strings.Repeat("c", 64)
	base := "format = 1\n" + lockEntry("1.0", a, a) + lockEntry("2.0", b, b)
	tests := []struct {
		name string
		lock string
		want []string // problems, as printed
	}{
		{"unchanged", base, nil},
		{"a new release", base + lockEntry("2.1", c, c), nil},
		{"text hash changed", "format = 1\n" + lockEntry("1.0", a, a) + lockEntry("2.0", c, b), []string{
			`data/releases/lock.toml:16:3: release[1].texts."dpa.en": release 2.0 was changed: texts "dpa.en" was sha256:` + b + ` at origin/main and is sha256:` + c + ` here`}},
		{"file hash changed", "format = 1\n" + lockEntry("1.0", a, c) + lockEntry("2.0", b, b), []string{
			`data/releases/lock.toml:10:3: release[0].files."dpa/scope.en.md": release 1.0 was changed: files "dpa/scope.en.md" was sha256:` + a + ` at origin/main and is sha256:` + c + ` here`}},
		{"file added to a release", "format = 1\n" + lockEntry("1.0", a, a) + strings.Replace(lockEntry("2.0", b, b), "[release.files]\n", "[release.files]\n  \"dpa/extra.en.md\" = \""+c+"\"\n", 1), []string{
			`data/releases/lock.toml:19:3: release[1].files."dpa/extra.en.md": release 2.0 was changed: files "dpa/extra.en.md" (sha256:` + c + `) is not in it at origin/main`}},
		{"file removed from a release", "format = 1\n" + lockEntry("1.0", a, a) + strings.Replace(lockEntry("2.0", b, b), "  \"dpa/scope.en.md\" = \""+b+"\"\n", "", 1), []string{
			`data/releases/lock.toml:18:4: release[1].files."dpa/scope.en.md": release 2.0 was changed: files "dpa/scope.en.md" was sha256:` + b + ` at origin/main and is gone here`}},
		{"release deleted", "format = 1\n" + lockEntry("1.0", a, a), []string{
			`data/releases/lock.toml: release: release 2.0 is in the lock at origin/main but not here: a released version was deleted`}},
		{"version renamed", "format = 1\n" + lockEntry("1.0", a, a) + lockEntry("2.1", b, b), []string{
			`data/releases/lock.toml: release: release 2.0 is in the lock at origin/main but not here: a released version was deleted`}},
		{"new release below a released one", base + lockEntry("1.5", c, c), []string{
			`data/releases/lock.toml:22:1: release[2].version: release 1.5 is new, but 2.0 was released before it (at origin/main): versions are released in order`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := release.CompareLocks(parseLock(t, base), parseLock(t, tt.lock), "origin/main")
			var lines []string
			for _, p := range got {
				lines = append(lines, strings.SplitN(p.Error(), "\n", 2)[0])
				if p.Hint == "" {
					t.Errorf("no hint: %v", p)
				}
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%v\nwant\n%s", problem.List(got), strings.Join(tt.want, "\n"))
			}
		})
	}
}
