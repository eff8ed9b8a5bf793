"""`python -m crawler.replica.skins --seed N [--port P]`: serve one skinned family as an
HTTP proxy on 127.0.0.1 until Ctrl-C (`curl -x http://127.0.0.1:P http://www.nghean.gov.vn/`)."""

from __future__ import annotations

import argparse
import json

from ..family.proxy import FamilyProxy
from .family import build_skinned_family


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.replica.skins",
        description="Serve the skinned portal family of one seed as an HTTP proxy on 127.0.0.1.",
    )
    parser.add_argument("--seed", type=int, required=True, help="the family's seed")
    parser.add_argument("--port", type=int, default=8001, help="port (0 picks a free one)")
    parser.add_argument("--log", metavar="FILE", help="append each request as a JSON line")
    parser.add_argument("--verbose", action="store_true", help="print an access log line per request")
    parser.add_argument("--describe", action="store_true", help="print what the seed drew and exit")
    args = parser.parse_args(argv)
    family = build_skinned_family(args.seed)
    if args.describe:
        print(json.dumps(family.describe(), ensure_ascii=False, indent=2))
        return 0
    proxy = FamilyProxy(family, port=args.port, log_path=args.log, verbose=args.verbose)
    print(f"Skinned family of seed {args.seed} at {proxy.url}; use http_proxy={proxy.url}", flush=True)
    for host, engine in family.engines.items():
        print(f"  http://{host}/  {engine} ({family.site(host).engine}), "
              f"{len(family.site(host).articles)} articles", flush=True)
    try:
        proxy.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
