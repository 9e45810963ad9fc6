package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/trustportal/trustportal/generator/testportal"
)

// sshKey makes an Ed25519 key without passphrase for principal and
// returns the private key's file and the allowed signers line for it.
func sshKey(t *testing.T, principal string) (key, allowed string) {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("needs ssh-keygen (openssh-client)")
	}
	key = filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	return key, principal + ` namespaces="trustportal-lock" ` + string(pub)
}

// TestSignedLock: release --sign-key signs the lock with an SSH key, and
// check verifies the signature against an allowed signers file kept out of
// the attacker's reach; with --require-signature a missing signature fails.
func TestSignedLock(t *testing.T) {
	alice, aliceAllowed := sshKey(t, "alice@example.com")
	mallory, _ := sshKey(t, "mallory@example.com")
	signers := filepath.Join(t.TempDir(), "allowed_signers")
	if err := os.WriteFile(signers, []byte(aliceAllowed), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := testportal.Copy(t, testportal.Minimal(t))
	lock := filepath.Join(dir, "data", "releases", "lock.toml")
	check := []string{"check", "--source", dir, "--allowed-signers", signers, "--require-signature"}

	runCases(t, []runCase{
		{check, 0, "no problems found"}, // nothing released, nothing to sign
		{[]string{"release", "1.0", "--effective", "2030-01-01", "--source", dir, "--sign-key", alice}, 0, "released version 1.0"},
		{check, 0, `data/releases/lock.toml.sig: Good "trustportal-lock" signature for alice@example.com with ED25519 key SHA256:`},
		{[]string{"release", "1.1", "--effective", "2030-02-01", "--source", dir}, 1,
			"data/releases/lock.toml is signed (data/releases/lock.toml.sig): sign the new lock too, with --sign-key"},
		{[]string{"release", "1.1", "--effective", "2030-02-01", "--source", dir, "--sign-key", filepath.Join(dir, "no-key")}, 1, "--sign-key: "},
		{[]string{"check", "--source", dir, "--require-signature"}, 2, "--require-signature needs the allowed signers"},
		{[]string{"check", "--source", dir, "--allowed-signers-at-ref", "allowed_signers"}, 2, "give --against too"},
		{[]string{"check", "--source", dir, "--allowed-signers", filepath.Join(dir, "none")}, 2, "--allowed-signers: open"},
	})
	if _, err := os.Stat(filepath.Join(dir, "data", "releases", "1.1")); err == nil {
		t.Error("release 1.1 was written without a signature")
	}
	signed, err := os.ReadFile(lock)
	if err != nil {
		t.Fatal(err)
	}

	// The lock edited after signing; signed by a key that is no allowed
	// signer; not signed at all.
	os.WriteFile(lock, append(signed, "# an innocent comment\n"...), 0o644)
	runCases(t, []runCase{{check, 1, "data/releases/lock.toml.sig: the lock's signature is not valid: the signature does not verify"}})
	os.WriteFile(lock, signed, 0o644)
	os.Remove(lock + ".sig")
	if out, err := exec.Command("ssh-keygen", "-Y", "sign", "-q", "-f", mallory, "-n", "trustportal-lock", lock).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	runCases(t, []runCase{{check, 1, "the lock's signature is not valid: the key that made the signature is not an allowed signer"}})
	os.Remove(lock + ".sig")
	runCases(t, []runCase{
		{check, 1, "data/releases/lock.toml.sig: the lock is not signed, and a signature is required"},
		{[]string{"check", "--source", dir, "--allowed-signers", signers}, 0, "no problems found"},
	})
}

// TestAllowedSignersAtRef: the allowed signers file in the repository is
// read as it is at --against, so that a change cannot add its own key.
func TestAllowedSignersAtRef(t *testing.T) {
	alice, aliceAllowed := sshKey(t, "alice@example.com")
	mallory, malloryAllowed := sshKey(t, "mallory@example.com")
	root, project := gitProject(t, testportal.Minimal(t))
	signers := filepath.Join(project, ".trustportal", "allowed_signers")
	os.MkdirAll(filepath.Dir(signers), 0o755)
	os.WriteFile(signers, []byte(aliceAllowed), 0o644)
	if code, out := runOut("release", "1.0", "--effective", "2030-01-01", "--source", project, "--sign-key", alice); code != 0 {
		t.Fatal(out)
	}
	commit(t, root, "release 1.0, signed by alice")

	// A change adds mallory to the allowed signers and a release signed by
	// mallory.
	os.WriteFile(signers, []byte(aliceAllowed+malloryAllowed), 0o644)
	if code, out := runOut("release", "1.1", "--effective", "2030-02-01", "--source", project, "--sign-key", mallory); code != 0 {
		t.Fatal(out)
	}
	commit(t, root, "release 1.1, signed by mallory")
	runCases(t, []runCase{
		{[]string{"check", "--source", project, "--against", "HEAD~1", "--allowed-signers-at-ref", ".trustportal/allowed_signers", "--require-signature"}, 1,
			"the key that made the signature is not an allowed signer"},
		// The working tree's file would have let it through.
		{[]string{"check", "--source", project, "--against", "HEAD~1", "--allowed-signers", signers, "--require-signature"}, 0,
			"signature for mallory@example.com"},
		{[]string{"check", "--source", project, "--against", "HEAD~1", "--allowed-signers-at-ref", ".trustportal/nothing"}, 2,
			"--allowed-signers-at-ref: read .trustportal/nothing at "},
	})
}
