"""A small Language Server Protocol client for the tests: starts a server,
sends messages, and reads its messages with a timeout."""
import json
import os
import select
import subprocess
import time

# Seconds to wait for a message (valgrind is slow).
TIMEOUT = float(os.environ.get("LSP_TIMEOUT", "30"))


class Client:
    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.buf = b""
        self.next_id = 1
        self.queue = []  # messages read while waiting for another

    def send_raw(self, data, record=True):
        if record and os.environ.get("LSP_RECORD"):  # the raw stream, for fuzz seeds
            with open(os.environ["LSP_RECORD"], "ab") as f:
                f.write(data)
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        message = dict(message, jsonrpc="2.0")
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        msg = {"method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method, params=None, wait=True):
        rid = self.next_id
        self.next_id += 1
        msg = {"id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.response(rid) if wait else rid

    def _read_message(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                headers = self.buf[:head_end].decode("ascii")
                length = None
                for line in headers.split("\r\n"):
                    name, _, value = line.partition(":")
                    if name.lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    raise AssertionError("a message without Content-Length: %r" % headers)
                if len(self.buf) >= head_end + 4 + length:
                    body = self.buf[head_end + 4:head_end + 4 + length]
                    self.buf = self.buf[head_end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from the server")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise EOFError("the server closed its output")
                self.buf += chunk

    def message(self, predicate, timeout=TIMEOUT):
        for i, m in enumerate(self.queue):
            if predicate(m):
                return self.queue.pop(i)
        while True:
            m = self._read_message(timeout)
            if predicate(m):
                return m
            self.queue.append(m)

    def response(self, rid, timeout=TIMEOUT):
        return self.message(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def diagnostics(self, uri, timeout=TIMEOUT):
        return self.message(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri, timeout)["params"]["diagnostics"]

    def close(self, timeout=TIMEOUT):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout)
