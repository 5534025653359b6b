"""Malformed multipart uploads (with the valid token, so they reach the form parser): missing
boundary, boundary never closed, two file parts, a part without a name, enormous part headers,
truncated bodies, and more. Each a 4xx with the JSON error shape, and nothing written. The control:
the same form, well made, is a 201."""

import harness as H

B = "hostileB0undary"
TEXT = b"Text of an upload about shelters for victims of trafficking in persons.\n"


def part(name, data, filename=None, ctype=None, extra=b""):
    disp = b'Content-Disposition: form-data'
    if name is not None:
        disp += b'; name="' + name.encode() + b'"'
    if filename is not None:
        disp += b'; filename="' + filename.encode() + b'"'
    head = disp + b"\r\n"
    if ctype:
        head += b"Content-Type: " + ctype.encode() + b"\r\n"
    head += extra
    return b"--" + B.encode() + b"\r\n" + head + b"\r\n" + data + b"\r\n"


def fields(doc_id):
    return b"".join(part(k, v.encode()) for k, v in (
        ("id", doc_id), ("title", "Malformed upload " + doc_id), ("type", "report"), ("date", "2021"),
        ("jurisdiction", "INT"), ("language", "en")))


END = b"--" + B.encode() + b"--\r\n"
CT = "multipart/form-data; boundary=" + B


def cases(ctx):
    def fid():
        return ctx.fresh_id("mp")
    file_part = part("file", TEXT, "a.txt", "text/plain")
    return [
        ("missing-boundary", lambda: ("multipart/form-data", fields(fid()) + file_part + END)),
        ("empty-boundary", lambda: ('multipart/form-data; boundary=""', fields(fid()) + file_part + END)),
        ("wrong-boundary", lambda: ("multipart/form-data; boundary=other", fields(fid()) + file_part + END)),
        ("boundary-300-chars", lambda: ("multipart/form-data; boundary=" + "b" * 300, fields(fid()) + file_part + END)),
        ("not-multipart", lambda: ("application/x-www-form-urlencoded", b"id=" + fid().encode() + b"&title=x")),
        ("no-content-type", lambda: (None, fields(fid()) + file_part + END)),
        ("never-closed", lambda: (CT, fields(fid()) + file_part)),
        ("never-closed-file-last-no-crlf", lambda: (CT, fields(fid()) + file_part[:-2])),
        ("two-file-parts", lambda: (CT, fields(fid()) + file_part + part("file", b"second file text", "b.txt", "text/plain") + END)),
        ("part-without-name", lambda: (CT, fields(fid()) + part(None, TEXT, "a.txt", "text/plain") + END)),
        ("part-with-empty-name", lambda: (CT, fields(fid()) + file_part + part("", b"x") + END)),
        ("part-without-disposition", lambda: (CT, fields(fid()) + b"--" + B.encode() + b"\r\nContent-Type: text/plain\r\n\r\n"
                                              + TEXT + b"\r\n" + file_part + END)),
        ("enormous-part-header", lambda: (CT, fields(fid()) + part("file", TEXT, "a.txt", "text/plain",
                                                                  b"X-Big: " + b"a" * 300000 + b"\r\n") + END)),
        ("many-part-headers", lambda: (CT, fields(fid()) + part("file", TEXT, "a.txt", "text/plain",
                                                               b"".join(b"X-H%d: v\r\n" % i for i in range(5000))) + END)),
        ("enormous-field", lambda: (CT, fields(fid()).replace(b"Malformed upload", b"T" * 2_000_000) + file_part + END)),
        ("truncated-in-file", lambda: (CT, (fields(fid()) + file_part + END)[:-len(END) - 30])),
        ("truncated-in-headers", lambda: (CT, fields(fid()) + b"--" + B.encode() + b"\r\nContent-Disposition: form-da")),
        ("only-preamble", lambda: (CT, b"just a preamble, no parts at all\r\n")),
        ("only-closing-boundary", lambda: (CT, END)),
        ("empty-body", lambda: (CT, b"")),
        ("no-file-part", lambda: (CT, fields(fid()) + END)),
        ("empty-file", lambda: (CT, fields(fid()) + part("file", b"", "a.txt", "text/plain") + END)),
        ("unknown-field", lambda: (CT, fields(fid()) + part("evil", b"1") + file_part + END)),
        ("repeated-title", lambda: (CT, fields(fid()) + part("title", b"again") + file_part + END)),
        ("sidecar-and-fields", lambda: (CT, fields(fid()) + part("metadata", b"<document/>", "m.xml", "application/xml")
                                        + file_part + END)),
        ("invalid-utf8-field", lambda: (CT, fields(fid()).replace(b"Malformed upload", b"bad \xff\xfe utf8") + file_part + END)),
        ("nul-in-field", lambda: (CT, fields(fid()).replace(b"Malformed upload", b"nul \x00 here") + file_part + END)),
        ("bad-id", lambda: (CT, fields("../../etc/x") + file_part + END)),
        ("binary-file", lambda: (CT, fields(fid()) + part("file", bytes(range(256)) * 40, "a.txt", "text/plain") + END)),
        ("zip-disguised-as-pdf", lambda: (CT, fields(fid()) + part("file", b"PK\x03\x04" + b"\x00" * 200, "a.pdf",
                                                                  "application/pdf") + END)),
        ("broken-pdf", lambda: (CT, fields(fid()) + part("file", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "a.pdf",
                                                        "application/pdf") + END)),
        ("lf-only-line-ends", lambda: (CT, (fields(fid()) + part("file", TEXT, "a.txt", "text/plain") + END)
                                       .replace(b"\r\n", b"\n").replace(TEXT.replace(b"\r\n", b"\n"), b"") + b"x")),
        ("10000-parts", lambda: (CT, fields(fid()) + b"".join(part("symbol", b"S%d" % i) for i in range(10000)) + file_part + END)),
    ]


def dtd_cases(fid, file_part):
    """Sidecars with a DOCTYPE: an external entity (XXE) and nested entities (billion laughs). Refusing
    them is fine, and so is taking them if no entity is expanded: what matters is that no file is read
    and nothing blows up."""
    return [
        ("sidecar-xxe", lambda: (CT, part("metadata", (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<document xmlns="urn:atip:document" version="1"><id>' + fid().encode() + b'</id><title>&x;</title>'
            b'<type>report</type><date>2021</date><jurisdiction>INT</jurisdiction><language>en</language></document>'),
            "m.xml", "application/xml") + file_part + END)),
        ("sidecar-billion-laughs", lambda: (CT, part("metadata", (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
            b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
            b'<document xmlns="urn:atip:document" version="1"><id>' + fid().encode() + b'</id><title>&h;</title>'
            b'<type>report</type><date>2021</date><jurisdiction>INT</jurisdiction><language>en</language></document>'),
            "m.xml", "application/xml") + file_part + END)),
    ]


def run(ctx):
    def control():
        doc = ctx.fresh_id("mp-ok")
        r = H.request(ctx.port, "POST", "/api/v1/documents", [ctx.bearer(), ("Content-Type", CT)],
                      fields(doc) + part("file", TEXT, "a.txt", "text/plain") + END, timeout=30)
        H.expect(r.status == 201, "the well-made form is refused, so the refusals below prove nothing: %s" % r.describe())
        return "the well-made form -> 201"
    H.run_check("multipart/control-well-made-form", control)

    for name, make in cases(ctx):
        def check(make=make):
            ctype, body = make()
            before = ctx.snapshot()
            headers = [ctx.bearer()] + ([("Content-Type", ctype)] if ctype else [])
            try:
                r = H.request(ctx.port, "POST", "/api/v1/documents", headers, body, timeout=20)
            except H.NoAnswer as e:
                raise H.Fail("no answer: %s" % e)
            change = ctx.changes(before, ctx.snapshot())
            problems = []
            if r.status >= 500:
                problems.append("server error " + r.describe(300))
            elif not 400 <= r.status < 500:
                problems.append("ACCEPTED: " + r.describe(200))
            else:
                try:
                    err = r.json()["error"]
                    H.expect(err["code"] and err["message"], "")
                except Exception:  # noqa: BLE001
                    problems.append("%d without the JSON error shape: %r" % (r.status, r.body[:150]))
            if r.elapsed > 10:
                problems.append("took %.1fs" % r.elapsed)
            if change:
                problems.append("SOMETHING WAS WRITTEN: " + change)
            if b"root:x:0:0" in r.body:
                problems.append("the answer holds /etc/passwd")
            H.expect(not problems, "; ".join(problems))
            return "%d %s" % (r.status, H._short(r.json()["error"]["message"], 100))
        H.run_check("multipart/" + name, check)

    def dtd():
        problems, verdicts = [], []
        for name, make in dtd_cases(lambda: ctx.fresh_id("mp-dtd"), part("file", TEXT, "a.txt", "text/plain")):
            ctype, body = make()
            before = ctx.snapshot()
            r = H.request(ctx.port, "POST", "/api/v1/documents", [ctx.bearer(), ("Content-Type", ctype)], body, timeout=20)
            if r.status >= 500 or r.elapsed > 10:
                problems.append("%s: %s" % (name, r.describe(200)))
            elif r.status == 201:
                d = H.get(ctx.port, "/api/v1/documents/" + r.json()["id"]).json()
                if "root:" in d["title"] or len(d["title"]) > 1000:
                    problems.append("%s: an entity was expanded into the title (%d chars: %r)" % (
                        name, len(d["title"]), d["title"][:80]))
                verdicts.append("%s taken, title %r (entity not expanded)" % (name, d["title"][:20]))
            else:
                if ctx.changes(before, ctx.snapshot()):
                    problems.append("%s: refused but written" % name)
                verdicts.append("%s refused %d" % (name, r.status))
        H.expect(not problems, "; ".join(problems))
        return "; ".join(verdicts)
    H.run_check("multipart/sidecar-with-doctype-entities", dtd)

    def long_word():
        # A word longer than the index's term limit (Xapian: 245 bytes): a 4xx, or a 201 that searches;
        # never a 500, never half-written.
        problems = []
        long_title = fields("DOC").replace(b"Malformed upload DOC", b"Title " + b"t" * 300)
        long_symbol = fields("DOC") + part("symbol", b"S/" + b"s" * 300)
        for label, text, form in (("300-char word in the text", b"shelters " + b"w" * 300 + b" victims\n", None),
                                  ("2000-char word in the text", b"x" * 2000 + b"\n", None),
                                  ("300-char accented word in the text", ("\u00e9" * 300 + " trata\n").encode(), None),
                                  ("300-char word in the title", TEXT, long_title),
                                  ("300-char symbol", TEXT, long_symbol)):
            doc = ctx.fresh_id("mp-long")
            before = ctx.snapshot()
            head = (form or fields("DOC")).replace(b"DOC", doc.encode())
            r = H.request(ctx.port, "POST", "/api/v1/documents", [ctx.bearer(), ("Content-Type", CT)],
                          head + part("file", text, "a.txt", "text/plain") + END, timeout=30)
            after = ctx.snapshot()
            if r.status >= 500:
                problems.append("%s: %s" % (label, r.describe(260)))
            if r.status != 201:
                change = ctx.changes(before, after)
                if change:
                    problems.append("%s: refused (%d) but written: %s" % (label, r.status, change))
                g = H.get(ctx.port, "/api/v1/documents/%s/versions" % doc)
                if g.status != 404:
                    problems.append("%s: refused but /versions answers %s" % (label, g.describe(120)))
            else:
                h = H.get(ctx.port, "/api/v1/documents/" + doc)
                if h.status != 200:
                    problems.append("%s: 201 but GET -> %s" % (label, h.describe(120)))
        H.expect(not problems, "; ".join(problems))
        return "long words: refused cleanly or indexed"
    H.run_check("multipart/words-longer-than-the-index-allows", long_word)
