"""Names of a list found over tokens (spaCy's PhraseMatcher), wherever the text breaks them."""
import spacy

from extractors.gazetteer import Gazetteer

NAMES = ["Fenwater Water Board", "Fenwater Water", "Office for Rivers", "Kestrel’s Trust"]


def _find(text):
    nlp = spacy.blank("en")
    g = Gazetteer(nlp, NAMES)
    return [(text[s:e], key) for s, e, key in g.find(nlp(text), text)]


def test_a_name_broken_by_a_line_or_a_double_space_is_found():
    assert _find("letter from the Office for\nRivers and the Fenwater  Water Board.") == [
        ("Office for\nRivers", "Office for Rivers"), ("Fenwater  Water Board", "Fenwater Water Board")]


def test_the_longer_of_two_names_that_start_together_wins():
    assert _find("the Fenwater Water Board met Fenwater Water.") == [
        ("Fenwater Water Board", "Fenwater Water Board"), ("Fenwater Water", "Fenwater Water")]


def test_no_name_inside_a_longer_word_or_a_hyphenated_one():
    assert _find("a Fenwater Water-funded scheme; the office for rivers") == []


def test_either_apostrophe():
    assert [k for _, k in _find("Kestrel's Trust and Kestrel’s Trust")] == ["Kestrel's Trust", "Kestrel's Trust"]


def test_occurrences_find_what_the_whole_word_pattern_finds():
    """`mentions.occurrences` replaces a pattern compiled per word; it must find the same places."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extractors.mentions import occurrences

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet="ab-'’_ 1é.&\n", max_size=30), st.text(alphabet="ab'&", min_size=1, max_size=3),
           st.sampled_from(["-", "'’-", "&-"]))
    def same(text, word, joiners):
        cls = re.escape(joiners)
        expected = [m.span() for m in re.finditer(rf"(?<![\w{cls}]){re.escape(word)}(?![\w{cls}])", text)]
        assert occurrences(text, word, joiners) == expected

    same()
