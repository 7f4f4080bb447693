# Sourced by the other scripts: installs what is missing, then activates .venv.
# Safe to run again: each step checks before it acts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Debian packages: Qt's runtime libraries, a CJK font, a virtual screen for screenshots,
# PostgreSQL for the service's tests, pdftoppm and zbarimg for the badge tests.
APT_PACKAGES=(
  libpulse0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  xvfb fonts-wqy-microhei poppler-utils zbar-tools postgresql
)

install_apt_packages() {
  command -v dpkg-query >/dev/null || { echo "bootstrap: not a Debian system; install the equivalents of: ${APT_PACKAGES[*]}" >&2; return 0; }
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "bootstrap: creating .venv" >&2
    "$python" -m venv .venv
  fi
  local stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "bootstrap: installing Python packages" >&2
    .venv/bin/python -m pip install -q --upgrade pip
    # Replaced by `sqlcipher3`, which installs the same module: out first, or removing it
    # later would delete the other's files.
    .venv/bin/python -m pip uninstall -y -q sqlcipher3-binary 2>/dev/null || true
    .venv/bin/python -m pip install -q -e '.[dev]'
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}

compile_translations() {
  # The .qm files the desk loads are built from the committed .ts files.
  local ts
  for ts in resources/translations/*.ts; do
    [ -e "$ts" ] || continue
    if [ ! -f "${ts%.ts}.qm" ] || [ "$ts" -nt "${ts%.ts}.qm" ]; then
      .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
    fi
  done
}

install_apt_packages
install_python_packages
compile_translations
# shellcheck disable=SC1091
source .venv/bin/activate
export LANG="${LANG:-C.UTF-8}"
