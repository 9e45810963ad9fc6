package generator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/testportal"
)

// manifestPortals builds the portals whose manifests the schema tests
// read: the repository's sample, a one-language portal, one published
// under a path, and the three versions of buildVersioned; each with the
// renewal_required_since its manifest must give for every version.
func manifestPortals(t *testing.T) []struct {
	name, out string
	renewal   map[string]string // version → renewal_required_since
	top       string            // the manifest's, of the current version
} {
	oneLanguage := testportal.OneLanguage(t, testportal.Minimal(t), model.EN)
	releaseTwice(t, oneLanguage, []model.Lang{model.EN})
	oneOut := filepath.Join(t.TempDir(), "public")
	if err := generator.Build(generator.Options{Source: oneLanguage, Out: oneOut, Today: model.NewDate(2026, 11, 1)}); err != nil {
		t.Fatal(err)
	}
	return []struct {
		name, out string
		renewal   map[string]string
		top       string
	}{
		// 2.0 material and in effect; 3.0, not material, announced
		{"sample", build(t, testportal.Root(t)).out, map[string]string{"1.0": "1.0", "1.1": "1.0", "2.0": "2.0", "3.0": "2.0"}, "2.0"},
		// no version material: the first one suffices
		{"one language", oneOut, map[string]string{"1.0": "1.0", "2.0": "1.0"}, "1.0"},
		// 2.0, material, announced: 1.0 suffices until it takes effect
		{"sub-path", buildSubpath(t), map[string]string{"1.0": "1.0", "2.0": "2.0"}, "1.0"},
		{"versioned", buildVersioned(t).out, map[string]string{"1.0": "1.0", "2.0": "2.0", "3.0": "2.0"}, "2.0"},
	}
}

// manifestSchema compiles the schema the portal at out publishes, found
// through the manifest's $schema URL.
func manifestSchema(t *testing.T, out string, manifest map[string]any) *jsonschema.Schema {
	t.Helper()
	url, _ := manifest["$schema"].(string)
	portal, _ := manifest["portal"].(string)
	rel, ok := strings.CutPrefix(url, portal)
	if !ok || rel != "api/dpa.schema.json" {
		t.Fatalf("$schema %q, want %sapi/dpa.schema.json", url, portal)
	}
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("the schema the manifest names is not published: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatalf("the published schema does not compile: %v", err)
	}
	return schema
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v.(map[string]any)
}

// TestManifestSchema: every portal's manifest validates against the JSON
// Schema it names and publishes, and says from which version an acceptance
// is sufficient; manifests broken in the ways a signup backend must not
// accept do not validate.
func TestManifestSchema(t *testing.T) {
	for _, p := range manifestPortals(t) {
		t.Run(p.name, func(t *testing.T) {
			m := readJSON(t, filepath.Join(p.out, "api", "dpa.json"))
			schema := manifestSchema(t, p.out, m)
			if err := schema.Validate(m); err != nil {
				t.Fatalf("the manifest does not validate against its schema: %v", err)
			}
			if got := m["renewal_required_since"]; got != p.top {
				t.Errorf("renewal_required_since %v, want %s", got, p.top)
			}
			for _, v := range m["versions"].([]any) {
				entry := v.(map[string]any)
				if got, want := entry["renewal_required_since"], p.renewal[entry["version"].(string)]; got != want {
					t.Errorf("version %s: renewal_required_since %v, want %s", entry["version"], got, want)
				}
			}
		})
	}
}

// TestManifestSchemaRefuses: the schema is no formality: each of these
// broken copies of the sample's manifest fails it.
func TestManifestSchemaRefuses(t *testing.T) {
	out := build(t, testportal.Root(t)).out
	schema := manifestSchema(t, out, readJSON(t, filepath.Join(out, "api", "dpa.json")))
	current := func(m map[string]any) map[string]any { return m["current"].(map[string]any) }
	dpaDE := func(m map[string]any) map[string]any {
		return current(m)["languages"].(map[string]any)["de"].(map[string]any)
	}
	tests := []struct {
		name   string
		break_ func(m map[string]any)
	}{
		{"format 2", func(m map[string]any) { m["format"] = json.Number("2") }},
		{"no versions", func(m map[string]any) { delete(m, "versions") }},
		{"current without version", func(m map[string]any) { delete(current(m), "version") }},
		{"version with a v", func(m map[string]any) { current(m)["version"] = "v2.0" }},
		{"version with a leading zero", func(m map[string]any) { current(m)["version"] = "2.01" }},
		{"status unknown", func(m map[string]any) { current(m)["status"] = "valid" }},
		{"material a string", func(m map[string]any) { current(m)["material"] = "yes" }},
		{"hash in upper case", func(m map[string]any) { dpaDE(m)["sha256"] = strings.ToUpper(dpaDE(m)["sha256"].(string)) }},
		{"hash too short", func(m map[string]any) { dpaDE(m)["agreement_sha256"] = "19e96b19" }},
		{"no agreement hash", func(m map[string]any) { delete(dpaDE(m), "agreement_sha256") }},
		{"binding hash without its agreement hash", func(m map[string]any) { dpaDE(m)["binding_sha256"] = dpaDE(m)["sha256"] }},
		{"embed URL of another scheme", func(m map[string]any) { dpaDE(m)["embed_url"] = "javascript:alert(1)" }},
		{"relative URL", func(m map[string]any) { dpaDE(m)["url"] = "/de/dpa/2.0/" }},
		{"three-letter language", func(m map[string]any) { current(m)["languages"].(map[string]any)["deu"] = dpaDE(m) }},
		{"date not a date", func(m map[string]any) { m["as_of"] = "2026-13-45" }},
		{"renewal not a version", func(m map[string]any) { m["renewal_required_since"] = "latest" }},
		{"existing customers unknown", func(m map[string]any) { current(m)["existing_customers"] = "maybe" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := readJSON(t, filepath.Join(out, "api", "dpa.json"))
			if err := schema.Validate(m); err != nil {
				t.Fatalf("the unbroken manifest fails: %v", err)
			}
			tt.break_(m)
			if err := schema.Validate(m); err == nil {
				t.Error("the broken manifest validates")
			}
		})
	}
}
