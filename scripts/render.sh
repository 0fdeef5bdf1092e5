#!/usr/bin/env bash
# Render the RST pages of committed services in the forms users reach the generator with
# (development tool; not part of the test command):
#   html/  Sphinx HTML, as the docs portal publishes it (`:ref:` labels resolve across a service);
#   txt/   text as a browser copies it: `innerText` of the page's body in headless Chromium
#          (list markers dropped, table cells tab-separated);
#   txt-bullets/  the same with the list markers a copy keeps where the page's style writes them
#          as text (`  • item`, `    ◦ item` by depth, as in the seed);
#   md/    Markdown from that HTML with pandoc (what "save as Markdown" gives).
#
# usage: scripts/render.sh [OUT_DIR] [SERVICE | NAME=RST_DIR ...]
#   OUT_DIR defaults to generator/tests/fixtures/renderings, services to dns kms smn nat vpc; a
#   SERVICE's pages are spec/<SERVICE>/docs, NAME=RST_DIR renders another folder of pages as NAME.
# Needs: python3 (Sphinx is installed from PyPI into a venv under $RENDER_CACHE),
#        chromium and pandoc (apt-get install -y chromium pandoc; installed when missing and root).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/generator/tests/fixtures/renderings}"
shift || true
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(dns kms smn nat vpc)
cache="${RENDER_CACHE:-${TMPDIR:-/tmp}/hwcloud-render}"
mkdir -p "$cache"

need_tools() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pandoc >/dev/null || missing+=(pandoc)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "install: ${missing[*]}" >&2; exit 1; }
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ! -x "$cache/venv/bin/sphinx-build" ]; then
    python3 -m venv "$cache/venv"
    "$cache/venv/bin/pip" install -q 'sphinx>=7,<10'
  fi
}

# Sphinx: the service's RST tree with a minimal conf.py, built as the portal builds it (plain html builder).
render_html() {
  local svc="$1" docs="$2" src="$cache/$1/src" build="$cache/$1/build"
  rm -rf "$cache/$svc" && mkdir -p "$src"
  (cd "$docs" && find . -name '*.rst' -exec cp --parents {} "$src" \;)
  cat > "$src/conf.py" <<'EOF'
project = "API Reference"
master_doc = "index"
html_theme = "alabaster"
html_permalinks = True
html_copy_source = False
html_show_sourcelink = False
EOF
  "$cache/venv/bin/sphinx-build" -q -b html "$src" "$build" 2>"$cache/$svc/sphinx.log" || {
    cat "$cache/$svc/sphinx.log" >&2
    exit 1
  }
}

# Chromium: a driver page loads each rendered page in an iframe and writes the
# innerText of its main body into a <pre>; --dump-dom prints the result.
render_text() {
  local svc="$1" build="$cache/$svc/build" pages="$2"
  python3 - "$build" "$pages" <<'EOF'
import json, sys
build, pages = sys.argv[1], sys.argv[2]
files = [l for l in open(pages).read().split("\n") if l]
html = """<!doctype html><html><body><script>
const files = %s;
async function load(f) {
  return new Promise(done => {
    const frame = document.createElement("iframe");
    frame.style.width = "1280px"; frame.style.height = "800px";
    frame.onload = () => {
      const d = frame.contentDocument;
      const main = d.querySelector("div.body") || d.body;
      const put = (kind, text) => {
        const pre = document.createElement("pre");
        pre.dataset.file = f;
        pre.dataset.kind = kind;
        pre.textContent = text;
        document.body.appendChild(pre);
      };
      put("plain", main.innerText);
      // The same copy with list markers, as the portal's own list style gives them (the seed's `  • v2`).
      for (const li of main.querySelectorAll("li")) {
        let depth = 0;
        for (let p = li.parentElement; p && p !== main; p = p.parentElement) {
          if (p.tagName === "LI") depth++;
        }
        li.insertBefore(d.createTextNode("  ".repeat(depth + 1) + ["•", "◦", "▪"][Math.min(depth, 2)] + " "), li.firstChild);
      }
      put("bullets", main.innerText);
      frame.remove();
      done();
    };
    frame.src = f;
    document.body.appendChild(frame);
  });
}
(async () => { for (const f of files) await load(f); document.title = "done"; })();
</script></body></html>""" % json.dumps(files)
open(build + "/__innertext.html", "w").write(html)
EOF
  chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
    --virtual-time-budget=600000 --run-all-compositor-stages-before-draw \
    --dump-dom "file://$build/__innertext.html" 2>/dev/null >"$cache/$svc/innertext.html"
}

# One service: pages that hold an operation (a URI section) are kept, in all three forms.
render_service() {
  local svc="$1" docs="$2" dest="$out/$1"
  case "$(realpath -m "$docs")/" in "$(realpath -m "$dest")/"*) echo "$docs is inside $dest" >&2; exit 1 ;; esac
  echo "render $svc" >&2
  render_html "$svc" "$docs"
  local build="$cache/$svc/build" pages="$cache/$svc/pages.txt"
  (cd "$build" && grep -rl --include='*.html' -E '<h[1-6][^>]*>(URI|URL|Request URI|Request URL|请求URI|请求URL)' . | sed 's#^\./##' | sort) >"$pages"
  rm -rf "$dest" && mkdir -p "$dest/html" "$dest/md" "$dest/txt" "$dest/txt-bullets"
  render_text "$svc" "$pages"
  python3 - "$build" "$pages" "$dest" "$cache/$svc/innertext.html" <<'EOF'
import html.parser, os, subprocess, sys
build, pages, dest, dump = sys.argv[1:5]
files = [l for l in open(pages).read().split("\n") if l]

class Pres(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.cur = {}, None
    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            a = dict(attrs)
            self.cur = (a.get("data-file"), a.get("data-kind"))
            self.texts[self.cur] = ""
    def handle_endtag(self, tag):
        if tag == "pre":
            self.cur = None
    def handle_data(self, data):
        if self.cur is not None:
            self.texts[self.cur] += data

p = Pres()
p.feed(open(dump, encoding="utf-8").read())
missing = [f for f in files if (f, "plain") not in p.texts or (f, "bullets") not in p.texts]
if missing:
    sys.exit(f"innerText missing for {len(missing)} pages, e.g. {missing[0]}")
for f in files:
    flat = f.replace("/", "__")[: -len(".html")]
    page = open(os.path.join(build, f), encoding="utf-8").read()
    open(os.path.join(dest, "html", flat + ".html"), "w", encoding="utf-8").write(page)
    open(os.path.join(dest, "txt", flat + ".txt"), "w", encoding="utf-8").write(p.texts[(f, "plain")].rstrip() + "\n")
    open(os.path.join(dest, "txt-bullets", flat + ".txt"), "w", encoding="utf-8").write(
        p.texts[(f, "bullets")].rstrip() + "\n")
    # Markdown of the page's main body, as a "save as Markdown" of the article gives it.
    md = subprocess.run(
        ["pandoc", "-f", "html", "-t", "gfm", "--wrap=none", os.path.join(build, f)],
        check=True, capture_output=True, text=True).stdout
    open(os.path.join(dest, "md", flat + ".md"), "w", encoding="utf-8").write(md)
EOF
  local rel="${docs#"$root"/}"
  if [ -f "$docs/LICENSE" ]; then
    cp "$docs/LICENSE" "$dest/LICENSE"
    licence="Apache-2.0, see \`LICENSE\` beside this file; their source is named in \`$rel/SOURCE.md\`"
  else
    licence="see that folder for where they come from"
  fi
  {
    echo "# Renderings of $rel"
    echo
    echo "Made by \`scripts/render.sh\` from the RST pages in \`$rel\` ($licence). Only pages with a URI section"
    echo "are kept: \`html/\` Sphinx $("$cache/venv/bin/sphinx-build" --version | cut -d' ' -f2) HTML,"
    echo "\`txt/\` the page body's innerText in Chromium $(chromium --version 2>/dev/null | awk '{print $2}')"
    echo "(\`txt-bullets/\` the same with \`•\`/\`◦\`/\`▪\` markers written before list items),"
    echo "\`md/\` pandoc $(pandoc --version | head -1 | cut -d' ' -f2) GFM of the HTML. File names are the page"
    echo "paths with \`/\` written \`__\`."
  } >"$dest/SOURCE.md"
}

need_tools
for arg in "${services[@]}"; do
  case "$arg" in
    *=*) svc="${arg%%=*}" docs="$(realpath "${arg#*=}")" ;;
    *) svc="$arg" docs="$root/spec/$arg/docs" ;;
  esac
  [ -d "$docs" ] || { echo "no folder $docs" >&2; exit 1; }
  render_service "$svc" "$docs"
done
echo "renderings in $out" >&2
