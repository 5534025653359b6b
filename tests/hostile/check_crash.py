"""kill -9 during writes: two clients upload and replace documents in a loop; the server is killed
with SIGKILL at a random moment, several times, and restarted each time on the same --data and --db.
After each restart: it starts, /api/v1/health is 200, every write it acknowledged (2xx) is there with
the bytes that were sent, a write that was cut off is either wholly there or wholly absent, the
document count is the corpus plus the uploads that are there, search finds each current version (and
not a superseded one), and the audit log is whole JSON lines naming every acknowledged write."""

import hashlib
import json
import os
import random
import secrets
import threading
import time
import urllib.parse

import harness as H

ROUNDS = 5


def word(n):
    letters = "bcdfghjklmnpqrstvwxz"
    w = ""
    n += 1
    while n:
        n, r = divmod(n, len(letters))
        w += letters[r]
    return "hxk" + w + "zq"


class Book:
    """What the clients sent and what the server acknowledged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.n = 0
        self.docs = {}        # id -> {version: (hash, word)} acknowledged
        self.unknown_add = {}  # id -> (hash, word): sent, no answer (cut off by the kill)
        self.unknown_put = {}  # id -> [(hash, word)]
        self.refused = []     # (what, response) non-2xx answers
        self.server_errors = []
        self.acks = 0

    def next_word(self):
        with self.lock:
            self.n += 1
            return word(self.n + random.randrange(1 << 20) * 1000)


def writer(ctx, port, book, stop, rng):
    while not stop.is_set():
        w = book.next_word()
        content = ("Crash test text %s on shelters for victims of trafficking in persons. %s\n" % (
            w, secrets.token_hex(16))).encode()
        h = hashlib.sha256(content).hexdigest()
        with book.lock:
            acked = [d for d in book.docs if d not in book.unknown_put]
        if acked and rng.random() < 0.45:
            doc = rng.choice(acked)
            try:
                r = ctx.upload(doc, "Crash replace " + w, content, method="PUT", port=port, timeout=10)
            except ConnectionRefusedError:
                time.sleep(0.05)  # the server is down: this write never left
                continue
            except (H.NoAnswer, OSError):
                with book.lock:
                    book.unknown_put.setdefault(doc, []).append((h, w))
                continue
            with book.lock:
                if r.status == 200:
                    v = r.json()
                    book.docs[doc][v["version"]] = (v["hash"], w)
                    book.acks += 1
                    if v["hash"] != h:
                        book.server_errors.append("PUT %s acknowledged hash %s, sent %s" % (doc, v["hash"], h))
                elif r.status >= 500:
                    book.server_errors.append("PUT %s -> %s" % (doc, r.describe(150)))
                else:
                    book.refused.append(("PUT " + doc, r.describe(150)))
        else:
            doc = "hx-crash-" + w
            try:
                r = ctx.upload(doc, "Crash add " + w, content, port=port, timeout=10)
            except ConnectionRefusedError:
                time.sleep(0.05)
                continue
            except (H.NoAnswer, OSError):
                with book.lock:
                    book.unknown_add[doc] = (h, w)
                continue
            with book.lock:
                if r.status == 201:
                    v = r.json()
                    book.docs[doc] = {v["version"]: (v["hash"], w)}
                    book.acks += 1
                    if v["hash"] != h:
                        book.server_errors.append("POST %s acknowledged hash %s, sent %s" % (doc, v["hash"], h))
                elif r.status >= 500:
                    book.server_errors.append("POST %s -> %s" % (doc, r.describe(150)))
                else:
                    book.refused.append(("POST " + doc, r.describe(150)))


def verify(ctx, port, book, data, base):
    problems = []
    h = ctx.health(port)
    present_unknown = 0
    with book.lock:
        docs = {d: dict(v) for d, v in book.docs.items()}
        unknown_add = dict(book.unknown_add)
        unknown_put = {d: list(v) for d, v in book.unknown_put.items()}
    searched = 0
    for doc, versions in docs.items():
        r = H.get(port, "/api/v1/documents/%s/versions" % doc)
        if r.status != 200:
            problems.append("acknowledged %s is gone: /versions -> %s" % (doc, r.describe(100)))
            continue
        v = r.json()
        listed = {x["version"]: x["hash"] for x in v["versions"]}
        for n, (hsh, _w) in versions.items():
            if listed.get(n) != hsh:
                problems.append("%s: acknowledged version %d (%s…) is %s" % (doc, n, hsh[:12], listed.get(n, "missing")))
        extra = [n for n in listed if n not in versions]
        late = {x for x, _ in unknown_put.get(doc, [])}
        for n in extra:
            if listed[n] not in late:
                problems.append("%s: version %d (%s…) is neither acknowledged nor a cut-off write of ours" % (
                    doc, n, listed[n][:12]))
        cur = v["current"]
        cur_hash = listed.get(cur)
        f = H.get(port, "/api/v1/documents/%s/file" % doc)
        if f.status != 200 or hashlib.sha256(f.body).hexdigest() != cur_hash:
            problems.append("%s: GET /file is not current version %d's bytes (%s)" % (doc, cur, f.describe(60)))
        if v["state"] != "current":
            problems.append("%s: state %s" % (doc, v["state"]))
        # Search finds the current version by its word (a few documents per round).
        if searched < 6:
            searched += 1
            cur_word = versions.get(cur, (None, None))[1]
            if cur_word is None:
                cur_word = next((w for x, w in unknown_put.get(doc, []) if x == cur_hash), None)
            if cur_word:
                s = H.get(port, "/api/v1/search?q=" + urllib.parse.quote(cur_word))
                ids = [x["id"] for x in s.json().get("hits", [])] if s.status == 200 else []
                if doc not in ids:
                    problems.append("%s: search for its current word %s does not find it (%s)" % (doc, cur_word, s.describe(80)))
            old = [w for n, (_x, w) in versions.items() if n < cur]
            if old:
                s = H.get(port, "/api/v1/search?q=" + urllib.parse.quote(old[0]))
                ids = [x["id"] for x in s.json().get("hits", [])] if s.status == 200 else []
                if doc in ids:
                    problems.append("%s: search finds a superseded version's word %s" % (doc, old[0]))
    for doc, (hsh, _w) in unknown_add.items():
        r = H.get(port, "/api/v1/documents/%s/versions" % doc)
        if r.status == 404:
            g = H.get(port, "/api/v1/documents/" + doc)
            if g.status != 404:
                problems.append("cut-off %s: no versions but GET answers %s (half-written)" % (doc, g.status))
            continue
        if r.status != 200:
            problems.append("cut-off %s: /versions -> %s" % (doc, r.describe(100)))
            continue
        present_unknown += 1
        v = r.json()
        if v["versions"][0]["hash"] != hsh:
            problems.append("cut-off %s is there with other bytes (%s…)" % (doc, v["versions"][0]["hash"][:12]))
        g = H.get(port, "/api/v1/documents/" + doc)
        if g.status != 200:
            problems.append("cut-off %s has versions but GET -> %s (half-written)" % (doc, g.status))
    want = base + len(docs) + present_unknown
    if h["documents"] != want:
        problems.append("health counts %d documents; the corpus (%d) + %d acknowledged + %d cut-off uploads that "
                        "made it = %d" % (h["documents"], base, len(docs), present_unknown, want))
    # The audit log: whole JSON lines, one for every acknowledged write.
    seen = set()
    try:
        with open(os.path.join(data, "audit.log"), "rb") as fh:
            for i, line in enumerate(fh, 1):
                try:
                    e = json.loads(line)
                    seen.add((e.get("id"), e.get("version")))
                except ValueError:
                    problems.append("audit.log line %d is not JSON: %r" % (i, line[:120]))
    except OSError as e:
        problems.append("audit.log unreadable: %s" % e)
    missing = [(d, n) for d, vs in docs.items() for n in vs if (d, n) not in seen]
    if missing:
        problems.append("acknowledged writes without an audit line: %s" % missing[:5])
    return problems, "%d documents (%d acknowledged uploads, %d cut-off ones present)" % (
        h["documents"], len(docs), present_unknown)


def run(ctx):
    index = ctx.copy_index("index-crash")
    data = os.path.join(ctx.tmp, "archive-crash")
    rng = random.Random(int(os.environ.get("ATIP_HOSTILE_SEED", str(int(time.time())))))
    seed_note = "ATIP_HOSTILE_SEED=%s" % os.environ.get("ATIP_HOSTILE_SEED", "(time)")
    server = ctx.new_server("crash", index, data, ["--timeout", "4"])
    book = Book()
    state = {"seen": 0}
    try:
        server.start()
        base = ctx.health(server.port)["documents"]
    except Exception as e:  # noqa: BLE001
        H.run_check("crash/start", lambda: (_ for _ in ()).throw(H.Fail(str(e))))
        return
    try:
        for rnd in range(1, ROUNDS + 1):
            stop = threading.Event()
            threads = [threading.Thread(target=writer, args=(ctx, server.port, book, stop, random.Random(rng.random())),
                                        daemon=True) for _ in range(2)]
            acks_before = book.acks
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.4, 1.6))
            server.kill9()
            stop.set()
            for t in threads:
                t.join(15)

            def after_kill(rnd=rnd, acks_before=acks_before):
                t0 = time.monotonic()
                try:
                    server.start(timeout=30)
                except RuntimeError as e:
                    raise H.Fail("after kill -9 the server does not start again: %s" % e)
                started = time.monotonic() - t0
                problems, summary = verify(ctx, server.port, book, data, base)
                with book.lock:
                    errors = list(book.server_errors)
                    book.server_errors.clear()
                if errors:
                    problems.insert(0, "server errors during the writes: %s" % "; ".join(errors[:3]))
                H.expect(book.acks > acks_before or rnd > 1,
                         "no write was acknowledged before the kill: the check tested nothing")
                recovery = [l for l in server.log_tail(200000).splitlines() if "recovery" in l]
                state["recovery"] = recovery
                if problems:
                    raise H.Fail("; ".join(problems[:8]) + " [%s]" % seed_note)
                new = recovery[state["seen"]:]
                state["seen"] = len(recovery)
                return "restarted in %.1fs; %d writes acknowledged this round; %s; recovery: %s" % (
                    started, book.acks - acks_before, summary, " | ".join(H._short(l, 160) for l in new[:3]) or "none")
            ok = H.run_check("crash/kill-9-round-%d" % rnd, after_kill)
            if not server.alive():
                break
            if not ok and not server.alive():
                break

        def refused():
            # Writes refused with a 4xx during the run (a 409 for one writer while the other holds the
            # lock would be one): say so, but only 5xx are failures (reported in the rounds).
            with book.lock:
                refused = list(book.refused)
            bad = [r for r in refused if not r[1].startswith(("409", "404"))]
            H.expect(not bad, "writes refused during the run: %s" % bad[:5])
            return "%d writes acknowledged over %d kills; %d refused with 404/409; %d cut off by the kills" % (
                book.acks, ROUNDS, len(refused), len(book.unknown_add) + sum(len(v) for v in book.unknown_put.values()))
        H.run_check("crash/writes-during-the-run", refused)

        def still_healthy():
            H.expect(server.alive(), "the server %s" % server.exit_description())
            r = H.get(server.port, "/api/v1/search?q=trafficking")
            H.expect(r.status == 200 and r.json()["total"] > 0, r.describe())
            return "search works after %d kills" % ROUNDS
        H.run_check("crash/search-works-after-the-kills", still_healthy)
    finally:
        server.stop()
