"""The list-API comparison with NetBox 4.7.3 (issue 15's table), in alternating passes.

NetBox's contacts list and the platform's people list, 20,000 records each, 50 rows per page,
token authentication, gunicorn 5 workers x 3 threads on both, same PostgreSQL major version.
Each pass runs ../shared/peers/peer-bench.py (wrk, 3 s warm-up, then --duration s at 1 and 8
connections) first against NetBox, then against the platform; the table gives the median of
the passes and the spread (max - min) of requests per second, and the ratio of the medians.

    python bench/sidebyside.py --spbe-url http://127.0.0.1:8110 --spbe-token TOKEN \\
        --netbox-url http://127.0.0.1:8101 --netbox-auth "$(cat /tmp/peers/netbox/auth-header.txt)"

Reproduction, step by step: bench/README.md ("Side by side with NetBox").
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE.parent.parent / "shared" / "peers"  # ../shared/peers beside the checkout
RESULTS = HERE / "results"
NAMES = ("baseline", "list", "page3", "search")


def spbe_page3(url, headers):
    path = "/api/v1/org/people/?page_size=50"
    for _ in range(2):
        req = urllib.request.Request(url + path, headers=headers)
        nxt = json.load(urllib.request.urlopen(req, timeout=30))["next"]
        parts = urllib.parse.urlsplit(nxt)
        path = f"{parts.path}?{parts.query}"
    return path


def run(peer_bench, url, headers, paths, duration, label):
    out = RESULTS / f"sidebyside-{label}.json"
    cmd = [sys.executable, str(peer_bench), "--url", url, "--duration", str(duration), "--label", label]
    for h in headers:
        cmd += ["--header", h]
    for p in paths:
        cmd += ["--get", p]
    subprocess.run(cmd + ["--json-out", str(out)], check=True, stdout=subprocess.DEVNULL)
    results = json.loads(out.read_text())["results"]
    return {(NAMES[paths.index(r["path"])], r["conns"]): r for r in results}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spbe-url", default="http://127.0.0.1:8110")
    ap.add_argument("--spbe-token", required=True)
    ap.add_argument("--netbox-url", default="http://127.0.0.1:8101")
    ap.add_argument(
        "--netbox-auth", required=True, help='full Authorization header value ("Token ..." / "Bearer ...")'
    )
    ap.add_argument("--q", default="hasan")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--peers", default=str(PEERS))
    args = ap.parse_args()
    peer_bench = Path(args.peers) / "peer-bench.py"
    RESULTS.mkdir(exist_ok=True)
    nb_h = [f"Authorization: {args.netbox_auth}"]
    nb_paths = [
        "/api/status/",
        "/api/tenancy/contacts/?limit=50",
        "/api/tenancy/contacts/?limit=50&offset=100",
        f"/api/tenancy/contacts/?q={args.q}&limit=50",
    ]
    sp_h = [f"Authorization: Token {args.spbe_token}", "X-Forwarded-Proto: https"]
    sp_paths = [
        "/health/",
        "/api/v1/org/people/?page_size=50",
        spbe_page3(args.spbe_url, dict(h.split(": ", 1) for h in sp_h)),
        f"/api/v1/org/people/?q={args.q}&page_size=50",
    ]
    passes = {"netbox": [], "spbe": []}
    for n in range(1, args.passes + 1):
        print(f"[{time.strftime('%H:%M:%S')}] pass {n}: netbox", flush=True)
        passes["netbox"].append(
            run(peer_bench, args.netbox_url, nb_h, nb_paths, args.duration, f"netbox-{n}")
        )
        print(f"[{time.strftime('%H:%M:%S')}] pass {n}: spbe", flush=True)
        passes["spbe"].append(run(peer_bench, args.spbe_url, sp_h, sp_paths, args.duration, f"spbe-{n}"))

    def med(system, key, field):
        values = [p[key][field] for p in passes[system]]
        return statistics.median(values), max(values) - min(values)

    rows = []
    print(
        "\n| request | conns | NetBox req/s (spread) | NetBox p50 ms | platform req/s (spread) | platform p50 ms | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in NAMES:
        for conns in (1, 8):
            key = (name, conns)
            nb, nb_s = med("netbox", key, "rps")
            sp, sp_s = med("spbe", key, "rps")
            nb_p, _ = med("netbox", key, "p50_ms")
            sp_p, _ = med("spbe", key, "p50_ms")
            ratio = sp / nb if nb else 0
            rows.append(
                {
                    "request": name,
                    "conns": conns,
                    "netbox_rps": nb,
                    "netbox_spread": nb_s,
                    "netbox_p50": nb_p,
                    "spbe_rps": sp,
                    "spbe_spread": sp_s,
                    "spbe_p50": sp_p,
                    "ratio": ratio,
                }
            )
            print(
                f"| {name} | {conns} | {nb:.1f} ({nb_s:.1f}) | {nb_p:.0f} | {sp:.1f} ({sp_s:.1f}) | {sp_p:.1f} | {ratio:.1f}x |"
            )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"sidebyside-{stamp}.json").write_text(
        json.dumps({"rows": rows, "passes": args.passes}, indent=1)
    )
    missed = [r for r in rows if r["request"] != "baseline" and r["ratio"] < 10]
    if missed:
        print(
            "below 10x NetBox: "
            + ", ".join(f"{r['request']} c={r['conns']} ({r['ratio']:.1f}x)" for r in missed)
        )
        sys.exit(1)
    print("every list, third page and search at >= 10x NetBox")


if __name__ == "__main__":
    main()
