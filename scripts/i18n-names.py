#!/usr/bin/env python3
"""Names of countries and organizations for the web page, from corpus/countries.xml and
corpus/organizations.xml: every id the indexer can put in a facet gets a name in each interface
language (web/i18n/{en,es,pt,fr}.json, sections "countries" and "orgs"). Names already there are
kept (they may be curated, e.g. an acronym); missing ones get the first name the XML gives in that
language, else in English.

  scripts/i18n-names.py          write the missing names
  scripts/i18n-names.py --check  exit 1, naming them, if any is missing
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["en", "es", "pt", "fr"]


def names(xml_file, element, id_attr):
    tree = ET.parse(xml_file)
    out = {}
    for node in tree.getroot().iter():
        if not node.tag.endswith("}" + element) and node.tag != element:
            continue
        first = {}
        for child in node:
            if child.tag.endswith("name") and child.get("lang") and child.text:
                first.setdefault(child.get("lang"), child.text.strip())
        if first:
            out[node.get(id_attr)] = first
    return out


def main():
    check = "--check" in sys.argv[1:]
    sources = {
        "countries": names(ROOT / "corpus" / "countries.xml", "country", "code"),
        "orgs": names(ROOT / "corpus" / "organizations.xml", "organization", "id"),
    }
    missing = []
    for lang in LANGS:
        path = ROOT / "web" / "i18n" / f"{lang}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for section, entries in sources.items():
            have = data.setdefault(section, {})
            for key, by_lang in sorted(entries.items()):
                if key in have:
                    continue
                missing.append(f"{lang}.json {section}.{key}")
                have[key] = by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()))
                changed = True
        if changed and not check:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if check and missing:
        print("i18n-names: no name for " + ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""), file=sys.stderr)
        print("i18n-names: run scripts/i18n-names.py to add them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
