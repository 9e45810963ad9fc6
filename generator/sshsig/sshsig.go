// Package sshsig signs files and verifies signatures with the SSH keys a
// team already has, through OpenSSH's ssh-keygen -Y (OpenSSH 8.2 or later).
// A signature is valid for one namespace only, so a signature made for one
// purpose cannot be passed off for another.
package sshsig

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Namespace is the namespace of the signatures of the release lock.
const Namespace = "trustportal-lock"

// ErrNoSSHKeygen is returned when ssh-keygen is not installed.
var ErrNoSSHKeygen = errors.New("ssh-keygen (OpenSSH 8.2 or later) is not installed: apt-get install openssh-client")

// Available returns ErrNoSSHKeygen if ssh-keygen is not installed.
func Available() error {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		return ErrNoSSHKeygen
	}
	return nil
}

// Sign signs file with the private key in keyFile (or, for a public key
// file, its private key in ssh-agent) and writes the signature to
// file + ".sig", which must not exist. ssh-keygen asks for the key's
// passphrase on the terminal if it needs one.
func Sign(keyFile, file string) error {
	if _, err := os.Stat(file + ".sig"); err == nil {
		return fmt.Errorf("%s.sig exists", file)
	}
	_, err := sshKeygen(nil, "-Y", "sign", "-q", "-f", keyFile, "-n", Namespace, file)
	return err
}

// Verify checks that signature is a signature of data in Namespace by a key
// listed in allowedSigners (the contents of an allowed signers file, see
// ssh-keygen(1)). It returns ssh-keygen's account of the good signature:
// `Good "trustportal-lock" signature for alice@example.com with ED25519
// key SHA256:…`.
func Verify(allowedSigners, data, signature []byte) (string, error) {
	if err := Available(); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "trustportal-sshsig-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	signers, sig := filepath.Join(dir, "allowed_signers"), filepath.Join(dir, "lock.sig")
	if err := os.WriteFile(signers, allowedSigners, 0o600); err != nil {
		return "", err
	}
	if err := os.WriteFile(sig, signature, 0o600); err != nil {
		return "", err
	}
	out, err := sshKeygen(nil, "-Y", "find-principals", "-s", sig, "-f", signers)
	if err != nil {
		return "", fmt.Errorf("the key that made the signature is not an allowed signer (%w)", err)
	}
	var failures []string
	for _, principal := range strings.Fields(string(out)) {
		good, err := sshKeygen(data, "-Y", "verify", "-f", signers, "-I", principal, "-n", Namespace, "-s", sig)
		if err == nil {
			return strings.TrimSpace(string(good)), nil
		}
		failures = append(failures, err.Error())
	}
	return "", fmt.Errorf("the signature does not verify: %s", strings.Join(failures, "; "))
}

func sshKeygen(stdin []byte, args ...string) ([]byte, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	cmd := exec.Command("ssh-keygen", args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.Join(strings.Fields(stderr.String()), " ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("ssh-keygen -Y %s: %s", args[1], msg)
	}
	return out, nil
}
