#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine, idempotently: Debian packages
# only when one is missing (apt-get update runs at most once), npm packages only when
# package-lock.json changed since the last install. A second run takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the database, a CJK font for the printable slips, poppler for slip tests,
# Chromium for browser tests, Orthanc (the dev/test PACS) with DICOMweb and pydicom's sample
# files (with numpy and Pillow, which pydicom decodes them with for the syntax tests, and dcmtk to
# make a JPEG lossless one), Janus (the SFU) with its recording post-processor, ffmpeg to mux a recording's audio and
# video into one playable file (stream copy, no re-encoding), iproute2 for test namespaces.
APT_PACKAGES=(postgresql fonts-wqy-microhei poppler-utils chromium orthanc orthanc-dicomweb python3-pydicom
  python3-numpy python3-pil dcmtk
  janus janus-tools ffmpeg iproute2)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root or install them)" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt/dpkg run (a second checkout's setup) instead of failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian packages start system-wide services we never use (we run our own instances under
  # the data folder); stop them so they hold no memory or ports (Janus's stock config takes 8188).
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true; done
  fi
  for svc in janus orthanc; do
    systemctl disable --now "$svc" >/dev/null 2>&1 || service "$svc" stop >/dev/null 2>&1 || true
  done
fi

stamp=node_modules/.setup-stamp
want=$(sha256sum package-lock.json package.json */package.json 2>/dev/null | sha256sum | cut -c1-64)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm packages"
  flock /tmp/tiered-care-npm.lock npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
