"""Slow clients, against a server of their own (--threads 8 --queue 8 --timeout 3, so that the
numbers stay small): slowloris connections that send their headers one byte per second, a body sent
one byte per second, a huge Content-Length with no body (with and without the token), and an
Expect: 100-continue upload over the limit.

- several slow connections (fewer than the threads) must not slow anyone else down;
- a connection that trickles its headers or body must be cut off in bounded time (the --timeout is
  a time for the request, not for each byte: 3 x timeout is allowed), or a handful of clients holds
  every thread forever;
- a flood of them (more than threads + queue) may delay others only until those cut-offs;
- a write without a valid token is refused before its body is read (401 is "checked first"), so a
  client without the token cannot make the server wait for, or buffer, a 50 MB body;
- an upload over the limit with Expect: 100-continue gets its 413 instead of 100 Continue."""

import socket
import threading
import time

import harness as H

THREADS, QUEUE, TIMEOUT = 8, 8, 3
CUTOFF = 3 * TIMEOUT + 1.5


class Trickler:
    """Connections that each send one byte per second of a request that never ends."""

    def __init__(self, port):
        self.port = port
        self.conns = []  # dicts: sock, payload, sent, opened, ended, how
        self.lock = threading.Lock()
        self.stop_flag = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def open(self, prefix, trickle):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        s.setblocking(False)
        c = {"sock": s, "payload": trickle, "sent": 0, "opened": time.monotonic(), "ended": None, "how": ""}
        if prefix:
            self._send_all(s, prefix)
        with self.lock:
            self.conns.append(c)
        return c

    @staticmethod
    def _send_all(s, data):
        s.setblocking(True)
        s.sendall(data)
        s.setblocking(False)

    def start(self):
        self.thread.start()
        return self

    def _loop(self):
        while not self.stop_flag.wait(1.0):
            with self.lock:
                conns = list(self.conns)
            for c in conns:
                if c["ended"] is not None:
                    continue
                s = c["sock"]
                try:
                    data = s.recv(4096)
                    if data == b"":
                        c["ended"], c["how"] = time.monotonic(), "closed by the server"
                        continue
                    c["ended"], c["how"] = time.monotonic(), "answered %r" % data.split(b"\r\n")[0][:40]
                    continue
                except BlockingIOError:
                    pass
                except OSError as e:
                    c["ended"], c["how"] = time.monotonic(), "reset (%s)" % e.__class__.__name__
                    continue
                i = c["sent"] % len(c["payload"])
                try:
                    s.send(c["payload"][i:i + 1])
                    c["sent"] += 1
                except BlockingIOError:
                    pass
                except OSError as e:
                    c["ended"], c["how"] = time.monotonic(), "send failed (%s)" % e.__class__.__name__

    def open_count(self):
        return sum(1 for c in self.conns if c["ended"] is None)

    def close(self):
        self.stop_flag.set()
        self.thread.join(5)
        for c in self.conns:
            try:
                c["sock"].close()
            except OSError:
                pass


HEADER_PREFIX = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n"
HEADER_TRICKLE = b"X-Slow-Header-" + b"a" * 4000


def run(ctx):
    index = ctx.copy_index("index-slow")
    data = ctx.tmp + "/archive-slow"
    server = ctx.new_server("slow", index, data, ["--threads", str(THREADS), "--queue", str(QUEUE),
                                                  "--timeout", str(TIMEOUT)])
    try:
        server.start()
    except Exception as e:  # noqa: BLE001
        H.run_check("slow/start", lambda: (_ for _ in ()).throw(H.Fail(str(e))))
        return
    port = server.port
    try:
        _run(ctx, server, port, data)
    finally:
        server.stop()


def quick(port, target="/api/v1/health", limit=1.5):
    r = H.get(port, target, timeout=10)
    return r, r.elapsed


def _run(ctx, server, port, data):
    secret = ctx.secret.encode()
    trick = Trickler(port).start()
    body_prefix = (b"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret +
                   b"\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 5000\r\n\r\n")
    try:
        slow = [trick.open(HEADER_PREFIX, HEADER_TRICKLE) for _ in range(4)]
        slow.append(trick.open(body_prefix, b"--zz\r\n" + b"b" * 6000))
        time.sleep(1.5)

        def several():
            worst, problems = 0.0, []
            for target in ["/api/v1/health"] * 8 + ["/api/v1/search?q=victims", "/"]:
                try:
                    r, dt = quick(port, target)
                except H.NoAnswer as e:
                    problems.append("%s: no answer (%s)" % (target, e))
                    continue
                worst = max(worst, dt)
                if r.status != 200:
                    problems.append("%s -> %s" % (target, r.describe(100)))
            H.expect(not problems, "; ".join(problems))
            H.expect(worst < 1.5, "with 5 slow connections open (8 threads), a request took %.2fs" % worst)
            return "with 4 slowloris + 1 slow-body connections open, 10 requests answered, worst %.2fs" % worst
        H.run_check("slow/several-slow-connections-do-not-block-others", several)

        def cutoff():
            deadline = slow[0]["opened"] + CUTOFF
            while time.monotonic() < deadline and any(c["ended"] is None for c in slow):
                time.sleep(0.25)
            still = [c for c in slow if c["ended"] is None]
            ended = ["%s after %.1fs" % (c["how"], c["ended"] - c["opened"]) for c in slow if c["ended"] is not None]
            H.expect(not still, (
                "%d of 5 connections that send one byte per second (4 in their headers, 1 in its body) are still "
                "open after %.0fs (--timeout %d): the timeout bounds each read, not the request, so such "
                "clients hold a worker thread for as long as they like%s" % (
                    len(still), CUTOFF, TIMEOUT, ("; the others: " + ", ".join(ended)) if ended else "")))
            return "all cut off: " + ", ".join(ended)
        H.run_check("slow/slowloris-connections-are-cut-off", cutoff)
    finally:
        trick.close()

    def flood():
        t = Trickler(port).start()
        try:
            for _ in range(THREADS + QUEUE + 8):
                try:
                    t.open(HEADER_PREFIX, HEADER_TRICKLE)
                except OSError:
                    break
            time.sleep(1.5)
            started = time.monotonic()
            served, attempts, last = None, 0, ""
            while time.monotonic() - started < CUTOFF + 1:
                attempts += 1
                try:
                    r = H.get(port, "/api/v1/health", timeout=2)
                    if r.status == 200:
                        served = time.monotonic() - started
                        break
                    last = r.describe(80)
                except (H.NoAnswer, OSError) as e:
                    last = repr(e)[:120]
                time.sleep(0.2)
            H.expect(served is not None, (
                "%d connections trickling their headers (threads %d + queue %d) lock every other client out: no "
                "answer in %.0fs over %d attempts (last: %s)" % (THREADS + QUEUE + 8, THREADS, QUEUE, CUTOFF + 1,
                                                               attempts, last)))
            return "a client got through after %.1fs while %d slow connections were open" % (served, THREADS + QUEUE + 8)
        finally:
            t.close()
    H.run_check("slow/slowloris-flood-delays-others-only-until-the-cut-off", flood)

    def recovers():
        deadline = time.monotonic() + 8
        while True:
            try:
                r = H.get(port, "/api/v1/health", timeout=2)
                if r.status == 200:
                    return "health 200 once the slow clients left"
            except (H.NoAnswer, OSError):
                pass
            H.expect(time.monotonic() < deadline and server.alive(),
                     "the server does not answer 8 s after the slow clients left (%s)" % server.exit_description())
            time.sleep(0.3)
    H.run_check("slow/server-recovers-after-slow-clients", recovers)

    def unauthenticated_huge_length():
        s = H.connect(port, 10)
        try:
            started = time.monotonic()
            s.sendall(b"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=zz\r\n"
                      b"Content-Length: 50000000\r\n\r\n")
            try:
                r = H.Reader(s, started + TIMEOUT + 5).response(b"POST", started)
            except H.NoAnswer as e:
                raise H.Fail("no answer: %s" % e)
        finally:
            s.close()
        H.expect(r.status == 401, "expected 401: %s" % r.describe(120))
        H.expect(r.elapsed < 1.5, (
            "POST /api/v1/documents without a token and with Content-Length: 50000000 (no body sent) is answered "
            "401 only after %.1fs (--timeout %d): the server reads the whole body before it checks the token, so "
            "anyone can make it wait for, and hold in memory, up to --max-body bytes per connection" % (r.elapsed, TIMEOUT)))
        return "401 in %.2fs, before any body" % r.elapsed
    H.run_check("slow/write-without-token-refused-before-the-body", unauthenticated_huge_length)

    def huge_length_with_token():
        before = ctx.snapshot(data, port)
        s = H.connect(port, 10)
        result = {}

        def wait_answer():
            started = time.monotonic()
            try:
                result["r"] = H.Reader(s, started + TIMEOUT * 3 + 3).response(b"POST", started)
            except H.NoAnswer as e:
                result["e"] = e
            result["t"] = time.monotonic() - started
        try:
            s.sendall(b"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret +
                      b"\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 1000000\r\n\r\n--zz\r\n")
            th = threading.Thread(target=wait_answer, daemon=True)
            th.start()
            time.sleep(0.5)
            r2, dt = quick(port)
            th.join(TIMEOUT * 3 + 5)
        finally:
            s.close()
        after = ctx.snapshot(data, port)
        problems = []
        if dt > 1.5 or r2.status != 200:
            problems.append("another client waited %.1fs (%s)" % (dt, r2.status))
        if "r" in result:
            r = result["r"]
            if r.status >= 500 or r.status < 400:
                problems.append("the truncated upload got %s" % r.describe(150))
            verdict = "%d after %.1fs" % (r.status, result["t"])
        else:
            if result.get("t", 99) > TIMEOUT * 3 + 2:
                problems.append("still waiting after %.1fs" % result.get("t", 0))
            verdict = "closed after %.1fs (%s)" % (result.get("t", 0), result.get("e"))
        change = ctx.changes(before, after)
        if change:
            problems.append("SOMETHING WAS WRITTEN: " + change)
        H.expect(not problems, "; ".join(problems) + " — " + verdict)
        return "Content-Length 1000000 and 6 bytes sent: %s, nothing written, others served in %.2fs" % (verdict, dt)
    H.run_check("slow/huge-content-length-no-body-with-token", huge_length_with_token)

    def expect_continue_over_limit():
        s = H.connect(port, 10)
        try:
            started = time.monotonic()
            s.sendall(b"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret +
                      b"\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 100000000000\r\n"
                      b"Expect: 100-continue\r\n\r\n")
            reader = H.Reader(s, started + 5)
            head = reader.read_until(b"\r\n\r\n")
        except H.NoAnswer as e:
            raise H.Fail("no answer: %s" % e)
        finally:
            s.close()
        first = head.split(b"\r\n")[0]
        H.expect(b" 413 " in first + b" ", (
            "an upload of 100 GB with Expect: 100-continue is answered %r: the client is invited to send the body "
            "that will be refused (issue 13: answer 413 before reading)" % first))
        return "413 at once, no 100 Continue"
    H.run_check("slow/expect-continue-over-the-limit-gets-413-not-100", expect_continue_over_limit)

    def still_alive():
        H.expect(server.alive(), "the slow-clients server %s" % server.exit_description())
        r, dt = quick(port)
        H.expect(r.status == 200 and dt < 1.5, "health %s in %.1fs" % (r.status, dt))
        return "alive, health in %.2fs" % dt
    H.run_check("slow/slow-clients-server-still-healthy", still_alive)
