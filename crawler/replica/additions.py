"""Articles that appear later: new source data for a nightly re-crawl.

`new_articles(n, slugs)` writes `n` articles in the source-data shape for
``build_site(add=...)``: Vietnamese news prose from a few topics and the districts of
Nghệ An, published after the source data's newest time so they head their listings,
with the bylines, date forms and templates the rest of the site shows. Deterministic:
the same arguments give the same articles, and a later batch goes on where the earlier
one stopped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from .source import newest_source_time, to_datetime

NEW_ARTICLE_START_ID = 900001  # above every id of the source data

_PLACES = (
    "huyện Quỳnh Lưu",
    "huyện Diễn Châu",
    "huyện Yên Thành",
    "huyện Đô Lương",
    "huyện Thanh Chương",
    "huyện Nam Đàn",
    "huyện Nghi Lộc",
    "huyện Con Cuông",
    "huyện Tương Dương",
    "huyện Kỳ Sơn",
    "huyện Quế Phong",
    "huyện Anh Sơn",
    "thị xã Hoàng Mai",
    "thị xã Thái Hòa",
    "thành phố Vinh",
)
_AUTHORS = ("Thành Duy", "Mai Hoa", "Hữu Vinh", "Thu Huyền", "Phạm Bằng", "Quang Minh")
_BYLINE_CYCLE = ("div", "div_label", "p_right_strong", None)
_TIMED_FORMATS = ("dmy_hm", "hm_dmy", "weekday", "dash_hms")
# (title, lead, body paragraphs); {place}, {day}, {month} and {n} are filled in per article.
_TOPICS = (
    (
        "Chủ tịch UBND tỉnh kiểm tra tiến độ xây dựng nông thôn mới tại {place}",
        "Ngày {day}/{month}, đồng chí Chủ tịch UBND tỉnh dẫn đầu đoàn công tác kiểm tra tiến độ "
        "xây dựng nông thôn mới tại {place}.",
        (
            "Theo báo cáo, đến nay {place} có {n} xã đạt chuẩn nông thôn mới, trong đó nhiều xã "
            "đạt chuẩn nông thôn mới nâng cao; thu nhập bình quân đầu người tăng khá so với cùng kỳ.",
            "Đoàn đã khảo sát thực tế hệ thống giao thông nội đồng, trường học và nhà văn hóa "
            "tại một số xã đang hoàn thiện các tiêu chí còn lại.",
            "Phát biểu kết luận, Chủ tịch UBND tỉnh đề nghị địa phương <strong>tập trung nguồn "
            "lực</strong>, huy động sự vào cuộc của cả hệ thống chính trị để hoàn thành mục tiêu "
            "đề ra trong năm.",
        ),
    ),
    (
        "Hội nghị triển khai nhiệm vụ cải cách hành chính tại {place}",
        "Sáng {day}/{month}, {place} tổ chức hội nghị triển khai nhiệm vụ cải cách hành chính, "
        "nâng cao chỉ số hài lòng của người dân và doanh nghiệp.",
        (
            "Năm qua, tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt trên {n}%; "
            "việc tiếp nhận hồ sơ trực tuyến được mở rộng tới tất cả các xã, phường, thị trấn.",
            "Tại hội nghị, các đại biểu đã thảo luận những khó khăn trong việc số hóa hồ sơ, "
            "kết quả giải quyết thủ tục hành chính và đề xuất giải pháp tháo gỡ.",
            "Lãnh đạo địa phương yêu cầu các phòng, ban chuyên môn nâng cao tinh thần trách "
            "nhiệm, không để xảy ra tình trạng hồ sơ trễ hẹn, gây phiền hà cho người dân.",
        ),
    ),
    (
        "Sở Nông nghiệp và Phát triển nông thôn hướng dẫn phòng, chống dịch bệnh gia súc tại {place}",
        "Trước diễn biến phức tạp của dịch bệnh trên đàn gia súc, ngày {day}/{month}, Sở Nông "
        "nghiệp và Phát triển nông thôn đã làm việc với {place} về công tác phòng, chống dịch.",
        (
            "Hiện trên địa bàn {place} có khoảng {n} nghìn con gia súc; công tác tiêm phòng đợt "
            "đầu năm đã cơ bản hoàn thành theo kế hoạch.",
            "Đoàn công tác đề nghị địa phương tăng cường kiểm soát việc vận chuyển, buôn bán gia "
            "súc, thực hiện nghiêm việc khai báo khi phát hiện vật nuôi có dấu hiệu mắc bệnh.",
            "Người chăn nuôi được khuyến cáo vệ sinh chuồng trại, phun thuốc khử trùng định kỳ và "
            "<em>không giấu dịch</em>.",
        ),
    ),
    (
        "Khánh thành công trình trường học mới tại {place}",
        "Ngày {day}/{month}, {place} tổ chức lễ khánh thành và đưa vào sử dụng công trình nhà "
        "học ba tầng với tổng mức đầu tư hơn {n} tỷ đồng.",
        (
            "Công trình gồm 12 phòng học và các phòng chức năng, được xây dựng từ nguồn ngân sách "
            "tỉnh và nguồn xã hội hóa, đáp ứng nhu cầu học tập của gần 500 học sinh.",
            "Phát biểu tại buổi lễ, đại diện Sở Giáo dục và Đào tạo ghi nhận sự quan tâm của cấp "
            "ủy, chính quyền địa phương đối với sự nghiệp giáo dục.",
            "Dịp này, nhà trường đã trao tặng học bổng cho các em học sinh có hoàn cảnh khó khăn "
            "vươn lên trong học tập.",
        ),
    ),
    (
        "Thường trực HĐND tỉnh giám sát việc thực hiện chính sách hỗ trợ người có công tại {place}",
        "Ngày {day}/{month}, Thường trực HĐND tỉnh tổ chức đoàn giám sát việc thực hiện các "
        "chính sách hỗ trợ người có công với cách mạng tại {place}.",
        (
            "Qua giám sát, {place} đã chi trả đầy đủ, kịp thời trợ cấp ưu đãi cho hơn {n} trăm "
            "đối tượng người có công; việc hỗ trợ cải thiện nhà ở được thực hiện công khai.",
            "Đoàn giám sát đề nghị địa phương rà soát, giải quyết dứt điểm các hồ sơ tồn đọng, "
            "quan tâm chăm lo đời sống vật chất và tinh thần của gia đình chính sách.",
        ),
    ),
    (
        "Ra quân hưởng ứng Tháng hành động vì môi trường tại {place}",
        "Sáng {day}/{month}, hàng nghìn đoàn viên, thanh niên và người dân {place} tham gia lễ "
        "ra quân hưởng ứng Tháng hành động vì môi trường.",
        (
            "Các lực lượng đã ra quân thu gom rác thải, khơi thông cống rãnh và trồng mới khoảng "
            "{n} trăm cây xanh trên các tuyến đường, khu dân cư.",
            "Ban tổ chức kêu gọi người dân hạn chế sử dụng túi ni lông, phân loại rác thải tại "
            "nguồn, chung tay xây dựng môi trường sống xanh, sạch, đẹp.",
            "Hoạt động sẽ được duy trì thường xuyên vào ngày chủ nhật hằng tuần tại các thôn, "
            "xóm, khối phố.",
        ),
    ),
    (
        "Đối thoại với doanh nghiệp, tháo gỡ khó khăn trong sản xuất kinh doanh tại {place}",
        "Chiều {day}/{month}, lãnh đạo {place} tổ chức hội nghị đối thoại với các doanh nghiệp, "
        "hợp tác xã trên địa bàn.",
        (
            "Tại hội nghị, đại diện {n} doanh nghiệp đã nêu các kiến nghị về thủ tục đất đai, "
            "tiếp cận vốn vay, mặt bằng sản xuất và đào tạo nguồn nhân lực.",
            "Các kiến nghị đã được lãnh đạo các phòng, ban chuyên môn giải đáp trực tiếp; những "
            "nội dung vượt thẩm quyền sẽ được tổng hợp, báo cáo UBND tỉnh.",
            "Địa phương cam kết luôn đồng hành, tạo môi trường đầu tư thuận lợi để doanh nghiệp "
            "yên tâm sản xuất, kinh doanh.",
        ),
    ),
    (
        "Tổ chức Ngày hội văn hóa, thể thao các dân tộc thiểu số tại {place}",
        "Trong hai ngày {day} và {day2}/{month}, {place} tổ chức Ngày hội văn hóa, thể thao các "
        "dân tộc thiểu số với sự tham gia của hơn {n} trăm vận động viên, diễn viên.",
        (
            "Ngày hội gồm các nội dung thi trình diễn trang phục truyền thống, hát dân ca, thi "
            "đẩy gậy, kéo co, bắn nỏ và giới thiệu ẩm thực đặc trưng của đồng bào.",
            "Đây là dịp để bảo tồn, phát huy giá trị văn hóa truyền thống, tăng cường khối đại "
            "đoàn kết các dân tộc trên địa bàn.",
        ),
    ),
)
_CAPTIONS = (
    "Quang cảnh buổi làm việc tại {place}",
    "Đoàn công tác kiểm tra thực tế tại {place}",
    "Các đại biểu tham dự chương trình tại {place}",
)


def new_articles(
    n: int,
    categories: Iterable[str],
    *,
    start_id: int = NEW_ARTICLE_START_ID,
    published_after: datetime | str | None = None,
) -> list[dict[str, Any]]:
    """`n` new articles in the source-data shape, for ``build_site(add=...)``.

    Ids run from `start_id` up (by default above every id of the source data); the
    articles are spread over `categories` (slugs) in turn. Each is published after
    `published_after` (default: the newest published or updated time in the source data):
    from 07:00 the next day on, 47 minutes apart in id order, twelve a day. So they come
    first in their listings, the highest id on top.

    The text is Vietnamese news prose built from a few topics and the districts of Nghệ
    An; titles are unique among ids from NEW_ARTICLE_START_ID up (a suffix "(đợt N)" past
    the 120 topic-district pairs). Bylines, date forms and templates vary as on the rest
    of the site. Deterministic: the same arguments give the same articles.

    For a second batch (the next night), pass ``start_id`` past the first batch and
    ``published_after`` = the first batch's last ``published``.
    """
    slugs = list(categories)
    if n < 0:
        raise ValueError("n must be 0 or more")
    if n and not slugs:
        raise ValueError("new_articles needs at least one category")
    if not 100000 <= start_id <= 999999 - max(n - 1, 0):
        raise ValueError("ids must stay 6-digit numbers")
    after = (
        newest_source_time()
        if published_after is None
        else to_datetime(published_after, "published_after")
    )
    # Office hours from the next morning on: twelve articles a day, 47 minutes apart.
    first_day = datetime.combine(after.date() + timedelta(days=1), time(7, 0))
    return [_new_article(start_id, i, slugs, first_day) for i in range(n)]


def _new_article(start_id: int, i: int, slugs: list[str], first_day: datetime) -> dict[str, Any]:
    """The `i`-th article of a batch starting at `start_id`, published from `first_day` on."""
    published = first_day + timedelta(days=i // 12, minutes=47 * (i % 12))
    # Content follows the id, so a later batch (a higher start_id) goes on where the
    # earlier one stopped instead of repeating its titles.
    j = max(start_id - NEW_ARTICLE_START_ID, 0) + i
    topic = _TOPICS[j % len(_TOPICS)]
    # Places at another stride than the topics: each (topic, place) pair comes once
    # before any repeats, and neighbours are in different districts.
    place = _PLACES[(j // len(_TOPICS) + 2 * j) % len(_PLACES)]
    number = 5 + (j * 7) % 40
    fill = {
        "place": place,
        "day": published.day,
        "day2": (published + timedelta(days=1)).day,
        "month": published.month,
        "n": number,
    }
    title = topic[0].format(**fill)
    combos = len(_TOPICS) * len(_PLACES)
    if j >= combos:
        title += f" (đợt {j // combos + 1})"
    body = [p.format(**fill) for p in topic[2]]
    byline = _BYLINE_CYCLE[j % len(_BYLINE_CYCLE)]
    item: dict[str, Any] = {
        "id": f"{start_id + i:06d}",
        "category": slugs[i % len(slugs)],
        "title": title,
        "published": published.strftime("%Y-%m-%d %H:%M"),
        "date_format": _TIMED_FORMATS[j % len(_TIMED_FORMATS)],
        "lead": topic[1].format(**fill),
        "body": body,
        "layout": ("a", "b", "c")[j % 3],
    }
    if j % 2 == 0:
        caption = _CAPTIONS[j % len(_CAPTIONS)].format(place=place)
        item["images"] = [{"after": 1, "caption": caption}]
    if byline is not None:
        item["author"] = _AUTHORS[j % len(_AUTHORS)]
        item["byline"] = byline
    return item
