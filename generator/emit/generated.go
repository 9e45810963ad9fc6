package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// ContentSecurityPolicy is the policy every HTML page of the portal carries
// in a <meta http-equiv="Content-Security-Policy">: the portal loads nothing
// but its own files, runs no inline script and no inline style, and cannot be
// pointed at another base URL. (frame-ancestors cannot be set by a meta
// element: docs/hosting.md shows the HTTP header that adds it.)
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

// generate publishes data at urlPath (root-relative, under the base URL's
// path), written by the generator itself rather than by a template: the
// acceptance manifest and the canonical texts. The build checks after Hugo
// that the site carries exactly these bytes there (Project.Generated), so
// neither a template nor a file of the project's static/ can replace them.
func (e *emitter) generate(urlPath string, data []byte) {
	// Hugo publishes the site's root at the base URL's path.
	rel := strings.TrimPrefix(strings.TrimPrefix(urlPath, e.u.base), "/")
	e.files["static/"+rel] = data
	e.generated[rel] = data
}

// indentedJSON encodes v as Hugo's jsonify with an indent of two spaces did
// when a template wrote the manifest: keys in alphabetical order, HTML
// characters escaped, a final newline.
func indentedJSON(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any // maps encode with sorted keys
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(generic); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}
