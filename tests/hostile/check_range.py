"""Range abuse on /api/v1/documents/{id}/file (and a version's file), judged by RFC 9110 14:

- a server MAY ignore Range (200 with the whole file) — always acceptable, if the body is the file;
- 206 must carry the right Content-Range and exactly those bytes (multipart/byteranges for several);
- 416 (with Content-Range: bytes */LENGTH) only when no range is satisfiable, the ranges-specifier is
  invalid, or the set is excessive (many small or overlapping ranges) — not for one or two valid ranges;
- a range unit other than bytes MUST be ignored (14.2); units are case-insensitive (14.1);
- If-Range that does not match the ETag means the whole file (13.1.5);
- never 5xx, never slow, never a response much larger than the file (no amplification)."""

import os
import re

import harness as H

DOC = "gs-report-2012-2013"


def parse_range(value, n):
    """Our reading of RFC 9110 14.1-14.2. Returns (kind, ranges): kind 'ignore' (unit not bytes),
    'invalid', 'unsatisfiable', 'ranges'; ranges = satisfiable (first, last), clamped."""
    if "\x00" in value:
        return "invalid", []  # RFC 9110 5.5: reject the message, or read NUL as SP (then no valid unit)
    unit, eq, spec = value.partition("=")
    if not eq:
        return "invalid", []
    if unit.strip().lower() != "bytes" or unit != unit.strip():
        return ("ignore" if unit.strip().lower() != "bytes" else "invalid"), []
    parts = [p.strip() for p in spec.split(",")]
    if not any(parts):
        return "invalid", []
    out = []
    for p in parts:
        if not p:
            continue  # empty list elements are allowed (RFC 9110 5.6.1)
        m = re.fullmatch(r"(\d*)-(\d*)", p)
        if not m or (not m.group(1) and not m.group(2)):
            return "invalid", []
        a, b = m.group(1), m.group(2)
        if a:
            first = int(a)
            last = int(b) if b else n - 1
            if b and last < first:
                return "invalid", []
            if first < n:
                out.append((first, min(last, n - 1)))
        else:
            suffix = int(b)
            if suffix > 0:
                out.append((max(0, n - suffix), n - 1))
    return ("ranges" if out else "unsatisfiable"), out


def excessive(ranges):
    if len(ranges) > 16:
        return True
    s = sorted(ranges)
    overlaps = sum(1 for x, y in zip(s, s[1:]) if y[0] <= x[1])
    return overlaps >= 2


def judge(r, value, data, head=False):
    n = len(data)
    kind, ranges = parse_range(value, n)
    where = "Range: %s -> %s" % (H._short(value, 80), r.describe(120))
    if r.status >= 500:
        return "server error: " + where
    if r.elapsed > 5:
        return "slow (%.1fs): %s" % (r.elapsed, where)
    if r.status == 200:
        if r.header("content-range"):
            return "200 with a Content-Range: " + where
        if not head and r.body != data:
            return "200 whose body is not the file (%d of %d bytes): %s" % (len(r.body), n, where)
        return None
    if r.status == 416:
        if kind == "ignore":
            return "416 for a range unit the server must ignore (RFC 9110 14.2: MUST ignore) — expected 200: " + where
        if kind == "ranges" and not excessive(ranges):
            return ("416 although %s satisfiable (RFC 9110 15.5.17: 416 only when none is, or the set is excessive);"
                    " expected 206 or 200: %s" % (ranges, where))
        cr = r.header("content-range")
        if cr != "bytes */%d" % n:
            return "416 without Content-Range: bytes */%d (got %r): %s" % (n, cr, where)
        return None
    if r.status == 206:
        if kind != "ranges":
            return "206 for a %s Range: %s" % (kind, where)
        ctype = r.header("content-type", "")
        if ctype.startswith("multipart/byteranges"):
            if head:
                return None
            m = re.search(r'boundary="?([^";]+)"?', ctype)
            if not m:
                return "multipart/byteranges without boundary: " + where
            total = 0
            for part in r.body.split(b"--" + m.group(1).encode())[1:]:
                if part.startswith(b"--"):
                    break
                hdr, _, body = part.partition(b"\r\n\r\n")
                body = body[:-2] if body.endswith(b"\r\n") else body
                pm = re.search(rb"Content-Range:\s*bytes (\d+)-(\d+)/(\d+)", hdr, re.I)
                if not pm:
                    return "a byterange part without Content-Range: " + where
                a, b, t = (int(x) for x in pm.groups())
                if t != n or body != data[a:b + 1] or not any(x <= a and b <= y for x, y in ranges):
                    return "a byterange part with wrong bytes or range (%d-%d/%d): %s" % (a, b, t, where)
                total += len(body)
            if total > 2 * n + 1024:
                return "amplification: %d bytes of parts for a %d-byte file: %s" % (total, n, where)
            return None
        cr = r.header("content-range", "")
        m = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", cr)
        if not m:
            return "206 with Content-Range %r: %s" % (cr, where)
        a, b, t = (int(x) for x in m.groups())
        if t != n:
            return "206 Content-Range total %d, the file has %d bytes: %s" % (t, n, where)
        lo, hi = min(x for x, _ in ranges), max(y for _, y in ranges)
        if len(ranges) == 1 and (a, b) != ranges[0]:
            return "206 for bytes %d-%d, expected %d-%d: %s" % (a, b, ranges[0][0], ranges[0][1], where)
        if len(ranges) > 1 and not (a <= lo and b >= hi):
            return "206 single range %d-%d does not cover the ranges asked (%d-%d): %s" % (a, b, lo, hi, where)
        if int(r.header("content-length", "-1")) != b - a + 1:
            return "206 Content-Length %s for %d bytes: %s" % (r.header("content-length"), b - a + 1, where)
        if not head and r.body != data[a:b + 1]:
            return "206 body is not bytes %d-%d of the file: %s" % (a, b, where)
        return None
    if r.status in (400, 413, 431) and (len(value) > 4000 or "\x00" in value):
        return None  # a header too large to read, or one with NUL (RFC 9110 5.5 allows rejecting the message)
    return "unexpected status: " + where


def cases(n):
    big = "9" * 30
    return [
        ("first-ten", "bytes=0-9"),
        ("suffix-ten", "bytes=-10"),
        ("open-ended", "bytes=10-"),
        ("last-byte", "bytes=%d-" % (n - 1)),
        ("single-byte", "bytes=0-0"),
        ("suffix-zero", "bytes=-0"),
        ("reversed", "bytes=9-0"),
        ("start-at-end", "bytes=%d-" % n),
        ("beyond-end", "bytes=%d-%d" % (n + 100, n + 200)),
        ("end-beyond-length", "bytes=0-%d" % (n + 1000)),
        ("suffix-longer-than-file", "bytes=-%d" % (n + 5)),
        ("huge-last-pos", "bytes=0-" + big),
        ("huge-first-pos", "bytes=" + big + "-"),
        ("huge-suffix", "bytes=-" + big),
        ("non-numeric", "bytes=abc-def"),
        ("double-dash", "bytes=--5"),
        ("three-parts", "bytes=1-2-3"),
        ("empty-set", "bytes="),
        ("dash-only", "bytes=-"),
        ("no-equals", "bytes"),
        ("hex", "bytes=0x10-0x20"),
        ("plus-sign", "bytes=+1-5"),
        ("decimal", "bytes=1.5-3"),
        ("negative-first", "bytes=-5-10"),
        ("spaces-around-equals", "bytes = 0-9"),
        ("two-ranges", "bytes=0-1,5-6"),
        ("two-ranges-with-spaces", "bytes=0-9, 20-29"),
        ("range-and-suffix", "bytes=0-9,-10"),
        ("trailing-comma", "bytes=0-9,"),
        ("one-valid-one-beyond", "bytes=0-4,%d-" % (n + 10)),
        ("overlapping-1000", "bytes=" + ",".join(["0-"] * 1000)),
        ("many-small-2000", "bytes=" + ",".join("%d-%d" % (i, i) for i in range(0, 4000, 2))),
        ("descending-small-500", "bytes=" + ",".join("%d-%d" % (i, i) for i in range(1000, 0, -2))),
        ("very-long-header-200k", "bytes=" + "0-1," * 50000 + "0-1"),
        ("very-long-header-7k", "bytes=" + ",".join("%d-%d" % (i, i + 1) for i in range(0, 3000, 4))),
        ("other-unit", "items=0-5"),
        ("unit-upper-case", "BYTES=0-9"),
        ("unit-capitalised", "Bytes=0-9"),
        ("unit-with-nul", "bytes\x00=0-9"),
    ]


def run(ctx):
    with open(os.path.join(ctx.corpus, DOC + ".pdf"), "rb") as f:
        data = f.read()
    n = len(data)
    target = "/api/v1/documents/%s/file" % DOC

    def control():
        r = H.get(ctx.port, target)
        H.expect(r.status == 200 and r.body == data, "the file is not served whole: %s" % r.describe(80))
        H.expect(r.header("accept-ranges") == "bytes", "no Accept-Ranges: bytes")
        r = H.get(ctx.port, target, [("Range", "bytes=0-9")])
        H.expect(r.status == 206 and r.body == data[:10], "bytes=0-9 is not a 206 of 10 bytes: %s" % r.describe(80))
        return "200 whole file (%d bytes), Accept-Ranges: bytes, bytes=0-9 -> 206" % n
    H.run_check("range/control-ranges-work", control)

    for name, value in cases(n):
        def check(value=value):
            try:
                r = H.get(ctx.port, target, [("Range", value)], timeout=10)
            except H.NoAnswer as e:
                raise H.Fail("no answer: %s (Range: %s)" % (e, H._short(value, 80)))
            problem = judge(r, value, data)
            if problem:
                raise H.Fail(problem)
            return "%d %s" % (r.status, r.header("content-range") or "")
        H.run_check("range/" + name, check)

    etag = H.get(ctx.port, target).header("etag")

    def if_range():
        problems = []
        r = H.get(ctx.port, target, [("Range", "bytes=0-9"), ("If-Range", '"not-the-etag"')])
        if r.status != 200 or r.body != data:
            problems.append("If-Range with another ETag must give the whole file (200): %s" % r.describe(80))
        r = H.get(ctx.port, target, [("Range", "bytes=0-9"), ("If-Range", "Sat, 01 Jan 2000 00:00:00 GMT")])
        if r.status != 200 or r.body != data:
            problems.append("If-Range with a date the server cannot match must give the whole file: %s" % r.describe(80))
        r = H.get(ctx.port, target, [("Range", "bytes=0-9"), ("If-Range", etag)])
        if r.status != 206 or r.body != data[:10]:
            problems.append("If-Range with the ETag %s must give the range: %s" % (etag, r.describe(80)))
        r = H.get(ctx.port, target, [("Range", "bytes=0-9"), ("If-Range", "W/" + (etag or '""'))])
        if r.status != 200:
            problems.append("If-Range with a weak ETag must not give a range (RFC 9110 13.1.5: strong comparison): %s"
                            % r.describe(80))
        if problems:
            raise H.Fail("; ".join(problems))
        return "mismatched/date/weak If-Range -> 200 whole, matching -> 206"
    H.run_check("range/if-range", if_range)

    def head():
        r = H.request(ctx.port, "HEAD", target, [("Range", "bytes=5-14")])
        problem = judge(r, "bytes=5-14", data, head=True)
        H.expect(problem is None, problem or "")
        H.expect(r.body == b"", "HEAD with a body")
        return "%d %s, Content-Length %s" % (r.status, r.header("content-range"), r.header("content-length"))
    H.run_check("range/head-with-range", head)

    def version_file():
        doc = ctx.fresh_id("range")
        content = b"0123456789 abcdefghij " * 50 + b"\nText of a versioned file about shelters for victims.\n"
        up = ctx.upload(doc, "Range target", content)
        H.expect(up.status == 201, "upload failed: %s" % up.describe())
        vt = "/api/v1/documents/%s/versions/1/file" % doc
        problems = []
        for value in ("bytes=0-4", "bytes=-5", "bytes=%d-" % len(content), "bytes=0-1,3-4", "items=0-1"):
            r = H.get(ctx.port, vt, [("Range", value)])
            p = judge(r, value, content)
            if p:
                problems.append(p)
        if problems:
            raise H.Fail("; ".join(problems))
        return "versions/1/file: single, suffix, beyond-end, two ranges, other unit judged by RFC 9110"
    H.run_check("range/version-file", version_file)
