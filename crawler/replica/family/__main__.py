"""`python -m crawler.replica.family [--port 8001] [--log FILE]`: serve the family proxy
until Ctrl-C. Point a crawler at it with `http_proxy=http://127.0.0.1:PORT`."""

from __future__ import annotations

import argparse

from .proxy import FamilyProxy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.replica.family",
        description="Serve the Nghệ An portal family as an HTTP proxy on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=8001, help="port (0 picks a free one)")
    parser.add_argument("--log", metavar="FILE", help="append each request as a JSON line")
    parser.add_argument(
        "--verbose", action="store_true", help="print an access log line per request"
    )
    args = parser.parse_args(argv)
    proxy = FamilyProxy(port=args.port, log_path=args.log, verbose=args.verbose)
    family = proxy.family
    print(
        f"Family proxy for {len(family.sites)} hosts ({len(family.expected_records())} articles) "
        f"at {proxy.url}; use http_proxy={proxy.url}",
        flush=True,
    )
    try:
        proxy.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
