package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator/notify/smtptest"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestNotify runs `trustportal notify` on the sample portal against a real
// SMTP server: the password from the environment, the server's test CA
// from --smtp-ca, a refused address named in the summary and the exit
// status, and a second run that sends nothing twice.
func TestNotify(t *testing.T) {
	srv := smtptest.Start(t)
	srv.Refuse("gone@customer-c.example")
	dir := t.TempDir() // outside the project, like real customer data
	ca := filepath.Join(dir, "ca.pem")
	recipients := filepath.Join(dir, "recipients.csv")
	for name, data := range map[string]string{ca: string(srv.CA), recipients: "address,language,name,topics\n" +
		"legal@customer-a.example,en,Jane Roe,\ngone@customer-c.example,de,,dpa\nit@customer-e.example,es,,subprocessors\n"} {
		if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(PasswordEnv, smtptest.Password)
	log := filepath.Join(dir, "sent.jsonl")
	args := []string{"notify", "--source", testportal.Root(t), "--release", "3.0", "--recipients", recipients, "--log", log,
		"--from", "notices@nordlicht.example", "--smtp", srv.Addr, "--smtp-user", smtptest.User, "--smtp-ca", ca}

	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 1 {
		t.Errorf("exit status %d, want 1 (one address refused); stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{
		"it@customer-e.example reads Spanish, which the portal does not have: sent in the binding language, German",
		"3 sent, 0 written, 0 already sent before (send log), 1 failed",
		"run the same command again",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	if want := "NOT SENT to gone@customer-c.example: Nordlicht Software GmbH: Version 3.0"; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "No such mailbox") {
		t.Errorf("stderr does not name the failure %q:\n%s", want, stderr.String())
	}
	if n := len(srv.Messages()); n != 3 {
		t.Errorf("the server received %d messages, want 3", n)
	}

	stdout.Reset()
	stderr.Reset()
	run(args, &stdout, &stderr)
	if want := "0 sent, 0 written, 3 already sent before (send log), 1 failed"; !strings.Contains(stdout.String(), want) {
		t.Errorf("rerun: stdout lacks %q:\n%s", want, stdout.String())
	}
	if n := len(srv.Messages()); n != 3 {
		t.Errorf("after the rerun the server has %d messages, want still 3", n)
	}
}

func TestNotifyRefuses(t *testing.T) {
	dir := t.TempDir()
	recipients := filepath.Join(dir, "recipients.toml")
	if err := os.WriteFile(recipients, []byte("[[recipient]]\naddress = \"legal@customer-a.example\"\nlanguage = \"en\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	root := testportal.Root(t)
	common := []string{"--source", root, "--from", "notices@nordlicht.example", "--dry-run", filepath.Join(dir, "review")}
	runCases(t, []runCase{
		{args: append([]string{"notify", "--release", "3.0", "--log", filepath.Join(dir, "log")}, common...), code: 2, want: "--recipients is required"},
		{args: []string{"notify", "--release", "3.0", "--recipients", recipients, "--log", filepath.Join(dir, "log")}, code: 2, want: "--smtp host:port is required"},
		{args: append([]string{"notify", "--release", "3.0", "--recipients", recipients, "--log", filepath.Join(root, "data", "sent.jsonl")}, common...), code: 1,
			want: "lies inside the portal project"},
		{args: append([]string{"notify", "--release", "working", "--recipients", recipients, "--log", filepath.Join(dir, "log")}, common...), code: 1,
			want: "only a released version is announced"},
		{args: append([]string{"notify", "--release", "9.9", "--recipients", recipients, "--log", filepath.Join(dir, "log")}, common...), code: 1,
			want: `no version "9.9"`},
		{args: append([]string{"notify", "--release", "3.0", "--recipients", recipients, "--log", filepath.Join(dir, "log")}, append(common, "--from", "Nordlicht notices@")...), code: 1,
			want: `--from "Nordlicht notices@" is not an address`},
		{args: append([]string{"notify", "--release", "3.0", "--recipients", recipients, "--log", filepath.Join(dir, "log")}, common...), code: 0,
			want: "0 sent, 2 written"},
	})
	if _, err := os.Stat(filepath.Join(root, "data", "sent.jsonl")); err == nil {
		t.Error("a send log was written into the project")
	}
}
