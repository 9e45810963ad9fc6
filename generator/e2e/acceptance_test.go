package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/trustportal/trustportal/generator/acceptance"
)

// signup is a signup site on another origin than the portal (another port
// of 127.0.0.1): its form embeds the portal's DPA as docs/acceptance.md
// shows, and its backend checks a submitted acceptance against the
// portal's published manifest, as a real one would.
type signup struct {
	*httptest.Server
	host string
}

// signupValues are the values a server renders into the snippet.
type signupValues struct {
	Version, SHA256, Agreement, URL, EmbedURL string
}

// manifestValues reads the German values of version v from the portal's
// manifest.
func manifestValues(t *testing.T, e *env, v string) signupValues {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(e.out, "api", "dpa.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Versions []struct {
			Version   string `json:"version"`
			Languages map[string]struct {
				URL       string `json:"url"`
				EmbedURL  string `json:"embed_url"`
				SHA256    string `json:"sha256"`
				Agreement string `json:"agreement_sha256"`
			} `json:"languages"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, entry := range m.Versions {
		if entry.Version == v {
			de := entry.Languages["de"]
			return signupValues{v, de.SHA256, de.Agreement, de.URL, de.EmbedURL}
		}
	}
	t.Fatalf("no version %s in the manifest", v)
	return signupValues{}
}

// startSignup serves, on its own origin:
//   - /form?version=V&script=1&attrs=…: the snippet rendered with version
//     V's values (an old V is a stale snippet), with dpa-accept.js from the
//     portal if script=1, and the form attributes attrs;
//   - /submit: the backend, which accepts only the version in effect.
func startSignup(t *testing.T, e *env) *signup {
	t.Helper()
	s := &signup{}
	mux := http.NewServeMux()
	mux.HandleFunc("/form", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		v := manifestValues(t, e, q.Get("version"))
		script := ""
		if q.Get("script") == "1" {
			script = `<script src="` + e.url("/js/dpa-accept.js") + `"></script>`
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="de"><head><title>Registrierung</title><style>%s</style></head><body>
<h1>Registrierung</h1>
<form method="post" action="/submit" data-dpa-manifest="%s" data-dpa-lang="de" %s>
  <input type="hidden" name="dpa_version" value="%s">
  <input type="hidden" name="dpa_language" value="de">
  <input type="hidden" name="dpa_sha256" value="%s">
  <input type="hidden" name="dpa_agreement_sha256" value="%s">
  <label><input type="checkbox" name="dpa_accept" value="yes" required>
    Ich schließe den <a data-dpa-link href="%s" target="_blank" rel="noopener">Auftragsverarbeitungsvertrag
    (Version <span data-dpa-version>%s</span>)</a> ab.</label>
  <iframe data-dpa-embed title="Auftragsverarbeitungsvertrag" src="%s#origin=%s" style="width:100%%;height:300px;border:1px solid #ccc"></iframe>
  <button type="submit">Registrieren</button>
</form>%s</body></html>`,
			q.Get("style"), html.EscapeString(e.url("/api/dpa.json")), q.Get("attrs"), v.Version, v.SHA256, v.Agreement,
			html.EscapeString(v.URL), v.Version, html.EscapeString(v.EmbedURL), url.QueryEscape(s.URL), script)
	})
	// /listen?origin=O: the view in a frame told the parent's origin is O,
	// and a listener that keeps every message the page receives.
	mux.HandleFunc("/listen", func(w http.ResponseWriter, r *http.Request) {
		v := manifestValues(t, e, "2.0")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>listen</title><script>
window.received = [];
window.addEventListener("message", (event) => window.received.push({origin: event.origin, data: JSON.stringify(event.data)}));
</script></head><body><iframe data-dpa-embed title="AVV" src="%s#origin=%s" style="width:600px;height:300px"></iframe></body></html>`,
			html.EscapeString(v.EmbedURL), url.QueryEscape(r.URL.Query().Get("origin")))
	})
	mux.HandleFunc("/submit", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		verdict := "rejected: the DPA was not accepted"
		if r.PostFormValue("dpa_accept") == "yes" {
			m, err := acceptance.Read(e.url("/api/dpa.json"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			a := m.Answer(r.PostFormValue("dpa_sha256"), r.PostFormValue("dpa_version"), r.PostFormValue("dpa_language"))
			verdict = "rejected: " + string(a.Status)
			if a.ValidForNewSignup {
				verdict = "accepted " + r.PostFormValue("dpa_version")
			}
		}
		fmt.Fprintf(w, `<!doctype html><html><head><title>Ergebnis</title></head><body><p id="result">%s</p></body></html>`, verdict)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	u, _ := url.Parse(s.URL)
	s.host = u.Host
	return s
}

func (s *signup) form(version string, script bool, attrs, style string) string {
	q := url.Values{"version": {version}, "attrs": {attrs}, "style": {style}}
	if script {
		q.Set("script", "1")
	}
	return s.URL + "/form?" + q.Encode()
}

// frame returns the node of the form's iframe, with its document, once
// the document at want has loaded in it.
func frame(t *testing.T, ctx context.Context, want string) *chromedp.Node {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe[data-dpa-embed]")))
		if err != nil || len(nodes) != 1 || nodes[0].ContentDocument == nil || nodes[0].ContentDocument.DocumentURL != want {
			continue
		}
		ready, cancel := context.WithTimeout(ctx, 2*time.Second)
		_, err = chromedp.Run(ready, chromedp.WaitReady(chromedp.CSS("article[data-sha256]"), chromedp.FromNode(nodes[0])))
		cancel()
		if err == nil {
			return nodes[0]
		}
	}
	t.Fatalf("the frame never showed %s", want)
	return nil
}

// submit ticks the checkbox, sends the form and returns the backend's
// verdict.
func submit(t *testing.T, ctx context.Context) string {
	t.Helper()
	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name="dpa_accept"]`)), chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#result")))
	verdict, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result")))
	if err != nil {
		t.Fatal(err)
	}
	return verdict
}

// leavesTheFrame clicks the link sel in the frame and checks that it opens
// want in a new tab, not in the frame.
func leavesTheFrame(t *testing.T, ctx context.Context, node *chromedp.Node, sel, want string) {
	t.Helper()
	opened := chromedp.WaitNewTarget(ctx, func(info *target.Info) bool { return info.URL == want })
	do(t, ctx, chromedp.Click(chromedp.CSS(sel), chromedp.FromNode(node)))
	select {
	case id := <-opened:
		if id == "" {
			t.Fatalf("clicking %s opened no tab", sel)
		}
		chromedp.Call(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: id})
	case <-time.After(20 * time.Second):
		t.Fatalf("clicking %s in the frame opened no tab at %s", sel, want)
	}
}

// TestSignupWithScript: a signup page on another origin, with a stale
// snippet (version 1.1) and dpa-accept.js from the portal: the script
// corrects the form to the version in effect, the embedded view sizes its
// frame and unlocks the checkbox once the reader has scrolled to its end,
// the backend accepts the submitted version, and links in the frame open
// outside it.
func TestSignupWithScript(t *testing.T) {
	e := setup(t)
	s := startSignup(t, e)
	ctx := e.tab(t, s.host)
	current, stale := manifestValues(t, e, "2.0"), manifestValues(t, e, "1.1")
	do(t, ctx, chromedp.Navigate(s.form(stale.Version, true, "data-dpa-autosize data-dpa-require-read data-dpa-compact", "")))
	var filled string
	for range 200 {
		if filled = eval[string](t, ctx, `document.forms[0].hasAttribute('data-dpa-filled') ? 'filled' :
			document.forms[0].hasAttribute('data-dpa-refused') ? 'refused' : ''`); filled != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := eval[[]string](t, ctx, `(() => { const f = document.forms[0];
		return [f.dpa_version.value, f.dpa_sha256.value, f.dpa_agreement_sha256.value, f.querySelector('a[data-dpa-link]').href] })()`)
	if want := []string{current.Version, current.SHA256, current.Agreement, current.URL}; filled != "filled" || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("the stale snippet: %s %q, want filled with the version in effect %q", filled, got, want)
	}
	embed := current.EmbedURL + "#origin=" + url.QueryEscape(s.URL) + "&compact=1"
	node := frame(t, ctx, embed)
	if class, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "class", chromedp.FromNode(node))); err != nil || !strings.Contains(class.Value, "embed--compact") {
		t.Errorf("the view in compact mode has class %q (%v)", class.Value, err)
	}

	// The view posts its height: the frame grows to the text, longer than
	// the window, so the end is not yet in view.
	var height int
	for range 200 {
		if height = eval[int](t, ctx, `parseInt(document.querySelector('iframe[data-dpa-embed]').style.height, 10)`); height > 1500 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if height <= 1500 {
		t.Fatalf("the frame's height is %dpx: the view did not size it to the text", height)
	}
	if state := eval[[]bool](t, ctx, `[document.forms[0].hasAttribute('data-dpa-read'), document.forms[0].dpa_accept.disabled]`); state[0] || !state[1] {
		t.Fatalf("before scrolling: read %v, checkbox disabled %v; want not read and disabled", state[0], state[1])
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.documentElement.scrollHeight)`))
	var read []bool
	for range 200 {
		if read = eval[[]bool](t, ctx, `[document.forms[0].hasAttribute('data-dpa-read'), document.forms[0].dpa_accept.disabled]`); read[0] && !read[1] {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !read[0] || read[1] {
		t.Fatalf("after scrolling to the end: read %v, checkbox disabled %v", read[0], read[1])
	}

	leavesTheFrame(t, ctx, node, `.embed__meta a[href$="/de/dpa/2.0/"]`, current.URL)
	leavesTheFrame(t, ctx, node, `.clause a[href$="/de/toms/2.0/"]`, e.url("/de/toms/2.0/"))
	if got := eval[string](t, ctx, `document.querySelector('iframe[data-dpa-embed]').src`); got != embed {
		t.Errorf("after the clicks the frame is at %s, want still %s", got, embed)
	}
	if verdict := submit(t, ctx); verdict != "accepted "+current.Version {
		t.Errorf("the backend says %q, want accepted %s", verdict, current.Version)
	}
}

// TestSignupWithoutScript: with JavaScript off in the browser, the snippet
// as the server renders it still works: the frame shows the version, its
// links open outside it, and the backend accepts the version in effect and
// rejects a stale snippet's superseded one.
func TestSignupWithoutScript(t *testing.T) {
	e := setup(t)
	s := startSignup(t, e)
	ctx := e.tab(t, s.host)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ version, verdict string }{
		{"2.0", "accepted 2.0"},
		{"1.1", "rejected: superseded"},
		{"3.0", "rejected: upcoming"},
	} {
		t.Run(tc.version, func(t *testing.T) {
			v := manifestValues(t, e, tc.version)
			do(t, ctx, chromedp.Navigate(s.form(tc.version, false, "", "")))
			node := frame(t, ctx, v.EmbedURL+"#origin="+url.QueryEscape(s.URL))
			shown, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("article[data-version]"), "data-sha256", chromedp.FromNode(node)))
			if err != nil || shown.Value != v.SHA256 {
				t.Errorf("the frame shows the text with hash %q (%v), want %s", shown.Value, err, v.SHA256)
			}
			if tc.version == "2.0" {
				leavesTheFrame(t, ctx, node, `.clause a[href$="/de/subprocessors/2.0/"]`, e.url("/de/subprocessors/2.0/"))
			}
			if verdict := submit(t, ctx); verdict != tc.verdict {
				t.Errorf("the backend says %q, want %q", verdict, tc.verdict)
			}
		})
	}
}

// TestEmbedFollowsColourScheme: the view takes the colour scheme the
// signup page sets on the frame (CSS color-scheme), whatever the system's.
func TestEmbedFollowsColourScheme(t *testing.T) {
	e := setup(t)
	s := startSignup(t, e)
	ctx := e.tab(t, s.host)
	v := manifestValues(t, e, "2.0")
	for scheme, background := range map[string]string{"dark": "rgb(20, 24, 29)", "light": "rgb(255, 255, 255)"} {
		t.Run(scheme, func(t *testing.T) {
			do(t, ctx, chromedp.Navigate(s.form("2.0", false, "", "iframe { color-scheme: "+scheme+" }")))
			node := frame(t, ctx, v.EmbedURL+"#origin="+url.QueryEscape(s.URL))
			styles, err := chromedp.Run(ctx, chromedp.ComputedStyle(chromedp.CSS("html"), chromedp.FromNode(node)))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, p := range styles {
				if p.Name == "background-color" {
					got = p.Value
				}
			}
			if got != background {
				t.Errorf("the view's background is %q, want %s", got, background)
			}
		})
	}
}

// TestEmbedPostsOnlyToTheNamedOrigin: the view posts its message to the
// origin the signup page names, and only if the page is of that origin:
// nothing for another origin, "*" or a URL with a path.
func TestEmbedPostsOnlyToTheNamedOrigin(t *testing.T) {
	e := setup(t)
	s := startSignup(t, e)
	ctx := e.tab(t, s.host)
	v := manifestValues(t, e, "2.0")
	for _, tc := range []struct {
		name, origin string
		delivered    bool
	}{
		{"the page's origin", s.URL, true},
		{"another origin", e.server.URL, false},
		{"any origin", "*", false},
		{"a URL with a path", s.URL + "/listen", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			do(t, ctx, chromedp.Navigate(s.URL+"/listen?origin="+url.QueryEscape(tc.origin)))
			frame(t, ctx, v.EmbedURL+"#origin="+url.QueryEscape(tc.origin))
			var got []map[string]string
			for range 40 {
				if got = eval[[]map[string]string](t, ctx, `window.received`); len(got) > 0 {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !tc.delivered {
				if len(got) != 0 {
					t.Errorf("the page received %v", got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatal("the page received no message")
			}
			var msg struct {
				Type      string `json:"type"`
				Height    int    `json:"height"`
				ReadToEnd bool   `json:"readToEnd"`
				Version   string `json:"version"`
				SHA256    string `json:"sha256"`
			}
			if err := json.Unmarshal([]byte(got[0]["data"]), &msg); err != nil {
				t.Fatal(err)
			}
			if got[0]["origin"] != e.server.URL || msg.Type != "trustportal:dpa" || msg.Version != "2.0" || msg.SHA256 != v.SHA256 || msg.Height < 1000 || msg.ReadToEnd {
				t.Errorf("message from %s: %+v", got[0]["origin"], msg)
			}
		})
	}
}
