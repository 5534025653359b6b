"""The hostile battery's tools: a raw HTTP/1.1 client (every byte of the request is ours, every
byte of the answer is read), the atip-server process, the temporary folder, and named checks
that print PASS or FAIL with a reason.

Python 3 standard library only.
"""

import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

# ------------------------------------------------------------------------------------ checks


class Fail(Exception):
    """A check's verdict: FAIL, with the reason."""


class Skip(Exception):
    """A check that cannot run here (says why); it is not counted as passed."""


RESULTS = []  # (status, name, reason, seconds)


def printable(text):
    """Control characters (a NUL the server echoed, say) shown as escapes, so the log stays text."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: "\\x%02x" % ord(m.group(0)), text)


def _short(text, limit=600):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + " ...[%d more chars]" % (len(text) - limit)


def run_check(name, fn):
    """Runs fn(); it returns a reason (PASS), raises Fail (FAIL) or Skip (SKIP). Any other
    exception is a FAIL too: a check that cannot decide has not passed."""
    started = time.monotonic()
    try:
        reason = fn()
        status = "PASS"
    except Fail as e:
        status, reason = "FAIL", str(e)
    except Skip as e:
        status, reason = "SKIP", str(e)
    except Exception as e:  # noqa: BLE001 - the check itself broke: that is a failure
        status = "FAIL"
        reason = "the check raised %s: %s\n%s" % (type(e).__name__, e, traceback.format_exc(limit=3))
    seconds = time.monotonic() - started
    RESULTS.append((status, name, reason or "", seconds))
    line = "%s  %s  (%.1fs) — %s" % (status, name, seconds, printable(_short(reason or "", 4000)))
    print(line, flush=True)
    return status == "PASS"


def expect(condition, reason):
    if not condition:
        raise Fail(reason)


def summary():
    counts = {}
    for status, *_ in RESULTS:
        counts[status] = counts.get(status, 0) + 1
    failed = [name for status, name, *_ in RESULTS if status == "FAIL"]
    return counts, failed


# ------------------------------------------------------------------------------------ HTTP


class Response:
    def __init__(self, status, reason, headers, body, elapsed, raw_head):
        self.status = status
        self.reason = reason
        self.headers = headers  # [(name, value)] in order
        self.body = body
        self.elapsed = elapsed
        self.raw_head = raw_head

    def header(self, name, default=None):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return default

    def header_all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        """The body as JSON, strictly: UTF-8, no raw control characters in strings."""
        return json.loads(self.body.decode("utf-8"), strict=True)

    def describe(self, limit=300):
        return "%d %s (%.2fs) %s" % (self.status, self.reason, self.elapsed, _short(self.text(), limit))


class NoAnswer(Exception):
    """The server closed the connection or did not answer in time."""


class BadStatusLine(NoAnswer):
    """The server answered with something that is not an HTTP/1.x status line."""

    def __init__(self, line):
        super().__init__("not an HTTP status line: %r" % line[:200])
        self.line = line


def _to_bytes(v):
    return v if isinstance(v, bytes) else str(v).encode("utf-8")


def build_request(method, target, headers=(), body=b"", host="127.0.0.1", length=True, close=True):
    lines = [_to_bytes(method) + b" " + _to_bytes(target) + b" HTTP/1.1"]
    names = set()
    if host is not None:
        lines.append(b"Host: " + _to_bytes(host))
    for k, v in headers:
        names.add(_to_bytes(k).lower())
        lines.append(_to_bytes(k) + b": " + _to_bytes(v))
    body = _to_bytes(body)
    if length and b"content-length" not in names and b"transfer-encoding" not in names and (
            body or _to_bytes(method) in (b"POST", b"PUT")):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    if close and b"connection" not in names:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class Reader:
    """Reads HTTP/1.1 responses from a socket, with a deadline."""

    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.buf = b""
        self.eof = False

    def _fill(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise NoAnswer("no complete answer before the deadline (got %d bytes: %r)" % (len(self.buf), self.buf[:200]))
        self.sock.settimeout(left)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            raise NoAnswer("no complete answer before the deadline (got %d bytes: %r)" % (len(self.buf), self.buf[:200]))
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.eof = True
        self.buf += chunk
        return bool(chunk)

    def read_until(self, marker):
        while marker not in self.buf:
            if self.eof or not self._fill():
                raise NoAnswer("the connection closed before %r (got %d bytes: %r)" % (marker, len(self.buf), self.buf[:200]))
        i = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read_exact(self, n):
        while len(self.buf) < n:
            if self.eof or not self._fill():
                raise NoAnswer("the connection closed after %d of %d body bytes" % (len(self.buf), n))
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_to_eof(self):
        while not self.eof:
            self._fill()
        out, self.buf = self.buf, b""
        return out

    def at_eof(self, wait):
        """True when the server closed the connection within wait seconds with nothing more sent."""
        end = min(self.deadline, time.monotonic() + wait)
        while not self.buf and not self.eof:
            left = end - time.monotonic()
            if left <= 0:
                return False
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                self.eof = True
            self.buf += chunk
        return self.eof and not self.buf

    def response(self, method, started):
        while True:
            head = self.read_until(b"\r\n\r\n")
            lines = head[:-4].split(b"\r\n")
            m = re.match(rb"HTTP/1\.[01] (\d{3}) ?(.*)", lines[0])
            if not m:
                raise BadStatusLine(lines[0])
            status = int(m.group(1))
            headers = []
            for line in lines[1:]:
                k, _, v = line.partition(b":")
                headers.append((k.decode("latin-1").strip(), v.decode("latin-1").strip()))
            if 100 <= status < 200:
                continue  # 100 Continue: the real answer follows
            break
        resp = Response(status, m.group(2).decode("latin-1"), headers, b"", 0.0, head)
        if _to_bytes(method).upper() == b"HEAD" or status in (204, 304):
            body = b""
        elif (resp.header("transfer-encoding") or "").lower() == "chunked":
            body = b""
            while True:
                size_line = self.read_until(b"\r\n")
                size = int(size_line.split(b";")[0].strip(), 16)
                if size == 0:
                    self.read_until(b"\r\n")
                    break
                body += self.read_exact(size)
                self.read_exact(2)
        elif resp.header("content-length") is not None:
            body = self.read_exact(int(resp.header("content-length")))
        else:
            body = self.read_to_eof()
        resp.body = body
        resp.elapsed = time.monotonic() - started
        return resp


def connect(port, timeout=5.0):
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def send_raw(port, data, method=b"GET", timeout=10.0):
    """Sends data (bytes) on a new connection and reads one response."""
    started = time.monotonic()
    s = connect(port, timeout)
    try:
        s.sendall(data)
        return Reader(s, started + timeout).response(method, started)
    finally:
        s.close()


def request(port, method, target, headers=(), body=b"", timeout=10.0, **kw):
    return send_raw(port, build_request(method, target, headers, body, **kw), method=method, timeout=timeout)


def get(port, target, headers=(), timeout=10.0):
    return request(port, "GET", target, headers, timeout=timeout)


def multipart(fields, boundary="hostileBOUNDARYx7"):
    """fields: [(name, value)] or [(name, value, filename, content_type)]. Returns (content type, body)."""
    out = b""
    for f in fields:
        name, value = f[0], _to_bytes(f[1])
        disp = b'Content-Disposition: form-data; name="' + _to_bytes(name) + b'"'
        extra = b""
        if len(f) > 2 and f[2] is not None:
            disp += b'; filename="' + _to_bytes(f[2]) + b'"'
            extra = b"Content-Type: " + _to_bytes(f[3] if len(f) > 3 else "application/octet-stream") + b"\r\n"
        out += b"--" + boundary.encode() + b"\r\n" + disp + b"\r\n" + extra + b"\r\n" + value + b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return "multipart/form-data; boundary=" + boundary, out


# ------------------------------------------------------------------------------------ processes

_CHILDREN = []  # Popen objects this battery started
_TEMP_DIRS = []
_CLEANED = threading.Event()


def cleanup():
    if _CLEANED.is_set():
        return
    _CLEANED.set()
    for p in list(_CHILDREN):
        if p.poll() is None:
            try:
                if getattr(p, "hostile_group", False):
                    os.killpg(p.pid, signal.SIGKILL)
                else:
                    p.kill()
            except (ProcessLookupError, PermissionError):
                pass
        try:
            p.wait(timeout=5)
        except Exception:  # noqa: BLE001
            pass
    for d in _TEMP_DIRS:
        shutil.rmtree(d, ignore_errors=True)


def _on_signal(signum, _frame):
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)  # a second signal (timeout forwards one) must not cut the cleanup short
    if _CLEANED.is_set():
        return
    print("hostile: signal %d: stopping the servers and removing the temporary folder" % signum, flush=True)
    cleanup()
    os._exit(128 + signum)


def install_cleanup():
    import atexit
    atexit.register(cleanup)
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, _on_signal)


def temp_dir():
    d = tempfile.mkdtemp(prefix="atip-hostile-")
    _TEMP_DIRS.append(d)
    return d


def track(popen, group=False):
    popen.hostile_group = group
    _CHILDREN.append(popen)
    return popen


def run_program(args, timeout, cwd=None, env=None):
    """Runs a program to its end (killed after timeout); returns (exit status, output)."""
    p = track(subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True), group=True)
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        return None, out
    finally:
        if p in _CHILDREN:
            _CHILDREN.remove(p)
    return p.returncode, out


class Server:
    """One atip-server process on a free loopback port ("--port 0")."""

    def __init__(self, binary, args, log_path, name="server"):
        self.binary = binary
        self.args = list(args)
        self.log_path = log_path
        self.name = name
        self.proc = None
        self.port = None

    def start(self, timeout=30.0):
        log = open(self.log_path, "ab")
        cmd = [self.binary] + self.args + ["--port", "0", "--bind", "127.0.0.1"]
        self.proc = track(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL))
        log.close()
        deadline = time.monotonic() + timeout
        line = b""
        fd = self.proc.stdout.fileno()
        while b"\n" not in line:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([fd], [], [], min(left, 0.2))
            if r:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                line += chunk
            elif self.proc.poll() is not None:
                break
        m = re.search(rb"atip-server listening on http://127\.0\.0\.1:(\d+)", line)
        if not m:
            status = self.proc.poll()
            if status is None:
                self.kill9()
            raise RuntimeError("%s did not start (exit status %s, stdout %r); its log:\n%s" % (
                self.name, status, line[:300], self.log_tail()))
        self.port = int(m.group(1))
        # Drain stdout so the server never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        return self.port

    def _drain(self):
        try:
            while self.proc.stdout.read(4096):
                pass
        except Exception:  # noqa: BLE001
            pass

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def exit_description(self):
        status = self.proc.poll() if self.proc else None
        if status is None:
            return "running"
        if status < 0:
            return "killed by signal %d (%s)" % (-status, signal.Signals(-status).name)
        return "exited with status %d" % status

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.proc.wait(timeout=10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc in _CHILDREN and self.proc.poll() is not None:
            _CHILDREN.remove(self.proc)

    def log_tail(self, n=2000):
        try:
            with open(self.log_path, "rb") as f:
                data = f.read()
            return data[-n:].decode("utf-8", "replace")
        except OSError:
            return ""


def die(message):
    print("hostile: " + message, file=sys.stderr, flush=True)
    cleanup()
    sys.exit(2)
