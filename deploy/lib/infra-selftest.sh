#!/usr/bin/env bash
# deploy/lib/infra-selftest.sh - bring the whole test infrastructure up and
# check it: exits non-zero if infra_up fails or any component is unhealthy.
# Servers are left running (stop them with: deploy/lib/infra.sh down).
# Usage: deploy/lib/infra-selftest.sh [component...]   (env: see deploy/infra/README.md)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=infra.sh
source "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/infra.sh"

rc=0
infra_up "$@" || rc=1
infra_status "$@" || rc=1
if ((rc)); then
  echo "infra selftest: FAILED" >&2
else
  echo "infra selftest: OK"
fi
exit "$rc"
