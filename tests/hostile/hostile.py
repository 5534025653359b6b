#!/usr/bin/env python3
"""The hostile battery: a real atip-server with an archive (--data) and a bearer token, attacked
the way a hostile client would, each attack a named check that prints PASS or FAIL with its reason.

  python3 tests/hostile/hostile.py [--only GROUP[,GROUP...]] [--list]

Run from the repository root (tests/hostile/run.sh does). The programs come from ATIP_INDEX_BIN
and ATIP_SERVER_BIN (default build/indexer/atip-index and build/server/atip-server). Exit status:
0 every check passed, 1 some failed, 2 the battery could not set up.
"""

import argparse
import json
import os
import secrets
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness as H  # noqa: E402


class Ctx:
    """What the groups share: folders, programs, the token, the main server."""

    def __init__(self):
        self.repo = os.getcwd()
        self.index_bin = os.path.abspath(os.environ.get("ATIP_INDEX_BIN", "build/indexer/atip-index"))
        self.server_bin = os.path.abspath(os.environ.get("ATIP_SERVER_BIN", "build/server/atip-server"))
        self.tmp = H.temp_dir()
        # Letters of both cases, so that a token "of another case" is another token.
        self.secret = "Hx" + secrets.token_hex(12) + "Zq"
        self.token_spec = "alice:" + self.secret
        self.corpus = os.path.join(self.tmp, "corpus")
        self.site = os.path.join(self.tmp, "site")
        self.web = os.path.join(self.site, "web")
        self.index = os.path.join(self.tmp, "index")
        self.pristine_index = os.path.join(self.tmp, "index-pristine")
        self.data = os.path.join(self.tmp, "archive")
        self.sentinel_outside = "HOSTILE-SENTINEL-OUTSIDE-" + secrets.token_hex(8)
        self.sentinel_hidden = "HOSTILE-SENTINEL-HIDDEN-" + secrets.token_hex(8)
        self.sentinel_visible = "HOSTILE-SENTINEL-VISIBLE-" + secrets.token_hex(8)
        self.server = None
        self.base_documents = None
        self._n = 0

    # -------------------------------------------------------------- set-up

    def set_up(self):
        for path in (self.index_bin, self.server_bin):
            if not os.access(path, os.X_OK):
                H.die("%s is not an executable program (set ATIP_INDEX_BIN / ATIP_SERVER_BIN)" % path)
        shutil.copytree(os.path.join(self.repo, "corpus"), self.corpus)
        shutil.copytree(os.path.join(self.repo, "web"), self.web)
        # Files a traversal would reach: beside web/, hidden inside it, and one it may serve.
        with open(os.path.join(self.site, "secret.txt"), "w") as f:
            f.write(self.sentinel_outside + "\n")
        with open(os.path.join(self.site, "secret.json"), "w") as f:
            f.write('{"sentinel": "%s"}\n' % self.sentinel_outside)
        with open(os.path.join(self.web, ".hidden.txt"), "w") as f:
            f.write(self.sentinel_hidden + "\n")
        os.makedirs(os.path.join(self.web, ".git"))
        with open(os.path.join(self.web, ".git", "config"), "w") as f:
            f.write("[core]\n\tsentinel = %s\n" % self.sentinel_hidden)
        with open(os.path.join(self.web, ".git", "config.txt"), "w") as f:
            f.write(self.sentinel_hidden + "\n")
        with open(os.path.join(self.web, "visible-sentinel.txt"), "w") as f:
            f.write(self.sentinel_visible + "\n")
        status, out = H.run_program([self.index_bin, "--corpus", self.corpus, "--db", self.index], timeout=120)
        if status not in (0, 1):
            H.die("atip-index failed (status %s):\n%s" % (status, out.decode("utf-8", "replace")[-3000:]))
        shutil.copytree(self.index, self.pristine_index)
        self.server = self.new_server("main", self.index, self.data, ["--timeout", "4"])
        self.server.start()
        self.base_documents = self.health()["documents"]

    def new_server(self, name, index, data, extra=()):
        args = ["--db", index, "--web", self.web, "--reference", self.corpus, "--rate", "0"]
        if data:
            args += ["--data", data, "--token", self.token_spec]
        return H.Server(self.server_bin, args + list(extra), os.path.join(self.tmp, name + ".log"), name)

    def copy_index(self, name):
        path = os.path.join(self.tmp, name)
        shutil.copytree(self.pristine_index, path)
        return path

    @property
    def port(self):
        return self.server.port

    # -------------------------------------------------------------- helpers

    def fresh_id(self, stem):
        self._n += 1
        return "hx-%s-%d-%s" % (stem, self._n, secrets.token_hex(3))

    def bearer(self):
        return ("Authorization", "Bearer " + self.secret)

    def health(self, port=None, timeout=5.0):
        r = H.get(port or self.port, "/api/v1/health", timeout=timeout)
        if r.status != 200:
            raise H.Fail("GET /api/v1/health answered %s" % r.describe())
        return r.json()

    def upload(self, doc_id, title, content, filename="doc.txt", ctype="text/plain", extra=(), port=None,
               method="POST", headers=None, meta=True, timeout=30.0):
        fields = []
        if content is not None:
            fields.append(("file", content, filename, ctype))
        if meta:
            if method == "POST":
                fields.append(("id", doc_id))
            if title is not None:
                fields.append(("title", title))
            if method == "POST":
                fields += [("type", "report"), ("date", "2021-05-01"), ("jurisdiction", "INT"), ("language", "en")]
        fields += list(extra)
        ctype_header, body = H.multipart(fields)
        target = "/api/v1/documents" if method == "POST" else "/api/v1/documents/" + doc_id
        hdrs = [self.bearer()] if headers is None else list(headers)
        return H.request(port or self.port, method, target, hdrs + [("Content-Type", ctype_header)], body, timeout=timeout)

    def review(self, doc_id, n, item, status="confirmed", port=None):
        return H.request(port or self.port, "PUT", "/api/v1/documents/%s/passages/%d/links/%s" % (doc_id, n, item),
                         [self.bearer(), ("Content-Type", "application/json")], json.dumps({"status": status}))

    def snapshot(self, data=None, port=None):
        """What a write would change: health counts and revision, the archive's files, the audit log."""
        data = data or self.data
        h = self.health(port)
        files = []
        for root, _dirs, names in os.walk(data):
            for name in names:
                if name == "write.lock":
                    continue
                p = os.path.join(root, name)
                try:
                    files.append((os.path.relpath(p, data), os.path.getsize(p)))
                except OSError:
                    pass
        audit = 0
        try:
            with open(os.path.join(data, "audit.log"), "rb") as f:
                audit = sum(1 for _ in f)
        except OSError:
            pass
        return {"documents": h["documents"], "passages": h["passages"], "revision": h["revision"],
                "files": sorted(files), "audit_lines": audit}

    @staticmethod
    def changes(before, after):
        out = []
        for k in ("documents", "passages", "revision", "audit_lines"):
            if before[k] != after[k]:
                out.append("%s %s -> %s" % (k, before[k], after[k]))
        added = sorted(set(after["files"]) - set(before["files"]))
        removed = sorted(set(before["files"]) - set(after["files"]))
        if added:
            out.append("files added/changed in the archive: %s" % ", ".join(p for p, _ in added[:5]))
        if removed:
            out.append("files removed/changed: %s" % ", ".join(p for p, _ in removed[:5]))
        return "; ".join(out)

    def audit_entries(self, data=None):
        path = os.path.join(data or self.data, "audit.log")
        out = []
        try:
            with open(path, "rb") as f:
                for line in f:
                    out.append(line)
        except OSError:
            pass
        return out

    def ensure_server(self, group):
        """After a group: the main server is still up and answers; if not, that is a FAIL and it is restarted."""
        def check():
            if not self.server.alive():
                desc = self.server.exit_description()
                tail = self.server.log_tail(1500)
                self.server.start()
                raise H.Fail("atip-server died during the %s checks (%s); restarted. Its log ends:\n%s" % (group, desc, tail))
            t = time.monotonic()
            h = self.health(timeout=5)
            dt = time.monotonic() - t
            H.expect(h.get("status") == "ok", "health says %r" % h)
            H.expect(dt < 2.0, "health took %.2fs after the %s checks" % (dt, group))
            return "alive, /api/v1/health 200 in %.2fs" % dt
        H.run_check("%s/server-still-healthy" % group, check)


GROUPS = ["auth", "traversal", "range", "injection", "bombs", "multipart", "framing", "slow", "crash"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated groups: " + ",".join(GROUPS))
    ap.add_argument("--list", action="store_true", help="list the groups and exit")
    args = ap.parse_args()
    if args.list:
        print("\n".join(GROUPS))
        return 0
    groups = GROUPS if not args.only else [g.strip() for g in args.only.split(",") if g.strip()]
    for g in groups:
        if g not in GROUPS:
            print("hostile: unknown group %r (groups: %s)" % (g, ", ".join(GROUPS)), file=sys.stderr)
            return 2
    H.install_cleanup()
    started = time.monotonic()
    ctx = Ctx()
    try:
        ctx.set_up()
    except Exception as e:  # noqa: BLE001
        H.die("set-up failed: %s" % e)
    print("hostile: atip-server %s on port %d, archive %s, %d corpus documents (set-up %.1fs)" % (
        ctx.server_bin, ctx.port, ctx.data, ctx.base_documents, time.monotonic() - started), flush=True)

    import importlib
    modules = {g: importlib.import_module("check_" + g) for g in groups}
    for g in groups:
        t = time.monotonic()
        print("== %s" % g, flush=True)
        try:
            modules[g].run(ctx)
        except Exception as e:  # noqa: BLE001 - a group that breaks is a failure, the others still run
            H.run_check("%s/group" % g, lambda e=e: (_ for _ in ()).throw(H.Fail("the group stopped: %r" % e)))
        ctx.ensure_server(g)
        print("   (%s: %.1fs)" % (g, time.monotonic() - t), flush=True)
    ctx.server.stop()
    counts, failed = H.summary()
    total = time.monotonic() - started
    print("hostile: %d checks: %s; %.1fs" % (sum(counts.values()), ", ".join(
        "%d %s" % (n, s) for s, n in sorted(counts.items())), total), flush=True)
    if failed:
        print("hostile: FAILED:\n  " + "\n  ".join(failed), flush=True)
    H.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
