package verify

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/trustportal/trustportal/generator/problem"
)

// Feeds (Atom, JSON Feed) tell customers of changes; a feed reader follows
// their links. Every link in a feed, in its entries' HTML too, must lead to
// the portal itself.

// feedLinks reports the links of an Atom feed (an .xml file whose root is
// <feed>) or a JSON Feed (a .json file with a jsonfeed.org version) that
// leave the portal. Other XML and JSON files are not feeds.
func (s *Site) feedLinks(rel string, data []byte) problem.List {
	var out problem.List
	check := func(where, u string) {
		if !s.own(u) {
			out.Add(s.problem(rel, fmt.Sprintf("feed links to %q (%s), outside the portal", u, where),
				"feeds link only to the portal's own pages: fix the feed template"))
		} else if why, hint := s.ownURL(rel, u); why != "" {
			out.Add(s.problem(rel, fmt.Sprintf("feed links to %q (%s), which %s", u, where, why), hint))
		}
	}
	checkHTML := func(where, fragment string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(fragment))
		if err != nil {
			return
		}
		doc.Find("[href], [src]").Each(func(_ int, e *goquery.Selection) {
			for _, attr := range []string{"href", "src"} {
				if u, ok := e.Attr(attr); ok {
					check(where, u)
				}
			}
		})
	}
	switch {
	case strings.HasSuffix(rel, ".xml"):
		s.atomLinks(data, check, checkHTML)
	case strings.HasSuffix(rel, ".json"):
		var feed map[string]any
		if json.Unmarshal(data, &feed) != nil {
			return nil
		}
		if v, _ := feed["version"].(string); !strings.HasPrefix(v, "https://jsonfeed.org/version/") {
			return nil
		}
		jsonFeedLinks("", feed, check, checkHTML)
	}
	return out
}

// atomLinks passes every href of an Atom feed to check, and the HTML of
// every content and summary of type html to checkHTML.
func (s *Site) atomLinks(data []byte, check, checkHTML func(where, v string)) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root && start.Name.Local != "feed" {
			return // not an Atom feed (a sitemap, say)
		}
		root = false
		html := false
		for _, a := range start.Attr {
			switch {
			case a.Name.Local == "href" || a.Name.Local == "src" || a.Name.Local == "uri":
				check("<"+start.Name.Local+" "+a.Name.Local+">", a.Value)
			case a.Name.Local == "type" && a.Value == "html":
				html = true
			}
		}
		if start.Name.Local == "uri" || start.Name.Local == "icon" || start.Name.Local == "logo" || html {
			var text string
			if dec.DecodeElement(&text, &start) == nil {
				if html {
					checkHTML("<"+start.Name.Local+">", text)
				} else {
					check("<"+start.Name.Local+">", text)
				}
			}
		}
	}
}

// jsonFeedLinks walks a JSON Feed: every *url field, icon, favicon, avatar,
// image and banner_image goes to check, every content_html to checkHTML.
func jsonFeedLinks(key string, v any, check, checkHTML func(where, v string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			jsonFeedLinks(k, child, check, checkHTML)
		}
	case []any:
		for _, child := range v {
			jsonFeedLinks(key, child, check, checkHTML)
		}
	case string:
		switch {
		case key == "content_html":
			checkHTML(key, v)
		case strings.HasSuffix(key, "url") || key == "icon" || key == "favicon" || key == "avatar" || key == "image" || key == "banner_image":
			check(key, v)
		}
	}
}

// own reports whether u is a link to the portal itself: relative, or an
// http(s) URL of the portal's host.
func (s *Site) own(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "":
		return p.Host == "" || strings.EqualFold(p.Host, s.BaseURL.Host)
	case "http", "https":
		return strings.EqualFold(p.Host, s.BaseURL.Host)
	}
	return false
}
