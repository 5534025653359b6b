#!/usr/bin/env python3
"""Scales the real ATIP corpus to N passages, deterministically from a seed.

Takes the real sentences of the shipped corpus (corpus/) and of ../shared/corpus-src/legislation
(PDF, HTML and .txt, text by Poppler's `pdftotext`), keeps them per document language (from
MANIFEST.tsv and the <stem>.meta.xml sidecars), and recombines them into new documents whose
passages are numbered articles ("Article N." / "Artículo N." / "Artigo N.") or numbered
paragraphs ("N. "), so that atip-index's segmenter finds one passage per generated passage.
The languages keep their share of the real corpus (by characters of extracted text).

Output: OUT/MANIFEST.tsv plus documents, a share of them as PDFs (written here: Helvetica,
WinAnsiEncoding, several pages, one paragraph per passage) and the rest as UTF-8 .txt
(blank-line separated paragraphs, form feeds between pages). Python 3 standard library only;
needs `pdftotext` (poppler-utils) to read the real PDFs.

Usage: bench/make_corpus.py --passages 10000 --out DIR [--seed 1] [--pdf-share 0.3]
                            [--source DIR]...   (default: corpus and ../shared/corpus-src/legislation)
"""
import argparse
import html.parser
import os
import random
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_SOURCES = [os.path.join(REPO, "corpus"), os.path.normpath(os.path.join(REPO, "..", "shared", "corpus-src", "legislation"))]
GENERATOR_VERSION = "3"

# ---------------------------------------------------------------------------------------------
# Real text and its sentences


class _HTMLText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "br", "section", "article",
             "header", "footer", "nav", "ul", "ol", "table", "dt", "dd", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "nav", "header", "footer"):
            self.skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "nav", "header", "footer") and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def document_text(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf":
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=False)
        return out.stdout.decode("utf-8", "replace")
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    if ext in (".html", ".htm"):
        p = _HTMLText()
        p.feed(raw)
        return "".join(p.parts)
    return raw


def document_languages(folder):
    """file name -> language, from MANIFEST.tsv and <stem>.meta.xml sidecars."""
    langs = {}
    manifest = os.path.join(folder, "MANIFEST.tsv")
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as f:
            header = None
            for line in f:
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if header is None:
                    header = cells
                    continue
                row = dict(zip(header, cells))
                if row.get("file") and row.get("language"):
                    langs[row["file"]] = row["language"]
    for name in sorted(os.listdir(folder)):
        if name.endswith(".meta.xml"):
            try:
                root = ET.parse(os.path.join(folder, name)).getroot()
            except ET.ParseError:
                continue
            lang = root.findtext("{urn:atip:document}language") or root.findtext("language")
            stem = name[: -len(".meta.xml")]
            for other in os.listdir(folder):
                if other.startswith(stem + ".") and not other.endswith(".meta.xml") and lang:
                    langs.setdefault(other, lang.strip())
    return langs


PAGE_NUMBER = re.compile(r"^[\s\-–—]*(p(?:a|á)g(?:ina|e|\.)?\s*)?\d{1,4}(\s*(de|of|sur|/|-)\s*\d{1,4})?[\s\-–—]*$", re.I)
UPPER = "A-ZÁÉÍÓÚÑÇÀÂÊÔÃÕÈÎÜ"
SENTENCE_SPLIT = re.compile(r"(?<=[.?!])[\"”»)]?\s+(?=[«\"“¿¡(]?[" + UPPER + "])")
# "... this Convention. 5. Protection ...", "...; b) the ...", "... I - contra ...": item labels between sentences.
ITEM_BREAK = re.compile(r"(?<=[.?!:;])\s+(?:\(?\d{1,3}[.)]|\(?[a-z]\)|[IVXLC]{1,6}\s*[-–.]|§\s*\d+[o°º]?[:.]?\s*-?)\s+")
LEADING_LABEL = re.compile(
    r"^\s*(?:(?:Art(?:í|i)culo|ART(?:Í|I)CULO|Article|ARTICLE|Artigo|ARTIGO|Art\.|Arts?\.|Section|SECTION|Sec\.|Sección|§+)"
    r"\s*[\dA-Za-z\-.ºo°]*(?:\s+(?:bis|ter|quáter|quater|quinquies|sexies|septies|octies))?\s*[.\-–—:]*\s*"
    r"|\(?\d{1,3}[.)]\s+|\(?[a-z]\)\s+|[IVXLC]{1,6}\.\s+|[•\-–]\s+)+")


def clean_lines(text):
    lines = [unicodedata.normalize("NFKC", l).replace("\u00ad", "").replace("\u00a0", " ").rstrip() for l in text.split("\n")]
    counts = {}
    for l in lines:
        s = l.strip()
        if s:
            key = re.sub(r"\d+", "#", s)
            counts[key] = counts.get(key, 0) + 1
    out = []
    for l in lines:
        s = l.strip()
        if not s:
            out.append("")
            continue
        if "\f" in s:
            out.append("")
            s = s.replace("\f", "").strip()
            if not s:
                continue
        if PAGE_NUMBER.match(s) or "TEST RENDERING" in s or (len(s) < 120 and counts[re.sub(r"\d+", "#", s)] >= 3):
            continue  # page numbers and running headers
        out.append(s)
    return out


def paragraphs(lines):
    para = ""
    for l in lines + [""]:
        if not l:
            if para:
                yield para
            para = ""
            continue
        if para.endswith("-") and l[:1].islower():
            para = para[:-1] + l
        else:
            para = (para + " " + l) if para else l
    return


def good_sentence(s):
    if not (40 <= len(s) <= 600) or s[-1] not in ".?!":
        return False
    if not s[0].isupper() and s[0] not in "«\"“¿¡(":
        return False
    if "http" in s or "@" in s or "www." in s or "TEST RENDERING" in s:
        return False
    letters = sum(c.isalpha() for c in s)
    nonspace = sum(not c.isspace() for c in s)
    if letters < 0.75 * nonspace or sum(c.isdigit() for c in s) > 0.08 * len(s):
        return False
    upper = sum(c.isupper() for c in s)
    return upper < 0.3 * letters


def sentences_of(text):
    for para in paragraphs(clean_lines(text)):
        para = re.sub(r"\s+", " ", para).strip()
        for chunk in ITEM_BREAK.split(para):
            for s in SENTENCE_SPLIT.split(chunk):
                s = LEADING_LABEL.sub("", s).strip()
                if s and good_sentence(s):
                    yield s


def load_sentences(sources):
    """language -> list of distinct sentences (first-seen order); the per-document census; language ->
    characters of text in the real corpus (the languages' proportions to keep)."""
    pool, seen, census, weight = {}, set(), [], {}
    for folder in sources:
        folder = os.path.realpath(folder)
        langs = document_languages(folder)
        for name in sorted(os.listdir(folder)):
            ext = os.path.splitext(name)[1].lower()
            if ext not in (".pdf", ".txt", ".html", ".htm") or name not in langs:
                continue
            lang = langs[name]
            n = 0
            text = document_text(os.path.join(folder, name))
            weight[lang] = weight.get(lang, 0) + sum(len(l) for l in clean_lines(text))
            for s in sentences_of(text):
                if (lang, s) in seen:
                    continue
                seen.add((lang, s))
                pool.setdefault(lang, []).append(s)
                n += 1
            census.append((name, lang, n))
    return pool, census, weight


# ---------------------------------------------------------------------------------------------
# Minimal PDF writer: Helvetica, WinAnsiEncoding, justified lines, one paragraph per passage

_W = {32: 278, 33: 278, 34: 355, 35: 556, 36: 556, 37: 889, 38: 667, 39: 191, 40: 333, 41: 333, 42: 389, 43: 584,
      44: 278, 45: 333, 46: 278, 47: 278, 58: 278, 59: 278, 60: 584, 61: 584, 62: 584, 63: 556, 64: 1015,
      91: 278, 92: 278, 93: 278, 94: 469, 95: 556, 96: 333, 123: 334, 124: 260, 125: 334, 126: 584}
for _c in range(48, 58):
    _W[_c] = 556
_W.update(zip(range(65, 91), [667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
                              667, 611, 722, 667, 944, 667, 667, 611]))
_W.update(zip(range(97, 123), [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
                               500, 278, 556, 500, 722, 500, 500, 500]))
_W.update({128: 556, 130: 222, 131: 556, 132: 333, 133: 1000, 134: 556, 135: 556, 136: 333, 137: 1000, 138: 667,
           139: 333, 140: 1000, 142: 611, 145: 222, 146: 222, 147: 333, 148: 333, 149: 350, 150: 556, 151: 1000,
           152: 333, 153: 1000, 154: 500, 155: 333, 156: 944, 158: 500, 159: 667, 160: 278, 161: 333, 162: 556,
           163: 556, 164: 556, 165: 556, 166: 260, 167: 556, 168: 333, 169: 737, 170: 370, 171: 556, 172: 584,
           173: 333, 174: 737, 175: 333, 176: 400, 177: 584, 178: 333, 179: 333, 180: 333, 181: 556, 182: 537,
           183: 278, 184: 333, 185: 333, 186: 365, 187: 556, 188: 834, 189: 834, 190: 834, 191: 611, 198: 1000,
           199: 722, 208: 722, 209: 722, 215: 584, 216: 778, 221: 667, 222: 667, 223: 611, 230: 889, 231: 500,
           240: 556, 241: 556, 247: 584, 248: 611, 253: 500, 254: 556, 255: 500})
for _r, _w in ((range(192, 198), 667), (range(200, 204), 667), (range(204, 208), 278), (range(210, 215), 778),
               (range(217, 221), 722), (range(224, 230), 556), (range(232, 236), 556), (range(236, 240), 278),
               (range(242, 247), 556), (range(249, 253), 556)):
    for _c in _r:
        _W[_c] = _w
WIDTHS = [_W.get(c, 278) for c in range(32, 256)]

PAGE_W, PAGE_H = 595, 842
LEFT, RIGHT, TOP, BOTTOM = 72, 523, 760, 90
BODY, LEADING, PARA_GAP = 10, 12.5, 9
# Line starts that the PDF layout analysis reads as a new numbered item: never start a wrapped line so.
ITEM_START = re.compile(r"^(\d{1,3}\.\s|[IVXLC]{1,6}\.\s|[a-z]\)\s|\(\d{1,3}\)\s|\([a-z]\)\s|"
                        r"(Art(?:í|i)culo|Article|Artigo|Art\.|ART(?:Í|I)CULO|ARTICLE|ARTIGO|Section|Sección)\s*\d|\d{3}\.\d{1,2}\b|§\s*\d)")


def to_winansi(s):
    s = unicodedata.normalize("NFC", s)
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore")
            out += base or b"?"
    return bytes(out)


def text_width(b, size):
    return sum(WIDTHS[c - 32] if c >= 32 else 0 for c in b) * size / 1000.0


def wrap(b, size, width):
    words = b.split(b" ")
    lines, cur = [], b""
    for w in words:
        if not w:
            continue
        cand = cur + b" " + w if cur else w
        if cur and text_width(cand, size) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    # A wrapped line must not look like the start of a numbered item: pull its first word up.
    for i in range(1, len(lines)):
        for _ in range(3):
            if not ITEM_START.match(lines[i].decode("cp1252")) or b" " not in lines[i]:
                break
            first, rest = lines[i].split(b" ", 1)
            lines[i - 1] += b" " + first
            lines[i] = rest
    return lines


def pdf_string(b):
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r").replace(b"\n", b"\\n") + b")"


def write_pdf(path, title, blocks, year):
    """blocks: list of (kind, text), kind 'heading' or 'para'. Returns the number of pages."""
    width = RIGHT - LEFT
    pages, ops, y = [], [], TOP

    def new_page():
        nonlocal ops, y
        if ops:
            pages.append(ops)
        ops, y = [], TOP

    title_lines = wrap(to_winansi(title), 15, width)
    for tl in title_lines:
        ops.append(b"BT /F1 15 Tf 0 Tw 1 0 0 1 %d %.2f Tm %s Tj ET" % (LEFT, y, pdf_string(tl)))
        y -= 19
    y -= 14
    for kind, text in blocks:
        if kind == "heading":
            hb = to_winansi(text)
            if y - 3 * LEADING < BOTTOM:
                new_page()
            y -= 6
            ops.append(b"BT /F1 12 Tf 0 Tw 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (LEFT + (width - text_width(hb, 12)) / 2, y, pdf_string(hb)))
            y -= LEADING + PARA_GAP
            continue
        lines = wrap(to_winansi(text), BODY, width)
        if y - LEADING * (len(lines) - 1) < BOTTOM:
            new_page()
        out = [b"BT /F1 %d Tf" % BODY]
        for i, line in enumerate(lines):
            tw = 0.0
            spaces = line.count(b" ")
            if i < len(lines) - 1 and spaces:
                tw = (width - text_width(line, BODY)) / spaces
                if tw > 8:
                    tw = 0.0
            out.append(b"%.3f Tw 1 0 0 1 %d %.2f Tm %s Tj" % (tw, LEFT, y, pdf_string(line)))
            y -= LEADING
        out.append(b"ET")
        ops.append(b"\n".join(out))
        y -= PARA_GAP
    new_page()
    if not pages:
        pages.append([])

    objects = []  # index i -> object number i + 1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    descriptor = add(b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 -225 1000 931] "
                     b"/ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 >>")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 "
               b"/LastChar 255 /Widths [" + b" ".join(b"%d" % w for w in WIDTHS) + b"] /FontDescriptor %d 0 R >>" % descriptor)
    info = add(b"<< /Title " + pdf_string(to_winansi(title)) + b" /Producer (atip bench/make_corpus.py) "
               b"/CreationDate (D:%04d0101000000Z) >>" % year)
    kids = []
    for n, page_ops in enumerate(pages, 1):
        footer = b"BT /F1 9 Tf 0 Tw 1 0 0 1 %.2f 40 Tm (- %d -) Tj ET" % (PAGE_W / 2 - 10, n)
        data = zlib.compress(b"\n".join(page_ops + [footer]), 6)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
                        b"/Contents %d 0 R >>" % (pages_obj, PAGE_W, PAGE_H, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, info, xref)
    with open(path, "wb") as f:
        f.write(out)
    return len(pages)


def write_txt(path, title, blocks):
    import textwrap
    parts, lines_on_page = [title.upper(), ""], 0
    for kind, text in blocks:
        body = text.upper() if kind == "heading" else textwrap.fill(text, 88, break_long_words=False, break_on_hyphens=False)
        n = body.count("\n") + 2
        if lines_on_page + n > 60:
            parts.append("\f")
            lines_on_page = 0
        parts += [body, ""]
        lines_on_page += n
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


# ---------------------------------------------------------------------------------------------
# Plausible documents

JURISDICTIONS = {
    "en": ["US", "CA", "JM", "TT", "BS", "BB", "GY", "BZ", "AG", "LC", "VC", "GD", "KN", "DM", "INT"],
    "es": ["MX", "CL", "PE", "AR", "CO", "GT", "HN", "SV", "CR", "PA", "EC", "BO", "PY", "UY", "DO", "VE", "NI", "INT"],
    "pt": ["BR", "INT"],
    "fr": ["CA", "HT", "INT"],
}
TYPES = [("law", 40), ("treaty", 12), ("model-law", 4), ("report", 22), ("resolution", 8), ("work-plan", 6),
         ("conclusions", 4), ("activities", 4)]
ARTICLE_TYPES = {"law", "treaty", "model-law"}
LABEL = {"en": "Article", "es": "Artículo", "pt": "Artigo", "fr": "Article"}
CHAPTER = {"en": "CHAPTER", "es": "CAPÍTULO", "pt": "CAPÍTULO", "fr": "CHAPITRE"}
TITLES = {
    "en": {"law": "{j} Act No. {n} of {y} on the Prevention of Trafficking in Persons",
           "treaty": "Convention on Cooperation against Trafficking in Persons ({y}), text {n}",
           "model-law": "Model Law on Trafficking in Persons and Protection of Victims ({y}), draft {n}",
           "report": "Report on the Implementation of the Work Plan against Trafficking in Persons, {j} {y}-{n}",
           "resolution": "Resolution {n}/{y} on Trafficking in Persons in the Americas",
           "work-plan": "Work Plan against Trafficking in Persons {y}-{y2} ({j}, No. {n})",
           "conclusions": "Conclusions and Recommendations of the Meeting of National Authorities, {y} ({n})",
           "activities": "Activities of the Anti-Trafficking Section, {y}, bulletin {n}"},
    "es": {"law": "Ley {n} de {y} sobre la Trata de Personas ({j})",
           "treaty": "Convención de Cooperación contra la Trata de Personas ({y}), texto {n}",
           "model-law": "Ley Modelo sobre Trata de Personas y Protección de Víctimas ({y}), proyecto {n}",
           "report": "Informe sobre la Aplicación del Plan de Trabajo contra la Trata de Personas, {j} {y}-{n}",
           "resolution": "Resolución {n}/{y} sobre la Trata de Personas en las Américas",
           "work-plan": "Plan de Trabajo contra la Trata de Personas {y}-{y2} ({j}, n.º {n})",
           "conclusions": "Conclusiones y Recomendaciones de la Reunión de Autoridades Nacionales, {y} ({n})",
           "activities": "Actividades de la Sección contra la Trata de Personas, {y}, boletín {n}"},
    "pt": {"law": "Lei nº {n} de {y} sobre o Tráfico de Pessoas ({j})",
           "treaty": "Convenção de Cooperação contra o Tráfico de Pessoas ({y}), texto {n}",
           "model-law": "Lei Modelo sobre Tráfico de Pessoas e Proteção das Vítimas ({y}), projeto {n}",
           "report": "Relatório sobre a Implementação do Plano de Trabalho contra o Tráfico de Pessoas, {j} {y}-{n}",
           "resolution": "Resolução {n}/{y} sobre o Tráfico de Pessoas nas Américas",
           "work-plan": "Plano de Trabalho contra o Tráfico de Pessoas {y}-{y2} ({j}, nº {n})",
           "conclusions": "Conclusões e Recomendações da Reunião de Autoridades Nacionais, {y} ({n})",
           "activities": "Atividades da Seção contra o Tráfico de Pessoas, {y}, boletim {n}"},
    "fr": {"law": "Loi n° {n} de {y} sur la Traite des Personnes ({j})",
           "treaty": "Convention de Coopération contre la Traite des Personnes ({y}), texte {n}",
           "model-law": "Loi type sur la Traite des Personnes et la Protection des Victimes ({y}), projet {n}",
           "report": "Rapport sur la Mise en Oeuvre du Plan de Travail contre la Traite des Personnes, {j} {y}-{n}",
           "resolution": "Résolution {n}/{y} sur la Traite des Personnes dans les Amériques",
           "work-plan": "Plan de Travail contre la Traite des Personnes {y}-{y2} ({j}, n° {n})",
           "conclusions": "Conclusions et Recommandations de la Réunion des Autorités Nationales, {y} ({n})",
           "activities": "Activités de la Section contre la Traite des Personnes, {y}, bulletin {n}"},
}
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
         (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n):
    out = ""
    for v, s in ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


def passage_text(rng, sentences):
    k = rng.choices([1, 2, 3, 4, 5, 6], weights=[10, 25, 30, 20, 10, 5])[0]
    parts, size = [], 0
    for _ in range(k):
        s = rng.choice(sentences)
        if parts and size + len(s) > 1800:
            break
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf-share", type=float, default=0.3, help="share of documents written as PDF (default 0.3)")
    ap.add_argument("--source", action="append", help="real corpus folder (repeatable)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    sources = args.source or [s for s in DEFAULT_SOURCES if os.path.isdir(s)]

    pool, census, chars = load_sentences(sources)
    if not pool:
        sys.exit("make_corpus: no sentences found in " + ", ".join(sources))
    langs = sorted(pool)
    total_chars = sum(chars[l] for l in langs)
    quota = {l: int(round(args.passages * chars[l] / total_chars)) for l in langs}
    quota[max(langs, key=lambda l: chars[l])] += args.passages - sum(quota.values())

    rng = random.Random(args.seed)
    # Plan the documents: sizes drawn per language until each language's quota is filled.
    plan = []
    for lang in langs:
        left = quota[lang]
        while left > 0:
            size = min(left, int(round(rng.lognormvariate(4.6, 0.7))))  # median ~100, mostly 25..400
            size = max(1, min(size, 900))
            plan.append((lang, size))
            left -= size
    rng.shuffle(plan)

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):  # a fresh folder each time
        if name.endswith((".pdf", ".txt")) or name in ("MANIFEST.tsv", ".generated"):
            os.remove(os.path.join(args.out, name))
    rows = ["id\tfile\ttitle\ttype\tjurisdiction\tlanguage\tyear"]
    counts = {l: 0 for l in langs}
    pdfs = txts = pages_total = 0
    text_bytes = 0
    type_names = [t for t, _ in TYPES]
    type_weights = [w for _, w in TYPES]
    for i, (lang, size) in enumerate(plan, 1):
        dtype = rng.choices(type_names, weights=type_weights)[0]
        jur = "INT" if dtype in ("treaty", "model-law") else rng.choice([j for j in JURISDICTIONS[lang] if j != "INT"] or ["INT"])
        year = rng.randint(1990, 2024)
        title = TITLES[lang][dtype].format(j=jur, y=year, y2=year + 4, n=rng.randint(1, 999))
        doc_id = "gen%d-%06d-%s" % (args.seed, i, lang)
        blocks = []
        articles = dtype in ARTICLE_TYPES
        chapter = 0
        for n in range(1, size + 1):
            if articles and (n == 1 or rng.random() < 0.05):
                chapter += 1
                blocks.append(("heading", "%s %s" % (CHAPTER[lang], roman(chapter))))
            text = passage_text(rng, pool[lang])
            label = ("%s %d. " % (LABEL[lang], n)) if articles else ("%d. " % n)
            blocks.append(("para", label + text))
            text_bytes += len(label.encode()) + len(text.encode())
        counts[lang] += size
        as_pdf = rng.random() < args.pdf_share
        fname = "%s.%s" % (doc_id, "pdf" if as_pdf else "txt")
        path = os.path.join(args.out, fname)
        if as_pdf:
            pages_total += write_pdf(path, title, blocks, year)
            pdfs += 1
        else:
            write_txt(path, title, blocks)
            txts += 1
        rows.append("\t".join([doc_id, fname, title, dtype, jur, lang, str(year)]))
    with open(os.path.join(args.out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    # A hidden stamp (indexers skip dot files): what was generated, for scripts and caches.
    with open(os.path.join(args.out, ".generated"), "w", encoding="utf-8") as f:
        f.write("version=%s\nseed=%d\npassages=%d\ndocuments=%d\npdf_documents=%d\npdf_pages=%d\n"
                "text_documents=%d\ntext_bytes=%d\npdf_share=%s\nlanguages=%s\n" % (
                    GENERATOR_VERSION, args.seed, sum(counts.values()), len(plan), pdfs, pages_total, txts, text_bytes,
                    args.pdf_share, ",".join("%s:%d" % (l, counts[l]) for l in langs)))
    if not args.quiet:
        print("make_corpus: %d sentences from %d real documents (%s)" % (
            sum(len(v) for v in pool.values()), len(census), ", ".join("%s %d" % (l, len(pool[l])) for l in langs)))
        print("make_corpus: %d passages in %d documents (%d PDF with %d pages, %d text), %.1f MB of text, seed %d -> %s" % (
            sum(counts.values()), len(plan), pdfs, pages_total, txts, text_bytes / 1e6, args.seed, args.out))
        print("make_corpus: languages " + ", ".join("%s %d (%.1f%%; real corpus %.1f%%)" % (
            l, counts[l], 100.0 * counts[l] / max(1, sum(counts.values())), 100.0 * chars[l] / total_chars) for l in langs))


if __name__ == "__main__":
    main()
