#!/usr/bin/env bash
# 安装 reportgen 所需的一切：Debian 软件包（字体、排版库）与 .venv 中的 Python 包。
# 可重复运行：已装好的部分会被跳过。
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages. Fonts: see docs/fonts.md (Fandol for 仿宋/楷体,
# Noto CJK for 黑体/宋体); Pango for WeasyPrint.
DEB_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fontconfig fonts-noto-cjk texlive-lang-chinese
  poppler-utils libreoffice-writer-nogui chromium
)

# npm installs axe-core for the accessibility test of the web edition (below); machines
# whose Node.js package already brings npm need nothing more.
command -v npm >/dev/null 2>&1 || DEB_PACKAGES+=(nodejs npm)

missing=()
PYTHON="${PYTHON:-python3}"
# Debian's own python3 needs python3-venv for `-m venv`; other Pythons bring it.
"$PYTHON" -c "import venv, ensurepip" 2>/dev/null || DEB_PACKAGES+=(python3-venv)
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "正在安装 Debian 软件包：${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"

# axe-core, the accessibility engine that tests/test_web_a11y.py runs inside Debian's
# chromium (through the DevTools protocol, tests/chromium_cdp.py): one JavaScript file from
# npm into the project's own .tools/, no browser download. Pinned, so every machine checks
# the same rules.
AXE_VERSION=4.14.1
AXE_PACKAGE=.tools/node_modules/axe-core/package.json
if ! grep -q "\"version\": \"$AXE_VERSION\"" "$AXE_PACKAGE" 2>/dev/null; then
  npm install --silent --no-audit --no-fund --no-save --prefix .tools "axe-core@$AXE_VERSION" >/dev/null
fi
echo "安装完成：.venv/bin/reportgen"
