"""The fallback parser's vocabulary (parsers.generic): the selector strings of the body,
title, byline, credit, date, breadcrumb and tag elements of common systems; the class and
id words of the lead, of chrome, of other people's boxes, of the site's name and of hidden
elements; the tags that are never text, the containers, inline elements and blocks; the
labels of boxes and the patterns of tool, date, meta and byline lines; and the thresholds
the body is weighed and a listing is told by.
"""

from __future__ import annotations

import re

from ..kernel.dates import MONTH_NAMES
from ..kernel.text import fold
from .boxes import OTHER_BOX_LABELS, RELATED_LABELS
from .page import BLOCK_TAGS

# --- selectors --------------------------------------------------------------------------
# Written as "tag", ".class", "tag.class", "*part" (a class containing "part"), one
# descendant step (".author .fn"), or an attribute selector (passed to cssselect).

# Body containers of common systems (schema.org microdata, Drupal 7-10, WordPress, Blogger,
# Liferay, SharePoint, Ghost, Vietnamese news CMSes).  Candidates only: see body_element.
BODY = ("[itemprop~=articleBody]", ".field--name-body", ".field-name-body", ".post-body",
        ".entry-content", ".journal-content-article", ".ms-rtestate-field", ".gh-content",
        ".td-post-content", ".article-body", ".article__body", ".article-content",
        ".post-content", ".news-content", ".detail-content", ".detail__content",
        ".singular-content", ".fck_detail", ".content-detail", ".noi-dung", ".noidung",
        ".govspeak")
# Headline elements: candidates for the title, matched against <title> and og:title.
TITLE = ("h1", "[itemprop=headline]", "h2", "h3", "*title", "*Title", "*tieude", "*TieuDe", "*tieu-de",
         "*headline", "span.Head", "[data-testid=storyTitle]")
# The lead (sapo) by its class or id: sapo, summary, lead, tóm tắt, mô tả, chapeau, excerpt.
LEAD_ATTR = re.compile(
    r"sapo|summary|tomtat|tom-tat|trichdan|trich-dan|chapeau|standfirst|excerpt|subtitle"
    r"|introtext|intro-text|hometext|mo-ta"
    r"|(?:^|[^a-z])(?:lead|desc|description|intro|teaser|mota|sub|deck|dek)(?:[^a-z]|$)",
    re.IGNORECASE)
# Bylines, most specific first.  Matches in comments and side boxes are skipped.
AUTHOR = ("[itemprop=author] [itemprop=name]", "[itemprop=author]",
          ".field--name-field-tac-gia .field__item", ".field-name-field-tac-gia",
          "[data-testid=byline-name]", "[data-testid=authorName]", "a[rel=author]",
          ".author-name", ".post-author a", ".td-post-author-name a", ".author-info .name",
          ".author .fn", ".fn", ".article__author", ".post-author", ".author", ".tacgia",
          ".tac-gia", ".field-name-field-byline", ".byline", ".post-byline", ".article-byline",
          ".entry-byline", "*author-name a", "*author-name",
          "[href*='/author/']", "[href*='/tac-gia/']", "*author a", "*Author a", "*author",
          "*Author",
          # Drupal's "submitted by": the posting account, after any byline field of its own
          # (the last ACCOUNT_SELECTORS)
          ".field--name-uid [property='schema:name']", ".submitted .username",
          ".node__meta .username")
ACCOUNT_SELECTORS = 3
# A credit printed in a field of its own ("Nguồn: Báo Nghệ An") rather than under the body.
SOURCE = (".field--name-field-nguon .field__item", ".field-name-field-nguon",
          ".field--name-field-source .field__item", ".news-source", ".nguon", ".nguon-tin",
          # tagDiv's Newspaper theme: "Nguồn"/"Source", then "Via", each in a box of its own
          ".td-post-source-via .td-post-small-box")
# Date boxes, read only inside the article (side boxes and related lists have dates too);
# the published date before the modified one.
DATE = ("[itemprop=datePublished]", "time.published", "abbr.published", "time.entry-date",
        "time", ".published", "*date", "*Date", "*time", "*ngay", "*publish")
# Machine-readable publish dates outside JSON-LD and meta (Drupal's RDFa, Blogger's abbr).
# RDFa names its properties as words of one attribute (Drupal 7: "dc:date dc:created").
STRUCTURED_DATE = ("[property~='schema:dateCreated'][content]", "[property~='dc:date'][content]",
                   "[itemprop=datePublished][datetime]", "[itemprop=datePublished][content]",
                   "[itemprop=datePublished][title]")
DATE_META = ("article:published_time", "pubdate", "datepublished", "dc.date.issued",
             "govuk:first-published-at", "publish-date", "date")
# schema.org's trail and a trail's items first: the page's own, unlinked, included (the
# category, when the trail stops there; the title, which is not taken).
BREADCRUMB = ("[itemtype*=BreadcrumbList] [itemprop=name]", ".breadcrumb li", ".breadcrumb a",
              ".breadcrumbs a", "[aria-label*=readcrumb] a", ".crumbs a", "a.Breadcrumb",
              ".entry-crumbs a", ".dt-breadcrumb a", "*breadcrumb a", ".pathbar a", ".path a",
              ".duongdan a", "[id=breadcrumb] a")
# The category the article's own meta line links ("Chuyên mục: <a>Kinh tế</a>"): EasyDNN
# News, WordPress themes without a trail, schema.org's articleSection.
CATEGORY_LINK = (".edn_category a", ".edn_categories a", ".edn_articleCategories a", ".cat-links a",
                 "[itemprop=articleSection]",
                 # Joomla's article info: <dd class="category-name">, its link itemprop=genre
                 "dd.category-name a", "a[itemprop=genre]",
                 # a theme's block named the BEM way: 2sxc's "app-news-details__category"
                 "[class*=__category]:not([class*=__categories]) > a",
                 # the link after a folder's icon in the line under the title
                 "[class*=folder] + a",
                 "a[rel~=category]",  # WordPress's "category tag" link (its AMP reader's too)
                 # Drupal's taxonomy field for the section (9's "field--name-", 7's "field-name-")
                 "[class*=field-danh-muc] a", "[class*=field-chuyen-muc] a",
                 "[class*=field-category] a")
# Last, the menu's item a theme marks as the page's section: Liferay's <li class="selected">
# in its navigation, WordPress's current-post-ancestor.
MENU_CATEGORY = ("nav li.selected > a", "li.current-post-ancestor > a", "li.current-menu-parent > a")
TAGS = (".tags a", "*tags a", "*Tags a", ".field--name-field-tags a",
        ".field-name-field-tags a", "a[rel=tag]", ".post-labels a", ".keywords a",
        ".detail-tab a", ".box-tag a")

# Class or id words of chrome.  Substrings for words no content class contains; whole
# words for short ones ("nav", "ads", "tag") that occur inside longer innocent words.
NOISE_ATTR = re.compile(
    r"comment|binh-?luan|y-?kien|disqus|sidebar|relate|lien-?quan|tin-?khac|share|sharing"
    r"|social|breadcrumb|footer|copyright|advert|adspot|quang-?cao|popular|xem-?nhieu"
    r"|mostread|most-read|trending|recommend|read-?more|newsletter|subscribe|cookie"
    r"|pagination|pagenav|navigation|toolbar|feedback|samecat|same-cat|cung-?chuyen-?muc"
    r"|author-?box|author-?bio|about-?(?:the-?)?author|bio-?box"
    r"|(?:^|[^a-z])(?:nav|navbar|menu|ads|ad|tags?|tools?|other|banner|crumbs|labels|pager"
    r"|search|login|respond|reply|rating|hotline|poll)(?:[^a-z]|$)", re.IGNORECASE)
NOISE_ELEMENTS = {"nav", "aside", "footer"}
NOISE_ROLES = {"navigation", "complementary", "contentinfo", "banner", "search"}
# Where a byline is someone else's: comments, side boxes, related teasers.  (An article's
# own footer is chrome for the body but often holds its byline: Blogger's post-footer.)
OTHERS_ATTR = re.compile(r"comment|binh-?luan|respond|reply|sidebar|relate|lien-?quan"
                         r"|popular|profile", re.IGNORECASE)
# The site's own name, set as a heading in the banner: never an article's title.
SITE_ATTR = re.compile(r"site-?title|site-?name|site-branding|masthead|logo|brand|blog-name",
                       re.IGNORECASE)
HIDDEN_ATTR = re.compile(r"(?:^|\s)(?:hidden|visually-hidden|element-invisible|sr-only"
                         r"|screen-reader-text|rdf-meta|element-hidden)(?:\s|$)")
# Never text: walked past without a look.
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
             "select", "option", "textarea", "button", "input", "head", "title", "meta",
             "link", "map", "canvas", "video", "audio", "picture", "source"}
# Dropped from a body copy: never text (iframes, objects and <picture> stay: attachments
# and images live there).
DROPPED_TAGS = SKIP_TAGS - {"iframe", "object", "embed", "picture", "source"}
# Elements that may hold the body.
CONTAINERS = {"div", "td", "th", "article", "section", "main", "body", "center", "blockquote",
              "span", "font", "form", "dd", "li", "tbody", "table", "tr"}
# Inline elements: a <br> inside them still splits the paragraph they are part of.
INLINE = {"span", "font", "b", "strong", "i", "em", "u", "a", "small", "big", "sub", "sup",
          "abbr", "cite", "q", "mark", "s", "strike", "code", "tt", "label", "time", "o:p"}
BLOCKS = BLOCK_TAGS | {"center", "main", "figure"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# --- labels and patterns ----------------------------------------------------------------

# Headings of boxes that end the article's text (related and other lists, comments, tags).
BOX_LABELS = {fold(x) for x in (
    *RELATED_LABELS, *OTHER_BOX_LABELS, "tin đã đưa", "các tin đã đưa",
    "cùng chuyên mục", "đọc thêm", "xem thêm", "bài đọc thêm", "tin bài khác", "video khác",
    "bình luận", "ý kiến", "ý kiến bạn đọc", "gửi ý kiến", "gửi bình luận", "viết bình luận",
    "thêm bình luận", "nhận xét", "từ khóa", "tags", "tag", "nhãn", "chia sẻ",
    "related", "related articles", "related content", "related posts", "more on this story",
    "read more", "you may also like", "more from author", "latest news", "most read",
    "popular", "leave a reply", "comments", "share this", "share")}
# Lines that are the page's tools, not its text.
_TOOL = (r"(?:in bài(?: viết)?|in trang|in|gửi email|gửi cho bạn bè|quay lại|trở về|về đầu trang"
         r"|lên đầu trang|chia sẻ|lưu|sao chép liên kết|cỡ chữ|bản in|print|share|email|save"
         r"|back to [\w ]+|###|-*\s*advertisement\s*-*|quảng cáo|a-|a\+)")
TOOL_LINE = re.compile(rf"^(?:[\[(]?\s*{_TOOL}\s*[\])]?\s*[:|/·-]?\s*)+$", re.IGNORECASE)
# Words of a date line besides the date: "Thứ Ba, 12/03/2024 - 08:15", "Cập nhật lúc ...".
DATE_WORDS = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|t[2-7]|cn|ngày|tháng|năm|lúc|giờ|phút"
    r"|cập nhật|đăng|xuất bản|gmt|utc|am|pm|sa|ch|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|published|updated|posted|on|at|date|by)\b", re.IGNORECASE)
META_LINE = re.compile(
    r"^\W*(?:cập nhật|ngày đăng|đăng lúc|đăng ngày|ngày xuất bản|xuất bản|thứ (?:hai|ba|tư|năm"
    r"|sáu|bảy)|chủ nhật|lượt xem|số lượt xem|views?|tác giả|người đăng|người viết|đăng bởi"
    r"|viết bởi|posted|published|updated|last updated|\d+\s*(?:phút đọc|min read|lượt xem))",
    re.IGNORECASE)
# A month's name left in an English date line ("Published June 3, 2024").
_MONTH_WORD = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.IGNORECASE)
# Inline "see also" links inside a text, not a listing's teasers.
# The site's credit line under a page's text ("Bản quyền © 2009 UBND huyện ...", "Ghi rõ
# nguồn khi phát hành lại thông tin từ website này"): the footer, where a hand-made page
# puts it in the same cell as the article.
COPYRIGHT_LINE = re.compile(r"^\W*(?:©|\(c\)|copyright\b|bản quyền\s*(?:©|\(c\)|thuộc|\d{4}))"
                            r"|©\s*\d{4}|ghi rõ nguồn.{0,60}phát hành lại", re.IGNORECASE)
MORE_LINK = re.compile(r"^\W*(?:xem thêm|đọc thêm|xem tiếp|đọc tiếp|read more|see also)",
                       re.IGNORECASE)
# A sentence ends the line, or one ends inside it.
SENTENCE = re.compile(r"[.!?…:;,\"”’)»]\s*$|[.!?…]\s+\S")
# "Tác giả: Lê Minh Tuấn" inside a line of metadata, up to the next separator.
LABELLED_AUTHOR = re.compile(
    r"(?:^|[|•·]\s*)(?:về tác giả|tác giả|người viết|phóng viên|bài và ảnh|bài, ảnh|bài - ảnh"
    r"|tin và ảnh|tin, ảnh|bài|tin|author|written by|about the author)\s*[:：]\s*"
    r"([^|•·\n]+?)\s*(?:[|•·]|\s[-–]\s*(?=\d)|$)", re.IGNORECASE)
ARTICLE_ITEMTYPE = re.compile(r"schema\.org/(?:News|Blog|Reportage|Analysis)?"
                              r"(?:Article|Posting)$", re.IGNORECASE)

MIN_BODY_CHARS = 150
# An element named as the lead (div.chapeau) holding less prose than this is the lead, never
# the body, even when the body's container weighs less for the boxes beside the text.
LEAD_MAX_CHARS = 600
# <br>s are lifted out of at most this many nested inline elements (paragraphize).
MAX_INLINE_DEPTH = 12
# A container whose class says "body" must hold this share of the best-weighed element's
# prose to be taken instead of it.
BODY_SELECTOR_SHARE = 0.6
# Chrome classes mark chrome only on elements holding less of the page's prose than this.
NOISE_MAX_SHARE = 0.5
# A listing: this many one-link lines between its paragraphs, per paragraph.
MIN_TEASERS = 3
TEASERS_PER_PARAGRAPH = 0.6
