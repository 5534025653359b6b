#!/usr/bin/env python3
"""Query latency of Xapian Omega's CGI (`omega`, Debian package xapian-omega) on an omindex index.

Runs the CGI binary directly, as a web server would for each request (a new process that opens
the database), with QUERY_STRING in its environment, ITERATIONS times per query of a mix like
build/bench/search_bench's, and prints one sample per line for bench/bench_table.py:
    section<TAB>row<TAB>column<TAB>value
 - wall p50/p99 ms: the whole CGI request (process start, database open, query, page rendering),
   timed from here (so including the fork/exec of Python's subprocess, about 1 ms);
 - search p50 ms: Omega's own "Search took" figure (the Xapian query alone).

Usage: bench/omega_latency.py --database-dir DIR --db NAME [--iterations 20] [--section NAME]
       [--omega /usr/lib/cgi-bin/omega/omega]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

# (kind, omega parameters): omindex knows no document type or language, so the filter is on the
# MIME type term it does add (T), and "facets only" is that filter without a query.
QUERIES = [
    ("one term", {"P": "victims"}),
    ("one term", {"P": "police"}),
    ("two terms", {"P": "border controls"}),
    ("two terms", {"P": "forced labour"}),
    ("phrase", {"P": '"trafficking in persons"'}),
    ("phrase", {"P": '"national point of contact"'}),
    ("filters", {"P": "victims", "B": "Tapplication/pdf"}),
    ("filters", {"P": "protection", "B": "Ttext/plain"}),
    ("facets only", {"P": "", "B": "Tapplication/pdf"}),
    ("cross-language", {"P": "trata de personas"}),
    ("cross-language", {"P": "traite des personnes"}),
]


def percentile(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--database-dir", required=True, help="folder that holds the omindex database(s)")
    ap.add_argument("--db", default="default", help="database name inside --database-dir")
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--section", default="omega CGI")
    ap.add_argument("--omega", default="/usr/lib/cgi-bin/omega/omega")
    args = ap.parse_args()
    if not os.access(args.omega, os.X_OK):
        sys.exit("omega_latency: %s missing (apt-get install xapian-omega)" % args.omega)

    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "omega.conf")
        with open(conf, "w") as f:
            f.write("database_dir %s\ntemplate_dir /var/lib/xapian-omega/templates\nlog_dir %s\n" %
                    (os.path.abspath(args.database_dir), tmp))
        base_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMEGA_CONFIG_FILE": conf,
                    "REQUEST_METHOD": "GET", "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_NAME": "localhost"}
        kinds = []
        wall, search = {}, {}
        # Warm the page cache and check that the queries find something.
        for kind, params in QUERIES:
            q = urllib.parse.urlencode(dict(params, DB=args.db))
            out = subprocess.run([args.omega], env=dict(base_env, QUERY_STRING=q), capture_output=True, check=False)
            if out.returncode != 0 or b"Search took" not in out.stdout:
                sys.exit("omega_latency: omega failed for %s: %s" % (q, out.stderr.decode(errors="replace")[:300]))
            if kind not in kinds:
                kinds.append(kind)
        for _ in range(args.iterations):
            for kind, params in QUERIES:
                q = urllib.parse.urlencode(dict(params, DB=args.db))
                env = dict(base_env, QUERY_STRING=q)
                t = time.perf_counter()
                out = subprocess.run([args.omega], env=env, capture_output=True, check=False)
                ms = (time.perf_counter() - t) * 1000
                wall.setdefault(kind, []).append(ms)
                m = re.search(rb"Search took ([0-9.]+) seconds", out.stdout)
                if m:
                    search.setdefault(kind, []).append(float(m.group(1)) * 1000)
        everything_wall = [x for k in kinds for x in wall[k]]
        everything_search = [x for k in kinds for x in search.get(k, [])]
        for kind, w, s in [(k, wall[k], search.get(k, [])) for k in kinds] + [("all", everything_wall, everything_search)]:
            print("%s\t%s\twall p50 ms\t%.3f" % (args.section, kind, percentile(w, 0.5)))
            print("%s\t%s\twall p99 ms\t%.3f" % (args.section, kind, percentile(w, 0.99)))
            if s:
                print("%s\t%s\tsearch p50 ms\t%.3f" % (args.section, kind, percentile(s, 0.5)))
                print("%s\t%s\tsearch p99 ms\t%.3f" % (args.section, kind, percentile(s, 0.99)))


if __name__ == "__main__":
    main()
