"""The reading pages in Vietnamese (by default) or English: the message catalogues, dates
and times as a Vietnamese reader writes them, and failures in plain words.

**Catalogues.**  Every label of the pages' templates is ``_("English text")`` (plural:
``ngettext``), and every label made in Python is marked ``N_("English text")``; the
English texts are the message ids of ``archive/locale/messages.pot``, translated in
``archive/locale/vi/LC_MESSAGES/messages.po`` (and, word for word, in ``en``).  The
``.po`` files are read as they are, with Babel, when a page first needs them: there is
no compiled ``.mo`` to keep in step.  After changing a label, ``python -m archive.i18n``
extracts the ids again, rewrites ``messages.pot`` and adds the new ones to both
catalogues (the ``vi`` translation left empty, which tests/test_i18n.py refuses, until
someone writes it).

**The language** is ``?lang=vi`` or ``?lang=en`` when given (then remembered in the
``govnews_lang`` cookie), else the cookie's, else Vietnamese.

**Dates** read dd/mm/yyyy and times ``14/08/2020 16:30 (GMT+7)``, Vietnam's time
(Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving), in both languages: the archive's
times are UTC, a page's own times carry their offset, and a time without one is taken as
the site's, Vietnam's.

**Failures** (a site that could not be reached, a page that failed) are stored as the
crawl's kind and sentence (``crawler.failures``): ``plain_failure`` names the cause in a
few words of the catalogue, and the page shows the stored sentence on demand.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from jinja2 import pass_context
from markupsafe import Markup, escape

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}  # each named in itself, for the switch
DEFAULT = "vi"
COOKIE = "govnews_lang"
LOCALE = Path(__file__).parent / "locale"
DOMAIN = "messages"
# Vietnam's time: UTC+7 all year.
VIETNAM = timezone(timedelta(hours=7))
ZONE = "GMT+7"


def N_(msgid: str) -> str:  # noqa: N802 - the customary name of gettext's no-op marker
    """A label to translate where it is shown: marks ``msgid`` for extraction."""
    return msgid


# --- the catalogues -----------------------------------------------------------------------

def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translator(lang: str) -> Translator:
    """The translator of ``lang`` (one of LANGUAGES), its catalogue read once."""
    with open(po_path(lang), "rb") as po:
        catalog = read_po(po, locale=lang)
    return Translator(lang, {m.id: m.string for m in catalog if m.id and not m.fuzzy})


class Translator:
    """``t("text", name=value)``: the translation of ``text`` with ``%(name)s`` filled
    in, as Markup (the translation escaped, the values escaped unless Markup
    themselves); ``t.ngettext(singular, plural, count)`` fills in ``%(n)s`` too."""

    def __init__(self, lang: str, messages: dict):
        self.lang = lang
        self.messages = messages

    def __call__(self, msgid: str, **params) -> Markup:
        text = self.messages.get(msgid) or msgid
        return Markup(escape(text)) % params if params else Markup(escape(text))

    def plain(self, msgid: str, **params) -> str:
        """The translation as plain text (for an SVG that escapes it itself)."""
        text = self.messages.get(msgid) or msgid
        return text % params if params else text

    def _form(self, singular: str, plural: str, count: int) -> str:
        """The form for ``count``: Vietnamese has one, English two."""
        forms = self.messages.get((singular, plural))
        if forms and all(forms):
            return forms[0] if self.lang == "vi" else forms[0 if count == 1 else 1]
        return singular if count == 1 else plural

    def nplain(self, singular: str, plural: str, count: int, **params) -> str:
        """ngettext as plain text."""
        return self._form(singular, plural, count) % {"n": count, **params}

    def ngettext(self, singular: str, plural: str, count: int, **params) -> Markup:
        """The form for ``count``, ``%(n)s`` filled with ``count`` unless ``params`` give
        ``n`` (a count written with its thousands grouped)."""
        text = self._form(singular, plural, count)
        return Markup(escape(text)) % {"n": count, **params}


def choose_language(asked: str | None, cookie: str | None) -> tuple[str, bool]:
    """(the page's language, whether to remember it in the cookie) for ``?lang=`` and
    the cookie as the request gives them."""
    if asked in LANGUAGES:
        return asked, asked != cookie
    return (cookie if cookie in LANGUAGES else DEFAULT), False


# --- dates and times ----------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                  r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?$")


def _moment(value) -> tuple[re.Match | None, datetime | None]:
    """The ISO date or time ``value`` matched, and as a datetime in Vietnam's time when it
    gives a time."""
    m = _ISO.match(str(value or "").strip())
    if not m or not m[4]:
        return m, None
    offset = m[7] or "+07:00"
    offset = "+00:00" if offset == "Z" else offset
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[-2:])
    zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        at = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0),
                      tzinfo=zone)
    except ValueError:
        return None, None
    return m, at.astimezone(VIETNAM)


def vndate(value) -> str:
    """An ISO date (or time, or month) as dd/mm/yyyy (mm/yyyy), the day in Vietnam;
    anything else as given, nothing as ""."""
    if not value:
        return ""
    m, at = _moment(value)
    if at is not None:
        return at.strftime("%d/%m/%Y")
    if m is None:
        return str(value)
    return f"{m[3]}/{m[2]}/{m[1]}" if m[3] else f"{m[2]}/{m[1]}"


def vntime(value) -> str:
    """An ISO time as ``dd/mm/yyyy HH:MM (GMT+7)`` in Vietnam's time; a date alone as
    vndate gives it."""
    m, at = _moment(value)
    if at is None:
        return vndate(value) if m is not None or not value else str(value)
    return f"{at.strftime('%d/%m/%Y %H:%M')} ({ZONE})"


# --- failures in plain words ------------------------------------------------------------

# (pattern on the stored kind or sentence, message): the first that matches the kind, else
# the sentence, names the cause.  Kinds are crawler.failures' vocabulary; the sentences its
# and Twisted's (a TLS failure's sentence may name a lost connection too: TLS comes first).
CAUSES = (
    (r"\bhttp_(5\d\d)\b|HTTP (5\d\d)\b", N_("the server reported error %(code)s")),
    (r"\bhttp_(40[34]|410)\b|HTTP (40[34]|410)\b",
     N_("the server refused or has no such page (%(code)s)")),
    (r"\bhttp_(\d{3})\b|HTTP (\d{3})\b", N_("the server answered %(code)s")),
    (r"\btls\b|SSL|TLS handshake", N_("TLS handshake failed")),
    (r"ConnectionLost|ConnectionDone|ResponseNeverReceived|closed or reset|\breset\b",
     N_("the server closed the connection")),
    (r"\btimeout\b|TimeoutError|TCPTimedOut|timed out|no answer within",
     N_("timed out")),
    (r"\bdns\b|DNSLookupError|does not resolve|CannotResolveHost",
     N_("DNS lookup failed")),
    (r"\brefused\b|ConnectionRefused", N_("the connection was refused")),
    (r"\btruncated\b|cut short|closed before the whole page",
     N_("the page arrived cut short")),
    (r"file_encrypted|encrypted with a password", N_("the file is protected by a password")),
    (r"too_large|larger than|over the \d+ MB", N_("too large to read")),
    (r"file_failed|cannot be read", N_("the file could not be read")),
    (r"redirect_offsite|another site", N_("redirected to another site")),
    (r"redirect_loop|redirects in a loop", N_("redirected in a loop")),
    (r"redirect_home", N_("redirected to the home page")),
    (r"says_missing|says its article is missing", N_("the page says the article was removed")),
    (r"changed its layout", N_("the site changed its layout")),
    (r"found no listing and no article", N_("nothing recognisable found on its pages")),
    (r"no page answered", N_("no page answered")),
)
_CAUSES = tuple((re.compile(p, re.IGNORECASE), m) for p, m in CAUSES)


def _cause(text: str) -> tuple[str, dict] | None:
    for pattern, msgid in _CAUSES:
        found = pattern.search(text)
        if found:
            code = next((g for g in found.groups() if g), "")
            return msgid, ({"code": code} if code else {})
    return None


def plain_failure(message: str | None, kind: str | None = None) -> tuple[str, dict] | None:
    """(message id, its values) naming in plain words why a fetch failed, from the kind
    and sentence stored; None when neither says anything known."""
    # the kind first: it is the crawl's verdict
    cause = _cause(kind or "") or _cause(message or "")
    if "robots" in f"{kind} {message}".lower():
        if cause is None:
            return N_("robots.txt could not be read"), {}
        return N_("robots.txt could not be read: %(cause)s"), {"cause": cause}
    return cause


def _plain(lang: str | None, message: str | None, kind: str | None) -> Markup | None:
    """plain_failure translated into ``lang``."""
    found = plain_failure(message, kind)
    if found is None:
        return None
    t = translator(lang or DEFAULT)
    msgid, params = found
    if "cause" in params:
        params = dict(params, cause=t(params["cause"][0], **params["cause"][1]))
    return t(msgid, **params)


@pass_context
def failure_html(context, message: str | None, kind: str | None = None, *,
                 inline: bool = False) -> Markup:
    """The failure in plain words, the stored sentence (and kind) in a <details> under
    it (``inline``: in the title of a <span>, for a sentence); the sentence alone when
    no plain words are known."""
    technical = " ".join(x for x in (kind, message) if x)
    plain = _plain(context.get("lang"), message, kind)
    if plain is None:
        return Markup('<span class="failure">{}</span>').format(technical)
    if inline:
        return Markup('<span class="failure" title="{}">{}</span>').format(technical, plain)
    return Markup('<details class="failure"><summary>{}</summary><code>{}</code>'
                  "</details>").format(plain, technical)


@pass_context
def cause(context, kind: str | None, message: str | None = None) -> Markup:
    """The failure in plain words alone; "" when none are known."""
    return _plain(context.get("lang"), message, kind) or Markup("")


# Run, site and verdict statuses (crawl_runs.status, query.sites, health), and why a
# version was replaced (article_versions.replaced_because).
STATUSES = {
    "ok": N_("ok"), "running": N_("running"), "degraded": N_("degraded"),
    "fetch_errors": N_("fetch errors"), "storage_error": N_("storage error"),
    "interrupted": N_("interrupted"), "crashed": N_("crashed"), "failing": N_("failing"),
    "never reached": N_("never reached"), "site": N_("the site edited it"),
    "reparse": N_("a parser change (reparse)"), "pending": N_("waiting"),
    "gone": N_("gone"), "gave_up": N_("given up"), "full": N_("full"),
    "incremental": N_("incremental"),
}
# What reading an archived file gave (archive.extracted's statuses), as a link to its text.
TEXT_STATUSES = {
    "ok": N_("its text"), "no_text_layer": N_("no text layer (a scan)"),
    "encrypted": N_("protected by a password"), "unsupported": N_("not readable as text"),
    "failed": N_("could not be read"), "timeout": N_("reading timed out"),
    "too_large": N_("too large to read"),
}
# What a search hit is, and the fields of a record a history names.
WORDS = {
    "article": N_("article"), "file": N_("file"), "document": N_("document"),
    "title": N_("title"), "summary": N_("lead"), "body": N_("body"),
    "author": N_("author"), "published_at": N_("date"), "category": N_("category"),
    "tags": N_("tags"),
    "source": N_("source"), "images": N_("images"), "attachments": N_("attachments"),
    "related": N_("related news"), "cites": N_("documents cited"),
    "body_length": N_("body length"), "listed": N_("articles listed"),
    "site": N_("site"), "new": N_("new"), "updated": N_("updated"), "errors": N_("errors"),
    "other": N_("other"),
}


@pass_context
def status_label(context, value) -> str:
    """A status or a word of STATUSES/WORDS in the page's language; others as stored."""
    msgid = STATUSES.get(value) or WORDS.get(value)
    return translator(context.get("lang") or DEFAULT)(msgid) if msgid else (value or "")


@pass_context
def text_status(context, value) -> str:
    msgid = TEXT_STATUSES.get(value)
    return translator(context.get("lang") or DEFAULT)(msgid) if msgid else (value or "")


@pass_context
def number(context, value) -> str:
    """A count with its thousands grouped: 1.234.567 in Vietnamese, 1,234,567 in English."""
    text = f"{value or 0:,}"
    return text.replace(",", ".") if (context.get("lang") or DEFAULT) == "vi" else text


def install(env) -> None:
    """Register the filters in a Jinja environment (once: it keeps them)."""
    env.filters.update(vndate=vndate, vntime=vntime, failure=failure_html,
                       label=status_label, textstatus=text_status, num=number, cause=cause)


# --- catalogue maintenance --------------------------------------------------------------

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "nplain": (1, 2)}
HEADER = ("# The labels of govnews' reading pages (archive/i18n.py).\n"
          "# Written by `python -m archive.i18n` from the templates and the code; the\n"
          "# Vietnamese translations by hand.")


def extract():
    """The message ids used by the templates and the web view's modules, as a Babel
    Catalog (with where each is used)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parent
    method_map = [("templates/**.html", "jinja2.ext:babel_extract"),
                  ("i18n.py", "python"), ("pages.py", "python"), ("page_*.py", "python")]
    catalog = Catalog(project="govnews", domain=DOMAIN, charset="utf-8",
                      header_comment=HEADER, msgid_bugs_address="", copyright_holder="")
    for filename, lineno, message, comments, context in extract_from_dir(
            root, method_map, keywords=KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [(f"archive/{filename}", lineno)],
                    auto_comments=comments, context=context)
    return catalog


def update_catalogues() -> None:
    """Write messages.pot from the sources, and update each language's .po from it: new
    ids added (``en`` with its own text, ``vi`` empty), ids no longer used dropped."""
    from babel.messages.pofile import write_po

    template = extract()
    with open(LOCALE / f"{DOMAIN}.pot", "wb") as out:
        write_po(out, template, width=96, omit_header=False, sort_output=True)
    for lang in LANGUAGES:
        with open(po_path(lang), "rb") as po:
            catalog = read_po(po, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:
                text = message.string
                if message.id and not (all(text) if isinstance(text, tuple) else text):
                    message.string = message.id
        with open(po_path(lang), "wb") as out:
            write_po(out, catalog, width=96, sort_output=True, ignore_obsolete=True)


if __name__ == "__main__":
    update_catalogues()
