"""Articles whose text is hostile: what a careless crawler or archive breaks on.

`build_site(hostile=True)` adds `hostile_articles()` to the first category: SQL and
`<script>` as text and a real `<script>` in a body, NUL and BEL raw and as numeric
references and a raw ESC, a lone surrogate reference, bidi controls in a title, and a
paragraph of more than a million characters. `HOSTILE_KINDS` names what each one
carries (the site's "hostile:..." variants); what their records hold follows the rule in
expected.py.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from .source import to_datetime

# Ids of `hostile_articles()` -> what each one carries (the "hostile:..." variants).
HOSTILE_KINDS = {
    "880001": "sql_script",  # SQL and <script> as text, and a real <script> in the body
    "880002": "controls",  # NUL, BEL, ESC raw and as &#0; &#7;, and &#xD800;
    "880003": "bidi",  # U+202E and U+2066..U+2069 in the title (and the body)
    "880004": "long_paragraph",  # one paragraph of more than a million characters
}
LONG_PARAGRAPH_CHARS = 1_000_000

_REPORT_SENTENCES = (
    "Trong năm, tổng sản phẩm trên địa bàn tỉnh tiếp tục tăng trưởng khá, thu ngân sách "
    "vượt dự toán được giao.",
    "Công tác cải cách hành chính được đẩy mạnh, tỷ lệ hồ sơ giải quyết đúng hạn đạt cao.",
    "Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời, đời sống nhân dân "
    "từng bước được cải thiện.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm.",
    "Hệ thống kết cấu hạ tầng giao thông, thủy lợi, đô thị tiếp tục được đầu tư đồng bộ.",
)


def _long_paragraph(min_chars: int = LONG_PARAGRAPH_CHARS) -> str:
    """Vietnamese report prose, numbered item by item, of at least `min_chars` characters."""
    parts: list[str] = []
    size, n = 0, 0
    while size < min_chars:
        sentence = f"Mục {n + 1}: {_REPORT_SENTENCES[n % len(_REPORT_SENTENCES)]}"
        parts.append(sentence)
        size += len(sentence) + 1
        n += 1
    return " ".join(parts)


def _hostile_texts() -> list[dict[str, Any]]:
    """Title, lead, body and layout of each hostile article, in `HOSTILE_KINDS` order."""
    return [
        {
            "title": "Thông báo '; DROP TABLE articles; -- lịch tiếp công dân "
            '<script>alert("x")</script> tháng này',
            "lead": "Ban Tiếp công dân tỉnh thông báo lịch tiếp công dân; nội dung có các ký tự "
            "' \" < > & được giữ nguyên.",
            "body": [
                "Người dân gửi phản ánh với nội dung: '; DROP TABLE articles; -- và đề nghị "
                "cơ quan chức năng xem xét.",
                "Đoạn mã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; được đăng dưới dạng "
                "văn bản, không phải mã chạy.",
                # A real script element inside a paragraph: its text is not the article's.
                'Lịch tiếp công dân <script>var quangCao = "<b>Không phải nội dung bài viết</b>"; '
                "document.title += quangCao.length;</script> được niêm yết tại trụ sở.",
                "Mọi ý kiến xin gửi về hộp thư: admin' OR '1'='1'; SELECT * FROM users; --",
            ],
            "layout": "a",
        },
        {
            "title": "Lưu ý về ký tự điều khiển trong văn bản điện tử gửi cơ quan nhà nước",
            "lead": "Một số văn bản điện tử gửi đến cơ quan nhà nước còn lẫn các ký tự điều "
            "khiển do phần mềm soạn thảo cũ tạo ra.",
            "body": [
                "Văn bản gốc có ký tự rỗng&#0; ở giữa câu và ký tự chuông&#7; ngay sau đó.",
                "Bản sao chép từ phần mềm cũ còn ký tự\x00 rỗng, ký tự\x07 chuông và ký "
                "tự\x1b thoát; hồ sơ vẫn được tiế\x07p nhận bình thường.",
                "Ký tự thay thế &#xD800; xuất hiện khi văn bản bị mã hóa sai.",
            ],
            "layout": "b",
        },
        {
            "title": "Cảnh báo \u202etin giả\u202c về \u2066chương trình\u2069 hỗ trợ "
            "\u2067vay vốn\u2069 \u2068trên mạng xã hội\u2069",
            "lead": "Công an tỉnh cảnh báo người dân về các trang mạng giả mạo chương trình "
            "hỗ trợ vay vốn ưu đãi.",
            "body": [
                "Các đối tượng gửi đường dẫn có tên tệp \u202egpj.exe\u202c để đánh lừa người "
                "nhận rằng đó là một tấm ảnh.",
                "Người dân tuyệt đối không cung cấp mã OTP, \u202bsố tài khoản\u202c hay "
                "mật khẩu cho bất kỳ ai.",
            ],
            "layout": "c",
        },
        {
            "title": "Toàn văn báo cáo tổng kết tình hình kinh tế - xã hội năm của UBND tỉnh",
            "lead": "Cổng thông tin điện tử tỉnh đăng toàn văn báo cáo tổng kết tình hình kinh "
            "tế - xã hội năm để nhân dân theo dõi.",
            "body": [
                "Dưới đây là toàn văn báo cáo.",
                _long_paragraph(),
                "Báo cáo được đăng tải để nhân dân theo dõi, góp ý.",
            ],
            "layout": "a",
        },
    ]


def hostile_articles(category: str, *, published_after: datetime | str) -> list[dict[str, Any]]:
    """The articles of ``build_site(hostile=True)``, in the source-data shape.

    Their text is what a careless crawler or archive breaks on; what their records hold
    follows the rule in expected.py's docstring (controls and bidi controls removed, a
    lone surrogate reference as U+FFFD, <script> elements never text). Body paragraphs
    are HTML fragments, so `&lt;script&gt;` there is text and `<script>` an element; a
    title is plain text, so its `<script>` is text (the page escapes it).
    Published 06:00 the day after `published_after`, ten minutes apart (ids in order).
    """
    after = to_datetime(published_after, "published_after")
    first = datetime.combine(after.date() + timedelta(days=1), time(6, 0))
    raw = _hostile_texts()
    out = []
    for i, (article_id, item) in enumerate(zip(HOSTILE_KINDS, raw)):
        published = first + timedelta(minutes=10 * i)
        out.append(
            {
                "id": article_id,
                "category": category,
                "published": published.strftime("%Y-%m-%d %H:%M"),
                "date_format": "dmy_hm",
                **item,
            }
        )
    return out
