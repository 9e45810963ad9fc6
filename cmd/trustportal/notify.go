package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/notify"
)

// PasswordEnv holds the SMTP password: never a flag (other users see a
// process's arguments), never a file in the repository.
const PasswordEnv = "TRUSTPORTAL_SMTP_PASSWORD"

// runNotify parses notify's flags and mails (or writes) the notices of a
// release.
func runNotify(fset *flag.FlagSet, source *string, args []string, stdout, stderr io.Writer) int {
	version := fset.String("release", "", "the released `version` whose notices to send")
	recipients := fset.String("recipients", "", "the recipients `file`, CSV or TOML, outside the project")
	logPath := fset.String("log", "", "the send log `file` (JSON lines), outside the project and its site")
	dryRun := fset.String("dry-run", "", "write the messages as .eml files into this `directory` instead of sending them")
	from := fset.String("from", "", "the sender, `ADDRESS` or \"Name <address>\"")
	addr := fset.String("smtp", "", "the SMTP server, `host:port` (STARTTLS is required)")
	user := fset.String("smtp-user", "", "the SMTP `user` for AUTH PLAIN (password in "+PasswordEnv+")")
	caFile := fset.String("smtp-ca", "", "also trust the CA certificates in this PEM `file` (an internal relay)")
	insecure := fset.Bool("smtp-insecure", false, "send without TLS, to a server on this machine only (tests)")
	positional, err := parse(fset, args)
	if err != nil {
		return 2
	}
	if len(positional) > 0 {
		fmt.Fprintf(stderr, "trustportal notify: unexpected argument %q\n", positional[0])
		return 2
	}
	for _, need := range []struct{ flag, value string }{{"--release", *version}, {"--recipients", *recipients}, {"--log", *logPath}} {
		if need.value == "" {
			fmt.Fprintf(stderr, "trustportal notify: %s is required\n", need.flag)
			return 2
		}
	}
	if *dryRun == "" && *addr == "" {
		fmt.Fprintln(stderr, "trustportal notify: --smtp host:port is required, or --dry-run DIR to write the messages for review")
		return 2
	}
	smtp := notify.SMTP{Addr: *addr, User: *user, Password: os.Getenv(PasswordEnv), Insecure: *insecure}
	if *caFile != "" {
		pem, err := os.ReadFile(*caFile)
		if err != nil {
			fmt.Fprintf(stderr, "trustportal notify: --smtp-ca: %v\n", err)
			return 2
		}
		roots, err := x509.SystemCertPool()
		if err != nil {
			roots = x509.NewCertPool()
		}
		if !roots.AppendCertsFromPEM(pem) {
			fmt.Fprintf(stderr, "trustportal notify: --smtp-ca %s: no PEM certificate in the file\n", *caFile)
			return 2
		}
		smtp.TLS = &tls.Config{RootCAs: roots}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sum, err := generator.Notify(ctx, generator.NotifyOptions{Source: *source, Version: *version, Recipients: *recipients, Log: *logPath,
		DryRun: *dryRun, From: *from, SMTP: smtp})
	if err == nil || len(sum.Sent)+len(sum.Failed)+len(sum.Written) > 0 {
		printNotifySummary(stdout, stderr, sum)
	}
	if err != nil {
		printErr(stderr, "notify", err)
		return 1
	}
	if len(sum.Failed) > 0 {
		return 1
	}
	return 0
}

func printNotifySummary(stdout, stderr io.Writer, sum notify.Summary) {
	for _, f := range sum.Fallbacks {
		fmt.Fprintf(stdout, "trustportal notify: %s reads %s, which the portal does not have: sent in the binding language, %s\n", f.Address, f.Asked.Name(), f.Used.Name())
	}
	for _, e := range sum.Sent {
		fmt.Fprintf(stdout, "  sent %s to %s (%s)\n", e.Subject, e.Address, e.MessageID)
	}
	for _, w := range sum.Written {
		fmt.Fprintf(stdout, "  wrote %s\n", w)
	}
	for _, f := range sum.Failed {
		fmt.Fprintf(stderr, "trustportal notify: NOT SENT to %s: %s: %v\n", f.Address, f.Subject, f.Err)
	}
	fmt.Fprintf(stdout, "trustportal notify: %d sent, %d written, %d already sent before (send log), %d failed\n", len(sum.Sent), len(sum.Written), sum.AlreadySent, len(sum.Failed))
	if len(sum.Failed) > 0 {
		fmt.Fprintln(stdout, "trustportal notify: run the same command again to send what failed; the send log keeps the others from going twice")
	}
}
