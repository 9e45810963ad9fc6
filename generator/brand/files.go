package brand

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Type is the type of a brand file, told by its content.
type Type string

const (
	SVG   Type = "svg"
	PNG   Type = "png"
	WOFF2 Type = "woff2"
)

// MediaType is the type's MIME type, for <link rel="icon" type="…">.
func (t Type) MediaType() string {
	switch t {
	case SVG:
		return "image/svg+xml"
	case PNG:
		return "image/png"
	case WOFF2:
		return "font/woff2"
	}
	return ""
}

// Role is what a brand file is for: the types it may have and its largest
// size.
type Role struct {
	Field   string // in data/portal.toml's [brand]
	Types   []Type
	MaxSize int
}

// The brand's files. The limits keep the pages light: the sample's logo
// has 1 KB.
var (
	Logo    = Role{Field: "logo", Types: []Type{SVG, PNG}, MaxSize: 200 << 10}
	Favicon = Role{Field: "favicon", Types: []Type{SVG, PNG}, MaxSize: 50 << 10}
	Font    = Role{Field: "font", Types: []Type{WOFF2}, MaxSize: 300 << 10}
)

// Sniff tells a file's type by its first bytes; "" if it is none of the
// brand's types.
func Sniff(data []byte) Type {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("wOF2")):
		return WOFF2
	case rootElement(data) == "svg":
		return SVG
	}
	return ""
}

// rootElement returns the local name of an XML document's first element,
// "" if data is not XML.
func rootElement(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return ""
			}
		}
	}
}

// Check says what is wrong with data as the file of role, if anything: its
// size, its type, and for an SVG whatever could run script or load from
// elsewhere (CheckSVG).
func Check(role Role, data []byte) (Type, error) {
	if len(data) > role.MaxSize {
		return "", fmt.Errorf("the file has %d KiB; a %s may have at most %d KiB", (len(data)+1023)>>10, role.Field, role.MaxSize>>10)
	}
	t := Sniff(data)
	ok := false
	for _, want := range role.Types {
		ok = ok || t == want
	}
	if !ok {
		names := make([]string, len(role.Types))
		for i, want := range role.Types {
			names[i] = strings.ToUpper(string(want))
		}
		return "", fmt.Errorf("the file is not %s (read by its content, not its name)", strings.Join(names, " or "))
	}
	if t == SVG {
		if err := CheckSVG(data); err != nil {
			return "", err
		}
	}
	return t, nil
}

// CheckSVG refuses an SVG that could run script or make the browser load
// anything when opened: a <script>, <foreignObject> (HTML inside the
// image), an event attribute (onload=…), a link or reference other than
// to a fragment of the image itself (href="#shape"), a url(…) or @import
// in its styles to anything but a fragment, a DOCTYPE (entities) and
// processing instructions. The portal is about privacy, and an SVG is a
// document that can run script.
func CheckSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	inStyle := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the SVG is not well-formed XML: %v", err)
		}
		line, _ := d.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch name {
			case "script", "foreignobject", "iframe", "embed", "object", "audio", "video", "animate", "set", "handler", "listener":
				return fmt.Errorf("the SVG has a <%s> element (line %d); a logo needs none: remove it, or export the logo again as plain shapes", t.Name.Local, line)
			case "style":
				inStyle++
			}
			for _, a := range t.Attr {
				if err := checkAttr(t.Name.Local, a); err != nil {
					return fmt.Errorf("%w (line %d)", err, line)
				}
			}
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, "style") {
				inStyle--
			}
		case xml.CharData:
			if inStyle > 0 {
				if err := checkStyle(string(t)); err != nil {
					return fmt.Errorf("the SVG's <style> %w (line %d)", err, line)
				}
			}
		case xml.Directive:
			return fmt.Errorf("the SVG has a declaration <!%s> (line %d); remove it (an SVG needs no DOCTYPE or entities)", firstWord(t), line)
		case xml.ProcInst:
			if t.Target != "xml" {
				return fmt.Errorf("the SVG has a processing instruction <?%s?> (line %d); remove it", t.Target, line)
			}
		}
	}
}

func firstWord(b []byte) string {
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func checkAttr(element string, a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("the SVG's <%s> has an event attribute %s, which runs script; remove it", element, a.Name.Local)
	case name == "href" || name == "src" || name == "action" || name == "formaction":
		if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
			return fmt.Errorf("the SVG's <%s> refers to %q; a logo may refer only to its own parts (href=\"#id\"): embed what it shows, or remove the reference", element, a.Value)
		}
	case name == "style":
		if err := checkStyle(a.Value); err != nil {
			return fmt.Errorf("the SVG's <%s> style attribute %w", element, err)
		}
	default:
		// Presentation attributes take url(#gradient) too.
		if err := checkStyle(a.Value); err != nil && strings.Contains(strings.ToLower(a.Value), "url(") {
			return fmt.Errorf("the SVG's <%s> attribute %s %w", element, a.Name.Local, err)
		}
	}
	return nil
}

// checkStyle refuses @import, image-set(), CSS escapes (which could spell
// either) and url(…) to anything but a fragment.
func checkStyle(css string) error {
	lower := strings.ToLower(css)
	switch {
	case strings.Contains(lower, "@import"):
		return errors.New("imports a stylesheet (@import); remove it")
	case strings.Contains(lower, "image-set("):
		return errors.New("loads images (image-set); remove it")
	case strings.Contains(lower, `\`):
		return errors.New(`has a CSS escape (\); write the style plainly`)
	}
	for rest := lower; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = rest[i+4:]
		arg := strings.TrimLeft(rest, " \t\n'\"")
		if !strings.HasPrefix(arg, "#") {
			end := strings.IndexByte(rest, ')')
			if end < 0 {
				end = len(rest)
			}
			return fmt.Errorf("loads url(%s); a logo may use only url(#id) of its own parts", strings.TrimSpace(rest[:end]))
		}
	}
}
