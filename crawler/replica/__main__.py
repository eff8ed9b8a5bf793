"""`python -m crawler.replica [--port 8000] [--log FILE]`: serve the replica until Ctrl-C."""

from __future__ import annotations

import argparse

from .server import ReplicaServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.replica",
        description="Serve the offline replica of the Nghệ An portal on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    parser.add_argument("--log", metavar="FILE", help="append each request as a JSON line")
    parser.add_argument(
        "--verbose", action="store_true", help="print an access log line per request"
    )
    args = parser.parse_args(argv)
    server = ReplicaServer(port=args.port, log_path=args.log, verbose=args.verbose)
    site = server.site
    print(
        f"Replica serving {len(site.articles)} articles in {len(site.categories)} categories at {server.url}",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
