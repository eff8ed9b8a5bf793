"""Scrapyd, the Scrapy project's job server, as ``govnews schedule`` uses it: which node a
site belongs to, the project's egg, and the few HTTP calls (urllib, no other dependency).

A site belongs to one node for good: the first 8 bytes of the sha256 of its host name,
modulo the number of nodes, index the sorted node list, so neither the order the nodes are
given in nor the run changes it, and the site's incremental state (in that node's archive)
is always where its next crawl runs.  Calls go straight to the nodes: an ``http_proxy`` in
the environment is not used for them (it is meant for the crawl's own requests).
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path

PROJECT = "govnews"
SPIDER = "portal"

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ScrapydError(Exception):
    """A node that cannot be reached, or that refused a call; the message says which."""


def node_for(host: str, nodes) -> str:
    """The node of ``host``: the same for the same set of nodes, whatever their order."""
    ordered = sorted(set(nodes))
    digest = hashlib.sha256(host.lower().encode("utf-8")).digest()
    return ordered[int.from_bytes(digest[:8], "big") % len(ordered)]


def assign(sites, nodes) -> dict[str, list[str]]:
    """Each node's sites (nodes without a site left out), in the order given."""
    plan: dict[str, list[str]] = {}
    for site in sites:
        host = urllib.parse.urlsplit(site).hostname or site
        plan.setdefault(node_for(host, nodes), []).append(site)
    return plan


def job_id(site: str) -> str:
    """A job id that names its site (Scrapyd's lists of running and finished jobs do not
    carry the spider's arguments): host, UTC time, a few random characters."""
    host = urllib.parse.urlsplit(site).hostname or "site"
    return f"{host}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:6]}"


def site_of_job(job: dict) -> str:
    """The site of a job in a listjobs answer: its ``site`` argument, or its id's host."""
    site = (job.get("args") or {}).get("site")
    if site:
        return site
    parts = str(job.get("id", "")).rsplit("-", 2)
    return parts[0] if len(parts) == 3 else "?"


def build_egg(version: str) -> bytes:
    """The project as a Scrapy egg: the ``archive`` and ``crawler`` packages as installed
    here, and the entry point that names the settings module."""
    import archive
    import crawler

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as egg:
        for package in (archive, crawler):
            root = Path(package.__file__).parent
            for path in sorted(root.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    egg.write(path, Path(root.name, path.relative_to(root)).as_posix())
        egg.writestr("EGG-INFO/PKG-INFO",
                     f"Metadata-Version: 2.1\nName: {PROJECT}\nVersion: {version}\n")
        egg.writestr("EGG-INFO/entry_points.txt", "[scrapy]\nsettings = crawler.settings\n")
        egg.writestr("EGG-INFO/top_level.txt", "archive\ncrawler\n")
    return buffer.getvalue()


def _multipart(fields: dict[str, str], files: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                  f"{value}\r\n".encode())
    for name, data in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}";'
                  f' filename="{name}.egg"\r\nContent-Type: application/octet-stream'
                  f"\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class Node:
    """One Scrapyd node, by its address (http://host:6800)."""

    def __init__(self, url: str, timeout: float = 120):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def call(self, path: str, query=None, form=None, files=None) -> dict:
        """One API call: GET with ``query``, or POST of ``form`` (pairs, names may repeat)
        and ``files``; its JSON answer, or a ScrapydError."""
        url = f"{self.url}/{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data, headers = None, {}
        if files:
            data, headers["Content-Type"] = _multipart(dict(form or ()), files)
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise ScrapydError(f"the Scrapyd node {self.url} answered {path} with HTTP"
                               f" {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ScrapydError(f"cannot reach the Scrapyd node {self.url}: {reason}") from None
        except ValueError:
            raise ScrapydError(f"the Scrapyd node {self.url} answered {path} with something"
                               " that is not JSON: is it a Scrapyd node?") from None
        if answer.get("status") != "ok":
            raise ScrapydError(f"the Scrapyd node {self.url} refused {path}:"
                               f" {answer.get('message', answer)}")
        return answer

    def versions(self, project: str = PROJECT) -> list[str]:
        return self.call("listversions.json", {"project": project})["versions"]

    def deploy(self, egg: bytes, version: str, project: str = PROJECT) -> dict:
        return self.call("addversion.json", form={"project": project, "version": version},
                         files={"egg": egg})

    def schedule(self, site: str, settings: dict[str, str], project: str = PROJECT) -> str:
        form = [("project", project), ("spider", SPIDER), ("site", site),
                ("jobid", job_id(site))]
        form += [("setting", f"{name}={value}") for name, value in settings.items()]
        return self.call("schedule.json", form=form)["jobid"]

    def jobs(self, project: str = PROJECT) -> dict[str, list[dict]]:
        """pending, running and finished jobs of the project; none if it is not there."""
        if project not in self.call("listprojects.json")["projects"]:
            return {"pending": [], "running": [], "finished": []}
        return self.call("listjobs.json", {"project": project})
