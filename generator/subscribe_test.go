package generator_test

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/emit"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestSubscribe builds the minimal portal with each way to sign up for
// notices ([subscribe] in data/portal.toml) and reads the pages: a form that
// posts to the company's mailing tool, allowed by the CSP's form-action for
// exactly that origin, or a mailto link; nothing without [subscribe].
func TestSubscribe(t *testing.T) {
	for _, tc := range []struct {
		name, subscribe string
		form, mailto    string
		csp             string
	}{
		{name: "none", csp: emit.ContentSecurityPolicy},
		{name: "form", subscribe: "[subscribe]\nform_action = \"https://Lists.Example.org/subscribe/trust?list=7\"\n",
			form: "https://Lists.Example.org/subscribe/trust?list=7",
			csp:  strings.Replace(emit.ContentSecurityPolicy, "form-action 'self'", "form-action 'self' https://lists.example.org", 1)},
		{name: "mailto", subscribe: "[subscribe]\nmailto = \"notices@example.com\"\n", mailto: "notices@example.com", csp: emit.ContentSecurityPolicy},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := testportal.Copy(t, testportal.Minimal(t))
			if tc.subscribe != "" {
				testportal.Apply(t, src, subscribeEdit(tc.subscribe))
			}
			out := buildFixture(t, src)
			for _, lang := range []string{"de", "en"} {
				for _, page := range []string{"", "subprocessors"} {
					doc := testportal.HTML(t, filepath.Join(out, lang, page, "index.html"))
					where := lang + "/" + page
					if csp, _ := doc.Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content"); csp != tc.csp {
						t.Errorf("%s: CSP %q, want %q", where, csp, tc.csp)
					}
					section := doc.Find("main section.notices-subscribe")
					if tc.form == "" && tc.mailto == "" {
						if section.Length() != 0 {
							t.Errorf("%s: a subscribe section without [subscribe]", where)
						}
						continue
					}
					if section.Find("h2").Text() == "" {
						t.Errorf("%s: the subscribe section has no heading", where)
					}
					form := section.Find("form")
					if tc.form != "" {
						action, _ := form.Attr("action")
						method, _ := form.Attr("method")
						lang, _ := form.Find(`input[type="hidden"][name="language"]`).Attr("value")
						label := form.Find(`label[for="notices-subscribe-email"]`).Text()
						if action != tc.form || method != "post" || form.Find(`input[type="email"][name="email"][required]`).Length() != 1 || lang != strings.Split(where, "/")[0] || label == "" {
							t.Errorf("%s: form action %q method %q language %q label %q; want a labelled e-mail field posting to %s", where, action, method, lang, label, tc.form)
						}
						continue
					}
					if form.Length() != 0 {
						t.Errorf("%s: a form for a mailto sign-up", where)
					}
					href, _ := section.Find("a").Attr("href")
					u, err := url.Parse(href)
					if err != nil || u.Scheme != "mailto" || u.Opaque != tc.mailto || u.Query().Get("subject") == "" {
						t.Errorf("%s: mailto link %q, want mailto:%s with a subject", where, href, tc.mailto)
					}
				}
			}
		})
	}
}

// TestSubscribeProblems: a sign-up that is not an http(s) form or an
// e-mail address is refused, with file, line and field.
func TestSubscribeProblems(t *testing.T) {
	for _, tc := range []struct{ subscribe, want string }{
		{"[subscribe]\nform_action = \"javascript:alert(1)\"\n", `data/portal.toml:4:1: subscribe.form_action: "javascript:alert(1)" is not an http(s) URL`},
		{"[subscribe]\nform_action = \"https://user:pw@lists.example.org/\"\n", `subscribe.form_action: "https://user:pw@lists.example.org/" is not an http(s) URL`},
		{"[subscribe]\nmailto = \"Notices <notices@example.com>\"\n", `data/portal.toml:4:1: subscribe.mailto: "Notices <notices@example.com>" is not an e-mail address`},
		{"[subscribe]\nmailto = \"notices@example.com\"\nform_action = \"https://lists.example.org/\"\n", `subscribe.mailto: [subscribe] gives both form_action and mailto`},
		{"[subscribe]\n", `data/portal.toml:3:2: subscribe: [subscribe] gives neither form_action nor mailto`},
		{"[subscribe]\nurl = \"https://lists.example.org/\"\n", `subscribe.url`},
	} {
		src := testportal.Copy(t, testportal.Minimal(t), subscribeEdit(tc.subscribe))
		err := generator.Check(src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v\nwant %q", tc.subscribe, err, tc.want)
		}
	}
}

// subscribeEdit adds the TOML table subscribe to the minimal portal's
// data/portal.toml, starting on line 3.
func subscribeEdit(subscribe string) testportal.Edit {
	title := `title = { de = "Test-Portal", en = "Test portal" }`
	return testportal.Edit{File: "data/portal.toml", Old: title, New: title + "\n" + subscribe}
}
