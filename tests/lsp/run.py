#!/usr/bin/env python3
"""The language server's sessions: each sessions/NAME.json is a list of
steps a client takes (initialize, open, edit, every request, shutdown);
the server's answers are recorded and compared exactly, as JSON, with
expected/NAME.json.

    DSCHEMAC=build/dschemac python3 tests/lsp/run.py [--update] [NAME...]

Steps ("$DIR" stands for the absolute path of tests/lsp/files):
    ["open", FILE]                  didOpen of files/FILE with its text
    ["notify", METHOD, PARAMS]      a notification
    ["request", METHOD, PARAMS]     a request; its response is recorded
    ["diagnostics", FILE]           wait for diagnostics of FILE; recorded
    ["notification", METHOD]        wait for a notification; recorded
    ["raw", TEXT]                   bytes as they are (for broken framing)
    ["together", [MESSAGE...]]      messages in one write (read as one batch)
    ["raw_large", N]                a message of N bytes (past the size limit)
    ["response", ID]                wait for the response to a raw request
    ["exit"]                        send exit; the exit status is recorded
--update rewrites the expected files (read the diff before committing)."""
import json
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lspclient import Client  # noqa: E402

FILES = os.path.join(HERE, "files")
DIR_URI = "file://" + FILES


def subst(value):
    """Replace $DIR in every string of a step."""
    if isinstance(value, str):
        return value.replace("$DIR", FILES)
    if isinstance(value, list):
        return [subst(v) for v in value]
    if isinstance(value, dict):
        return {k: subst(v) for k, v in value.items()}
    return value


def unsubst(value):
    """Put $DIR back, so the expected files do not depend on the checkout."""
    if isinstance(value, str):
        return value.replace(FILES, "$DIR")
    if isinstance(value, list):
        return [unsubst(v) for v in value]
    if isinstance(value, dict):
        return {unsubst(k): unsubst(v) for k, v in value.items() if k != "jsonrpc"}
    return value


def uri(name):
    return DIR_URI + "/" + name


def run_session(dschemac, steps):
    client = Client(shlex.split(dschemac) + ["lsp"], cwd=FILES)
    record = []
    for step in subst(steps):
        if os.environ.get("LSP_TRACE"):
            print("step", json.dumps(step)[:100], file=sys.stderr)
        kind = step[0]
        if kind == "open":
            with open(os.path.join(FILES, step[1]), encoding="utf-8") as f:
                text = f.read()
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri(step[1]), "languageId": "dschema", "version": 1, "text": text}})
        elif kind == "notify":
            client.notify(step[1], step[2] if len(step) > 2 else None)
        elif kind == "request":
            reply = client.request(step[1], step[2] if len(step) > 2 else None)
            record.append({"request": step[1], "reply": reply})
        elif kind == "diagnostics":
            record.append({"diagnostics": step[1], "got": client.diagnostics(uri(step[1]))})
        elif kind == "notification":
            got = client.message(lambda m, want=step[1]: m.get("method") == want)
            record.append({"notification": step[1], "got": got.get("params")})
        elif kind == "raw":
            client.send_raw(step[1].encode("utf-8"))
        elif kind == "together":
            data = b""
            for m in step[1]:
                body = json.dumps(m).encode()
                data += b"Content-Length: %d\r\n\r\n" % len(body) + body
            client.send_raw(data)
        elif kind == "raw_large":
            client.send_raw(b"Content-Length: %d\r\n\r\n" % step[1] + b" " * step[1], record=False)
        elif kind == "response":
            record.append({"response": step[1], "reply": client.response(step[1])})
        elif kind == "exit":
            client.notify("exit")
            record.append({"exit": client.proc.wait(60)})
        else:
            raise ValueError("unknown step %r" % (step,))
    if client.proc.poll() is None:
        client.close()
    stderr = client.proc.stderr.read().decode()
    if stderr:
        record.append({"stderr": stderr})
    # Whatever else the server sent (nothing, in a session that waits for all).
    for m in client.queue:
        record.append({"unexpected": m})
    extra = client.buf.strip()
    if extra:
        record.append({"unexpected bytes": extra.decode("utf-8", "replace")})
    return unsubst(record)


def main(argv):
    update = "--update" in argv
    names = [a for a in argv if not a.startswith("--")]
    dschemac = os.environ.get("DSCHEMAC", os.path.join(HERE, "..", "..", "build", "dschemac"))
    sessions = sorted(f[:-5] for f in os.listdir(os.path.join(HERE, "sessions")) if f.endswith(".json"))
    failed = 0
    for name in names or sessions:
        with open(os.path.join(HERE, "sessions", name + ".json"), encoding="utf-8") as f:
            steps = json.load(f)
        got = run_session(dschemac, steps)
        path = os.path.join(HERE, "expected", name + ".json")
        if update:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(got, f, indent=1, ensure_ascii=False)
                f.write("\n")
            continue
        try:
            with open(path, encoding="utf-8") as f:
                want = json.load(f)
        except FileNotFoundError:
            want = None
        if got != want:
            failed += 1
            print("lsp: FAIL %s: the session differs from expected/%s.json" % (name, name))
            got_text = json.dumps(got, indent=1, ensure_ascii=False).splitlines()
            want_text = json.dumps(want, indent=1, ensure_ascii=False).splitlines()
            import difflib
            for line in list(difflib.unified_diff(want_text, got_text, "expected", "got",
                                                  lineterm=""))[:80]:
                print("  " + line)
    total = len(names or sessions)
    if not update:
        print("lsp: %d of %d sessions as expected" % (total - failed, total))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
