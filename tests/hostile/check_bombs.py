"""Query bombs on /api/v1/search, /api/v1/suggest and /api/v1/feeds/search: thousands of terms,
deep parentheses, many wildcards, huge page numbers, repeated parameters, invalid UTF-8, NUL.
Each is a 400 with a JSON message (413/414/431 for an address too long to read, also JSON), or a
bounded 200 (at most `size` hits, size at most 100); each answered within a few seconds; the server
answers quickly while several run at once, and is healthy after."""

import threading
import time
import urllib.parse

import harness as H

LIMIT_S = 4.0


def q(s):
    return urllib.parse.quote(s, safe="")


def bombs():
    terms = lambda n: " ".join("w%d" % i for i in range(n))  # noqa: E731
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        ("search", "thousands-of-terms-3000", "q=" + q(terms(3000))),
        ("search", "terms-just-under-the-limit", "q=" + q(" ".join("t%d" % (i % 100) for i in range(240)))),
        ("search", "single-letters-500", "q=" + q(" ".join(letters[i % 26] for i in range(500)))),
        ("search", "common-words-150", "q=" + q(" ".join(["trafficking", "victims", "persons", "the", "of"] * 30))),
        ("search", "deep-parentheses-40", "q=" + q("(" * 40 + "victims" + ")" * 40)),
        ("search", "deep-parentheses-5000", "q=" + q("(" * 5000 + "victims" + ")" * 5000)),
        ("search", "unbalanced-parentheses", "q=" + q("(" * 300 + "victims")),
        ("search", "closing-parentheses", "q=" + q("victims" + ")" * 300)),
        ("search", "nested-or-and", "q=" + q("(a OR (b AND (c OR (d AND (e OR f))))) " * 10)),
        ("search", "wildcards-a-z", "q=" + q(" ".join(c + "*" for c in letters))),
        ("search", "wildcards-300", "q=" + q(" ".join(letters[i % 26] + "*" for i in range(300)))),
        ("search", "wildcards-or", "q=" + q(" OR ".join(c + "*" for c in letters * 4))),
        ("search", "star-alone", "q=*"),
        ("search", "stars-only", "q=" + q("* ** *** ****")),
        ("search", "leading-wildcards", "q=" + q("*a *b *c *tion")),
        ("search", "wildcard-in-fields", "q=" + q("title:a* symbol:* type:* country:*")),
        ("search", "near-chain", "q=" + q(" NEAR ".join(["victims", "trafficking", "persons", "shelter"] * 20))),
        ("search", "long-phrase", "q=" + q('"' + " ".join(["victims"] * 150) + '"')),
        ("search", "many-phrases", "q=" + q(" ".join('"a b"' for _ in range(150)))),
        ("search", "not-chain", "q=" + q("victims " + " ".join("NOT w%d" % i for i in range(150)))),
        ("search", "minus-chain", "q=" + q("victims " + " ".join("-w%d" % i for i in range(200)))),
        ("search", "operators-only", "q=" + q("AND OR NOT NEAR AND")),
        ("search", "field-bomb", "q=" + q(" ".join("title:w%d" % i for i in range(150)))),
        ("search", "year-range-huge", "q=" + q("year:0..99999999999999999999")),
        ("search", "year-filter-huge", "q=victims&year=0..99999999999999999999"),
        ("search", "year-filter-wide", "q=victims&year=0000..9999"),
        ("search", "link-filter-huge", "q=victims&link=activity:99999999999999999999"),
        ("search", "huge-page", "q=victims&page=99999999999999999999"),
        ("search", "page-1000", "q=victims&page=1000&size=10"),
        ("search", "page-times-size", "q=victims&page=1000&size=100"),
        ("search", "negative-page", "q=victims&page=-1"),
        ("search", "zero-size", "q=victims&size=0"),
        ("search", "huge-size", "q=victims&size=100000000"),
        ("search", "page-hex-float", "q=victims&page=0x10&size=1e2"),
        ("search", "repeated-q", "q=a&q=b"),
        ("search", "repeated-page", "q=victims&page=1&page=2"),
        ("search", "repeated-filter-1000", "q=victims&" + "&".join("type=report" for _ in range(1000))),
        ("search", "many-distinct-filters", "q=victims&" + "&".join("country=C%d" % i for i in range(400))),
        ("search", "long-filter-value", "q=victims&type=" + "r" * 5000),
        ("search", "unknown-parameter", "q=victims&evil=1"),
        ("search", "invalid-utf8", "q=%ff%fe"),
        ("search", "overlong-utf8", "q=%c0%ae%c0%ae"),
        ("search", "surrogate-utf8", "q=%ed%a0%80"),
        ("search", "beyond-unicode-utf8", "q=%f4%90%80%80"),
        ("search", "truncated-utf8", "q=victims%e2%82"),
        ("search", "nul-in-q", "q=vic%00tims"),
        ("search", "nul-in-filter", "q=victims&type=re%00port"),
        ("search", "nul-in-name", "q=victims&%00=1"),
        ("search", "control-chars", "q=" + q("\x01\x02\x1b[31mvictims\x7f")),
        ("search", "emoji-1000-bytes", "q=" + q("\U0001F600" * 250)),
        ("search", "combining-marks", "q=" + q("a" + "\u0301" * 400)),
        ("search", "percent-garbage", "q=%%%25%zz%"),
        ("search", "heavy-passages", "q=" + q("a* e* i* o* u*") + "&group=passage&size=100&include=text&versions=all"),
        ("search", "sort-garbage", "q=victims&sort=%00&group=%ff"),
        ("search", "lang-garbage", "q=victims&lang=" + "x" * 300),
        ("suggest", "suggest-long", "q=" + "a" * 10000),
        ("suggest", "suggest-200", "q=" + "a" * 200),
        ("suggest", "suggest-star", "q=*"),
        ("suggest", "suggest-percent", "q=%25"),
        ("suggest", "suggest-parens", "q=" + q("(" * 150)),
        ("suggest", "suggest-invalid-utf8", "q=%ff"),
        ("suggest", "suggest-nul", "q=a%00"),
        ("suggest", "suggest-repeated", "q=a&q=b&lang=es&lang=fr"),
        ("suggest", "suggest-lang-garbage", "q=pol&lang=%00"),
        ("suggest", "suggest-single-letter", "q=a"),
        ("feed", "feed-wildcards", "q=" + q(" ".join(c + "*" for c in letters))),
        ("feed", "feed-deep-parentheses", "q=" + q("(" * 5000 + "a" + ")" * 5000)),
        ("feed", "feed-invalid-utf8", "q=%ff"),
        ("feed", "feed-huge-size", "q=victims&size=99999999999"),
        ("feed", "feed-page", "q=victims&page=2"),
        ("compare", "compare-wildcards", "q=" + q(" ".join(c + "*" for c in letters))),
        ("compare", "compare-1000-words", "q=" + q(" ".join("w%d" % i for i in range(150))[:1000])),
        ("compare", "compare-or-chain", "q=" + q(" OR ".join(["victims", "shelter", "police", "training"] * 40)[:1000])),
        ("compare", "compare-deep-parentheses", "q=" + q("(" * 5000 + "a" + ")" * 5000)),
        ("compare", "compare-passage-and-all-types", "passage=gs-report-2010-2012/1&per=10&type=report&type=law&type=treaty"),
        ("compare", "compare-many-jurisdictions", "q=victims&jurisdiction=" + ",".join("J%d" % i for i in range(40))),
        ("compare", "compare-41-jurisdictions", "q=victims&jurisdiction=" + ",".join("J%d" % i for i in range(41))),
        ("compare", "compare-empty-list", "q=victims&jurisdiction=,,,"),
        ("compare", "compare-passage-garbage", "passage=" + q("../../etc/passwd/1")),
        ("compare", "compare-passage-huge-n", "passage=gs-report-2010-2012/99999999999999999999"),
        ("compare", "compare-item-garbage", "item=" + "x" * 5000),
        ("compare", "compare-no-subject", "per=3"),
        ("compare", "compare-invalid-utf8", "q=%ff%fe"),
    ]


ENDPOINT = {"search": "/api/v1/search", "suggest": "/api/v1/suggest", "feed": "/api/v1/feeds/search",
            "compare": "/api/v1/compare"}


def judge(kind, r):
    where = r.describe(160)
    if r.elapsed > LIMIT_S:
        return "took %.1fs (limit %.0fs): %s" % (r.elapsed, LIMIT_S, where)
    if r.status >= 500:
        return "server error: " + where
    # An unknown Work Plan item or passage to compare on is a 404, like its own page.
    if r.status in (400, 413, 414, 431) or (kind == "compare" and r.status == 404):
        try:
            err = r.json()["error"]
            H.expect(err["code"] and err["message"], "")
        except Exception:  # noqa: BLE001
            return "%d without a JSON error message: %r" % (r.status, r.body[:200])
        return None
    if r.status != 200:
        return "unexpected status: " + where
    if kind == "feed":
        import xml.etree.ElementTree as ET
        try:
            root = ET.fromstring(r.body)
        except ET.ParseError as e:
            return "feed not well-formed (%s)" % e
        n = len(root.findall("{http://www.w3.org/2005/Atom}entry"))
        return None if n <= 100 else "feed with %d entries" % n
    try:
        d = r.json()
    except Exception as e:  # noqa: BLE001
        return "200 that is not JSON (%s): %r" % (e, r.body[:200])
    if kind == "suggest":
        return None if isinstance(d.get("suggestions"), list) and len(d["suggestions"]) <= 10 else "suggestions %r" % d
    if kind == "compare":
        columns = d.get("jurisdictions")
        if not isinstance(columns, list) or any(len(c.get("provisions", [])) > 10 for c in columns):
            return "unbounded comparison: %r" % r.body[:200]
        return None if len(r.body) <= 5_000_000 else "a %d-byte answer" % len(r.body)
    if not isinstance(d.get("hits"), list) or d.get("size", 0) > 100 or len(d["hits"]) > d.get("size", 0):
        return "unbounded answer: size %r, %d hits" % (d.get("size"), len(d.get("hits", [])))
    if len(r.body) > 5_000_000:
        return "a %d-byte answer" % len(r.body)
    return None


def run(ctx):
    for kind, name, query in bombs():
        def check(kind=kind, query=query):
            target = ENDPOINT[kind] + "?" + query
            try:
                r = H.get(ctx.port, target, timeout=15)
            except H.NoAnswer as e:
                raise H.Fail("no answer within 15 s: %s — GET %s" % (e, H._short(target, 120)))
            problem = judge(kind, r)
            if problem:
                raise H.Fail("%s — GET %s" % (problem, H._short(target, 160)))
            return "%d in %.2fs%s" % (r.status, r.elapsed, (": " + H._short(r.json()["error"]["message"], 90))
                                      if r.status >= 400 and r.body.startswith(b"{") else "")
        H.run_check("bombs/" + name, check)

    def concurrent():
        heavy = ["/api/v1/search?q=" + q(" ".join(c + "*" for c in "abcdefghijklmnopqrstuvwxyz")) +
                 "&group=passage&size=100&include=text",
                 "/api/v1/search?q=" + q(" OR ".join(c + "*" for c in "aeioustrnl" * 3)) + "&versions=all",
                 "/api/v1/feeds/search?q=" + q("a* e* i* o* u*"), "/api/v1/suggest?q=a"]
        errors = []
        stop = time.monotonic() + 4.0

        def hammer(i):
            while time.monotonic() < stop:
                try:
                    r = H.get(ctx.port, heavy[i % len(heavy)], timeout=15)
                    if r.status >= 500:
                        errors.append(r.describe(120))
                except Exception as e:  # noqa: BLE001
                    errors.append(repr(e))
        threads = [threading.Thread(target=hammer, args=(i,), daemon=True) for i in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        worst = 0.0
        for _ in range(10):
            t0 = time.monotonic()
            r = H.get(ctx.port, "/api/v1/search?q=victims", timeout=15)
            worst = max(worst, time.monotonic() - t0)
            if r.status != 200:
                errors.append("plain search during the bombs: " + r.describe(120))
            time.sleep(0.1)
        for t in threads:
            t.join(20)
        H.expect(not errors, "; ".join(errors[:5]))
        H.expect(worst < 3.0, "a plain search took %.1fs while 8 clients sent heavy queries" % worst)
        return "8 clients sending wildcard/passage/feed bombs for 4 s: plain searches answered, worst %.2fs" % worst
    H.run_check("bombs/concurrent-bombs-do-not-starve", concurrent)

    def still_searches():
        r = H.get(ctx.port, "/api/v1/search?q=trafficking")
        H.expect(r.status == 200 and r.json()["total"] > 0, "a plain search after the bombs: %s" % r.describe())
        return "q=trafficking still finds %d" % r.json()["total"]
    H.run_check("bombs/search-still-works", still_searches)
