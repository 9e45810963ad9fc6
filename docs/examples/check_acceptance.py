#!/usr/bin/env python3
"""Check a DPA acceptance a signup form submitted against a trustportal
portal's manifest (/api/dpa.json), with nothing but Python's standard library.

    python3 check_acceptance.py MANIFEST SHA256 VERSION LANGUAGE

MANIFEST is the manifest's https URL or a file. It prints one JSON object:

    {"status": "current", "valid_for_new_signup": true, "still_sufficient": true}

status is "current" (the version in effect), "superseded" (in effect before:
valid for a customer who accepted it, not for a new signup), "upcoming" (not
yet in effect) or "unknown" (no such text: reject it). still_sufficient says
whether an acceptance of this version needs no renewal today. The exit status
is 0 if the acceptance is valid for a new signup, 1 otherwise, 2 on trouble.

Copy the functions into your backend; docs/acceptance.md explains them.
"""
import json
import re
import sys
import urllib.parse
import urllib.request

HASH = re.compile(r"^[0-9a-f]{64}$")
VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")
MAX_SIZE = 16 << 20


def load_manifest(source):
    """Reads the manifest from an https URL (http only for localhost) or a file."""
    url = urllib.parse.urlsplit(source)
    if url.scheme == "https" or (url.scheme == "http" and url.hostname in ("localhost", "127.0.0.1", "::1")):
        with urllib.request.urlopen(source, timeout=30) as response:
            data = response.read(MAX_SIZE + 1)
    else:
        with open(source, "rb") as f:
            data = f.read(MAX_SIZE + 1)
    if len(data) > MAX_SIZE:
        raise ValueError("the manifest is larger than 16 MB")
    manifest = json.loads(data)
    if manifest.get("format") != 1:
        raise ValueError("manifest format %r: this check reads format 1" % manifest.get("format"))
    return manifest


def version_key(version):
    """Orders versions as trustportal does: number by number (1.9 < 1.10 < 2),
    and of two with the same numbers the one with more of them later (2 < 2.0)."""
    numbers = [int(n) for n in version.split(".")]
    return numbers + [0] * (3 - len(numbers)), len(numbers)


def status_of(manifest, sha256, version, language):
    """The status of the submitted text: current, superseded, upcoming or unknown.
    The hash is the DPA's (dpa_sha256) or the agreement hash (dpa_agreement_sha256)."""
    sha256 = sha256.strip().lower()
    if not HASH.match(sha256) or not VERSION.match(version):
        return "unknown"
    for entry in manifest.get("versions", []):
        if entry.get("version") != version:
            continue
        text = entry.get("languages", {}).get(language) or {}
        if sha256 in (text.get("sha256"), text.get("agreement_sha256")):
            return entry.get("status", "unknown")
    return "unknown"


def still_sufficient(manifest, accepted_version):
    """Whether a customer who accepted accepted_version (current or superseded)
    need not accept again today: the one comparison with renewal_required_since."""
    since = manifest.get("renewal_required_since")
    return since is not None and version_key(accepted_version) >= version_key(since)


def check(manifest, sha256, version, language):
    status = status_of(manifest, sha256, version, language)
    return {
        "status": status,
        "valid_for_new_signup": status == "current",
        "still_sufficient": status in ("current", "superseded") and still_sufficient(manifest, version),
    }


def main(argv):
    if len(argv) != 5:
        print("usage: python3 check_acceptance.py MANIFEST SHA256 VERSION LANGUAGE", file=sys.stderr)
        return 2
    try:
        manifest = load_manifest(argv[1])
    except (OSError, ValueError) as e:
        print("check_acceptance: %s: %s" % (argv[1], e), file=sys.stderr)
        return 2
    result = check(manifest, argv[2], argv[3], argv[4])
    print(json.dumps(result, sort_keys=True))
    return 0 if result["valid_for_new_signup"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
