// Package trustportal embeds the portal's built-in theme: the default
// templates (layouts/), strings (i18n/), styles and scripts (assets/) and
// published files (static/) that
// every portal starts from. A portal project overrides any file of it by
// having a file of the same path.
//
// The generator itself lives in generator/ and the command in
// cmd/trustportal.
package trustportal

import "embed"

// Theme holds layouts/, i18n/, assets/ and static/.
//
//go:embed all:layouts i18n assets static
var Theme embed.FS
