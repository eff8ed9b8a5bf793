"""A ``-s NAME=VALUE`` checked before a crawl or probe runs.

Scrapy takes any string for any setting and finds out it was wrong only while the crawl
starts (``CONCURRENT_REQUESTS=abc``: a Twisted traceback), and a misspelt ``GOVNEWS_*``
name is silently a setting nobody reads.  ``checked`` says so first, in one sentence:

- a known setting (Scrapy's own, ``scrapy.settings.default_settings``, or the crawl's
  ``GOVNEWS_*``) takes values of the type of its default, read as Scrapy's getters read
  a string: ``getint``, ``getfloat``, ``getbool`` (0/1, True/False, true/false),
  ``getdict`` (a JSON object), ``getlist`` (values separated by commas; a JSON list is
  turned into the list it spells);
- an unknown ``GOVNEWS_*`` name is refused, with the nearest known one;
- any other unknown name passes (a person's own Scrapy extension may read it).
"""

from __future__ import annotations

import difflib
import json
import math

from scrapy.settings import BaseSettings
from scrapy.settings import default_settings as scrapy_defaults

from crawler import settings as project_defaults

# Settings whose default does not say what they take: Scrapy's that default to an int
# (or None) but are read as another type, and the crawl's GOVNEWS_* that crawler/settings.py
# does not list (set by the commands, or read by the replica's resolver).
TYPES = {
    "DNS_TIMEOUT": "float",
    "DOWNLOAD_DELAY": "float",
    "DOWNLOAD_TIMEOUT": "float",
    "TELNETCONSOLE_ENABLED": "bool",
    "AWS_MAX_POOL_CONNECTIONS": "int",
    "GOVNEWS_LOCK_HELD": "bool",
    "GOVNEWS_PENDING_MAX_ATTEMPTS": "int",
    "GOVNEWS_PROBE": "bool",
    "GOVNEWS_PROBE_PAGES": "int",
    "GOVNEWS_REPLICA_HOSTS": "list",
    "GOVNEWS_REFRESH": "refresh",
    "GOVNEWS_PAGINATION_ENCODING": "encoding",
}

# What each type takes, as the end of "NAME takes ...".
TAKES = {
    "int": "a whole number",
    "float": "a number",
    "bool": "True or False (or 1 or 0)",
    "dict": 'a JSON object ({"name": value, ...})',
    "list": 'a list: values separated by commas, or a JSON list ["a", "b"]',
    "refresh": "all or a number of days",
    "encoding": "form or json",
}


# Numbers below which a setting stops a crawl or makes it wait forever (Scrapy checks
# none of them): the least each takes, and whether that least itself is allowed.
LEAST = {
    "CONCURRENT_REQUESTS": (1, True),
    "CONCURRENT_REQUESTS_PER_DOMAIN": (1, True),
    "CONCURRENT_ITEMS": (1, True),
    "DOWNLOAD_TIMEOUT": (0, False),
    "DNS_TIMEOUT": (0, False),
    "DOWNLOAD_DELAY": (0, True),
    "RETRY_TIMES": (0, True),
    "DOWNLOAD_MAXSIZE": (0, True),
    "DOWNLOAD_WARNSIZE": (0, True),
}


class SettingRefused(ValueError):
    """A -s NAME=VALUE that cannot be used; its message is the end of one sentence."""


def _kind(value) -> str | None:
    for kind, types in (("bool", bool), ("int", int), ("float", float), ("dict", dict),
                        ("list", (list, tuple))):
        if isinstance(value, types):
            return kind
    return None


def kind_of(name: str) -> str | None:
    """What ``name`` takes ("int", "float", "bool", "dict", "list", ...), None for text
    or a setting nobody here knows; KeyError for an unknown GOVNEWS_* name."""
    if name in TYPES:
        return TYPES[name]
    for module in (project_defaults, scrapy_defaults):
        if name in vars(module):
            return _kind(vars(module)[name])
    if name.startswith("GOVNEWS_"):
        raise KeyError(name)
    return None


def known_govnews() -> list[str]:
    """Every GOVNEWS_* setting the crawl reads."""
    names = {n for n in vars(project_defaults) if n.startswith("GOVNEWS_")}
    return sorted(names | {n for n in TYPES if n.startswith("GOVNEWS_")})


def _takes(kind: str, value: str) -> bool:
    if kind == "refresh":
        value = value.strip().lower()
        return value in ("", "all") or _takes("float", value)
    if kind == "encoding":
        return value in ("form", "json")
    getter = {"int": "getint", "float": "getfloat", "bool": "getbool", "dict": "getdict"}
    try:
        read = getattr(BaseSettings({"X": value}), getter[kind])("X")
    except (ValueError, TypeError):
        return False
    return kind != "float" or math.isfinite(read)


def checked(name: str, value: str):
    """The value to set for ``-s name=value`` (the string as typed, or the list a JSON
    list spells for a list setting); ``SettingRefused`` saying why it cannot be."""
    try:
        kind = kind_of(name)
    except KeyError:
        near = difflib.get_close_matches(name, known_govnews(), n=1)
        hint = (f" (did you mean {near[0]}?)" if near
                else ": the GOVNEWS_* settings are listed in crawler/settings.py")
        raise SettingRefused(f"unknown setting {name}{hint}") from None
    if kind == "list":
        if not value.lstrip().startswith("["):
            return value  # Scrapy splits it at commas
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            return parsed
    elif kind is None:
        return value
    elif _takes(kind, value):
        if name in LEAST and kind in ("int", "float"):
            least, allowed = LEAST[name]
            number = float(value)
            if number < least or number == least and not allowed:
                raise SettingRefused(f"{name} takes a number {'of' if allowed else 'above'}"
                                     f" {least}{' or more' if allowed else ''}")
        return value
    if kind == "float" and _number(value) is not None:  # nan, inf: no delay or timeout
        raise SettingRefused(f"{name} takes a number, not {value.strip()}")
    raise SettingRefused(f"{name} takes {TAKES[kind]}")


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None
