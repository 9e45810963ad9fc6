package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/trustportal/trustportal/generator/history"
	"github.com/trustportal/trustportal/generator/legal"
	"github.com/trustportal/trustportal/generator/load"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/placeholder"
	"github.com/trustportal/trustportal/generator/problem"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/sshsig"
	"github.com/trustportal/trustportal/generator/validate"
)

// SignatureFile is the signature of the lock, next to it.
const SignatureFile = load.LockFile + ".sig"

// CheckOptions configures check beyond validating the project.
type CheckOptions struct {
	Source string
	// Against is a git revision (origin/main, or a pull request's merge
	// base): every release in the lock at that revision must be in the
	// working tree's lock unchanged, and new ones must come after them.
	Against string
	// AllowedSigners is an OpenSSH allowed signers file, outside the
	// repository, to verify the lock's signature against.
	// AllowedSignersAtRef is the same file in the repository (relative to
	// Source) as it is at Against, which a change under review cannot edit.
	AllowedSigners, AllowedSignersAtRef string
	// RequireSignature fails the check unless the lock is signed by an
	// allowed signer.
	RequireSignature bool
	// Strict makes the findings of the legal checks (package legal) and
	// expired or expiring certifications errors rather than warnings.
	Strict bool
	// Today is the day the working copy is judged as of (the law then in
	// force); zero means the current date.
	Today model.Date
}

// Checked is what a successful check confirmed besides the project's
// validity.
type Checked struct {
	Against string // the commit the releases were compared with
	Signer  string // ssh-keygen's account of the lock's good signature
	// Placeholders are the lines that still hold the marker TODO: the
	// project builds, but no version can be released (package placeholder).
	Placeholders problem.List
	// Findings are what the legal checks (package legal) find missing in
	// the working copy: warnings, or errors with Strict.
	Findings problem.List
	// Certifications are the certifications of data/certifications.toml
	// that have expired or expire soon (validate.Certifications):
	// warnings, or errors with Strict.
	Certifications problem.List
}

// UsageError is a check that could not be made as asked: a revision that
// does not exist, a project outside git, contradicting options.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usage(format string, args ...any) error { return &UsageError{fmt.Errorf(format, args...)} }

// CheckWith validates the project and, as opts ask, compares its releases
// with those at a git revision and verifies the lock's signature. A
// problem.List error lists every problem; a *UsageError says the options
// cannot be followed.
func CheckWith(opts CheckOptions) (*Checked, error) {
	if opts.AllowedSigners != "" && opts.AllowedSignersAtRef != "" {
		return nil, usage("give --allowed-signers or --allowed-signers-at-ref, not both")
	}
	if opts.AllowedSignersAtRef != "" && opts.Against == "" {
		return nil, usage("--allowed-signers-at-ref reads the file at the --against revision: give --against too")
	}
	if opts.RequireSignature && opts.AllowedSigners == "" && opts.AllowedSignersAtRef == "" {
		return nil, usage("--require-signature needs the allowed signers: --allowed-signers FILE or --allowed-signers-at-ref PATH")
	}
	var signers []byte
	verifySignature := opts.AllowedSigners != "" || opts.AllowedSignersAtRef != ""
	if verifySignature {
		if err := sshsig.Available(); err != nil {
			return nil, err
		}
	}
	if opts.AllowedSigners != "" {
		var err error
		if signers, err = os.ReadFile(opts.AllowedSigners); err != nil {
			return nil, usage("--allowed-signers: %w", err)
		}
	}
	var checked Checked
	var repo *history.Repo
	if opts.Against != "" {
		var err error
		if repo, err = history.Open(opts.Source); err != nil {
			return nil, usage("--against: %w", err)
		}
		if checked.Against, err = repo.Commit(opts.Against); err != nil {
			return nil, usage("--against: %w (in CI, fetch the history: actions/checkout with fetch-depth: 0, or git fetch origin main)", err)
		}
		if opts.AllowedSignersAtRef != "" {
			if signers, err = repo.ReadFile(checked.Against, filepath.ToSlash(opts.AllowedSignersAtRef)); err != nil {
				return nil, usage("--allowed-signers-at-ref: %w", err)
			}
		}
	}

	p, err := Load(opts.Source)
	if err != nil {
		return nil, err
	}
	var problems problem.List
	if repo != nil {
		base, baseProblems, err := load.Lock(repo.FS(checked.Against))
		if err != nil {
			return nil, fmt.Errorf("the lock at %s: %w", opts.Against, err)
		}
		for _, pr := range baseProblems {
			pr.File = opts.Against + ":" + pr.File
			problems.Add(pr)
		}
		if base != nil {
			problems.Merge(release.CompareLocks(base, p.Lock, opts.Against))
		}
	}
	if verifySignature {
		signer, pr := verifyLock(p.Source, signers, opts.RequireSignature)
		checked.Signer = signer
		problems.Merge(pr)
	}
	checked.Findings = legal.Check(&p.Model.Docs, legal.Context{Effective: today(opts.Today), Languages: p.Model.Site.Languages, Adequacy: p.Model.Adequacy.Decisions}).Findings()
	checked.Certifications = validate.Certifications(&p.Model.Certifications, today(opts.Today))
	if opts.Strict {
		problems.Merge(checked.Findings)
		problems.Merge(checked.Certifications)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if checked.Placeholders, err = placeholder.Find(os.DirFS(p.Source)); err != nil {
		return nil, err
	}
	return &checked, nil
}

// verifyLock verifies the lock's signature against the allowed signers: a
// bad signature is a problem, a missing one only when required.
func verifyLock(source string, signers []byte, required bool) (string, problem.List) {
	var out problem.List
	lock, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(load.LockFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil // nothing released, nothing to sign
	}
	sig, sigErr := os.ReadFile(filepath.Join(source, filepath.FromSlash(SignatureFile)))
	switch {
	case err != nil:
		out.Add(problem.Problem{File: load.LockFile, Message: err.Error()})
	case errors.Is(sigErr, fs.ErrNotExist):
		if required {
			out.Add(problem.Problem{File: SignatureFile, Message: "the lock is not signed, and a signature is required",
				Hint: "sign it with the SSH key of an allowed signer: trustportal release … --sign-key ~/.ssh/id_ed25519 signs each new release; ssh-keygen -Y sign -n " + sshsig.Namespace + " -f ~/.ssh/id_ed25519 " + load.LockFile + " signs the lock as it is"})
		}
	case sigErr != nil:
		out.Add(problem.Problem{File: SignatureFile, Message: sigErr.Error()})
	default:
		signer, err := sshsig.Verify(signers, lock, sig)
		if err != nil {
			out.Add(problem.Problem{File: SignatureFile, Message: "the lock's signature is not valid: " + err.Error(),
				Hint: "the lock changed after it was signed, or someone who is not an allowed signer signed it: check who changed " + load.LockFile + " and have an allowed signer sign it (see docs/releases.md)"})
		}
		return signer, out
	}
	return "", out
}
