"""Path traversal on the static route and on the document routes: every attempt a 4xx, never 5xx,
never a byte of a file outside web/ (a sentinel beside it, the archive's audit log, /etc/passwd)
nor of a hidden file inside it (web/.hidden.txt, web/.git/config). The controls show that the
route does serve web/ (a .txt file in it is served), so the 404s are refusals, not a dead route."""

import os

import harness as H


def forbidden_markers(ctx):
    return [ctx.sentinel_outside.encode(), ctx.sentinel_hidden.encode(), b"root:x:0:0", b'"by":"alice"',
            b"[core]"]


def static_targets(ctx):
    secret_abs = os.path.join(ctx.site, "secret.txt")
    audit_abs = os.path.join(ctx.data, "audit.log")
    t = [
        "/../secret.txt",
        "/../../../../../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/app.js/../../secret.txt",
        "/i18n/../../secret.txt",
        "/i18n/%2e%2e/%2e%2e/secret.txt",
        "/./../secret.txt",
        "/..;/secret.txt",
        "/....//secret.txt",
        "/..../secret.txt",
        "/../archive/audit.log",
        "/../../archive/audit.log",
        "/%2e%2e/%2e%2e/archive/audit.log",
        "/index.html%00.txt",
        "/../secret.txt%00.html",
        "/%00../secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%c0%2e%c0%2e/secret.txt",
        "/%c1%9c..%c1%9csecret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/%u002e%u002e/secret.txt",
        "/.git/config",
        "/.git/config.txt",
        "/%2egit/config.txt",
        "/.hidden.txt",
        "/%2ehidden.txt",
        "/i18n/../.hidden.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "/" + secret_abs,
        "/" + secret_abs.replace("/", "%2f"),
        "/" + audit_abs,
        "/%2f" + audit_abs.lstrip("/").replace("/", "%2f"),
        "/file:" + secret_abs,
        "/" + secret_abs.replace("/", "\\"),
        "http://127.0.0.1/../secret.txt",
    ]
    return t


# Not paths: the page may answer (200), but nothing outside web/ may come back.
STATIC_NOT_PATHS = ["/?../../secret.txt", "/?file=../../secret.txt", "/#../../secret.txt"]


def document_targets(ctx, archived):
    return [
        "/api/v1/documents/..%2f..%2f..%2f..%2fetc%2fpasswd/file",
        "/api/v1/documents/../../../../etc/passwd",
        "/api/v1/documents/%2e%2e/file",
        "/api/v1/documents/%2e%2e%2f%2e%2e%2fsecret/file",
        "/api/v1/documents/..%5c..%5csecret/file",
        "/api/v1/documents/gs-report-2012-2013%00/file",
        "/api/v1/documents/gs-report-2012-2013%00.pdf/file",
        "/api/v1/documents/gs-report-2012-2013%2f..%2f..%2fsecret/file",
        "/api/v1/documents/gs-report-2012-2013/../../../../secret.txt",
        "/api/v1/documents/%c0%ae%c0%ae/file",
        "/api/v1/documents/.git/file",
        "/api/v1/documents/-/file",
        "/api/v1/documents/GS-REPORT-2012-2013/file",
        "/api/v1/documents/%2f" + os.path.join(ctx.site, "secret.txt").lstrip("/").replace("/", "%2f") + "/file",
        "/api/v1/documents/%s/versions/..%%2f..%%2f..%%2fsecret/file" % archived,
        "/api/v1/documents/%s/versions/1%%2f..%%2f..%%2f/file" % archived,
        "/api/v1/documents/%s/versions/1/..%%2f..%%2f..%%2f..%%2faudit.log" % archived,
        "/api/v1/documents/%s/versions/0/file" % archived,
        "/api/v1/documents/%s/versions/-1/file" % archived,
        "/api/v1/documents/%s/versions/99999999999999999999/file" % archived,
        "/api/v1/documents/%s/versions/1e0/file" % archived,
        "/api/v1/documents/%s/versions/0x1/file" % archived,
        "/api/v1/documents/gs-report-2012-2013/passages/..%2f1",
        "/api/v1/documents/gs-report-2012-2013/passages/-1",
        "/api/v1/documents/gs-report-2012-2013/passages/99999999999999999999",
        "/api/v1/feeds/workplan/..%2f..%2fsecret",
        "/api/v1/workplan/..%2f..%2fsecret?format=csv",
        "/api/v1/workplan/activity:1%00?format=csv",
    ]


def document_not_paths(archived):
    """Requests that may be answered (200) but must not leak, nor put a path in the download name."""
    return ["/api/v1/documents/%s/file?download=../../secret.txt" % archived,
            "/api/v1/documents/%s/versions/1/file?download=%%2e%%2e%%2fsecret.txt" % archived,
            "/api/v1/documents/%s/versions/%%31/file" % archived]


def probe(ctx, target, markers, may_answer=False):
    """One GET; returns a problem or None, and a short verdict."""
    try:
        r = H.get(ctx.port, target, timeout=10)
    except H.NoAnswer as e:
        return "%s: no answer (%s)" % (target, e), "-"
    leaked = [m.decode() for m in markers if m in r.body]
    if leaked:
        return "%s: LEAKED %s — %s" % (target, leaked, r.describe(200)), str(r.status)
    if r.status >= 500:
        return "%s: server error %s" % (target, r.describe(200)), str(r.status)
    disposition = r.header("content-disposition", "")
    if "/" in disposition or "\\" in disposition or ".." in disposition:
        return "%s: a path in Content-Disposition %r" % (target, disposition), str(r.status)
    if may_answer and r.status in (200, 304):
        return None, str(r.status)
    if not 400 <= r.status < 500:
        return "%s: %d, expected a 4xx — %s" % (target, r.status, r.describe(200)), str(r.status)
    if r.header("content-type", "").startswith("application/json"):
        try:
            r.json()["error"]["code"]
        except Exception:  # noqa: BLE001
            return "%s: %d with a broken JSON error %r" % (target, r.status, r.body[:120]), str(r.status)
    return None, str(r.status)


def run(ctx):
    markers = forbidden_markers(ctx)

    def controls():
        r = H.get(ctx.port, "/visible-sentinel.txt")
        H.expect(r.status == 200 and ctx.sentinel_visible.encode() in r.body,
                 "web/visible-sentinel.txt is not served (%s): the traversal checks would prove nothing" % r.describe())
        r = H.get(ctx.port, "/")
        H.expect(r.status == 200 and b"<html" in r.body.lower(), "/ is not the page: %s" % r.describe())
        r = H.get(ctx.port, "/app.js")
        H.expect(r.status == 200 and len(r.body) > 1000, "/app.js not served: %s" % r.describe())
        r = H.get(ctx.port, "/i18n/en.json")
        H.expect(r.status == 200, "/i18n/en.json not served: %s" % r.describe())
        with open(os.path.join(ctx.corpus, "gs-report-2012-2013.pdf"), "rb") as f:
            pdf = f.read()
        r = H.get(ctx.port, "/api/v1/documents/gs-report-2012-2013/file")
        H.expect(r.status == 200 and r.body == pdf, "the document file route does not serve the PDF: %s" % r.describe(80))
        return "a .txt inside web/ is served, /, /app.js, /i18n/en.json and a document file are 200"
    H.run_check("traversal/controls-the-routes-serve", controls)

    def static():
        problems, verdicts = [], []
        for t, may in [(t, False) for t in static_targets(ctx)] + [(t, True) for t in STATIC_NOT_PATHS]:
            problem, verdict = probe(ctx, t, markers, may)
            verdicts.append(verdict)
            if problem:
                problems.append(problem)
        if problems:
            raise H.Fail("; ".join(problems))
        return "%d targets, 4xx (query strings: may be 200) (%s), no sentinel leaked" % (len(verdicts), ",".join(sorted(set(verdicts))))
    H.run_check("traversal/static-route", static)

    archived = ctx.fresh_id("trav")
    r = ctx.upload(archived, "Traversal target", b"A document of the archive that the traversal checks aim at.\n")

    def documents():
        H.expect(r.status == 201, "could not upload the target: %s" % r.describe())
        problems, verdicts = [], []
        for t, may in [(t, False) for t in document_targets(ctx, archived)] + [
                (t, True) for t in document_not_paths(archived)]:
            problem, verdict = probe(ctx, t, markers, may)
            verdicts.append(verdict)
            if problem:
                problems.append(problem)
        if problems:
            raise H.Fail("; ".join(problems))
        return "%d targets, 4xx (query strings: may be 200) (%s), no sentinel leaked" % (len(verdicts), ",".join(sorted(set(verdicts))))
    H.run_check("traversal/document-routes", documents)

    def methods():
        # A write verb on the static route must not create or overwrite a file of web/.
        problems = []
        before = sorted(os.listdir(ctx.web))
        for method, target in (("PUT", "/evil.txt"), ("PUT", "/../evil.txt"), ("POST", "/index.html"),
                               ("DELETE", "/app.js"), ("PUT", "/%2e%2e/evil.txt")):
            rr = H.request(ctx.port, method, target, [ctx.bearer(), ("Content-Type", "text/plain")], b"owned")
            if rr.status < 400 or rr.status >= 500:
                problems.append("%s %s -> %s" % (method, target, rr.describe(120)))
        after = sorted(os.listdir(ctx.web))
        if before != after or os.path.exists(os.path.join(ctx.site, "evil.txt")):
            problems.append("files changed: %s -> %s" % (before, after))
        with open(os.path.join(ctx.web, "app.js"), "rb") as f:
            if b"owned" == f.read():
                problems.append("app.js overwritten")
        if problems:
            raise H.Fail("; ".join(problems))
        return "PUT/POST/DELETE on static paths refused, web/ unchanged"
    H.run_check("traversal/write-verbs-on-static-route", methods)
