"""What an attendance list says of an officer beside their name, read without spaCy.

"Ann Bell, Committee Administrator, Law & Administration Service": the post she holds is
"Committee Administrator"; the service it sits in is named after it (the services extractor
finds it as a service). "Mr A Smith - Fenwater Partners LLP": the words after the name are the
body he comes from, not a post, when the extractors took them for an organisation.
"""
from __future__ import annotations

import re
from collections.abc import Collection

from extractors.names import normalise_org, squash

#: the heads of a named unit of the council that a post sits in, after a comma
_UNIT_AFTER_POST = re.compile(
    r"^(?P<post>[A-Z].*?)[ \t]*,[ \t]*"
    r"(?P<unit>[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|and|&|of|for))*?[ \t]+(?:Service|Team|Unit))$")


def post_and_unit(post: str) -> tuple[str, str | None]:
    """The post proper and the named service, team or unit written after it ("Senior Manager,
    Social Work Service" -> ("Senior Manager", "Social Work Service")); a post with no unit
    after a comma is returned whole ("Director, Social Development")."""
    text = squash(post)
    m = _UNIT_AFTER_POST.match(text)
    if not m or "," in m.group("unit"):
        return text, None
    return m.group("post"), m.group("unit")


def held_post(post: str | None, bodies: Collection[str] = ()) -> str | None:
    """The post an attendance list says an officer holds: the post proper (see `post_and_unit`),
    or None when the words after the name are not a post but one of `bodies`, the
    organisations the extractors found in the same document ("Mr A Smith - Fenwater Partners")."""
    if not post or not squash(post):
        return None
    if bodies and _key(post) in {_key(b) for b in bodies}:
        return None
    return post_and_unit(post)[0]


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", normalise_org(name).lower()).strip()
