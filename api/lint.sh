#!/usr/bin/env bash
# Lints OpenAPI documents with the pinned redocly (recommended rules) and spectral (spectral:oas); any error or
# warning of either fails. Used by ./cleave lint-api on the sources and by the contract tests on what is served.
# Usage: api/lint.sh DOCUMENT...   (the tools must be installed: ./cleave api-tools)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$here/node_modules/.bin"
[ -x "$bin/redocly" ] && [ -x "$bin/spectral" ] || { echo "lint: the API tools are missing; run ./cleave api-tools" >&2; exit 2; }
export NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
failed=0
for document in "$@"; do
  totals="$( ("$bin/redocly" lint --config "$here/redocly.yaml" --format json "$document" 2>/dev/null || true) \
            | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s).totals;
                       console.log(t.errors+t.warnings)})')" || totals="unreadable"
  if [ "$totals" != 0 ]; then
    echo "lint: redocly: $document has $totals problems:" >&2
    "$bin/redocly" lint --config "$here/redocly.yaml" "$document" 2>&1 | grep -v '[║╔╚]' >&2 || true
    failed=1
  fi
  if ! "$bin/spectral" lint --quiet --fail-severity=warn --ruleset "$here/.spectral.yaml" "$document" >&2; then
    echo "lint: spectral: $document has problems (above)" >&2
    failed=1
  fi
  [ "$failed" = 0 ] && echo "lint: $document: no errors, no warnings (redocly, spectral)"
done
exit "$failed"
