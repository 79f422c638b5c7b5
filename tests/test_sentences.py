"""Sentences of running text (kg.segment.sentences), invented words."""
from kg.segment.sentences import ends_no_sentence, sentence_spans


def _split(text):
    return [text[s:e].strip() for s, e in sentence_spans(text, 0, len(text))]


def test_no_sentence_ends_at_a_title_an_initial_or_an_abbreviation():
    text = "Mr. A. E. Ash and Cllrs. Dale spoke to item No. 4, e.g. the bandstand. It was agreed to repaint it."
    assert _split(text) == ["Mr. A. E. Ash and Cllrs. Dale spoke to item No. 4, e.g. the bandstand.",
                            "It was agreed to repaint it."]


def test_a_blank_line_a_cell_edge_and_a_bullet_end_a_sentence():
    text = "The Panel noted the report\n\nMoved by Cllr Dale | Seconded by Cllr Ash\n• Carried"
    assert _split(text) == ["The Panel noted the report", "Moved by Cllr Dale", "Seconded by Cllr Ash", "• Carried"]


def test_the_abbreviations():
    assert ends_no_sentence("Messrs") and ends_no_sentence(" (Dr") and ends_no_sentence("to A")
    assert not ends_no_sentence("the Board") and not ends_no_sentence("CC")
