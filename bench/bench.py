#!/usr/bin/env python3
"""The driver of `make bench`: dschemac against the floor (a bare libyaml
parse of the same file) and against @aws-amplify/data-schema, on generated
schemas of 1,000, 5,000 and 50,000 models.

For every schema (bench/gen.py chain|mix N) it times, from the same run:
  - bench/yaml_parse FILE                  the floor
  - dschemac -f FORMAT FILE > /dev/null    for graphql, introspection, json,
                                           typescript
  - node bench/node/bench.mjs FILE         data-schema (when node and its
                                           node_modules are there)
and prints the median wall time of --repeat runs, the ratio to the floor,
the throughput, and the peak resident memory of the child (ru_maxrss, taken
by bench/runstat.c, which says why Python cannot take it itself). It then checks the targets of BENCHMARKS.md and, for the graphql
format, that dschemac's SDL is byte for byte data-schema's.

Exit status: 0 when every run succeeded (missed targets are reported, not
fatal, unless --strict); 1 when a program failed or, with --strict, a
target was missed.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = ["graphql", "introspection", "json", "typescript"]
RUNSTAT = RUNSTAT_DIR = None    # set by main: bench/runstat and a scratch folder
MIB = 1024 * 1024

# The targets (BENCHMARKS.md).
SDL_RATIO_MAX = 1.5          # YAML -> SDL within 1.5x of the bare libyaml parse
SDL_RATIO_SIZES = (5000, 50000)
LINEAR_MAX = 11.0            # time(50,000) within 11x of time(5,000)
MEM_FACTOR, MEM_EXTRA = 4, 12 * MIB   # peak memory within 4x input + 12 MiB
DIFF_SIZES = (5000,)         # dschemac diff of two schemas one edit apart
DIFF_MAX = 2.0               # ... costs no more than two compilations (-f graphql) of a side


def run_once(argv, stdout=subprocess.DEVNULL):
    """Run argv under runstat; return (seconds, peak RSS in bytes, exit status, stderr)."""
    stats = os.path.join(RUNSTAT_DIR, "stats")
    proc = subprocess.run([RUNSTAT, stats] + argv, stdout=stdout, stderr=subprocess.PIPE)
    with open(stats) as f:
        secs, rss_kib, status = f.read().split()
    return float(secs), int(rss_kib) * 1024, int(status), proc.stderr.decode(errors="replace")


def measure(argv, repeat):
    """Median time and largest peak RSS over repeat runs; raises on failure."""
    times, peak = [], 0
    for _ in range(repeat):
        secs, rss, status, err = run_once(argv)
        if status != 0:
            raise RuntimeError(f"{' '.join(argv)}: exit {status}\n{err[:2000]}")
        times.append(secs)
        peak = max(peak, rss)
    return statistics.median(times), peak


def schema_file(work, shape, models):
    """Generate (once) the schema and return its path."""
    path = os.path.join(work, f"{shape}{models}.yaml")
    gen = os.path.join(HERE, "gen.py")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(gen):
        subprocess.run([sys.executable, gen, shape, str(models), "-o", path], check=True)
    return path


def node_bench(node_dir, path, sdl_out):
    """data-schema on path: (process seconds, in-process ms dict) or None."""
    import json
    start = time.perf_counter()
    proc = subprocess.run(["node", os.path.join(node_dir, "bench.mjs"), path, "--sdl", sdl_out],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print(f"bench: data-schema failed on {path}: {proc.stderr.strip()[:500]}", file=sys.stderr)
        return None
    return elapsed, json.loads(proc.stdout)


def same_sdl(dschemac, path, node_sdl, work):
    """Whether dschemac's SDL for path equals data-schema's, byte for byte."""
    mine = os.path.join(work, "dschemac.graphql")
    with open(mine, "wb") as out:
        if subprocess.run([dschemac, "-q", path], stdout=out).returncode != 0:
            return False
    with open(mine, "rb") as a, open(node_sdl, "rb") as b:
        return a.read() == b.read()


def bench_schema(args, shape, models):
    """Every measurement of one schema, as a dict."""
    path = schema_file(args.work, shape, models)
    size = os.path.getsize(path)
    repeat = args.repeat if models < 50000 else max(1, min(args.repeat, 3))
    row = {"shape": shape, "models": models, "bytes": size, "formats": {}}
    row["floor"], row["floor_rss"] = measure([args.yaml_parse, path], repeat)
    for fmt in FORMATS:
        secs, rss = measure([args.dschemac, "-q", "-f", fmt, path], repeat)
        row["formats"][fmt] = {"secs": secs, "rss": rss}
    if models in DIFF_SIZES:
        bench_diff(args, row, path, repeat)
    if args.node_dir:
        node_sdl = os.path.join(args.work, "data-schema.graphql")
        got = node_bench(args.node_dir, path, node_sdl)
        if got:
            row["node_secs"], row["node_ms"] = got
            row["sdl_same"] = same_sdl(args.dschemac, path, node_sdl, args.work)
    return row


def edited_copy(path):
    """The schema one edit later (a field added to its first model), for the diff row."""
    out = path[:-len(".yaml")] + ".edited.yaml"
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(path):
        with open(path) as f:
            text = f.read()
        at = text.index("    fields:\n") + len("    fields:\n")
        with open(out, "w") as f:
            f.write(text[:at] + "      benchEdit: string\n" + text[at:])
    return out


def bench_diff(args, row, path, repeat):
    """dschemac diff OLD NEW, one edit apart (against the row's compilations)."""
    argv = [args.dschemac, "diff", "--fail-on=data-loss", path, edited_copy(path)]
    secs, rss = measure(argv, repeat)
    row["diff"] = {"secs": secs, "rss": rss}


def fmt_ms(secs):
    return f"{secs * 1000:.1f}"


def table(rows, markdown):
    """The side-by-side table of every run."""
    head = ["schema", "models", "input MB", "format", "dschemac ms", "libyaml ms", "ratio",
            "MB/s", "peak MiB", "limit MiB", "data-schema ms", "speed-up", "same SDL"]
    # data-schema ms: its builder calls and transform() only, in-process (no
    # node start-up, no YAML parse): what the library itself costs.
    lines = []
    for r in rows:
        mb = r["bytes"] / MIB
        limit = (MEM_FACTOR * r["bytes"] + MEM_EXTRA) / MIB
        for fmt in FORMATS:
            f = r["formats"][fmt]
            node = sdl = speed = ""
            if fmt == "graphql" and "node_secs" in r:
                own = r["node_ms"]["build_ms"] + r["node_ms"]["transform_ms"]
                node = f"{own:.0f}"
                speed = f"{own / 1000 / f['secs']:.1f}x"
                sdl = "yes" if r["sdl_same"] else "NO"
            lines.append([r["shape"], f"{r['models']:,}", f"{mb:.2f}", fmt, fmt_ms(f["secs"]),
                          fmt_ms(r["floor"]), f"{f['secs'] / r['floor']:.2f}",
                          f"{mb / f['secs']:.1f}", f"{f['rss'] / MIB:.1f}", f"{limit:.1f}",
                          node, speed, sdl])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    fmt_line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([fmt_line(head)] + [fmt_line(line) for line in lines])


def node_table(rows, markdown):
    """data-schema's own phases, for those who want the in-process figures."""
    head = ["schema", "models", "YAML parse ms", "builders ms", "transform ms",
            "whole run ms", "dschemac ms", "speed-up (whole run)"]
    lines = []
    for r in rows:
        if "node_ms" not in r:
            continue
        n = r["node_ms"]
        whole = r["node_secs"] * 1000
        mine = r["formats"]["graphql"]["secs"] * 1000
        lines.append([r["shape"], f"{r['models']:,}", f"{n['parse_ms']:.0f}", f"{n['build_ms']:.0f}",
                      f"{n['transform_ms']:.0f}", f"{whole:.0f}", f"{mine:.1f}",
                      f"{whole / mine:.0f}x"])
    if not lines:
        return ""
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in lines])
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    fmt_line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([fmt_line(head)] + [fmt_line(line) for line in lines])


def diff_table(rows, markdown):
    """The diff row: dschemac diff of two schemas one edit apart."""
    head = ["schema", "models", "diff ms", "compilation ms", "diff / compilation", "peak MiB"]
    lines = [[r["shape"], f"{r['models']:,}", fmt_ms(r["diff"]["secs"]),
              fmt_ms(r["formats"]["graphql"]["secs"]),
              f"{r['diff']['secs'] / r['formats']['graphql']['secs']:.2f}", f"{r['diff']['rss'] / MIB:.1f}"]
             for r in rows if "diff" in r]
    if not lines:
        return ""
    if markdown:
        return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] +
                         ["| " + " | ".join(l) + " |" for l in lines])
    widths = [max(len(x) for x in col) for col in zip(head, *lines)]
    return "\n".join("  ".join(x.rjust(w) for x, w in zip(l, widths)) for l in [head] + lines)


def targets(rows):
    """Each target with its verdict: a list of (ok, text)."""
    out = []
    for r in rows:
        if "diff" in r:
            k = r["diff"]["secs"] / r["formats"]["graphql"]["secs"]
            out.append((k <= DIFF_MAX, f"{r['shape']} {r['models']:,}: diff one edit apart costs "
                        f"{k:.2f} compilations to SDL (target <= {DIFF_MAX:.0f})"))
    by = {(r["shape"], r["models"]): r for r in rows}
    for r in rows:
        if r["models"] in SDL_RATIO_SIZES:
            ratio = r["formats"]["graphql"]["secs"] / r["floor"]
            out.append((ratio <= SDL_RATIO_MAX,
                        f"{r['shape']} {r['models']:,}: YAML -> SDL {ratio:.2f}x the bare libyaml "
                        f"parse (target <= {SDL_RATIO_MAX}x)"))
    for (shape, models), big in by.items():
        small = by.get((shape, models // 10))
        if models != 50000 or not small:
            continue
        for fmt in FORMATS:
            k = big["formats"][fmt]["secs"] / small["formats"][fmt]["secs"]
            out.append((k <= LINEAR_MAX, f"{shape} {fmt}: 50,000 models take {k:.1f}x the time of "
                        f"5,000 (target <= {LINEAR_MAX:.0f}x)"))
    for r in rows:
        limit = MEM_FACTOR * r["bytes"] + MEM_EXTRA
        fmt = max(FORMATS, key=lambda k: r["formats"][k]["rss"])
        peak = r["formats"][fmt]["rss"]
        sdl = r["formats"]["graphql"]["rss"]
        out.append((peak <= limit, f"{r['shape']} {r['models']:,}: peak {peak / MIB:.1f} MiB ({fmt}; "
                    f"graphql {sdl / MIB:.1f}) for {r['bytes'] / MIB:.1f} MiB of input "
                    f"(target <= {limit / MIB:.1f} MiB)"))
        if "sdl_same" in r:
            out.append((r["sdl_same"], f"{r['shape']} {r['models']:,}: dschemac's SDL is "
                        f"data-schema's byte for byte"))
    return out


def machine():
    """One line about this machine, for BENCHMARKS.md."""
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description="dschemac benchmarks (make bench)")
    ap.add_argument("--dschemac", required=True)
    ap.add_argument("--yaml-parse", required=True)
    ap.add_argument("--runstat", required=True, help="bench/runstat.c, built")
    ap.add_argument("--node-dir", help="bench/node with its node_modules; omit to skip data-schema")
    ap.add_argument("--work", required=True, help="folder for the generated schemas")
    ap.add_argument("--sizes", default="1000,5000,50000")
    ap.add_argument("--shapes", default="chain,mix")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--markdown", action="store_true", help="tables as Markdown")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    global RUNSTAT, RUNSTAT_DIR
    RUNSTAT, RUNSTAT_DIR = args.runstat, args.work
    if args.node_dir and not (shutil.which("node") and
                              os.path.isdir(os.path.join(args.node_dir, "node_modules"))):
        args.node_dir = None
    rows = []
    try:
        for shape in args.shapes.split(","):
            for models in map(int, args.sizes.split(",")):
                rows.append(bench_schema(args, shape, models))
    except RuntimeError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1
    print(f"dschemac bench: {machine()}; median of {args.repeat} runs (3 at 50,000 models)\n")
    print(table(rows, args.markdown))
    diffs = diff_table(rows, args.markdown)
    if diffs:
        print("\ndschemac diff OLD NEW, one edit apart (a field added to the first model):\n")
        print(diffs)
    extra = node_table(rows, args.markdown)
    if extra:
        print("\ndata-schema 1.26.2 (node " + subprocess.run(["node", "--version"], capture_output=True,
              text=True).stdout.strip() + "), whole run: node start-up, the yaml package's parse, builders, transform():\n")
        print(extra)
    print("\nTargets:")
    verdicts = targets(rows)
    for ok, text in verdicts:
        print(f"  {'ok  ' if ok else 'MISS'}  {text}")
    missed = sum(1 for ok, _ in verdicts if not ok)
    print(f"\nbench: {len(verdicts) - missed} targets met, {missed} missed")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
