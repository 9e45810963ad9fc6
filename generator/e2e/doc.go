// Package e2e tests the built sample portal the way people use it: in
// Debian's Chromium, driven by chromedp, served on localhost. The tests
// skip with a message where Chromium is not installed; .ci/run installs it,
// and axe-core for the accessibility checks.
package e2e
