#!/usr/bin/env python3
"""The language server's rows of `make bench` (BENCHMARKS.md): a 1,000-model
schema (bench/gen.py chain 1000, then mix 1000) open in `dschemac lsp`, then one-character
edits (a letter of its first comment, changed back and forth, sent as
incremental changes); for each, the time from writing the didChange to
reading the fresh publishDiagnostics, and the server's resident memory
(VmRSS of /proc/PID/status) after the first edits and after the last, and
its CPU time per edit (with the wall time, it tells a busy machine from a
slow server).

Targets: the median time under 20 ms; no growth of memory per edit (at most
LSP_GROWTH_MAX over all the edits after the first hundred, allocator noise).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
from lspclient import Client  # noqa: E402

PUBLISH_MS_MAX = 20.0
LSP_GROWTH_MAX = 256 * 1024
WARMUP = 100


def rss(pid):
    """The resident memory of a process, in bytes."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def run(dschemac, work, shape, models, edits):
    """One schema: returns the verdicts [(ok, text)], or None when something failed."""
    path = os.path.abspath(os.path.join(work, f"lsp-{shape}{models}.yaml"))
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), shape, str(models), "-o", path],
                   check=True)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("# A"):
        print("lsp bench: the generated schema does not start with its comment", file=sys.stderr)
        return None
    uri = "file://" + path
    c = Client([dschemac, "lsp"])
    c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    c.notify("initialized", {})
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dschema",
                                                       "version": 1, "text": text}})
    if c.diagnostics(uri):
        print("lsp bench: the generated schema has diagnostics", file=sys.stderr)
        return None
    times, before = [], 0
    for i in range(edits):
        letter = "B" if i % 2 == 0 else "A"
        change = {"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 3}},
                  "text": letter}
        start = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2},
                                            "contentChanges": [change]})
        diags = c.diagnostics(uri)
        times.append(time.perf_counter() - start)
        if diags:
            print("lsp bench: an edit brought diagnostics", file=sys.stderr)
            return None
        if i + 1 == WARMUP:
            before = rss(c.proc.pid)
            cpu_before = cpu_seconds(c.proc.pid)
    after = rss(c.proc.pid)
    cpu_ms = (cpu_seconds(c.proc.pid) - cpu_before) * 1000 / (edits - WARMUP)
    c.request("shutdown")
    c.notify("exit")
    c.close()
    ms = sorted(t * 1000 for t in times)
    median, p95 = statistics.median(ms), ms[int(len(ms) * 0.95)]
    growth = after - before
    print(f"\nLanguage server (dschemac lsp), {shape} {models:,} ({len(text) / 1e6:.2f} MB), "
          f"{edits:,} one-character edits:")
    print(f"  edit -> fresh diagnostics: median {median:.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms; "
          f"the server used {cpu_ms:.1f} ms of CPU an edit")
    print(f"  resident memory: {before / 2**20:.1f} MiB after {WARMUP} edits, "
          f"{after / 2**20:.1f} MiB after {edits:,} ({growth / 1024:+.0f} KiB)")
    return [(median < PUBLISH_MS_MAX, f"lsp {shape} {models:,}: fresh diagnostics {median:.1f} ms "
             f"after an edit (target < {PUBLISH_MS_MAX:.0f} ms)"),
            (growth <= LSP_GROWTH_MAX, f"lsp {shape} {models:,}: memory {growth / 1024:+.0f} KiB over "
             f"{edits - WARMUP:,} edits (target: flat, <= {LSP_GROWTH_MAX // 1024} KiB)")]


def cpu_seconds(pid):
    """The user and system CPU time a process has used, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser(description="dschemac lsp: time to fresh diagnostics, memory over edits")
    ap.add_argument("--dschemac", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--models", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=10000, help="edits of the chain schema")
    ap.add_argument("--mix-edits", type=int, default=1000, help="edits of the mix schema (0: none)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    verdicts = []
    for shape, edits in (("chain", args.edits), ("mix", args.mix_edits)):
        if edits <= WARMUP:
            continue
        got = run(args.dschemac, args.work, shape, args.models, edits)
        if got is None:
            return 1
        verdicts += got
    print("\nTargets (language server):")
    for ok, what in verdicts:
        print(f"  {'ok  ' if ok else 'MISS'}  {what}")
    return 1 if args.strict and not all(ok for ok, _ in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
