"""An article's body and its lead: the body element cleaned of noise, captions, attachment
lines and the signature, its images (with their captions) and attachments collected on the
way (extract_body), the record assembled from it (assemble), and the lead, set apart from
the body by its class (sapo_element) or set in bold as its first paragraph (bold_lead).
"""

from __future__ import annotations

import copy
import re

import lxml.html

from ..kernel.record import Article, Attachment, Image
from ..kernel.text import canonical_url, clean_text, fold, site_of
from .boxes import inline_related_boxes
from .bylines import (
    _BYLINE_LABEL_RE,
    MAX_BYLINE_CHARS,
    SiteNames,
    clean_author,
    credit_of,
    is_org,
    is_outlet,
    join_authors,
    names_people,
    read_signature,
    signed_by,
)
from .links import (
    article_id_from_url,
    collect_attachments,
    img_src,
    is_file_link,
)
from .page import (
    BLOCK_TAGS,
    NOISE_TAGS,
    _style,
    _within,
    block_lines,
    has_text,
    is_all_bold,
    is_all_italic,
    text_of,
    xp,
)

# --- body -------------------------------------------------------------------------------

ATTACHMENT_LABELS = ("file đính kèm", "tệp đính kèm", "tập tin đính kèm", "văn bản đính kèm",
                     "tài liệu đính kèm", "đính kèm", "tải về", "download", "xem chi tiết tại",
                     "xem file", "tải file", "tải văn bản", "tải tài liệu", "tải xuống",
                     "văn bản kèm theo", "tài liệu kèm theo", "tải về tập tin đính kèm",
                     "tải về tệp đính kèm", "tải về file đính kèm")  # (K2's)
_FOLDED_ATTACHMENT_LABELS = tuple(fold(x) for x in ATTACHMENT_LABELS)


def body_blocks(body) -> list:
    """The block-level children that carry the body's paragraphs, in order (descends
    through wrapper divs that CKEditor or a theme put around the real paragraphs, and
    through the cells of a one-column layout table, an old template's way of stacking
    the title, the lead and the text; with a stack of its own, not recursion, for pages
    nested a thousand deep)."""
    blocks = []
    stack = [iter(_layout_cells(body) or body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str):
            continue
        cells = _layout_cells(child) if child.tag == "table" else None
        if cells:
            stack.append(iter(cells))
        elif child.tag in ("div", "td", "th") and any(
            isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in child
        ) and "author" not in (child.get("class") or ""):
            stack.append(iter(child))
        else:
            blocks.append(child)
    return blocks


def _layout_cells(table) -> list | None:
    """The cells of ``table`` when it is a layout table of one column (each row one cell,
    some cell holding paragraphs), top to bottom; None for a table of data, whose last
    row is no signature (a Word table's cells hold paragraphs too, but sit side by side)."""
    if table.tag != "table":
        return None
    rows = [r for part in (table, *table.iterchildren("tbody", "thead", "tfoot"))
            for r in part.iterchildren("tr")]
    cells = []
    for row in rows:  # (a row left empty, its title or lead taken out, is no column)
        own = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if len(own) > 1:
            return None
        cells += own
    if not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for cell in cells for c in cell):
        return None
    return cells


def is_attachment_block(el) -> bool:
    """A paragraph that only announces attached files ("File đính kèm: …")."""
    links = [a for a in xp(el, ".//a[@href]") if is_file_link(a.get("href")) or
             "link-download" in (a.get("class") or "") or "view-gallery" in (a.get("class") or "")]
    if not links and not xp(el, ".//iframe"):
        raw = el.text_content()
        if len(raw) > 60:
            return False
    text = fold(text_of(el))
    if links:
        rest = text
        for a in links:
            rest = rest.replace(fold(text_of(a)), "")
        rest = rest.strip(" :-–,.;()")
        if not rest or any(rest.startswith(label) for label in _FOLDED_ATTACHMENT_LABELS) or len(rest) < 25:
            return True
    if xp(el, ".//iframe[contains(@src,'file=')]") and len(text) < 60:
        return True
    return bool(text) and any(text == label or text == label + ":" for label in _FOLDED_ATTACHMENT_LABELS)


_CAPTION_MAX = 400


def image_only(el) -> bool:
    return bool(xp(el, ".//img")) and not has_text(el)


def find_caption_after(el):
    """The caption paragraph right after an image block: short, italic or centred."""
    nxt = el.getnext()
    while nxt is not None and isinstance(nxt.tag, str) and nxt.tag in ("br",):
        nxt = nxt.getnext()
    if nxt is None or not isinstance(nxt.tag, str) or nxt.tag not in ("p", "div", "em", "i", "span", "figcaption", "h6"):
        return None
    text = text_of(nxt)
    if not text or len(text) > _CAPTION_MAX or xp(nxt, ".//img"):
        return None
    centred = "text-align:center" in _style(nxt) or (nxt.get("align") or "").lower() == "center" or any(
        "text-align:center" in _style(d) for d in nxt.iterdescendants() if isinstance(d.tag, str)
    ) or "caption" in (nxt.get("class") or "").lower()
    if is_all_italic(nxt) or nxt.tag in ("em", "i", "figcaption") or centred:
        return nxt
    return None


class BodyResult:
    def __init__(self):
        self.text = ""
        self.html = ""
        self.author: str | None = None
        self.source: str | None = None
        # The date printed beside the byline under the body, the lead found as a bold
        # first paragraph (extract_body's find_lead).
        self.published_at: str | None = None
        self.summary: str | None = None
        self.images: list[Image] = []
        self.attachments: list[Attachment] = []


def assemble(url: str, body: BodyResult, *, parser: str, fetched_at: str | None,
             sources: dict, **fields) -> Article:
    """The record of an article page: what every layout takes from the page's address
    and its extracted body, and ``fields`` (title, published_at, summary, category,
    tags, related, author, source, ... as each layout reads them).  ``author`` and
    ``source`` default to the body's byline; ``article_id`` to the URL's id."""
    fields.setdefault("article_id", article_id_from_url(url))
    fields.setdefault("author", body.author)
    fields.setdefault("source", body.source)
    fields.setdefault("images", body.images)
    fields.setdefault("attachments", body.attachments)
    return Article(url=url, site=site_of(url), body=body.text, body_html=body.html,
                   fetched_at=fetched_at, parser=parser, sources=sources, **fields)


def extract_body(body_el, page_url: str, *, remove=(), find_byline=True, summary: str | None = None,
                 find_lead: bool = False, site: SiteNames | None = None) -> BodyResult:
    """Clean a body element: drop noise, captions, attachment lines and the signature;
    collect images (with captions) and attachments along the way.  ``summary``: the lead
    found outside, dropped where the body repeats it; ``find_lead``: without one, a bold
    first paragraph is the lead (``result.summary``); ``site``: its names sign nothing."""
    result = BodyResult()
    body = copy.deepcopy(body_el)
    body.tail = None

    for sel in remove:
        for el in sel(body):
            el.drop_tree()
    _drop_share_bars(body)
    for box in inline_related_boxes(body):  # a "Tin liên quan" box set inside the text
        box.drop_tree()

    result.attachments = collect_attachments(body, page_url)

    # Images and their captions, before the captions are removed from the text.
    _take_images(body, page_url, result)
    _drop_non_text(body)

    blocks = [b for b in body_blocks(body) if has_text(b)]
    if find_lead and not summary:
        lead = bold_lead(blocks)
        if lead is not None:
            result.summary = summary = text_of(lead)
            lead.drop_tree()
            blocks.remove(lead)

    _drop_more_links(blocks)
    _split_credit_line(blocks)
    _take_signature(blocks, result, find_byline=find_byline, site=site)
    _take_trailing_credit(blocks, result)
    if find_byline and not result.author:
        _take_opening_byline(blocks, result, site)
    if find_byline and not result.author and blocks:
        result.author = signed_by(blocks[-1])  # an announcement's signer; the block stays
    _drop_more_links(blocks)

    lines = block_lines(body)
    if summary and lines and _same_text(summary, lines[0]):
        lines = lines[1:]
    result.text = "\n".join(lines)
    result.html = clean_body_html(body, page_url)
    return result


# A bar of buttons that share the page, inside the text's element (Flatsome's blog-share,
# AddThis, AddToAny, a theme's own): its class or id says so, and its words are its
# buttons' ("WhatsApp Facebook"), save a short label ("Chia sẻ:").
_SHARE_NAMED = re.compile(r"(?:^|[\s_-])(?:share|shares|sharing|sharer|social|addthis|a2a"
                          r"|chia-?se)(?:$|[\s_-])", re.IGNORECASE)
_SHARE_LABEL_MAX = 20


def _drop_share_bars(body) -> None:
    for el in list(body.iter("div", "ul", "span", "p", "section", "nav")):
        if el is body or el.getparent() is None:
            continue
        if not _SHARE_NAMED.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        outside = "".join(xp(el, ".//text()[not(ancestor::a) and not(ancestor::button)]"))
        if len(" ".join(outside.split())) <= _SHARE_LABEL_MAX:
            el.drop_tree()


# A paragraph that points elsewhere once the text is done: "Xem thêm: <a>…</a>; <a>…</a>",
# "Tin liên quan: …".
_MORE = re.compile(r"^\W*(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chuyên mục"
                   r"|các tin khác|tin khác|see also|read more)\s*:", re.IGNORECASE)


def _drop_more_links(blocks: list) -> None:
    """The paragraphs of links to other articles that end a body, dropped: they are the
    site's pointers, not the article's text."""
    while blocks:
        last = blocks[-1]
        text = text_of(last)
        linked = sum(len(text_of(a)) for a in last.iter("a"))
        if not (_MORE.match(text) and linked * 2 >= len(_MORE.sub("", text))):
            return
        last.drop_tree()
        blocks.pop()


def _split_credit_line(blocks: list) -> None:
    """A last paragraph that signs on two lines ("<strong>Hoàng Lam</strong><br>Nguồn: Chi
    cục Thủy lợi"), made two paragraphs of the same alignment, so that the byline and the
    credit are each read as the lines they are."""
    last = blocks[-1] if blocks else None
    if last is None or last.find("br") is None:
        return
    lines = [[last.text or ""]]
    for child in last:
        if child.tag == "br":
            lines.append([child.tail or ""])
        else:
            lines[-1].append(child)
    if len(lines) < 2 or not credit_of(clean_text("".join(
            p if isinstance(p, str) else p.text_content() + (p.tail or "") for p in lines[-1]))):
        return
    made = []
    for pieces in lines:
        line = lxml.html.Element(last.tag, dict(last.attrib))
        line.text = pieces[0]
        for child in pieces[1:]:
            line.append(child)  # its tail comes with it
        made.append(line)
    parent, at = last.getparent(), last.getparent().index(last)
    parent.remove(last)
    for offset, line in enumerate(made):
        parent.insert(at + offset, line)
    blocks[-1:] = [m for m in made if has_text(m)]


def _take_trailing_credit(blocks: list, result: BodyResult) -> None:
    """A credit set in italics at the end of the last paragraph ("... dưới da.<em> (Nguồn:
    Cục Phòng bệnh - Bộ Y tế)</em>"): the source, out of the text."""
    last = blocks[-1] if blocks else None
    tail = last[-1] if last is not None and len(last) else None
    if tail is None or tail.tag not in ("em", "i") or (tail.tail or "").strip():
        return
    credit = credit_of(text_of(tail).strip(" ()"))
    if credit and text_of(last) != text_of(tail):
        result.source = result.source or credit
        tail.drop_tree()


def _take_images(body, page_url: str, result: BodyResult) -> None:
    """Each image of ``body`` (not one inside a link to a file) into ``result.images``
    once, with its caption; the caption's element, and a layout table holding image and
    caption, taken out of the body."""
    seen_images = set()
    for img in xp(body, ".//img"):
        src = img_src(img)
        if not src or _decoration(img) or xp(img, "ancestor::a[@href]") and any(
            is_file_link(a.get("href")) for a in xp(img, "ancestor::a[@href]")
        ):
            continue
        url = canonical_url(src, page_url)
        caption_el = _image_caption(img, body)
        caption = text_of(caption_el) if caption_el is not None else None
        if url not in seen_images:
            seen_images.add(url)
            result.images.append(Image(url=url, caption=caption or None))
        if caption_el is not None and caption_el.getparent() is not None:
            # captions (and layout tables holding image + caption) are not body text
            caption_el.drop_tree()


# Drawn this small, an image is no picture of the story: a counter's pixel (1x1), an
# emoji or an icon (16 px).
DECORATION_PX = 32
_PX = re.compile(r"^\s*(\d+)\s*(?:px)?\s*$")


def _decoration(img) -> bool:
    """Whether the page draws ``img`` at DECORATION_PX or less across or down."""
    for attr in ("width", "height"):
        size = _PX.match(img.get(attr) or "")
        if size and int(size.group(1)) <= DECORATION_PX:
            return True
    return False


def _image_caption(img, body):
    """The element that captions ``img`` in ``body``: its figure's <figcaption> or the
    caption after the figure, a layout table holding the image and its caption alone, or
    the caption after the image's block; None when there is none."""
    caption_el = None
    figure = xp(img, "ancestor::figure[1]")
    if figure:
        caps = xp(figure[0], ".//figcaption")
        caption_el = caps[0] if caps else find_caption_after(figure[0])
    if caption_el is None:
        table = xp(img, "ancestor::table[1]")
        if table and len(xp(table[0], ".//img")) == 1 and len(text_of(table[0])) <= _CAPTION_MAX:
            caption_text = text_of(table[0])
            if caption_text:
                caption_el = table[0]
    if caption_el is None:
        # The caption follows the outermost block that holds nothing but this image
        # (<p><span><img></span></p> <p><em>caption</em></p>), or the image itself.
        holder = img
        while (holder.getparent() is not None and holder.getparent() is not body
               and not has_text(holder.getparent())):
            holder = holder.getparent()
        caption_el = find_caption_after(holder)
    return caption_el


def _drop_non_text(body) -> None:
    """Take out of ``body`` what is not its text: captions left over, noise (scripts,
    forms, frames) and the lines that only announce attached files."""
    for el in xp(body, ".//figcaption"):
        el.drop_tree()

    for el in list(body.iter(*NOISE_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()

    for el in body_blocks(body):
        if el.getparent() is not None and is_attachment_block(el):
            el.drop_tree()


def _take_signature(blocks: list, result: BodyResult, *, find_byline: bool,
                   site: SiteNames | None) -> None:
    """The signature's lines off the end of ``blocks`` (the body's blocks with text),
    dropped from the body, and what they sign into ``result``.

    The signature ends the body: a person's byline, a credit, or both (in either order,
    on two lines), a date beside either; two writers may sign on two lines.  A credit
    is looked for even where the layout has the byline elsewhere."""
    for _ in range(3):
        if not blocks:
            return
        last = blocks[-1]
        signed = read_signature(last, find_byline=find_byline, site=site)
        if signed is None:
            return
        if signed.author and result.author:
            if not (names_people(signed.author) and names_people(result.author)):
                return
            result.author = join_authors([*signed.author.split(", "), *result.author.split(", ")])
        elif signed.author:
            result.author = signed.author
        if signed.source:
            if result.source and not signed.author:
                return
            result.source = result.source or signed.source
        result.published_at = result.published_at or signed.published_at
        last.drop_tree()
        blocks.pop()


# The labels that open a byline above the text ("Bài và ảnh: Trần Quốc Việt"); a bare
# "Tin:" or "Theo" there may open the story or name its source.
_OPENING_BYLINE = re.compile(
    r"^\W*(?:tác giả|người viết|phóng viên|(?:bài|tin)\s*(?:và|,|-)?\s*ảnh|nhóm thực hiện"
    r"|thực hiện)\s*[:：]", re.IGNORECASE)


def _take_opening_byline(blocks: list, result: BodyResult, site: SiteNames | None) -> None:
    """A labelled byline as the body's first paragraph, taken out of the text; the
    signature under the text comes first."""
    text = text_of(blocks[0]) if blocks else ""
    # (or an office's name alone, set apart in italics over the text: "Tổ Chuyên môn Toán - Tin")
    office = (len(blocks) > 1 and len(text) <= 60 and is_all_italic(blocks[0]) and is_org(text)
              and not is_outlet(text))
    if len(text) > MAX_BYLINE_CHARS or not (office or _OPENING_BYLINE.match(text)):
        return
    author = clean_author(text, site, organisations=office)
    if author:
        result.author = author
        blocks.pop(0).drop_tree()


def clean_body_html(body, page_url: str) -> str:
    """The body's markup, with absolute links, without styling, handlers or empty blocks."""
    body.make_links_absolute(page_url, resolve_base_href=False, handle_failures="ignore")
    for el in list(body.iter("p", "div", "span")):
        if el is not body and not has_text(el) and not xp(el, ".//img") and el.getparent() is not None:
            el.drop_tree()
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            if attr.startswith("on") or attr in ("style", "class", "id") and el.tag not in ("img", "figure"):
                del el.attrib[attr]
    inner = (body.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in body
    )
    return inner.strip()


# --- the lead (sapo) --------------------------------------------------------------------

# The lead set apart from the body, by its class or id, on any tag (h2.sapo, p.chapeau,
# div.trichdan, strong.description, div.hometext): Vietnamese papers' and CMSes' names.
SAPO_ATTR = re.compile(
    r"sapo|chapeau|summary|trichdan|trich-dan|tomtat|tom-tat|excerpt|standfirst|hometext"
    r"|(?:^|[^a-z])(?:lead|description|desc|intro|mota|mo-ta)(?:[^a-z]|$)"
    # vnPortal's CamelCase: ArticleLead, NewsIntro
    r"|(?-i:[a-z](?:Lead|Intro|Desc|Description)(?![a-z]))", re.IGNORECASE)
# Named so, but a picture's description, a box's, or the page's chrome.
_NOT_SAPO_ATTR = re.compile(r"caption|photo|image|img|thumb|video|gallery|related|lien-?quan"
                            r"|sidebar|menu|comment|share|author|date|banner|footer",
                            re.IGNORECASE)
_SAPO_SKIP_TAGS = {"a", "img", "figure", "figcaption", "meta", "link", "script", "style",
                   "noscript", "ul", "ol", "li", "nav", "aside", "footer", "form", "table"}
# A lead ends as a sentence does (or is long enough to be one).
LEAD_SENTENCE = re.compile(r"[.!?…:;,\"”’)»]\s*$|[.!?…]\s+\S")
MIN_LEAD_CHARS = 30
MAX_LEAD_CHARS = 1000


def _attrs(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def sapo_element(scope, body_el=None, after=None):
    """The lead set apart from the body: the first element in ``scope`` named as a lead
    (SAPO_ATTR) that comes after ``after`` (the title) and before ``body_el``, outside
    both and outside the page's chrome, and holds one to three lines of text.  None when
    there is none."""
    started = after is None or not _within(after, scope)
    for el in scope.iter():
        if body_el is not None and el is body_el:
            break
        if not isinstance(el.tag, str):
            continue
        if not started:
            started = el is after
            continue
        if after is not None and _within(el, after):
            continue
        if el.tag in _SAPO_SKIP_TAGS or not SAPO_ATTR.search(_attrs(el)):
            continue
        if (body_el is not None and _within(body_el, el)) or (after is not None and _within(after, el)):
            continue  # a wrapper around the body or the title, not the lead
        chrome = False
        for node in (el, *el.iterancestors()):
            if node is scope:
                break
            if _NOT_SAPO_ATTR.search(_attrs(node)) or node.tag in ("nav", "aside", "footer", "figure"):
                chrome = True
                break
        if chrome:
            continue
        lines = block_lines(el)
        text = " ".join(lines)
        if 1 <= len(lines) <= 3 and MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS:
            return el
    return None


def sapo_text(el) -> str | None:
    return clean_text(" ".join(block_lines(el))) or None if el is not None else None


def bold_lead(blocks):
    """The first paragraph of a body set wholly in bold and followed by more text: the
    lead, as Vietnamese papers set it when they have no field for it.  ``blocks``: the
    body's blocks (body_blocks) in order."""
    texts = [b for b in blocks if has_text(b) and not image_only(b)]
    if len(texts) < 2:
        return None
    el = texts[0]
    text = text_of(el)
    if (el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or len(text) < 50
            or not LEAD_SENTENCE.search(text) or _BYLINE_LABEL_RE.match(text)):
        return None
    return el if is_all_bold(el) else None


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a and b) and clean_text(a) == clean_text(b)
