#!/usr/bin/env python3
"""Prints samples as tables of "median [min..max]" per cell.

Input lines (stdin or files): section<TAB>row<TAB>column<TAB>value, one sample per line, several
samples (runs) per cell; lines starting with '#' are notes printed under their section.
Sections, rows and columns keep the order in which they first appear.

Usage: bench/bench_table.py SAMPLES.tsv...   (or - for stdin)
"""
import statistics
import sys


def fmt(x):
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 1000:
        return "%.0f" % x
    if a >= 100:
        return "%.1f" % x
    if a >= 10:
        return "%.2f" % x
    return "%.3g" % x if a < 0.01 else "%.2f" % x


def main():
    files = sys.argv[1:] or ["-"]
    sections, notes = {}, {}
    for name in files:
        f = sys.stdin if name == "-" else open(name, encoding="utf-8")
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                sec, _, text = line[1:].partition("\t")
                notes.setdefault(sec.strip(), []).append(text)
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                continue
            sec, row, col, val = parts
            try:
                v = float(val)
            except ValueError:
                continue
            s = sections.setdefault(sec, {"rows": [], "cols": [], "cells": {}})
            if row not in s["rows"]:
                s["rows"].append(row)
            if col not in s["cols"]:
                s["cols"].append(col)
            s["cells"].setdefault((row, col), []).append(v)
    for sec, s in sections.items():
        runs = max(len(v) for v in s["cells"].values())
        print("%s   (median [min..max] of %d run%s)" % (sec, runs, "" if runs == 1 else "s"))
        table = [[""] + s["cols"]]
        for row in s["rows"]:
            cells = [row]
            for col in s["cols"]:
                v = s["cells"].get((row, col))
                if not v:
                    cells.append("-")
                elif len(v) == 1 or min(v) == max(v):
                    cells.append(fmt(statistics.median(v)))
                else:
                    cells.append("%s [%s..%s]" % (fmt(statistics.median(v)), fmt(min(v)), fmt(max(v))))
            table.append(cells)
        widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
        for r in table:
            print("  " + r[0].ljust(widths[0]) + "  " + "  ".join(c.rjust(w) for c, w in zip(r[1:], widths[1:])))
        for n in notes.get(sec, []):
            print("  " + n)
        print()


if __name__ == "__main__":
    main()
