// Package trustportal embeds the portal's built-in theme: the default
// templates (layouts/), strings (i18n/) and styles and script (assets/) that
// every portal starts from. A portal project overrides any file of it by
// having a file of the same path.
//
// The generator itself lives in generator/ and the command in
// cmd/trustportal.
package trustportal

import "embed"

// Theme holds layouts/, i18n/ and assets/.
//
//go:embed all:layouts i18n assets
var Theme embed.FS
