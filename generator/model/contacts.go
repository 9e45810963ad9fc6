package model

import (
	"fmt"
	"slices"
)

// FieldProblem is something wrong with the TOML value of a field, found
// while decoding: Field is the key path below the entity ("address.city"),
// "" for the entity itself.
type FieldProblem struct {
	Field   string
	Message string
	Hint    string
}

// DecodeProblems are the problems found while reading the contact from TOML:
// a value of the wrong type, an unknown field. Package validate reports them.
func (c Contact) DecodeProblems() []FieldProblem { return c.decodeProblems }

// UnmarshalTOML reads the contacts of one role, written either as a single
// table ([dpo], dpo = { … }) or as an array of tables ([[dpo]], dpo = [{ … }]).
// Like Text it never fails, so that decoding goes on and every problem is
// reported: what is wrong is kept in each contact's DecodeProblems.
func (cs *Contacts) UnmarshalTOML(v any) error {
	*cs = nil
	switch v := v.(type) {
	case map[string]any:
		*cs = Contacts{decodeContact(v)}
	case []map[string]any:
		for _, m := range v {
			*cs = append(*cs, decodeContact(m))
		}
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				*cs = Contacts{{decodeProblems: []FieldProblem{contactShape}}}
				return nil
			}
			*cs = append(*cs, decodeContact(m))
		}
	default:
		*cs = Contacts{{decodeProblems: []FieldProblem{contactShape}}}
	}
	return nil
}

var contactShape = FieldProblem{
	Message: "a contact is a table of its details, not a single value",
	Hint:    `write one contact as a table, [dpo] with name = "…" and email = "…" below it, or several as [[dpo]] tables`,
}

var contactFields = []string{"name", "organisation", "role", "email", "phone", "url", "address"}

var addressFields = []string{"street", "postal_code", "city", "region", "country"}

func decodeContact(m map[string]any) Contact {
	var c Contact
	d := fieldDecoder{m: m, known: contactFields}
	d.str("name", &c.Name)
	d.str("organisation", &c.Organisation)
	d.str("email", &c.Email)
	d.str("phone", &c.Phone)
	d.str("url", &c.URL)
	if r, ok := m["role"]; ok {
		_ = c.Role.UnmarshalTOML(r)
	}
	if a, ok := m["address"]; ok {
		am, isMap := a.(map[string]any)
		if !isMap {
			d.problem("address", "the address must be a table", `write address = { street = "…", postal_code = "…", city = "…", country = "DE" }`)
		} else {
			ad := fieldDecoder{m: am, known: addressFields, prefix: "address."}
			ad.str("street", &c.Address.Street)
			ad.str("postal_code", &c.Address.PostalCode)
			ad.str("city", &c.Address.City)
			ad.str("region", &c.Address.Region)
			ad.str("country", &c.Address.Country)
			ad.unknown()
			d.problems = append(d.problems, ad.problems...)
		}
	}
	d.unknown()
	c.decodeProblems = d.problems
	return c
}

// fieldDecoder reads the fields of one TOML table by hand, noting values of
// the wrong type and unknown keys.
type fieldDecoder struct {
	m        map[string]any
	known    []string
	prefix   string // of the fields' paths in problems
	problems []FieldProblem
}

func (d *fieldDecoder) problem(field, msg, hint string) {
	d.problems = append(d.problems, FieldProblem{Field: d.prefix + field, Message: msg, Hint: hint})
}

func (d *fieldDecoder) str(key string, dst *string) {
	v, ok := d.m[key]
	if !ok {
		return
	}
	s, ok := v.(string)
	if !ok {
		d.problem(key, fmt.Sprintf("%s must be a string in quotes", key), fmt.Sprintf(`write %s = "…"`, key))
		return
	}
	*dst = s
}

func (d *fieldDecoder) unknown() {
	keys := make([]string, 0, len(d.m))
	for k := range d.m {
		if !slices.Contains(d.known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		d.problem(k, fmt.Sprintf("unknown field %q", k), "remove it or check its spelling against docs/data.md")
	}
}
