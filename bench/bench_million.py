"""A benchmark archive of a million articles, built through the store, as ten months of
nightly crawls of a provincial portal would leave it.

    .venv/bin/python bench/bench_million.py [--articles 1000000] [--db PATH]

Everything is written by ``archive.store.Archive`` (its batches, runs, site reports,
listings, file texts), so the tables, the search indexes and their triggers are exactly
what a crawl makes; only the clock is the benchmark's: the store's ``utcnow`` reads a
simulated night (one run a night from 2025-01-01), so that first-seen days, runs and
version dates spread over months as they would in a real archive.

What it holds (fixed seed, so builds compare):

- 42 sites (the portal, departments, districts), sizes Zipf-like: the portal a quarter of
  the articles, the smallest site a few thousand; a laws register of DOCUMENTS documents;
- run 1 walks the backlog (half the articles, published 2012-2024 in no order), runs
  2..RUNS store each night's news; every stored article has its fetched page (a snapshot);
- about 5% of the articles edited later (a version each), 0.3% gone;
- about 20% with attached files (fetched, their text read and indexed), half with
  images (known, not fetched), 10% citing a document number, most of them in the register.

The archive is kept at --db (default: million.db in the directory GOVNEWS_BENCH_DATA names,
else bench/out/, which git ignores; 22 GB with the word-pair index of schema m015) and
reused when present; an archive built before m015 gets that index when first opened to
write (25 minutes for a million articles here).  Prints the build time and the bytes
per article.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_search import CATEGORIES, PHRASES, PLACES, RARE, Corpus  # noqa: E402

import archive.store as store  # noqa: E402
from archive.extracted import Extracted  # noqa: E402
from crawler.kernel.record import (  # noqa: E402
    Article,
    Attachment,
    DocFile,
    Document,
    FileFetched,
    Gone,
    Image,
    Snapshot,
)

DEFAULT_DB = Path(os.environ.get("GOVNEWS_BENCH_DATA") or ROOT / "bench" / "out") / "million.db"
RUNS = 300
DOCUMENTS = 5_000
REGISTER = "congbao.nghean.gov.vn"
DEPARTMENTS = ("stc skhdt syt sgddt snnptnt stnmt sct sxd sgtvt stttt sldtbxh svhttdl skhcn "
               "snv stp sngv bqlkkt thanhtra bandantoc vpubnd").split()
DISTRICTS = ("vinh cualo thaihoa hoangmai doluong dienchau quynhluu nghiloc hungnguyen namdan "
             "thanhchuong anhson conguong tuongduong kyson quephong quychau quyhop nghiadan "
             "tanky yenthanh").split()
SITES = (["www.nghean.gov.vn"] + [f"{d}.nghean.gov.vn" for d in DEPARTMENTS]
         + [f"{d}.nghean.gov.vn" for d in DISTRICTS])
KINDS = [("Quyết định", "QĐ-UBND"), ("Nghị quyết", "NQ-HĐND"), ("Kế hoạch", "KH-UBND"),
         ("Chỉ thị", "CT-UBND"), ("Thông báo", "TB-UBND"), ("Công văn", "UBND-KT")]
AGENCIES = ["UBND tỉnh Nghệ An", "HĐND tỉnh Nghệ An", "Sở Tài chính", "Sở Y tế",
            "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Phát triển nông thôn"]
EPOCH = datetime(2025, 1, 1, 1, 0, tzinfo=timezone.utc)
CHROME = ("<header><nav>" + "".join(f'<a href="/chuyen-muc/{i}">{c}</a>'
                                    for i, c in enumerate(CATEGORIES)) + "</nav></header>")
FOOTER = ("<footer>Cổng thông tin điện tử tỉnh Nghệ An. Địa chỉ: 16 Trường Thi, thành phố "
          "Vinh. Điện thoại: 0238.3844.555. Giấy phép số 71/GP-TTĐT.</footer>")


class Clock:
    """The store's clock during the build: a simulated instant, moved by the build."""

    def __init__(self):
        self.at = EPOCH

    def now(self) -> str:
        return self.at.replace(microsecond=0).isoformat()

    def tick(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


def cumulative(n: int, s: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


class Portal:
    """Articles and documents of the portal, each made from its number alone (edits
    re-make an article and change it)."""

    def __init__(self, articles: int):
        self.corpus = Corpus()
        self.articles = articles
        self.site_cum = cumulative(len(SITES), 1.0)
        self.name_cum = cumulative(len(self.corpus.names), 0.9)
        self.word_cum = cumulative(len(self.corpus.vocabulary), 1.0)
        self.place_cum = cumulative(len(PLACES), 0.8)
        self.doc_cum = cumulative(DOCUMENTS, 0.8)
        self.backlog = articles // 2

    def _pick(self, rng, items, cum, k=1):
        return rng.choices(items, cum_weights=cum, k=k)

    def site(self, n: int) -> str:
        return self._pick(random.Random(n), SITES, self.site_cum)[0]

    def number(self, d: int) -> str:
        rng = random.Random(10_000_019 + d)
        kind, code = KINDS[d % len(KINDS)]
        year = 2012 + d % 13
        if code.startswith("UBND"):
            return f"{rng.randint(100, 9999)}/{code}"
        return f"{d % 400 + 1}/{year}/{code}"

    def published(self, n: int, rng) -> str:
        if n < self.backlog:
            day = datetime(2012, 1, 1) + timedelta(days=rng.randrange(13 * 365))
        else:
            run = 2 + (n - self.backlog) * (RUNS - 1) // (self.articles - self.backlog)
            day = (EPOCH + timedelta(days=run + 1)).replace(tzinfo=None) - timedelta(days=1)
        return (f"{day:%Y-%m-%d}T{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}:00+07:00")

    def article(self, n: int, edit: int = 0) -> Article:
        rng = random.Random(n * 7919 + 13)
        c = self.corpus
        site = self.site(n)
        name = self._pick(rng, c.names, self.name_cum)[0]
        place = self._pick(rng, PLACES, self.place_cum)[0]
        body = [rng.choice(c.sentences) for _ in range(rng.randint(18, 40))]
        body.insert(rng.randrange(len(body)),
                    f"Đồng chí {name} đã làm việc tại {place} cùng nhân dân địa phương.")
        if rng.random() < 0.4:
            body.insert(rng.randrange(len(body)),
                        f"Tham dự có ông {self._pick(rng, c.names, self.name_cum)[0]}.")
        if rng.random() < 0.02:
            body.insert(rng.randrange(len(body)), f"Tại {place} có {rng.choice(RARE)}.")
        cites = []
        if rng.random() < 0.1:  # most cite a document of the register, some one outside it
            d = (self._pick(rng, range(DOCUMENTS), self.doc_cum)[0] if rng.random() < 0.8
                 else DOCUMENTS + rng.randrange(DOCUMENTS))
            cites = [self.number(d)]
            kind = KINDS[d % len(KINDS)][0]
            body.insert(rng.randrange(len(body)),
                        f"Thực hiện {kind} số {cites[0]} của UBND tỉnh, các ngành đã triển khai.")
        body += [f"Cập nhật lần {edit}: {rng.choice(c.sentences)}"] if edit else []
        paragraphs = [" ".join(body[i:i + 4]) for i in range(0, len(body), 4)]
        title = " ".join(self._pick(rng, c.vocabulary, self.word_cum, rng.randint(5, 10)))
        if rng.random() < 0.3:
            title = f"{rng.choice(PHRASES)} {title}"
        if rng.random() < 0.2:
            title += f" tại {place}"
        title = title[0].upper() + title[1:] + (" (cập nhật)" * min(edit, 1))
        images = [Image(f"https://{site}/uploads/images/{n}-{j}.jpg", f"Ảnh {j + 1}: {place}")
                  for j in range(rng.randint(1, 2))] if rng.random() < 0.5 else []
        attachments = [Attachment(f"https://{site}/uploads/files/{n}-{j}.pdf",
                                  f"Tải về văn bản {j + 1}")
                       for j in range(rng.randint(1, 2))] if rng.random() < 0.2 else []
        return Article(
            url=f"https://{site}/tin-tuc/bai-viet-{n}.html", site=site, article_id=str(n),
            title=title, summary=rng.choice(c.sentences), body="\n".join(paragraphs),
            body_html="".join(f"<p>{p}</p>" for p in paragraphs),
            author=self._pick(rng, c.names, self.name_cum)[0] if rng.random() < 0.7 else None,
            published_at=self.published(n, rng), category=rng.choice(CATEGORIES),
            images=images, attachments=attachments, cites=cites,
            fetched_at=None, parser="vnportal/1")

    def document(self, d: int, edit: int = 0) -> Document:
        rng = random.Random(20_000_003 + d)
        kind = KINDS[d % len(KINDS)][0]
        subject = " ".join(rng.choice(self.corpus.sentences).rstrip(".").split()[:12])
        text = "\n".join(rng.choice(self.corpus.sentences) for _ in range(rng.randint(8, 30)))
        issued = f"{2012 + d % 13}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return Document(
            url=f"https://{REGISTER}/van-ban/{d}", site=REGISTER, number=self.number(d),
            title=f"{kind} về việc {subject}" + (" (sửa đổi)" if edit else ""), kind=kind,
            agency=rng.choice(AGENCIES), issued=issued, effective=issued,
            signer=self._pick(rng, self.corpus.names, self.name_cum)[0],
            summary=rng.choice(self.corpus.sentences), text=text,
            files=[DocFile(f"https://{REGISTER}/uploads/van-ban/{d}-{j}.pdf", f"Tệp {j + 1}")
                   for j in range(rng.randint(1, 2))], parser="congbao/1")

    def file_text(self, url: str) -> str:
        rng = random.Random(url)
        return "\n".join(rng.choice(self.corpus.sentences) for _ in range(rng.randint(6, 24)))


def page(article: Article) -> bytes:
    return (f"<!DOCTYPE html><html lang=vi><head><title>{article.title}</title></head><body>"
            f"{CHROME}<article><h1>{article.title}</h1><p class=sapo>{article.summary}</p>"
            f"{article.body_html}</article>{FOOTER}</body></html>").encode()


def snapshot(url: str, body: bytes, at: str, content_type: str) -> Snapshot:
    return Snapshot(url=url, method="GET", status=200, body=body, fetched_at=at,
                    headers=[("Content-Type", content_type), ("Server", "nginx")])


def fetched_files(urls, at: str) -> tuple[list[Snapshot], list[FileFetched], list]:
    """Snapshots and fetched marks of the files at ``urls`` (small made-up PDFs), and
    their (url, sha256)."""
    snaps, marks, texts = [], [], []
    for url in urls:
        data = b"%PDF-1.4\n% " + url.encode() + b"\n" + hashlib.sha256(url.encode()).digest()
        digest = hashlib.sha256(data).hexdigest()
        snaps.append(snapshot(url, data, at, "application/pdf"))
        marks.append(FileFetched(url=url, status=200, sha256=digest,
                                 content_type="application/pdf", bytes=len(data)))
        texts.append((url, digest))
    return snaps, marks, texts


class Build:
    """The nightly runs, through one ``Archive``."""

    def __init__(self, path: Path, articles: int, clock: Clock):
        self.archive = store.Archive(path)
        self.archive.db.execute("pragma cache_size = -2000000")  # this connection only
        self.portal = Portal(articles)
        self.clock = clock
        self.rng = random.Random(5)

    def store(self, run: int, articles=(), documents=(), gone=(), files=True) -> dict:
        """One batch: the pages, their fetches, the files they link (``files``: fetched
        and read again), their text."""
        now = self.clock.now()
        articles, documents = list(articles), list(documents)
        for a in articles:
            a.fetched_at = now
        for d in documents:
            d.fetched_at = now
        snaps = [snapshot(a.url, page(a), now, "text/html; charset=utf-8") for a in articles]
        snaps += [snapshot(d.url, f"<html><body>{d.title}</body></html>".encode(), now,
                           "text/html; charset=utf-8") for d in documents]
        urls = [x.url for a in articles for x in a.attachments]
        urls += [f.url for d in documents for f in d.files]
        urls = urls if files else []
        file_snaps, marks, texts = fetched_files(urls, now)
        counts = self.archive.store_batch(articles, snaps + file_snaps, list(gone), run,
                                          documents, marks)
        self.archive.store_file_texts([(sha, Extracted(
            "ok", self.portal.file_text(url), kind="pdf", pages=2)) for url, sha in texts])
        if files:
            self.archive.store_listings({a.url: [(f"https://{a.site}/chuyen-muc/"
                                                  f"{CATEGORIES.index(a.category)}", a.category)]
                                         for a in articles})
        self.clock.tick(len(articles) * 0.5 + len(documents) + 1)
        return counts

    def run(self, run: int, new: range, docs: range, edits: int) -> None:
        self.clock.at = EPOCH + timedelta(days=run + 1 if run > 1 else 0)
        archive = self.archive
        run_id = archive.start_run([f"https://{s}" for s in SITES] + [f"https://{REGISTER}"],
                                   {"mode": "full" if run == 1 else "incremental"})
        archive.set_run_mode(run_id, "full" if run == 1 else "incremental")
        counts: dict = {}
        for first in range(new.start, new.stop, 1000):
            batch = range(first, min(new.stop, first + 1000))
            found = self.store(run_id, map(self.portal.article, batch),
                               map(self.portal.document,
                                   docs if first == new.start else ()))
            for k, v in found.items():
                counts[k] = counts.get(k, 0) + v
        if edits:
            picks = sorted(self.rng.sample(range(new.start), edits))
            self.store(run_id, (self.portal.article(n, edit=run) for n in picks),
                       [self.portal.document(self.rng.randrange(docs.start), edit=run)],
                       files=False)
            gone = [Gone(self.portal.article(n).url, "http_404", self.clock.now())
                    for n in self.rng.sample(range(new.start), 10)]
            self.store(run_id, gone=gone)
        self.problems(run_id, new)
        self.finish(run_id, counts)

    def problems(self, run_id: int, new: range) -> None:
        for i in range(self.rng.randint(5, 40)):
            site = self.rng.choice(SITES)
            kind = self.rng.choice(["http_500", "timeout", "parse_incomplete", "http_404"])
            url = f"https://{site}/tin-tuc/loi-{run_id}-{i}.html"
            pending = {"site": site, "listing_url": f"https://{site}/chuyen-muc/0",
                       "category": CATEGORIES[0]} if kind != "http_404" else None
            self.archive.record_problem(run_id, url, kind, f"{kind} at {url}", pending=pending)

    def finish(self, run_id: int, counts: dict) -> None:
        report, health = [], []
        for i, site in enumerate(SITES):
            pages = 40 + (run_id * 7 + i * 13) % 200
            report.append({"site": site, "start": True, "layout": "vnportal/1",
                           "pages": pages, "articles": pages // 2, "status": "ok",
                           "listed": pages * 10})
            health.append({"site": site, "pages": pages, "degraded_fields": [],
                           "shares": {"title": 1.0, "published_at": 0.99, "body": 1.0,
                                      "author": 0.7}})
        self.archive.record_site_runs(run_id, report)
        self.archive.finish_run(
            run_id, "ok", requests=counts.get("new", 0) * 2 + 500,
            articles_new=counts.get("new", 0), articles_updated=counts.get("updated", 0),
            exit_code=0, health=json.dumps({"sites": health}, ensure_ascii=False),
            failed_sites="[]")


def build(path: Path, articles: int) -> float:
    """Build the archive at ``path``; the seconds it took."""
    clock = Clock()
    real = store.utcnow
    store.utcnow = clock.now  # the store's clock is the simulated one during the build
    started = time.perf_counter()
    try:
        b = Build(path, articles, clock)
        backlog, per_run = b.portal.backlog, (articles - b.portal.backlog) / (RUNS - 1)
        doc_backlog = DOCUMENTS * 4 // 5
        later = DOCUMENTS - doc_backlog
        for run in range(1, RUNS + 1):
            new = range(0, backlog) if run == 1 else range(
                backlog + round((run - 2) * per_run), backlog + round((run - 1) * per_run))
            docs = range(0, doc_backlog) if run == 1 else range(
                doc_backlog + (run - 2) * later // (RUNS - 1),
                doc_backlog + (run - 1) * later // (RUNS - 1))
            edits = 0 if run == 1 else round(0.05 * articles / (RUNS - 1))
            b.run(run, new, docs, edits)
            if run == 1 or run % 20 == 0 or run == RUNS:
                print(f"  run {run:>3}: {new.stop:>8} articles "
                      f"{time.perf_counter() - started:7.0f} s", file=sys.stderr)
        b.archive.db.execute("pragma wal_checkpoint(truncate)")
        b.archive.close()
    finally:
        store.utcnow = real
    return time.perf_counter() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    args = parser.parse_args(argv)
    if args.db.exists():
        print(f"{args.db} exists: kept as it is")
    else:
        args.db.parent.mkdir(parents=True, exist_ok=True)
        seconds = build(args.db, args.articles)
        print(f"built {args.articles:,} articles in {seconds:,.0f} s "
              f"({seconds / args.articles * 1000:.2f} ms per article)")
    size = os.path.getsize(args.db)
    print(f"{args.db}: {size / 1e9:.2f} GB, {size / args.articles:,.0f} bytes per article")


if __name__ == "__main__":
    main()
