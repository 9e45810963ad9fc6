// Package chrome starts Debian's Chromium headless for the browser tests and
// the PDF export, with every flag that keeps it from talking to anything but
// the pages it is given, and records the requests those pages make.
package chrome

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNotFound says that no Chromium is installed.
var ErrNotFound = errors.New("chromium is not installed: install Debian's package (apt-get install -y chromium) or set TRUSTPORTAL_CHROMIUM to a Chromium or Chrome binary")

// Find returns the Chromium binary to use: $TRUSTPORTAL_CHROMIUM, or the
// first of chromium, chromium-browser, google-chrome on the PATH.
func Find() (string, error) {
	if p := os.Getenv("TRUSTPORTAL_CHROMIUM"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("TRUSTPORTAL_CHROMIUM=%s is not a program (%w); %w", p, err, ErrNotFound)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Start launches a headless browser and returns a context for chromedp
// actions and a function that ends it. Chromium runs without sandbox (CI runs
// as root), with no background networking, no component updates, no sync and
// a fresh profile, and resolves no host but localhost.
func Start(ctx context.Context) (context.Context, context.CancelFunc, error) {
	path, err := Find()
	if err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "trustportal-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		// A request to another host fails at once instead of waiting for
		// a closed network; the recorder still sees it.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return bctx, func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
	}, nil
}

// Recorder keeps every URL the browser requests in a tab.
type Recorder struct {
	mu   sync.Mutex
	urls []string
}

// NewTab opens a tab in the browser of ctx that records every request from
// its first one, frames included.
func NewTab(ctx context.Context) (context.Context, *Recorder, context.CancelFunc, error) {
	r := &Recorder{}
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			r.mu.Lock()
			r.urls = append(r.urls, e.Request.URL)
			r.mu.Unlock()
		}
	}))
	// chromedp enables the network domain when the tab starts.
	if err := chromedp.Do(tab); err != nil {
		cancel()
		return nil, nil, nil, err
	}
	return tab, r, cancel, nil
}

// Foreign returns every recorded URL whose host is not one of hosts
// (data: and about: URLs load nothing).
func (r *Recorder) Foreign(hosts ...string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, raw := range r.urls {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme == "data" || u.Scheme == "about" || u.Scheme == "blob" {
			continue
		}
		if !slices.Contains(hosts, u.Host) {
			out = append(out, raw)
		}
	}
	return out
}

// Count returns how many requests were recorded.
func (r *Recorder) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.urls)
}
