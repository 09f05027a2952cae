"""The platform beside a peer doing the same work, in alternating passes (issues 11, 12 and 15).

Three comparisons (`--compare`), each against a peer from ../shared/peers (README there):

    people    NetBox 4.7.3's contacts list against the platform's people list (20,000 records):
              list, third page, search `q=hasan`. Aim: 10 x NetBox.
    ipam      NetBox's IP address list against the platform's (NetBox 50,000 addresses from
              netbox-seed.py, the platform 100,000 from bench/infrastructure.py): list, third
              page, addresses within 10.1.0.0/16, and creating addresses (POST, 300 per point).
              Aim: 10 x NetBox on reads, 5 x on writes.
    datasets  CKAN 2.12's action API against the platform's CKAN-compatible one (CKAN 5,000
              datasets from ckan-seed.py, the platform 20,000 from bench/datasets.py):
              package_show and package_list?limit=50. CKAN here has no Solr, so its
              package_search cannot answer and is not compared. Aim: 3 x CKAN.

Each pass runs ../shared/peers/peer-bench.py (wrk, 3 s warm-up, then --duration s at 1 and 8
connections) first against the peer, then against the platform; creates go through
../shared/peers/loadgen.py on fresh /16 blocks. The table gives the median of the passes with
their spread (max - min) and the ratio of the medians; the run exits 1 when a ratio misses the
aim. Both systems run gunicorn with 5 workers x 3 threads; the machine is shared, so only ratios
measured in the same alternating run mean anything.

    python bench/sidebyside.py --compare people --spbe-token TOKEN \\
        --peer-auth "Authorization: $(cat /tmp/peers/netbox/auth-header.txt)"

Reproduction, step by step: bench/README.md ("Side by side with the peers").
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
SPBE_HEADERS = ["X-Forwarded-Proto: https"]
POSTS = 300


def _get_json(url, headers):
    req = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.load(response)


def _follow_next(base, path, headers, times=2):
    """The platform's cursor page reached by following `next` `times` times."""
    for _ in range(times):
        parts = urllib.parse.urlsplit(_get_json(base + path, headers)["next"])
        path = f"{parts.path}?{parts.query}"
    return path


def people(args, spbe_h):
    q = args.q
    peer = {
        "baseline": "/api/status/",
        "list": "/api/tenancy/contacts/?limit=50",
        "page3": "/api/tenancy/contacts/?limit=50&offset=100",
        "search": f"/api/tenancy/contacts/?q={q}&limit=50",
    }
    first = "/api/v1/org/people/?page_size=50"
    spbe = {
        "baseline": "/health/",
        "list": first,
        "page3": _follow_next(args.spbe_url, first, spbe_h),
        "search": f"/api/v1/org/people/?q={q}&page_size=50",
    }
    return peer, spbe, {}, 10.0, None


def ipam(args, spbe_h):
    peer = {
        "baseline": "/api/status/",
        "list": "/api/ipam/ip-addresses/?limit=50",
        "page3": "/api/ipam/ip-addresses/?limit=50&offset=100",
        "within 10.1.0.0/16": "/api/ipam/ip-addresses/?parent=10.1.0.0/16&limit=50",
    }
    first = "/api/v1/infrastructure/addresses/?page_size=50"
    spbe = {
        "baseline": "/health/",
        "list": first,
        "page3": _follow_next(args.spbe_url, first, spbe_h),
        "within 10.1.0.0/16": "/api/v1/infrastructure/addresses/?within=10.1.0.0/16&page_size=50",
    }
    posts = {
        "peer": ("/api/ipam/ip-addresses/", '{{"address": "10.{o2}.{a}.{b}/16", "status": "active"}}'),
        "spbe": ("/api/v1/infrastructure/addresses/", '{{"address": "10.{o2}.{a}.{b}", "status": "active"}}'),
    }
    return peer, spbe, posts, 10.0, 5.0


def datasets(args, spbe_h):
    peer_names = _get_json(args.peer_url + "/api/3/action/package_list?limit=1000", args.peer_auth)["result"]
    spbe_names = _get_json(args.spbe_url + "/api/3/action/package_list?limit=1000", spbe_h)["result"]
    peer = {
        "baseline": "/api/3/action/status_show",
        "package_show": f"/api/3/action/package_show?id={peer_names[len(peer_names) // 2]}",
        "package_list?limit=50": "/api/3/action/package_list?limit=50&offset=1000",
    }
    spbe = {
        "baseline": "/api/3/action/status_show",
        "package_show": f"/api/3/action/package_show?id={spbe_names[len(spbe_names) // 2]}",
        "package_list?limit=50": "/api/3/action/package_list?limit=50&offset=1000",
    }
    return peer, spbe, {}, 3.0, None


COMPARISONS = {
    "people": ("NetBox", "http://127.0.0.1:8101", people),
    "ipam": ("NetBox", "http://127.0.0.1:8101", ipam),
    "datasets": ("CKAN", "http://127.0.0.1:8102", datasets),
}


def run_gets(peer_bench, url, headers, paths, duration, label):
    out = RESULTS / f"sidebyside-{label}.json"
    cmd = [sys.executable, str(peer_bench), "--url", url, "--duration", str(duration), "--label", label]
    for h in headers:
        cmd += ["--header", h]
    for p in paths.values():
        cmd += ["--get", p]
    subprocess.run(cmd + ["--json-out", str(out)], check=True, stdout=subprocess.DEVNULL)
    by_path = {name: path for name, path in paths.items()}
    results = json.loads(out.read_text())["results"]
    found = {}
    for name, path in by_path.items():
        for r in results:
            if r["path"] == path:
                found[(name, r["conns"])] = r
    return found


def free_octet(base, headers, probe, used):
    """A second octet whose 10.x.0.0/16 holds no address yet on that system."""
    for o2 in range(100, 255):
        if o2 in used:
            continue
        answer = _get_json(base + probe.format(o2=o2), headers)
        if not answer.get("results") and not answer.get("count"):
            used.add(o2)
            return o2
    raise SystemExit("no free 10.x.0.0/16 left for the create benchmark")


def run_posts(loadgen, base, headers, path, template, probe, used):
    found = {}
    for conns in (1, 8):
        o2 = free_octet(base, headers, probe, used)
        cmd = [sys.executable, str(loadgen), "post", "--url", base, "--path", path, "-c", str(conns)]
        cmd += ["-n", str(POSTS), "--body-template", template, "--octet", str(o2)]
        for h in headers:
            cmd += ["--header", h]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if result["errors"]:
            shown = [line for line in done.stderr.splitlines() if line.startswith("error:")]
            # A server that recycles its workers (NetBox: --max-requests) closes a kept-alive
            # connection now and then; such a dropped request is counted, not fatal. Anything
            # else the server answered with an error stops the run.
            dropped = shown and all("RemoteDisconnected" in line for line in shown)
            if not dropped or result["errors"] > POSTS // 100:
                raise SystemExit(f"{base}: {result['errors']} failed creates\n{done.stderr[-2000:]}")
            print(f"  {base}: {result['errors']} create(s) dropped by a closed connection (counted)")
        found[("create", conns)] = result
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compare", choices=sorted(COMPARISONS), default="people")
    ap.add_argument("--spbe-url", default="http://127.0.0.1:8110")
    ap.add_argument("--spbe-token", required=True)
    ap.add_argument("--peer-url", help="default: NetBox on 8101, CKAN on 8102")
    ap.add_argument(
        "--peer-auth",
        action="append",
        default=[],
        help='a header for the peer, e.g. "Authorization: Token ..." (repeatable; CKAN needs none)',
    )
    ap.add_argument("--netbox-auth", help="NetBox's Authorization value alone (earlier form of --peer-auth)")
    ap.add_argument("--q", default="hasan")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--peers", default=str(PEERS))
    args = ap.parse_args()
    peer_name, default_url, paths_for = COMPARISONS[args.compare]
    args.peer_url = args.peer_url or default_url
    if args.netbox_auth:
        args.peer_auth.append(f"Authorization: {args.netbox_auth}")
    peer_bench, loadgen = Path(args.peers) / "peer-bench.py", Path(args.peers) / "loadgen.py"
    RESULTS.mkdir(exist_ok=True)
    spbe_h = [f"Authorization: Token {args.spbe_token}", *SPBE_HEADERS]
    peer_paths, spbe_paths, posts, read_aim, write_aim = paths_for(args, spbe_h)
    probes = {
        "peer": "/api/ipam/ip-addresses/?parent=10.{o2}.0.0/16&limit=1&brief=1",
        "spbe": "/api/v1/infrastructure/addresses/?within=10.{o2}.0.0/16&page_size=1",
    }
    used = {"peer": set(), "spbe": set()}
    passes = {"peer": [], "spbe": []}
    systems = {
        "peer": (args.peer_url, args.peer_auth, peer_paths),
        "spbe": (args.spbe_url, spbe_h, spbe_paths),
    }
    for n in range(1, args.passes + 1):
        for side, (url, headers, paths) in systems.items():
            print(
                f"[{time.strftime('%H:%M:%S')}] pass {n}: {peer_name if side == 'peer' else 'platform'}",
                flush=True,
            )
            found = run_gets(peer_bench, url, headers, paths, args.duration, f"{args.compare}-{side}-{n}")
            if posts:
                path, template = posts[side]
                found.update(run_posts(loadgen, url, headers, path, template, probes[side], used[side]))
            passes[side].append(found)

    def med(side, key, field):
        values = [p[key][field] for p in passes[side]]
        return statistics.median(values), max(values) - min(values)

    names = [*peer_paths, *(["create"] if posts else [])]
    rows = []
    print(f"\n{args.compare}: {args.passes} alternating passes, {args.duration} s per read point")
    print(
        f"| request | conns | {peer_name} req/s (spread) | {peer_name} p50 ms "
        "| platform req/s (spread) | platform p50 ms | ratio | aim |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        aim = None if name == "baseline" else write_aim if name == "create" else read_aim
        for conns in (1, 8):
            key = (name, conns)
            peer, peer_spread = med("peer", key, "rps")
            spbe, spbe_spread = med("spbe", key, "rps")
            peer_p50, _ = med("peer", key, "p50_ms")
            spbe_p50, _ = med("spbe", key, "p50_ms")
            ratio = spbe / peer if peer else 0.0
            rows.append(
                {
                    "request": name,
                    "conns": conns,
                    "peer_rps": peer,
                    "peer_spread": peer_spread,
                    "peer_p50": peer_p50,
                    "spbe_rps": spbe,
                    "spbe_spread": spbe_spread,
                    "spbe_p50": spbe_p50,
                    "ratio": ratio,
                    "aim": aim,
                }
            )
            print(
                f"| {name} | {conns} | {peer:.1f} ({peer_spread:.1f}) | {peer_p50:.0f} | {spbe:.1f} ({spbe_spread:.1f}) "
                f"| {spbe_p50:.1f} | {ratio:.1f}x | {f'{aim:g}x' if aim else '-'} |"
            )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"sidebyside-{args.compare}-{stamp}.json").write_text(
        json.dumps(
            {"compare": args.compare, "peer": peer_name, "rows": rows, "passes": args.passes}, indent=1
        )
    )
    missed = [r for r in rows if r["aim"] and r["ratio"] < r["aim"]]
    if missed:
        print(
            f"below the aim against {peer_name}: "
            + ", ".join(f"{r['request']} c={r['conns']} ({r['ratio']:.1f}x of {r['aim']:g}x)" for r in missed)
        )
        sys.exit(1)
    print(f"every compared request at or above its aim against {peer_name}")


if __name__ == "__main__":
    main()
