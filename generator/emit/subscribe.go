package emit

import (
	"net/url"
	"strings"
)

// The sign-up for notices ([subscribe] in data/portal.toml): a form that
// posts to the company's mailing tool, or a mailto link. A form posting to
// another host needs that origin in the policy's form-action, and only it.

// policy is the Content-Security-Policy of the portal's pages: the base
// policy, with the origin of the subscribe form added to form-action.
func (e *emitter) policy() string {
	origin := e.formOrigin()
	if origin == "" {
		return ContentSecurityPolicy
	}
	return strings.Replace(ContentSecurityPolicy, "form-action 'self'", "form-action 'self' "+origin, 1)
}

// formAction is the URL the subscribe form posts to, "" without one.
func (e *emitter) formAction() string {
	if s := e.p.Site.Subscribe; s != nil {
		return s.FormAction
	}
	return ""
}

// formOrigin is the scheme and host of formAction, as a CSP source.
func (e *emitter) formOrigin() string {
	u, err := url.Parse(e.formAction())
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

// subscribeParams are what the subscribe partial shows; nil without
// [subscribe].
func (e *emitter) subscribeParams() map[string]string {
	s := e.p.Site.Subscribe
	if s == nil {
		return nil
	}
	return map[string]string{"form_action": s.FormAction, "mailto": s.Mailto}
}
