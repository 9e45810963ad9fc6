#!/usr/bin/env node
// Check a DPA acceptance a signup form submitted against a trustportal
// portal's manifest (/api/dpa.json), with nothing but Node's standard library
// (Node 18.17 or later).
//
//     node check-acceptance.mjs MANIFEST SHA256 VERSION LANGUAGE
//
// MANIFEST is the manifest's https URL or a file. It prints one JSON object:
//
//     {"status":"current","still_sufficient":true,"valid_for_new_signup":true}
//
// status is "current" (the version in effect), "superseded" (in effect
// before: valid for a customer who accepted it, not for a new signup),
// "upcoming" (not yet in effect) or "unknown" (no such text: reject it).
// still_sufficient says whether an acceptance of this version needs no
// renewal today. The exit status is 0 if the acceptance is valid for a new
// signup, 1 otherwise, 2 on trouble.
//
// Copy the functions into your backend; docs/acceptance.md explains them.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const HASH = /^[0-9a-f]{64}$/;
const VERSION = /^[0-9]+(\.[0-9]+){0,2}$/;
const MAX_SIZE = 16 << 20;

// loadManifest reads the manifest from an https URL (http only for
// localhost) or a file.
export async function loadManifest(source) {
  let data;
  const url = URL.canParse(source) ? new URL(source) : null;
  if (url && (url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)))) {
    const response = await fetch(source, { signal: AbortSignal.timeout(30000), redirect: "error" });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    data = await response.text();
  } else {
    data = await readFile(source, "utf8");
  }
  if (data.length > MAX_SIZE) throw new Error("the manifest is larger than 16 MB");
  const manifest = JSON.parse(data);
  if (manifest.format !== 1) throw new Error(`manifest format ${manifest.format}: this check reads format 1`);
  return manifest;
}

// compareVersions orders versions as trustportal does: number by number
// (1.9 < 1.10 < 2), and of two with the same numbers the one with more of
// them later (2 < 2.0).
export function compareVersions(a, b) {
  const as = a.split(".").map(Number), bs = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (as[i] || 0) - (bs[i] || 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(as.length - bs.length);
}

// statusOf returns the status of the submitted text: current, superseded,
// upcoming or unknown. The hash is the DPA's (dpa_sha256) or the agreement
// hash (dpa_agreement_sha256).
export function statusOf(manifest, sha256, version, language) {
  sha256 = String(sha256).trim().toLowerCase();
  if (!HASH.test(sha256) || !VERSION.test(version)) return "unknown";
  for (const entry of manifest.versions || []) {
    if (entry.version !== version) continue;
    const text = (entry.languages || {})[language] || {};
    if (sha256 === text.sha256 || sha256 === text.agreement_sha256) return entry.status || "unknown";
  }
  return "unknown";
}

// stillSufficient says whether a customer who accepted acceptedVersion
// (current or superseded) need not accept again today: the one comparison
// with renewal_required_since.
export function stillSufficient(manifest, acceptedVersion) {
  const since = manifest.renewal_required_since;
  return typeof since === "string" && compareVersions(acceptedVersion, since) >= 0;
}

export function check(manifest, sha256, version, language) {
  const status = statusOf(manifest, sha256, version, language);
  return {
    status,
    still_sufficient: (status === "current" || status === "superseded") && stillSufficient(manifest, version),
    valid_for_new_signup: status === "current",
  };
}

async function main(args) {
  if (args.length !== 4) {
    console.error("usage: node check-acceptance.mjs MANIFEST SHA256 VERSION LANGUAGE");
    return 2;
  }
  let manifest;
  try {
    manifest = await loadManifest(args[0]);
  } catch (e) {
    console.error(`check-acceptance: ${args[0]}: ${e.message}`);
    return 2;
  }
  const result = check(manifest, args[1], args[2], args[3]);
  console.log(JSON.stringify(result));
  return result.valid_for_new_signup ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
