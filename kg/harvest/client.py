"""A polite web client for a council's website: it says who it is, obeys robots.txt, asks one
host one thing at a time with a pause between, tries again (waiting longer each time) when the
site is busy (429) or failing (5xx), asks only "has it changed?" of what it fetched before
(ETag / Last-Modified), refuses files over a size, and knows a PDF link that answers with a web
page ("Page not found", served with 200) for the error it is."""
from __future__ import annotations

import email.utils
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable

from kg import __version__
from kg.errors import HarvestError

USER_AGENT = (f"minutes-kg/{__version__} (harvests published committee minutes for research; "
              "+https://github.com/minutes-kg/minutes-kg)")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class Response:
    """What a fetch gave: the body (empty when `not_modified`), the address it was finally
    served from (after redirects) and the validators to ask with next time."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass
class PoliteClient:
    """One client per harvest. `delay` is the pause in seconds between two requests to one host
    (robots.txt's Crawl-delay when longer); `retries` the tries after the first on 429/5xx,
    waiting `backoff` * 2**n seconds (or the server's Retry-After, up to `max_wait`)."""

    delay: float = 1.0
    retries: int = 3
    backoff: float = 2.0
    max_wait: float = 60.0
    max_bytes: int | None = None
    timeout: float = 60.0
    user_agent: str = USER_AGENT
    obey_robots: bool = True
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0  # how many requests were sent (robots.txt included)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    _opener: urllib.request.OpenerDirector = field(default_factory=urllib.request.build_opener)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            expect_pdf: bool = False) -> Response:
        """Fetch `url`, conditionally when a validator is given (`not_modified` on a 304).

        Raises HarvestError: "robots" (robots.txt disallows it), "not-found" (404, 410),
        "http-error" (another 4xx, or 5xx after the retries), "unreachable", "too-large" (over
        `max_bytes`), "error-page" (`expect_pdf` and a web page came back)."""
        url = safe_url(url)
        if self.obey_robots and not self._allowed(url):
            raise HarvestError(url, "robots", f"{url}: the site's robots.txt asks robots not to fetch it; skipped")
        headers = {"User-Agent": self.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            try:
                return self._check(url, self._once(url, headers), expect_pdf)
            except urllib.error.HTTPError as err:
                if err.code == 304:
                    return Response(url, url, 304, etag=etag, last_modified=last_modified, not_modified=True)
                if err.code in RETRY_STATUSES and attempt < self.retries:
                    self.sleep(self._wait(err.headers.get("Retry-After"), attempt))
                    continue
                if err.code in (404, 410):
                    raise HarvestError(url, "not-found", f"{url}: dead link (HTTP {err.code})") from None
                raise HarvestError(url, "http-error", f"{url}: the server answered HTTP {err.code} "
                                   f"{err.reason}" + (f" after {attempt + 1} tries" if attempt else "")) from None
            except (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError) as err:
                if attempt < self.retries:
                    self.sleep(self._wait(None, attempt))
                    continue
                reason = getattr(err, "reason", err)
                raise HarvestError(url, "unreachable", f"{url}: could not be reached ({reason})") from None
        raise AssertionError("unreachable")  # the loop returns or raises

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        self._pause(url)
        self.requests += 1
        request = urllib.request.Request(url, headers=headers)
        with self._opener.open(request, timeout=self.timeout) as answer:
            length = answer.headers.get("Content-Length")
            if self.max_bytes is not None and length and length.isdigit() and int(length) > self.max_bytes:
                raise HarvestError(url, "too-large", _too_large(url, int(length), self.max_bytes))
            limit = None if self.max_bytes is None else self.max_bytes + 1
            body = answer.read(limit) if limit is not None else answer.read()
            if self.max_bytes is not None and len(body) > self.max_bytes:
                raise HarvestError(url, "too-large", _too_large(url, None, self.max_bytes))
            return Response(url, answer.geturl(), answer.status, body, answer.headers.get("Content-Type", ""),
                            answer.headers.get("ETag"), answer.headers.get("Last-Modified"))

    def _check(self, url: str, response: Response, expect_pdf: bool) -> Response:
        if expect_pdf and not response.body.lstrip()[:5].startswith(b"%PDF"):
            kind = response.content_type.split(";")[0].strip() or "no content type"
            if looks_like_html(response.body) or "html" in kind:
                raise HarvestError(url, "error-page", f"{url}: a web page ({kind}) came back where a PDF was linked "
                                   "(the site's error or sign-in page, served with 200); skipped")
        return response

    def _pause(self, url: str) -> None:
        """Wait until `delay` (or the host's Crawl-delay) has passed since the host's last request."""
        host = urllib.parse.urlsplit(url).netloc.lower()
        delay = self.delay
        robots = self._robots.get(host)
        if robots is not None:
            crawl = robots.crawl_delay(self.user_agent)
            if crawl:
                delay = max(delay, float(crawl))
        last = self._last.get(host)
        if last is not None and delay > 0:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _wait(self, retry_after: str | None, attempt: int) -> float:
        if retry_after:
            if retry_after.strip().isdigit():
                return min(float(retry_after), self.max_wait)
            when = email.utils.parsedate_to_datetime(retry_after) if retry_after else None
            if when is not None:
                return max(0.0, min(when.timestamp() - time.time(), self.max_wait))
        return min(self.backoff * 2 ** attempt, self.max_wait)

    def _allowed(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            self._robots[host] = self._read_robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
        return self._robots[host].can_fetch(self.user_agent, url)

    def _read_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt; none (404, unreachable) allows everything, 401/403 nothing,
        as urllib.robotparser reads them."""
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            response = self._once(robots_url, {"User-Agent": self.user_agent})
        except urllib.error.HTTPError as err:
            if err.code in (401, 403):
                parser.disallow_all = True
            else:
                parser.allow_all = True
            return parser
        except (urllib.error.URLError, TimeoutError, ConnectionError, HarvestError):
            parser.allow_all = True
            return parser
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        return parser


def safe_url(url: str) -> str:
    """`url` with what may not stand in an address (spaces, quotes, non-ASCII letters)
    percent-encoded, and what is already encoded left as it is: "documents/g12/Printed minutes
    15th-Jul-2026.pdf" is published with its spaces."""
    return urllib.parse.quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")


def looks_like_html(body: bytes) -> bool:
    """Whether `body` begins as a web page does."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head


def _too_large(url: str, size: int | None, limit: int) -> str:
    said = f"{size / 1e6:.2f} MB" if size is not None else "more"
    return f"{url}: {said} is over --max-mb ({limit / 1e6:g} MB); skipped (raise --max-mb to fetch it)"
