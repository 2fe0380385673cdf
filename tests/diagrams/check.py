#!/usr/bin/env python3
"""The pictures of the data model, drawn by the real tools.

    check.py dot        every case's `-f dot` renders with Graphviz's `dot -Tsvg`
                        without a word on stderr, and the SVG holds every model
                        name, every relationship field name and every edge label
    check.py mermaid    every case's `-f mermaid` renders with the mermaid library
                        pinned by package-lock.json, in headless Chromium: no
                        parse error, and the SVG holds every model name and
                        every relationship label
    check.py readme     README.md's ```mermaid block is `-f mermaid
                        schemas/blog.yaml` as dschemac prints it now, and
                        docs/blog.svg is `dot -Tsvg` of its `-f dot`
    check.py regen      rewrite that README block and docs/blog.svg

The cases: every valid corpus case (tests/corpus/NAME.yaml with a NAME.graphql),
the bundled schemas/*.yaml and tests/diagrams/*.yaml (names.yaml: keyword names; mix30.yaml:
30 models from bench/gen.py). What each picture must hold
is read from `dschemac -f json`, not from the pictures' own back-ends. A tool that
is missing is a skip with a message (and so is the mermaid test with
SKIP_NODE_SUITES=1), never a pass. DSCHEMAC names the compiler (a wrapper such
as valgrind may come first); CHROMIUM the browser (default: chromium).
"""
import glob
import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
README = os.path.join(ROOT, "README.md")
BLOG = os.path.join(ROOT, "schemas", "blog.yaml")
BLOG_SVG = os.path.join(ROOT, "docs", "blog.svg")
MERMAID_JS = os.path.join(HERE, "node_modules", "mermaid", "dist", "mermaid.min.js")


def dschemac(fmt, path):
    """The output of `dschemac -f fmt` on path, run from its folder as the corpus is."""
    cmd = shlex.split(os.environ.get("DSCHEMAC", os.path.join(ROOT, "build", "dschemac")))
    run = subprocess.run(cmd + ["-f", fmt, os.path.basename(path)], cwd=os.path.dirname(path),
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"dschemac -f {fmt} {path}: exit {run.returncode}\n{run.stderr}")
    return run.stdout


def cases():
    """The files every picture is drawn from."""
    corpus = [y for y in sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "*.yaml")))
              if os.path.exists(y[:-5] + ".graphql")]
    return (corpus + sorted(glob.glob(os.path.join(ROOT, "schemas", "*.yaml"))) +
            sorted(glob.glob(os.path.join(HERE, "*.yaml"))))


def expected(path):
    """What a picture of path must show: its model names, its relationship
    field names, and the label of each pair ("parentField / childField")."""
    doc = json.loads(dschemac("json", path))
    models, fields, labels = [], [], []
    for model in doc["models"].values():
        models.append(model["name"])
        for field in model["fields"].values():
            rel = field.get("relationship")
            if not rel:
                continue
            fields.append(field["name"])
            if rel["kind"] != "belongsTo" and rel.get("counterpart"):
                labels.append(f'{field["name"]} / {rel["counterpart"]["field"]}')
    return models, fields, labels


def text_nodes(svg):
    """Every piece of text in an SVG (between tags), unescaped and trimmed."""
    return {html.unescape(t).strip() for t in re.findall(r">([^<]+)<", svg)}


def missing(svg, names):
    """The names that are no piece of the SVG's text."""
    texts = text_nodes(svg)
    return [n for n in names if n not in texts]


class Tally:
    def __init__(self, suite):
        self.suite, self.passed, self.failed = suite, 0, 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            return
        self.failed += 1
        print(f"FAIL: {what}")
        for line in detail.strip().splitlines()[:30]:
            print(f"    {line}")

    def done(self):
        print(f"{self.suite}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def name_of(path):
    return os.path.relpath(path, ROOT)


# ------------------------------------------------------------------- dot

def render_dot(text):
    return subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True)


def check_dot():
    if not shutil.which("dot"):
        print("diagrams-dot: Graphviz's dot not found; the -f dot rendering test is skipped")
        return 0
    tally = Tally("diagrams-dot")
    for path in cases():
        run = render_dot(dschemac("dot", path))
        what = f"{name_of(path)}: dot -Tsvg"
        if run.returncode != 0 or run.stderr:
            tally.check(False, f"{what} exit {run.returncode} or warned", run.stderr)
            continue
        models, fields, labels = expected(path)
        lost = missing(run.stdout, models + fields + labels)
        tally.check(not lost, f"{what}: the SVG lacks {', '.join(lost)}")
    return tally.done()


# --------------------------------------------------------------- mermaid

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>dschemac -f mermaid</title>
<script src="{script}"></script></head>
<body><pre id="out">not run</pre>
<script>
// Each diagram is parsed, then rendered; the results go into #out as JSON
// and the body is marked done, for --dump-dom to read.
const diagrams = {diagrams};
(async () => {{
  mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
  const results = [];
  for (let i = 0; i < diagrams.length; i++) {{
    try {{
      await mermaid.parse(diagrams[i]);
      const {{ svg }} = await mermaid.render("diagram" + i, diagrams[i]);
      results.push({{ svg }});
    }} catch (e) {{
      results.push({{ error: String((e && e.message) || e) }});
    }}
  }}
  document.getElementById("out").textContent = JSON.stringify(results);
  document.body.setAttribute("data-done", "yes");
}})();
</script></body></html>
"""


def browser():
    """The headless browser to use, or None."""
    name = os.environ.get("CHROMIUM")
    if name:
        return shutil.which(name)
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def npm_ci():
    """npm ci in this folder, once and whenever package-lock.json changes;
    returns an error text or None."""
    installed = os.path.join(HERE, "node_modules", ".package-lock.json")
    lock = os.path.join(HERE, "package-lock.json")
    if os.path.exists(installed) and os.path.getmtime(installed) >= os.path.getmtime(lock):
        return None
    run = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE,
                         capture_output=True, text=True)
    return None if run.returncode == 0 else run.stdout + run.stderr


def render_mermaid(chromium, texts):
    """Render the diagrams in one page load; a list of {svg} or {error}, or
    raises with the browser's output when the page did not finish."""
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(PAGE.format(script="file://" + MERMAID_JS,
                                diagrams=json.dumps(texts).replace("</", "<\\/")))
        run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                              "--allow-file-access-from-files", f"--user-data-dir={tmp}/profile",
                              "--virtual-time-budget=600000", "--dump-dom", "file://" + page],
                             capture_output=True, text=True, timeout=900)
    done = re.search(r'<body data-done="yes">', run.stdout)
    out = re.search(r'<pre id="out">(.*?)</pre>', run.stdout, re.S)
    if not done or not out:
        raise RuntimeError(f"the page did not finish (exit {run.returncode})\n{run.stderr[-3000:]}")
    return json.loads(html.unescape(out.group(1)))


def check_mermaid():
    if os.environ.get("SKIP_NODE_SUITES") == "1":
        print("diagrams-mermaid: SKIP_NODE_SUITES=1; the -f mermaid rendering test is skipped")
        return 0
    if not shutil.which("node") or not shutil.which("npm"):
        print("diagrams-mermaid: node or npm not found; the -f mermaid rendering test is skipped")
        return 0
    chromium = browser()
    if not chromium:
        print("diagrams-mermaid: chromium not found; the -f mermaid rendering test is skipped")
        return 0
    tally = Tally("diagrams-mermaid")
    error = npm_ci()
    if error:
        tally.check(False, "npm ci in tests/diagrams could not install mermaid", error)
        return tally.done()
    paths = cases()
    try:
        results = render_mermaid(chromium, [dschemac("mermaid", p) for p in paths])
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        tally.check(False, "headless Chromium did not render the diagrams", str(e))
        return tally.done()
    for path, result in zip(paths, results):
        what = f"{name_of(path)}: mermaid"
        if "error" in result:
            tally.check(False, f"{what} did not render", result["error"])
            continue
        models, _, labels = expected(path)
        lost = missing(result["svg"], models + labels)
        tally.check(not lost, f"{what}: the SVG lacks {', '.join(lost)}")
    tally.check(len(results) == len(paths), f"{len(results)} results for {len(paths)} diagrams")
    return tally.done()


# ---------------------------------------------------------------- README

FENCE = re.compile(r"```mermaid\n(.*?)```\n", re.S)
GENERATOR = re.compile(r"<!-- Generated by graphviz version ([^ ]+)")


def blog_svg():
    """docs/blog.svg as dot draws it now."""
    run = render_dot(dschemac("dot", BLOG))
    if run.returncode != 0 or run.stderr:
        raise RuntimeError(f"dot -Tsvg failed on {BLOG}\n{run.stderr}")
    return run.stdout


def drawn_by(svg):
    """The Graphviz version an SVG says it was drawn by, or None."""
    m = GENERATOR.search(svg)
    return m.group(1) if m else None


def check_readme():
    tally = Tally("diagrams-readme")
    with open(README, encoding="utf-8") as f:
        readme = f.read()
    block = FENCE.search(readme)
    now = dschemac("mermaid", BLOG)
    tally.check(block is not None and block.group(1) == now,
                "README.md's ```mermaid block is not `dschemac -f mermaid schemas/blog.yaml` "
                "(make diagrams-docs rewrites it)")
    if not os.path.exists(BLOG_SVG):
        tally.check(False, "docs/blog.svg is missing (make diagrams-docs writes it)")
        return tally.done()
    with open(BLOG_SVG, encoding="utf-8") as f:
        svg = f.read()
    # Another Graphviz may lay the same graph out otherwise: compare with the
    # one that drew the file, and with any other only check what it shows.
    now = blog_svg() if shutil.which("dot") else None
    if now is not None and drawn_by(now) == drawn_by(svg):
        tally.check(svg == now, "docs/blog.svg is not `dot -Tsvg` of `dschemac -f dot "
                    "schemas/blog.yaml` (make diagrams-docs rewrites it)")
    else:
        print(f"diagrams-readme: no Graphviz {drawn_by(svg)} (which drew docs/blog.svg); "
              "it is only checked for the names it shows")
        models, fields, labels = expected(BLOG)
        lost = missing(svg, models + fields + labels)
        tally.check(not lost, f"docs/blog.svg lacks {', '.join(lost)}")
    return tally.done()


def regen():
    with open(README, encoding="utf-8") as f:
        readme = f.read()
    if not FENCE.search(readme):
        sys.exit("README.md has no ```mermaid block to rewrite")
    now = dschemac("mermaid", BLOG)
    readme = FENCE.sub(lambda m: "```mermaid\n" + now + "```\n", readme, count=1)
    with open(README, "w", encoding="utf-8") as f:
        f.write(readme)
    with open(BLOG_SVG, "w", encoding="utf-8") as f:
        f.write(blog_svg())
    return 0


def main(argv):
    suites = {"dot": check_dot, "mermaid": check_mermaid, "readme": check_readme, "regen": regen}
    if len(argv) != 2 or argv[1] not in suites:
        sys.exit(f"usage: {argv[0]} {'|'.join(suites)}")
    return suites[argv[1]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
