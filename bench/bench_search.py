"""Benchmark of ``archive.search``: build an archive of synthetic Vietnamese articles
through the store, then time searches of names, phrases, rare and common words, with and
without filters.

    python bench/bench_search.py                   # 100,000 articles, 240 searches
    python bench/bench_search.py --articles 20000 --db /tmp/bench.db

Prints the build time, the database size per article (and the index's share of it), and
the median and 95th percentile of search time in milliseconds, overall and per kind of
query.  The text is made from a fixed vocabulary with a fixed seed, so runs compare.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.search import search
from archive.store import Archive
from crawler.kernel.record import Article


def words(text: str) -> list[str]:
    return text.split()


SURNAMES = words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
                 "Cao Thái Chu Hà Lưu Tạ Trịnh Mai Lương Kiều Quách")
MIDDLES = words("Văn Thị Đức Minh Hữu Quốc Thanh Xuân Ngọc Công Đình Bá Thế Khánh Việt Hồng "
                "Kim Anh Trọng Quang Tiến Thuỷ Thủy")
GIVENS = words("Trung Anh Hùng Dũng Hải Long Tuấn Hương Lan Hoa Hòa Hoà Bình Sơn Thắng Thành "
               "Nam Phong Quân Huy Hiếu Đạt Cường Thảo Nga Hằng Linh Phương Tâm Toàn Lợi Vinh "
               "Chung Thông Quyết Đồng Tú Khoa Thuỷ Thủy Đông Luân Diệp Huệ Lực Tài Trí")
PLACES = ["Vinh", "Cửa Lò", "Thái Hòa", "Thái Hoà", "Hoàng Mai", "Đô Lương", "Diễn Châu",
          "Quỳnh Lưu", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn", "Thanh Chương", "Anh Sơn",
          "Con Cuông", "Tương Dương", "Kỳ Sơn", "Quế Phong", "Quỳ Châu", "Quỳ Hợp",
          "Nghĩa Đàn", "Tân Kỳ", "Yên Thành", "Hoà Bình", "Hòa Bình", "Hà Tĩnh", "Thanh Hóa",
          "Thanh Hoá", "Hà Nội", "Đà Nẵng", "Bản Mồng", "Khe Bố", "Pù Mát"]
PHRASES = ["Ủy ban nhân dân tỉnh", "Hội đồng nhân dân", "Ban Thường vụ Tỉnh ủy",
           "xây dựng nông thôn mới", "chuyển đổi số", "phòng chống dịch bệnh",
           "cải cách hành chính", "giảm nghèo bền vững", "công trình thủy lợi",
           "công trình thuỷ lợi", "an toàn giao thông", "phát triển kinh tế xã hội",
           "thu hút đầu tư", "bảo vệ môi trường", "đồng bào dân tộc thiểu số",
           "quốc phòng an ninh", "giải phóng mặt bằng", "khu kinh tế Đông Nam",
           "Đại hội Đảng bộ", "chương trình mục tiêu quốc gia", "hợp tác xã",
           "phòng chống thiên tai", "sản xuất nông nghiệp", "y tế cơ sở",
           "giáo dục và đào tạo", "văn hóa thể thao và du lịch", "văn hoá thể thao và du lịch",
           "doanh nghiệp nhỏ và vừa", "chỉ số năng lực cạnh tranh", "kỷ niệm ngày thành lập"]
WORDS = words("tỉnh huyện xã thị trấn thành phố đồng chí lãnh đạo cán bộ nhân dân hội nghị "
              "triển khai thực hiện kế hoạch nhiệm vụ giải pháp năm tháng quý công tác kết quả "
              "đánh giá chỉ đạo tổ chức đoàn kiểm tra giám sát báo cáo tình hình phát triển "
              "kinh tế xã hội văn hóa giáo dục y tế nông nghiệp công nghiệp dịch vụ du lịch "
              "đầu tư dự án vốn ngân sách thu chi sản xuất lúa ngô sắn mía chè cam bưởi lợn bò "
              "gà thủy sản rừng trồng đất đai tài nguyên môi trường khoáng sản điện đường cầu "
              "trường học bệnh viện trạm người dân hộ nghèo gia đình chính sách an sinh việc làm "
              "lao động thanh niên phụ nữ cựu chiến binh nông dân mặt trận tổ quốc đảng viên "
              "chi bộ đảng bộ chính quyền pháp luật tuyên truyền vận động học tập làm theo "
              "tư tưởng đạo đức phong cách Hồ Chí Minh biên giới Lào hợp tác hữu nghị ký kết "
              "biên bản ghi nhớ tiếp đón thăm làm việc trao tặng quà học bổng khen thưởng bằng "
              "khen danh hiệu thi đua yêu nước điển hình tiên tiến sáng kiến khó khăn vướng mắc "
              "đề xuất kiến nghị tháo gỡ tiến độ chất lượng hiệu quả bền vững đổi mới sáng tạo "
              "khởi nghiệp số hóa trực tuyến dịch vụ công mức độ hồ sơ thủ tục hành chính một "
              "cửa liên thông mưa lũ hạn hán sạt lở khắc phục hậu quả cứu trợ an toàn vệ sinh "
              "thực phẩm tiêm chủng vắc xin khám chữa bệnh bảo hiểm y tế xã hội người cao tuổi "
              "trẻ em học sinh sinh viên giáo viên thầy cô thi tốt nghiệp tuyển sinh lễ hội "
              "truyền thống di tích lịch sử văn hóa dân ca ví giặm di sản nghệ thuật biểu diễn "
              "thể thao giải bóng đá vận động viên huy chương vàng bạc đồng")
# Rarer subjects, searched as phrases: one article in fifty mentions one of them.
RARE = ["khảo cổ học", "thiên thạch", "tê tê", "voọc chà vá", "sao la", "kỳ lân", "cồng chiêng",
        "thổ cẩm", "nhuộm chàm", "rượu cần", "ống nứa", "bè mảng", "giếng cổ", "trống đồng",
        "sắc phong", "hoành phi", "câu đối", "mộ cổ", "bia đá", "hang động"]
CATEGORIES = ["Tin tức - Sự kiện", "Chính trị", "Kinh tế", "Văn hóa - Xã hội",
              "Quốc phòng - An ninh", "Giáo dục", "Y tế", "Nông nghiệp", "Đối ngoại",
              "Chỉ đạo điều hành", "Thông báo", "Du lịch"]


def zipf_choice(rng: random.Random, items: list, s: float = 1.0) -> Callable[..., list]:
    """A picker that favours the first items, as real text favours a few words and names."""
    cum = list(itertools.accumulate(1 / (i + 1) ** s for i in range(len(items))))
    return lambda k=1: rng.choices(items, cum_weights=cum, k=k)


ONSETS = words("b c ch d đ g gi h kh l m n ng nh ph qu s t th tr v x") + [""]
NUCLEI = words("a ă â e ê i o ô ơ u ư iê uô ươ oa")
CODAS = words("c ch m n ng nh p t i o u") + ["", ""]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def syllables(rng: random.Random, count: int, known: set[str]) -> list[str]:
    """Vietnamese-shaped syllables (onset, marked vowel, coda) for the long tail of the
    vocabulary: a real language has thousands of syllables, most of them rare."""
    out: dict[str, None] = {}
    while len(out) < count:
        coda = rng.choice(CODAS)
        # Syllables closed by a stop take only the sắc or nặng tone.
        tone = rng.choice(TONES[2::3] if coda in ("c", "ch", "p", "t") else TONES)
        nucleus = rng.choice(NUCLEI)
        marked = nucleus[:-1] + unicodedata.normalize("NFC", nucleus[-1] + tone)
        syllable = unicodedata.normalize("NFC", rng.choice(ONSETS) + marked + coda)
        if syllable not in known:
            out[syllable] = None
    return list(out)


class Corpus:
    """Synthetic articles: sentences drawn from a pool, plus names and places per article."""

    def __init__(self, seed: int = 7, pool: int = 20_000):
        rng = self.rng = random.Random(seed)
        self.names = [f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"
                      for _ in range(3_000)]
        self.pick_name = zipf_choice(rng, self.names, 0.9)
        self.vocabulary = list(dict.fromkeys(WORDS))
        self.vocabulary += syllables(rng, 6_000, set(self.vocabulary))
        self.pick_word = zipf_choice(rng, self.vocabulary, 1.0)
        self.pick_place = zipf_choice(rng, PLACES, 0.8)
        self.sentences = [self._sentence() for _ in range(pool)]

    def _sentence(self) -> str:
        rng = self.rng
        parts = self.pick_word(rng.randint(10, 24))
        if rng.random() < 0.15:
            parts.insert(rng.randrange(len(parts)), rng.choice(PHRASES))
        if rng.random() < 0.08:
            parts.insert(rng.randrange(len(parts)), self.pick_place()[0])
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def article(self, n: int) -> Article:
        rng = self.rng
        name = self.pick_name()[0]
        place = self.pick_place()[0]
        body = [rng.choice(self.sentences) for _ in range(rng.randint(18, 40))]
        body.insert(rng.randrange(len(body)),
                    f"Đồng chí {name} đã làm việc tại {place} cùng nhân dân địa phương.")
        if rng.random() < 0.4:
            body.insert(rng.randrange(len(body)), f"Tham dự có ông {self.pick_name()[0]}.")
        if rng.random() < 0.02:
            body.insert(rng.randrange(len(body)), f"Tại {place} có {rng.choice(RARE)}.")
        paragraphs = [" ".join(body[i:i + 4]) for i in range(0, len(body), 4)]
        title = " ".join(self.pick_word(rng.randint(5, 10)))
        if rng.random() < 0.3:
            title = f"{rng.choice(PHRASES)} {title}"
        if rng.random() < 0.2:
            title += f" tại {place}"
        year = 2012 + n % 13
        return Article(
            url=f"https://www.nghean.gov.vn/tin-tuc/bai-viet-{n}",
            site="www.nghean.gov.vn",
            article_id=str(n),
            title=title[0].upper() + title[1:],
            summary=rng.choice(self.sentences),
            body="\n".join(paragraphs),
            body_html="".join(f"<p>{p}</p>" for p in paragraphs),
            author=self.pick_name()[0] if rng.random() < 0.7 else None,
            published_at=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                         f"T{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}:00+07:00",
            category=rng.choice(CATEGORIES),
            fetched_at="2026-01-01T00:00:00+00:00",
            parser="vnportal/1",
        )


def build(path: Path, count: int, batch: int = 1_000) -> tuple[float, float]:
    corpus = Corpus()
    archive = Archive(path)
    started = time.perf_counter()
    text_bytes = 0
    for first in range(0, count, batch):
        articles = [corpus.article(n) for n in range(first, min(count, first + batch))]
        text_bytes += sum(len(a.body.encode()) for a in articles)
        archive.store_articles(articles)
        done = first + len(articles)
        if done % 10_000 == 0 or done == count:
            print(f"  {done:>7} articles  {time.perf_counter() - started:6.1f} s",
                  file=sys.stderr)
    archive.db.execute("pragma wal_checkpoint(truncate)")
    archive.close()
    return time.perf_counter() - started, text_bytes / count


def queries(count: int, seed: int = 11) -> list[tuple[str, str, dict]]:
    """(kind, text, options): a fixed mix, each kind about equally often."""
    corpus = Corpus()
    vocabulary = corpus.vocabulary
    rng = random.Random(seed)

    def phrase() -> str:
        parts = rng.choice(corpus.sentences).rstrip(".").split()
        i = rng.randrange(len(parts) - 2)
        return " ".join(parts[i:i + rng.randint(2, 3)])

    def unaccented(text: str) -> str:
        from crawler.kernel.text import fold
        return fold(text)

    kinds = [
        ("name", lambda: (corpus.pick_name()[0], {})),
        ("name, no accents", lambda: (unaccented(corpus.pick_name()[0]), {})),
        ("name, upper case", lambda: (corpus.pick_name()[0].upper(), {})),
        ("place", lambda: (rng.choice(PLACES), {})),
        ("phrase", lambda: (phrase(), {})),
        ("common word", lambda: (rng.choice(vocabulary[:30]), {})),
        ("less common word", lambda: (rng.choice(vocabulary[400:3000]), {})),
        ("rare word", lambda: (rng.choice(RARE), {})),
        ("words, any order", lambda: (" ".join(rng.sample(vocabulary[100:1000], 2)),
                                      {"phrase": False})),
        ("name + since", lambda: (corpus.pick_name()[0],
                                  {"since": f"{rng.randint(2014, 2023)}"})),
        ("phrase + date range", lambda: (rng.choice(PHRASES),
                                         {"since": "2018-01-01", "until": "2019-06-30"})),
        ("common + category", lambda: (rng.choice(vocabulary[:30]),
                                       {"category": rng.choice(CATEGORIES)})),
        ("phrase + category + since", lambda: (rng.choice(PHRASES),
                                               {"category": rng.choice(CATEGORIES),
                                                "since": "2020"})),
        ("exact place", lambda: (rng.choice(PLACES), {"exact": True})),
    ]
    return round_robin(kinds, count)


def round_robin(kinds, count: int) -> list[tuple[str, str, dict]]:
    """(kind, text, options) of ``count`` queries, the kinds taken in turn, each query
    made by its kind's function (which returns its text and options)."""
    out = []
    for i in range(count):
        kind, make = kinds[i % len(kinds)]
        text, options = make()
        out.append((kind, text, options))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_queries(path: Path, count: int) -> None:
    archive = Archive(path)
    db = archive.db
    plan = queries(count)
    for _kind, text, options in plan[:20]:  # warm the page cache as a long-lived server would
        search(db, text, **options)
    times: dict[str, list[float]] = {}
    matches: dict[str, list[int]] = {}
    for kind, text, options in plan:
        started = time.perf_counter()
        hits = search(db, text, **options)
        elapsed = (time.perf_counter() - started) * 1000
        times.setdefault(kind, []).append(elapsed)
        if not hits and kind not in ("exact place",):
            print(f"  no match: {kind}: {text!r} {options}", file=sys.stderr)
    # How many articles each kind matches (unlimited), to show the queries are realistic.
    from archive.search import fts_query
    for kind, text, options in plan[: len({k for k, _, _ in plan}) * 3]:
        match = fts_query(text, phrase=options.get("phrase", True))
        n = db.execute("select count(*) from articles_fts where articles_fts match ?",
                       [match]).fetchone()[0]
        matches.setdefault(kind, []).append(n)
    archive.close()

    every = [t for ts in times.values() for t in ts]
    print(f"\n{len(every)} searches (limit 20): median {statistics.median(every):.1f} ms, "
          f"p95 {percentile(every, 95):.1f} ms, max {max(every):.1f} ms")
    print(f"\n{'kind':<28}{'n':>4}{'median ms':>11}{'p95 ms':>9}   matches (unfiltered)")
    for kind, ts in times.items():
        print(f"{kind:<28}{len(ts):>4}{statistics.median(ts):>11.1f}"
              f"{percentile(ts, 95):>9.1f}   {matches.get(kind, [])}")


def size_report(path: Path, count: int) -> None:
    archive = Archive(path)
    total = os.path.getsize(path)
    by_table = dict(archive.db.execute(
        "select case when name like 'articles_fts%' then 'search index' else 'rest' end,"
        " sum(pgsize) from dbstat group by 1").fetchall())
    archive.close()
    index = by_table.get("search index", 0)
    print(f"database: {total / 1e6:.0f} MB, {total / count / 1024:.1f} KiB per article; "
          f"search index {index / 1e6:.0f} MB ({index / count / 1024:.1f} KiB per article, "
          f"{100 * index / total:.0f}%)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=260)
    parser.add_argument("--db", type=Path,
                        help="Build the archive here and keep it (default: a temporary file). "
                             "An existing file is searched as it is, not rebuilt.")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if path.exists():
            count = Archive(path).db["articles"].count
            print(f"searching the existing {path} ({count} articles)")
        else:
            count = args.articles
            print(f"building {count} articles into {path}")
            seconds, body = build(path, count)
            print(f"built in {seconds:.0f} s ({seconds / count * 1000:.2f} ms per article, "
                  f"bodies {body / 1024:.1f} KiB on average)")
        size_report(path, count)
        run_queries(path, args.queries)


if __name__ == "__main__":
    main()
