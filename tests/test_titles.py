"""One vocabulary of titles, ranks and post-nominals (extractors/patterns/titles.v1.jsonl), read by every stage."""
import re

import pytest

from extractors import names, titles
from extractors.vocab import PATTERN_DIR, load_jsonl
from kg.segment import names_list, people


def test_no_other_pattern_file_keeps_its_own_list_of_titles():
    kinds = {"honorifics", "civic_titles", "member_titles", "plural_titles", "ranks", "postnominals"}
    for path in PATTERN_DIR.glob("*.jsonl"):
        if path.name != titles.FILE:
            assert not kinds & {r.get("kind") for r in load_jsonl(path.name)}, path.name


def test_name_parsing_and_the_segmenter_share_the_vocabulary():
    assert names.HONORIFICS is titles.HONORIFICS and names.POSTNOMINALS is titles.POSTNOMINALS
    assert names.RANK_PATTERN == titles.RANK_PATTERN


@pytest.mark.parametrize("title", sorted(set(titles.PERSONAL) | set(titles.MEMBER_TITLES) | set(titles.PLURALS)
                                         | set(titles.RANKS)))
def test_every_title_opens_a_name_in_an_attendance_list(title):
    assert names_list.TITLE.fullmatch(title)


@pytest.mark.parametrize("honorific", titles.PERSONAL)
def test_every_honorific_opens_a_person_in_running_text(honorific):
    m = people.PERSON_RE.search(f"The report was presented by {honorific} Jane Quillfeather.")
    assert m and m.group(0) == f"{honorific} Jane Quillfeather"


@pytest.mark.parametrize("letters", titles.POSTNOMINALS)
def test_every_postnominal_stays_with_its_name(letters):
    m = people.PERSON_RE.search(f"Present: Mrs Jane Quillfeather {letters}, Chair")
    assert m and m.group(0) == f"Mrs Jane Quillfeather {letters}"
    assert re.search(rf"\b{letters}\b", names_list._POSTNOMINAL.pattern)
