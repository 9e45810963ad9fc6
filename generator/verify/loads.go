package verify

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/trustportal/trustportal/generator/problem"
)

// What a page may load. Every attribute that holds a URL is read, in HTML and
// in SVG: a URL the browser fetches, sends something to or runs must stay on
// the portal's own host; a link a reader follows may lead anywhere, but never
// to a script. No page runs inline script or event handlers, or styles
// inline: the Content-Security-Policy forbids them, and the build refuses
// them first.

// urlAttrs hold one URL; listAttrs a list (srcset: comma-separated
// candidates with descriptors; ping, archive: space-separated).
var (
	urlAttrs = []string{"src", "href", "xlink:href", "poster", "data", "background", "action", "formaction",
		"manifest", "icon", "codebase", "classid", "code", "lowsrc", "dynsrc"}
	srcsetAttrs = []string{"srcset", "imagesrcset"}
	spaceAttrs  = []string{"ping", "archive"}
)

// loadAttrs are the attributes whose URL the browser loads (unless the
// element is a link the reader follows): it must name a file of the site,
// under the base path. A form's action or a ping sends to a server instead.
var loadAttrs = []string{"src", "href", "xlink:href", "poster", "data", "background", "srcset", "imagesrcset"}

// navigation are the elements whose href is followed by the reader, not
// loaded; link elements only with these rel values.
var (
	navigation   = []string{"a", "area"}
	metadataRels = []string{"alternate", "canonical"}
)

// dataImageElements may show a data:image/… URL.
var dataImageElements = []string{"img", "source", "image", "feimage", "picture", "input", "video", "link"}

// dataTypes are script types that hold data, not code.
var dataTypes = []string{"application/ld+json", "application/json"}

// contentPolicy reports everything on an HTML page (or in an SVG file, with
// svg set) that loads from another host, runs inline code or styles inline.
func (s *Site) contentPolicy(rel string, doc *goquery.Document, svg bool) problem.List {
	var out problem.List
	add := func(msg, hint string) { out.Add(s.problem(rel, msg, hint)) }
	doc.Find("*").Each(func(_ int, e *goquery.Selection) {
		n := e.Nodes[0]
		tag := strings.ToLower(n.Data)
		for _, a := range n.Attr {
			name := strings.ToLower(a.Key)
			if a.Namespace != "" {
				name = a.Namespace + ":" + name
			}
			for _, u := range attrURLs(n, name, a.Val) {
				if why := s.refuseURL(n, tag, name, u); why != "" {
					add(fmt.Sprintf("<%s %s=%q> %s", tag, name, u, why),
						"the portal must load nothing from third parties and run no script but its own: ship the file with the portal")
				} else if slices.Contains(loadAttrs, name) && !s.followed(n, tag) {
					if why, hint := s.ownURL(rel, u); why != "" {
						add(fmt.Sprintf("<%s %s=%q> loads a URL that %s", tag, name, u, why), hint)
					}
				}
			}
			switch {
			case strings.HasPrefix(name, "on"):
				add(fmt.Sprintf("<%s %s> is an inline event handler", tag, name),
					"the Content-Security-Policy blocks inline script: put behaviour in assets/js/portal.js")
			case name == "style" && !svg:
				add(fmt.Sprintf("<%s style=%q> is an inline style", tag, a.Val),
					"the Content-Security-Policy blocks inline styles: use a class and assets/css/portal.css")
			case name == "srcdoc":
				add(fmt.Sprintf("<%s srcdoc> embeds a document", tag), "frame a page of the portal by its URL")
			}
		}
		switch tag {
		case "script":
			typ := strings.ToLower(strings.TrimSpace(e.AttrOr("type", "")))
			if svg {
				add("<script> in an SVG file", "an SVG opened on its own would run it on the portal's origin: remove the script")
			} else if _, hasSrc := e.Attr("src"); !hasSrc && strings.TrimSpace(e.Text()) != "" && !slices.Contains(dataTypes, typ) {
				add("inline <script>", "the Content-Security-Policy blocks inline script: put it in assets/js/portal.js")
			}
		case "style":
			if !svg {
				add("<style> element", "the Content-Security-Policy blocks inline styles: put them in assets/css/portal.css")
			}
			for _, u := range cssURLs(e.Text()) {
				if s.external(u) {
					add(fmt.Sprintf("inline style loads %q from another host", u), "ship the file with the portal")
				}
			}
		case "meta":
			if strings.EqualFold(e.AttrOr("http-equiv", ""), "refresh") {
				if u := refreshURL(e.AttrOr("content", "")); u != "" && s.external(u) {
					add(fmt.Sprintf("<meta http-equiv=\"refresh\"> leads to %q on another host", u),
						"a page may redirect only within the portal")
				} else if why, hint := s.ownURL(rel, u); u != "" && why != "" {
					add(fmt.Sprintf("<meta http-equiv=\"refresh\"> leads to %q, which %s", u, why), hint)
				}
			}
		}
	})
	return out
}

// attrURLs returns the URLs in attribute name of element n.
func attrURLs(n *html.Node, name, val string) []string {
	switch {
	case slices.Contains(urlAttrs, name):
		if name == "code" && strings.ToLower(n.Data) != "applet" {
			return nil
		}
		return []string{strings.TrimSpace(val)}
	case slices.Contains(srcsetAttrs, name):
		var out []string
		for _, c := range strings.Split(val, ",") {
			if f := strings.Fields(c); len(f) > 0 {
				out = append(out, f[0])
			}
		}
		return out
	case slices.Contains(spaceAttrs, name):
		return strings.Fields(val)
	}
	return nil
}

// refuseURL says why u in attribute name of element n (tag) is refused, or
// "".
func (s *Site) refuseURL(n *html.Node, tag, name, u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "is not a valid URL"
	}
	scheme := strings.ToLower(p.Scheme)
	if scheme == "javascript" || scheme == "vbscript" {
		return "runs script"
	}
	if tag == "form" && name == "action" && s.formAction != "" && u == s.formAction {
		return "" // the subscribe form, to the company's mailing tool
	}
	if (name == "href" || name == "xlink:href") && s.followed(n, tag) {
		if scheme == "data" {
			return "opens a data: URL"
		}
		return ""
	}
	switch {
	case scheme == "data":
		if slices.Contains(dataImageElements, tag) && strings.HasPrefix(strings.ToLower(p.Opaque), "image/") {
			return ""
		}
		return "loads a data: URL"
	case scheme != "" && scheme != "http" && scheme != "https":
		return "loads a " + scheme + ": URL"
	case s.external(u):
		return "loads from another host"
	}
	return ""
}

// followed reports whether an href of element n is a link the reader
// follows rather than something the browser loads.
func (s *Site) followed(n *html.Node, tag string) bool {
	if slices.Contains(navigation, tag) {
		return true
	}
	if tag != "link" {
		return false
	}
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, "rel") {
			rels := strings.Fields(strings.ToLower(a.Val))
			return len(rels) > 0 && !slices.ContainsFunc(rels, func(r string) bool { return !slices.Contains(metadataRels, r) })
		}
	}
	return false
}

// refreshURL returns the target of a meta refresh's content ("0; url=…").
func refreshURL(content string) string {
	_, target, ok := strings.Cut(content, ";")
	if !ok {
		_, target, ok = strings.Cut(content, ",")
	}
	if !ok {
		return ""
	}
	target = strings.TrimSpace(target)
	if len(target) >= 4 && strings.EqualFold(target[:3], "url") {
		target = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(target[3:]), "="))
	}
	return strings.Trim(target, `"' `)
}
