"""Legacy-font text in a page: which elements are set in TCVN3 or VNI fonts (by ``style``,
``<font face>`` or a ``<style>`` rule), converted in place with ``crawler.kernel.fonts``.
"""

from __future__ import annotations

import re

import cssselect
from lxml.cssselect import CSSSelector, ExpressionError, SelectorError

from ..kernel.fonts import CSS_WIDE, UNICODE, UNICODE_ONLY, convert, font_decision, gain

__all__ = ["convert_legacy"]

# font-family, or the family at the end of the font shorthand ("bold 13pt/1.5 .VnTime").
_DECLARATION = re.compile(r"(?:^|[;{])\s*(font-family|font)\s*:\s*([^;{}]*)", re.IGNORECASE)
_FONT_SIZE = re.compile(
    r"(?:^|\s)(?:[\d.]+(?:px|pt|pc|em|rem|ex|ch|%|cm|mm|in|q|vw|vh)?|xx-small|x-small|small"
    r"|medium|large|x-large|xx-large|xxx-large|smaller|larger)(?:\s*/\s*\S+)?\s+(?=\S)",
    re.IGNORECASE)


def _declared_font(declarations: str) -> str | None:
    """The font decision of a CSS declaration block (a style attribute, a rule's body);
    the last declaration wins, as in CSS."""
    decision = None
    for match in _DECLARATION.finditer(declarations):
        value = re.sub(r"!\s*important\s*$", "", match.group(2).strip(), flags=re.IGNORECASE)
        if match.group(1).lower() == "font":
            sizes = list(_FONT_SIZE.finditer(value))
            if sizes:
                found = font_decision(value[sizes[-1].end():])
            else:  # "font: inherit", or a system font ("font: caption")
                found = None if value.lower() in CSS_WIDE else UNICODE
        else:
            found = font_decision(value)
        if found is not None:
            decision = found
    return decision


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _rule_fonts(root) -> dict:
    """Element -> font decision, from the <style> rules that set a font-family (``body``,
    ``p``, ``td``, Word's ``p.MsoNormal``...), applied in order of specificity, then of
    appearance, as CSS does."""
    rules = []
    for style in root.iter("style"):
        css = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.DOTALL)
        css = re.sub(r"<!--|-->|@[^{};]*;", " ", css)
        for match in _RULE.finditer(css):
            decision = _declared_font(match.group(2))
            if decision is None:
                continue
            for selector in match.group(1).split(","):
                selector = selector.strip()
                if not selector or selector.startswith("@"):
                    continue
                try:
                    compiled = CSSSelector(selector, translator="html")
                    specificity = max(s.specificity() for s in cssselect.parse(selector))
                except (SelectorError, ExpressionError):
                    continue
                rules.append((specificity, len(rules), compiled, decision))
    fonts: dict = {}
    for _, _, compiled, decision in sorted(rules, key=lambda r: (r[0], r[1])):
        for el in compiled(root):
            fonts[el] = decision
    return fonts


def _element_font(el, rule_fonts: dict) -> str | None:
    """An element's own font: its style attribute, else the <style> rules matching it, else
    a <font face> (presentational attributes rank below any author CSS)."""
    style = el.get("style")
    if style:
        decision = _declared_font(style)
        if decision is not None:
            return decision
    decision = rule_fonts.get(el)
    if decision is not None:
        return decision
    if el.tag in ("font", "basefont"):
        return font_decision(el.get("face"))
    return None


# --- documents --------------------------------------------------------------------------

_NO_TEXT = {"script", "style", "textarea", "head", "title"}


class _Region:
    """The text one legacy font governs: an element naming it, less the subtrees of
    descendants that name another font."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self.slots: list[tuple[object, str]] = []  # (element, "text" | "tail")


def convert_legacy(doc) -> list[str]:
    """Convert in place the text set in a legacy font in an lxml.html document.

    A font is named by a ``style`` font-family (or font shorthand), a ``<font face>``, or a
    ``<style>`` rule (``body``, ``p``, ``td``, ``p.MsoNormal``...); the nearest element naming
    one decides for its text and its descendants' (tails included), and a descendant naming
    a Unicode font (Arial, Times New Roman) stops conversion for its subtree.  A body styled
    ``.VnTime`` converts the whole body.

    A region whose text already holds Unicode-only Vietnamese letters is a Unicode page
    that kept its old font names: there, each text is converted only if it has none of them
    and reads as Vietnamese better converted than not.

    Returns the encodings ("tcvn3", "tcvn3_upper", "vni") that changed some text, in the
    order met; empty when none did.
    """
    root = doc.getroottree().getroot() if hasattr(doc, "getroottree") else doc.getroot()
    applied: list[str] = []
    for region in _regions(root):
        if _convert_region(region) and region.encoding not in applied:
            applied.append(region.encoding)
    return applied


def _regions(root) -> list[_Region]:
    """The regions of legacy-font text under ``root``, in the order their elements are met
    (an element naming a Unicode font ends its ancestor's region for its subtree)."""
    rule_fonts = _rule_fonts(root)
    regions: list[_Region] = []
    # Iterative: trees up to page.MAX_DEPTH deep would exhaust Python's recursion limit.
    stack: list[tuple[object, _Region | None]] = [(root, None)]
    while stack:
        el, region = stack.pop()
        decision = _element_font(el, rule_fonts)
        if decision == UNICODE:
            region = None
        elif decision is not None:
            region = _Region(decision)
            regions.append(region)
        if el.tag in _NO_TEXT:
            continue
        if region is not None and el.text:
            region.slots.append((el, "text"))
        children = []
        for child in el:
            opened = _opened_font(child, rule_fonts)
            if opened is not None:
                region = _Region(opened)
                regions.append(region)
            if region is not None and child.tail:
                region.slots.append((child, "tail"))
            if isinstance(child.tag, str):  # not a comment or processing instruction
                children.append((child, region))
        stack.extend(reversed(children))  # popped in document order
    return regions


def _opened_font(el, rule_fonts: dict) -> str | None:
    """The legacy font of an empty ``<font>`` that reached past its end: the paragraphs a
    ``<font face="VNI-Times">`` wraps are lifted out of it (``page.hoist_blocks``, as
    libxml2 does with some), and the empty font is left before them, where a browser
    keeps them inside it; the face then governs its following siblings, as on screen."""
    if el.tag != "font" or len(el) or (el.text or "").strip():
        return None
    decision = _element_font(el, rule_fonts)
    return decision if decision not in (None, UNICODE) else None


def _convert_region(region: _Region) -> bool:
    """Convert in place the texts of one region (in a region that already holds
    Unicode-only letters, only those that read better converted); whether any changed."""
    texts = [getattr(el, attr) for el, attr in region.slots]
    mixed = any(UNICODE_ONLY.search(t) for t in texts)
    changed = False
    for (el, attr), text in zip(region.slots, texts):
        converted = convert(text, region.encoding)
        if converted == text:
            continue
        if mixed:
            if UNICODE_ONLY.search(text):
                continue
            _, before, after = gain(text, region.encoding)
            if after <= before:
                continue
        setattr(el, attr, converted)
        changed = True
    return changed
