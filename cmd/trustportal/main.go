// Command trustportal builds a trust portal (data processing
// agreement, TOM annex, subprocessor list) from a portal project's data and
// content, rendering it with Hugo in-process.
//
//	trustportal init DIR [--languages de,en]
//	trustportal build [--source DIR] [--out DIR] [--hugo-source DIR] [--drafts] [--cache-dir DIR | --no-cache]
//	trustportal serve [--source DIR] [--port N]
//	trustportal check [--source DIR] [--today YYYY-MM-DD] [--against REV] [--allowed-signers FILE | --allowed-signers-at-ref PATH] [--require-signature] [--strict]
//	trustportal release VERSION --effective YYYY-MM-DD [--announced YYYY-MM-DD] [--material | --not-material REASON] [--historical] [--note [DOC:]LANG=TEXT …] [--sign-key KEY]
//	trustportal diff A B [--lang LANG] [--format text|markdown|html]
//	trustportal verify --sha256 HASH [--version V] [--lang LANG] [--manifest URL|FILE] [--current] [--json] [--today YYYY-MM-DD]
//	trustportal notify --release V --recipients FILE --log FILE --from ADDR [--smtp HOST:PORT] [--dry-run DIR]
//	trustportal bench DIR [--versions N] [--seed N]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/acceptance"
	"github.com/trustportal/trustportal/generator/diff"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/pagecache"
	"github.com/trustportal/trustportal/generator/placeholder"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/synth"
	"github.com/trustportal/trustportal/generator/validate"
)

const usage = `trustportal builds a trust portal (German and English, or the languages the
project names) from a portal project: data/*.toml, content/dpa/*.md and optional
layouts/ and i18n/ overrides.

Usage:
  trustportal init DIR [--languages de,en]
        write a new portal project into DIR (new or empty) in these languages,
        the first binding; every value to replace is marked TODO
  trustportal build [--source DIR] [--out DIR] [--hugo-source DIR] [--today YYYY-MM-DD] [--base-url URL] [--pdf] [--drafts] [--cache-dir DIR | --no-cache]
        validate, render with Hugo and publish to DIR/public (or --out);
        on any problem the previous site stays as it was; --drafts adds the
        working copy's draft pages, as serve shows them (not for publishing);
        the pages of released versions rendered by an earlier build from the
        same inputs come from the page cache (~/.cache/trustportal/pages)
  trustportal serve [--source DIR] [--port 1313] [--today YYYY-MM-DD]
        preview on http://localhost:1313 with the working copy's draft pages,
        rendered again on every change
  trustportal check [--source DIR] [--today YYYY-MM-DD] [--against REV] [--allowed-signers FILE | --allowed-signers-at-ref PATH] [--require-signature] [--strict]
        validate only; list every problem. --against: every release at the git
        revision REV must be unchanged (in CI: the merge base with main);
        --allowed-signers: verify the lock's SSH signature (data/releases/lock.toml.sig);
        the legal checks (Art. 28(3), Art. 32(1) GDPR …) warn, --strict makes them errors
  trustportal release VERSION --effective YYYY-MM-DD [--announced YYYY-MM-DD] [--material | --not-material REASON] [--historical] [--note [DOC:]LANG=TEXT …] [--sign-key KEY]
        freeze the working copy (DPA, TOM annex, subprocessors; every language)
        as VERSION in data/releases/ and record its hashes in the lock, signed
        with the SSH key KEY
  trustportal diff A B [--lang LANG] [--format text|markdown|html]
        what changed from version A to version B ("working" is the working copy):
        a redline for the terminal, Markdown for a pull request, or HTML
  trustportal verify --sha256 HASH [--version V] [--lang LANG] [--manifest URL|FILE] [--current] [--json] [--today YYYY-MM-DD]
        which published version and language a recorded acceptance hash belongs to,
        and whether that version is current, superseded, upcoming or unknown;
        --manifest reads the published /api/dpa.json instead of the checkout
  trustportal notify --release V --recipients FILE --log FILE --from ADDR [--smtp HOST:PORT] [--smtp-user USER] [--smtp-ca PEM] [--dry-run DIR]
        e-mail the notices of release V (subprocessor changes, the new version)
        to the recipients (CSV or TOML, outside the project); the send log makes a
        rerun send only what is missing; password in TRUSTPORTAL_SMTP_PASSWORD
  trustportal bench DIR [--versions N] [--seed N]
        write a synthetic large portal with N released versions into DIR (new or
        empty), the same for the same seed, to measure builds (BENCHMARKS.md)

Exit status: 0 success, 1 problems in the source or a failed build, 2 usage.
diff, like diff(1): 0 no changes, 1 changes, 2 trouble.
verify: 0 current (or superseded, without --current), 1 unknown, 2 trouble,
3 superseded with --current, 4 upcoming.
notify: 0 every notice due was sent (or written), 1 some were not, 2 trouble.
`

// runDiff prints the diff of versions a and b; its exit status is diff(1)'s.
func runDiff(a, b, source, lang, format string, stdout, stderr io.Writer) int {
	f := diff.Format(format)
	if f != diff.FormatText && f != diff.FormatMarkdown && f != diff.FormatHTML {
		fmt.Fprintf(stderr, "trustportal diff: --format %q: use text, markdown or html\n", format)
		return 2
	}
	l := model.Lang(lang)
	if lang != "" && model.CheckLang(lang) != nil {
		fmt.Fprintf(stderr, "trustportal diff: --lang: %v\n", model.CheckLang(lang))
		return 2
	}
	c, p, err := generator.Diff(source, a, b, l)
	if err != nil {
		printErr(stderr, "diff", err)
		return 2
	}
	out, err := diff.Render(c, f, f == diff.FormatText && isTerminal(stdout), p.Strings)
	if err != nil {
		printErr(stderr, "diff", err)
		return 2
	}
	fmt.Fprint(stdout, out)
	if c.Changed() {
		return 1
	}
	return 0
}

// runInit writes a new portal project into dir.
func runInit(dir, languages string, stdout, stderr io.Writer) int {
	var langs []model.Lang
	for _, code := range strings.Split(languages, ",") {
		code = strings.TrimSpace(code)
		if err := model.CheckLang(code); err != nil {
			fmt.Fprintf(stderr, "trustportal init: --languages: %v\n", err)
			return 2
		}
		langs = append(langs, model.Lang(code))
	}
	files, err := generator.Init(dir, langs)
	if err != nil {
		printErr(stderr, "init", err)
		return 1
	}
	fmt.Fprintf(stdout, "trustportal: wrote a new portal in %s (%s) into %s:\n", model.JoinLangs(langs), langs[0].Name()+" binding", dir)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintf(stdout, "Replace every TODO (trustportal check --source %s lists them), then build and release.\n", dir)
	return 0
}

// verifyRequest is what trustportal verify was asked.
type verifyRequest struct {
	source, hash, version, lang string
	manifest                    string     // a manifest's URL or file: read it instead of the checkout
	today                       model.Date // zero: today
	requireCurrent, json        bool
}

// runVerify says which published text a hash belongs to and whether its
// version is current, superseded, upcoming or unknown, from the checkout or
// from a published manifest. A malformed hash, language or version is a
// usage error, told before the project is loaded.
func runVerify(req verifyRequest, stdout, stderr io.Writer) int {
	if req.hash == "" {
		fmt.Fprintln(stderr, "trustportal verify: --sha256 is required")
		return 2
	}
	hash, err := generator.ParseHash(req.hash)
	if err != nil {
		fmt.Fprintf(stderr, "trustportal verify: --sha256: %v\n", err)
		return 2
	}
	lang, version := req.lang, req.version
	if lang != "" && model.CheckLang(lang) != nil {
		fmt.Fprintf(stderr, "trustportal verify: --lang: %v\n", model.CheckLang(lang))
		return 2
	}
	if version != "" {
		if err := model.CheckVersion(version); err != nil {
			fmt.Fprintf(stderr, "trustportal verify: --version: %v\n", err)
			return 2
		}
	}
	var answer *acceptance.Answer
	if req.manifest != "" {
		m, err := acceptance.Read(req.manifest)
		if err != nil {
			printErr(stderr, "verify", err)
			return 2
		}
		answer = m.Answer(hash, version, lang)
	} else {
		p, err := generator.Load(req.source)
		if err != nil {
			printErr(stderr, "verify", err)
			return 2
		}
		if langs := p.Model.Site.Languages; lang != "" && !slices.Contains(langs, model.Lang(lang)) {
			fmt.Fprintf(stderr, "trustportal verify: --lang %s: %s is not one of the portal's languages (%s)\n", lang, model.Lang(lang).Name(), model.JoinLangs(langs))
			return 2
		}
		if answer, err = p.Acceptance(hash, version, model.Lang(lang), req.today); err != nil {
			printErr(stderr, "verify", err)
			return 2
		}
	}
	if req.json {
		if err := answer.WriteJSON(stdout); err != nil {
			printErr(stderr, "verify", err)
			return 2
		}
	} else {
		answer.WriteText(stdout, func(l string) string { return model.Lang(l).Name() })
	}
	return acceptance.ExitCode(answer.Status, req.requireCurrent)
}

// runCheck validates the project and reports what else it confirmed.
func runCheck(opts generator.CheckOptions, stdout, stderr io.Writer) int {
	checked, err := generator.CheckWith(opts)
	if err != nil {
		printErr(stderr, "check", err)
		if errors.As(err, new(*generator.UsageError)) {
			return 2
		}
		return 1
	}
	for _, p := range checked.Placeholders {
		fmt.Fprintf(stderr, "warning: %s\n", p.Error())
	}
	for _, p := range checked.Findings {
		fmt.Fprintf(stderr, "warning: %s\n", p.Error())
	}
	for _, p := range checked.Certifications {
		fmt.Fprintf(stderr, "warning: %s\n", p.Error())
	}
	fmt.Fprintln(stdout, "trustportal: no problems found")
	if n := len(checked.Findings); n > 0 {
		fmt.Fprintf(stdout, "trustportal: %d finding(s) of the legal checks (listed above; docs/legal-checks.md): the documents may lack what Art. 28 or 32 GDPR requires; --strict makes them errors\n", n)
	}
	if n := len(checked.Certifications); n > 0 {
		fmt.Fprintf(stdout, "trustportal: %d certification(s) expired or expiring within %d days (listed above): renew them or update data/certifications.toml; --strict makes them errors\n", n, validate.ExpiringDays)
	}
	if n := len(checked.Placeholders); n > 0 {
		fmt.Fprintf(stdout, "trustportal: %d %s placeholder(s) to replace before a version can be released (listed above): write the contract's own facts and text, or delete an optional line\n", n, placeholder.Marker)
	}
	if checked.Against != "" {
		fmt.Fprintf(stdout, "trustportal: every release at %s (%.12s) is unchanged\n", opts.Against, checked.Against)
	}
	if checked.Signer != "" {
		fmt.Fprintf(stdout, "trustportal: %s: %s\n", generator.SignatureFile, checked.Signer)
	}
	return 0
}

// homePath expands a leading ~/ to the home directory, for a --sign-key
// the shell did not expand (--sign-key=~/.ssh/id_ed25519).
func homePath(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// isTerminal reports whether w is a terminal that wants colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func printErr(stderr io.Writer, cmd string, err error) {
	var list problem.List
	if errors.As(err, &list) {
		fmt.Fprintf(stderr, "%s\n", list.Error())
	} else {
		fmt.Fprintf(stderr, "trustportal %s: %v\n", cmd, err)
	}
}

// parse parses flags given before, between and after positional arguments.
func parse(fset *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fset.Parse(args); err != nil {
			return nil, err
		}
		if fset.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fset.Arg(0))
		args = fset.Args()[1:]
	}
}

// noteFlags collects a release's notes from --note LANG=TEXT and the
// older --note-de, --note-en, and the notes of single documents from
// --note DOC:LANG=TEXT.
type noteFlags struct {
	text model.Text
	docs map[string]model.Text
}

func (n *noteFlags) add(v string) error {
	lang, text, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("%q: write LANG=TEXT, e.g. --note en=\"Adds a subprocessor.\", or DOC:LANG=TEXT, e.g. --note subprocessors:en=\"Adds a subprocessor.\"", v)
	}
	doc, docLang, scoped := strings.Cut(lang, ":")
	if scoped {
		lang = docLang
	}
	if err := model.CheckLang(lang); err != nil {
		return err
	}
	if !scoped {
		return n.in(model.Lang(lang))(text)
	}
	if n.docs == nil {
		n.docs = map[string]model.Text{}
	}
	notes := n.docs[doc]
	if notes.Has(model.Lang(lang)) {
		return fmt.Errorf("a second note on %s in %s: give one per document and language", doc, model.Lang(lang).Name())
	}
	notes.Set(model.Lang(lang), text)
	n.docs[doc] = notes
	return nil
}

func (n *noteFlags) in(lang model.Lang) func(string) error {
	return func(text string) error {
		if n.text.Has(lang) {
			return fmt.Errorf("a second note in %s: give one per language", lang.Name())
		}
		n.text.Set(lang, text)
		return nil
	}
}

// isSet reports whether flag name was given on the command line.
func isSet(fset *flag.FlagSet, name string) bool {
	set := false
	fset.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func parseDate(s string) (model.Date, error) {
	if s == "" {
		return model.Date{}, errors.New("a date is needed, e.g. 2026-12-01")
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return model.Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return model.NewDate(t.Date()), nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	fset := flag.NewFlagSet("trustportal "+cmd, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, usage) }
	source := fset.String("source", ".", "the portal project `directory`")
	var out, hugoSource, effective, announced, lang, format, today, hash, version, baseURL *string
	var against, allowedSigners, allowedSignersAtRef, signKey, cacheDir *string
	var noCache *bool
	var port, versions *int
	var seed *uint64
	var material, withPDF, requireSignature, historical, strict, drafts *bool
	var notMaterial, manifest *string
	var requireCurrent, jsonOut *bool
	var languages *string
	var notes noteFlags
	switch cmd {
	case "init":
		languages = fset.String("languages", "de,en", "the portal's `languages`, comma-separated ISO 639-1 codes, the first binding")
	case "build":
		out = fset.String("out", "", "publish to this `directory`: new, empty or written by trustportal (default: public/ in the source)")
		hugoSource = fset.String("hugo-source", "", "keep the emitted Hugo project in this `directory`")
		today = fset.String("today", "", "build as on this day, `YYYY-MM-DD` (default: today): decides the current version")
		baseURL = fset.String("base-url", "", "publish for this `URL` instead of data/portal.toml's base_url (staging, local tests)")
		withPDF = fset.Bool("pdf", false, "also write a PDF of every version of every document and language (needs Chromium)")
		drafts = fset.Bool("drafts", false, "also build the working copy as draft pages with a redline, as serve shows it (never for publishing)")
		cacheDir = fset.String("cache-dir", "", "keep the rendered pages of released versions in this `directory` (default: trustportal/pages in the user's cache directory)")
		noCache = fset.Bool("no-cache", false, "render every page; neither read nor write the page cache")
	case "serve":
		port = fset.Int("port", 1313, "port of the preview server")
		today = fset.String("today", "", "preview as on this day, `YYYY-MM-DD`")
	case "check":
		against = fset.String("against", "", "compare the releases with those at this git `revision` (origin/main, a merge base)")
		allowedSigners = fset.String("allowed-signers", "", "verify the lock's signature against this OpenSSH allowed signers `file`")
		allowedSignersAtRef = fset.String("allowed-signers-at-ref", "", "the same, with the `path` of the file in the repository as it is at --against")
		requireSignature = fset.Bool("require-signature", false, "fail unless the lock is signed by an allowed signer")
		strict = fset.Bool("strict", false, "make the findings of the legal checks errors (exit status 1) rather than warnings")
		today = fset.String("today", "", "check as on this day, `YYYY-MM-DD` (default: today): which version is in effect, which certifications have expired")
	case "release":
		signKey = fset.String("sign-key", "", "sign the lock with this SSH `key` (ssh-keygen -Y sign), e.g. ~/.ssh/id_ed25519")
		effective = fset.String("effective", "", "the date the version takes effect, `YYYY-MM-DD`")
		announced = fset.String("announced", "", "the date customers are told of it, `YYYY-MM-DD` (default: today)")
		material = fset.Bool("material", false, "customers must accept this version anew")
		notMaterial = fset.String("not-material", "", "why a changed DPA needs no new acceptance, `REASON` (recorded and shown)")
		historical = fset.Bool("historical", false, "record a version of the past: its dates may lie before today (recorded and shown)")
		fset.Func("note", "release note in one language, `LANG=TEXT` (once per portal language), or on one document only, DOC:LANG=TEXT (dpa, toms, subprocessors)", notes.add)
		fset.Func("note-de", "release note in German (--note de=TEXT)", notes.in(model.DE))
		fset.Func("note-en", "release note in English (--note en=TEXT)", notes.in(model.EN))
	case "diff":
		lang = fset.String("lang", "", "language of the redline, one of the portal's (default: the binding language)")
		format = fset.String("format", "text", "text, markdown or html")
	case "verify":
		hash = fset.String("sha256", "", "the SHA-256 a signup flow recorded (hex)")
		version = fset.String("version", "", "the version it was recorded for, to check that too")
		lang = fset.String("lang", "", "the language it was recorded for, one of the portal's")
		manifest = fset.String("manifest", "", "read the published manifest at this `URL or file` (https://…/api/dpa.json) instead of the checkout")
		requireCurrent = fset.Bool("current", false, "exit 3 for a superseded version too: only the version in effect is valid (a new signup)")
		jsonOut = fset.Bool("json", false, "print the answer as JSON, for scripts")
		today = fset.String("today", "", "answer as on this day, `YYYY-MM-DD` (default: today; not with --manifest, which answers as of its as_of)")
	case "notify":
		return runNotify(fset, source, args, stdout, stderr)
	case "bench":
		versions = fset.Int("versions", 10, "how many versions to release")
		seed = fset.Uint64("seed", 1, "the seed of the made-up texts")
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "trustportal: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	positional, err := parse(fset, args)
	if err != nil {
		return 2
	}
	wantArgs := map[string]int{"release": 1, "diff": 2, "init": 1, "bench": 1}[cmd]
	if len(positional) != wantArgs {
		if len(positional) > wantArgs {
			fmt.Fprintf(stderr, "trustportal %s: unexpected argument %q\n", cmd, positional[wantArgs])
		} else {
			fmt.Fprintf(stderr, "trustportal %s: missing argument\n\n%s", cmd, usage)
		}
		return 2
	}

	var day model.Date
	if today != nil && *today != "" {
		if day, err = parseDate(*today); err != nil {
			fmt.Fprintf(stderr, "trustportal %s: --today: %v\n", cmd, err)
			return 2
		}
	}
	switch cmd {
	case "init":
		return runInit(positional[0], *languages, stdout, stderr)
	case "bench":
		size := synth.Large(*versions)
		size.Seed = *seed
		if err = synth.Write(positional[0], size); err == nil {
			fmt.Fprintf(stdout, "trustportal: wrote a synthetic portal with %d versions into %s; build it with --today %s\n", *versions, positional[0], size.Today())
		}
	case "verify":
		if *manifest != "" && (isSet(fset, "today") || isSet(fset, "source")) {
			fmt.Fprintln(stderr, "trustportal verify: --manifest answers as the published manifest says (its as_of day), from no checkout: leave out --today and --source")
			return 2
		}
		return runVerify(verifyRequest{source: *source, hash: *hash, version: *version, lang: *lang, manifest: *manifest,
			today: day, requireCurrent: *requireCurrent, json: *jsonOut}, stdout, stderr)
	case "diff":
		return runDiff(positional[0], positional[1], *source, *lang, *format, stdout, stderr)
	case "build":
		cache := *cacheDir
		if *noCache {
			if cache != "" {
				fmt.Fprintln(stderr, "trustportal build: --no-cache and --cache-dir: give one of them")
				return 2
			}
		} else if cache == "" {
			// The default cache is a convenience: where it cannot be made
			// (no home directory, a read-only one), the build renders
			// every page and says so.
			var derr error
			if cache, derr = pagecache.DefaultDir(); derr == nil {
				derr = os.MkdirAll(cache, 0o700)
			}
			if derr != nil {
				fmt.Fprintf(stderr, "trustportal build: no page cache (%v): every page is rendered; give --cache-dir DIR, or --no-cache to say so\n", derr)
				cache = ""
			}
		}
		err = generator.Build(generator.Options{Source: *source, Out: *out, HugoSource: *hugoSource, Log: stderr, Today: day, BaseURL: *baseURL, PDF: *withPDF, Drafts: *drafts, Cache: cache})
		if err == nil {
			dest := *out
			if dest == "" {
				dest = filepath.Join(*source, "public") + string(filepath.Separator)
			}
			fmt.Fprintf(stdout, "trustportal: built the portal into %s\n", dest)
		}
	case "serve":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err = generator.Serve(ctx, generator.ServeOptions{Source: *source, Port: *port, Today: day, Log: stderr})
		stop()
	case "check":
		return runCheck(generator.CheckOptions{Source: *source, Against: *against, AllowedSigners: *allowedSigners,
			AllowedSignersAtRef: *allowedSignersAtRef, RequireSignature: *requireSignature, Strict: *strict, Today: day}, stdout, stderr)
	case "release":
		req := release.Request{Version: positional[0], Material: *material, NotMaterial: strings.TrimSpace(*notMaterial), Historical: *historical,
			Notes: notes.text, DocNotes: notes.docs, SignKey: homePath(*signKey)}
		if isSet(fset, "not-material") && req.NotMaterial == "" {
			fmt.Fprintln(stderr, "trustportal release: --not-material needs the reason in words, e.g. --not-material \"corrects a typing error in clause 4\"")
			return 2
		}
		if req.Effective, err = parseDate(*effective); err != nil {
			fmt.Fprintf(stderr, "trustportal release: --effective: %v\n", err)
			return 2
		}
		if *announced != "" {
			if req.Announced, err = parseDate(*announced); err != nil {
				fmt.Fprintf(stderr, "trustportal release: --announced: %v\n", err)
				return 2
			}
		}
		var entry *model.LockEntry
		if entry, err = generator.Release(*source, req); err == nil {
			fmt.Fprintf(stdout, "trustportal: released version %s, effective %s\n", entry.Version, req.Effective)
			for _, k := range slices.Sorted(maps.Keys(entry.Texts)) {
				fmt.Fprintf(stdout, "  %-20s sha256:%s\n", k, entry.Texts[k])
			}
		}
	}
	if err != nil {
		printErr(stderr, cmd, err)
		return 1
	}
	return 0
}
