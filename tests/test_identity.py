"""kg.identity: one real person = one node across documents."""
import datetime

from hypothesis import given, settings, strategies as st

from kg.identity import PersonSighting, resolve_people

D = datetime.date(2024, 3, 5)


def sights(*surfaces, role="member"):
    return [PersonSighting(s, f"doc{k % 2}.txt", D, role) for k, s in enumerate(surfaces)]


def test_forms_of_one_councillor_merge():
    ident = resolve_people(sights("Mrs. H. J. Quarrie CC", "Mrs H Quarrie CC", "Mrs H. Quarrie CC", "Mrs Quarrie"))
    keys = {ident.key(s) for s in ["Mrs. H. J. Quarrie CC", "Mrs H Quarrie CC", "Mrs H. Quarrie CC", "Mrs Quarrie"]}
    assert len(keys) == 1
    key = keys.pop()
    assert key == "quarrie-h-j"
    assert ident.label(key) == "Mrs. H. J. Quarrie CC"
    assert ident.alt_labels(key) == ["Mrs H Quarrie CC", "Mrs H. Quarrie CC", "Mrs Quarrie"]
    assert any(line.startswith('merged "Mrs H Quarrie CC" into "Mrs. H. J. Quarrie CC"') for line in ident.log)


def test_different_initials_stay_apart():
    ident = resolve_people(sights("Mrs. A. Wrenfield CC", "Mrs. M. Wrenfield CC"))
    assert ident.key("Mrs. A. Wrenfield CC") != ident.key("Mrs. M. Wrenfield CC")


def test_bare_form_joins_only_candidate():
    ident = resolve_people(sights("Mr. I. D. Tallis OBE CC", "Mr Tallis CC"))
    assert ident.key("Mr Tallis CC") == ident.key("Mr. I. D. Tallis OBE CC")


def test_bare_form_with_two_candidates_stays_apart():
    ident = resolve_people(sights("Mr. I. D. Tallis CC", "Mr. P. Tallis CC", "Mr Tallis CC"))
    keys = {ident.key(s) for s in ["Mr. I. D. Tallis CC", "Mr. P. Tallis CC", "Mr Tallis CC"]}
    assert len(keys) == 3
    assert any('kept "Mr Tallis CC" apart: 2 people named Tallis' in line for line in ident.log)


def test_officer_full_name_and_initial_form():
    ident = resolve_people(sights("Jane Moorcroft", "Mrs J Moorcroft") + sights("Mr K Moorcroft", role="officer"))
    assert ident.key("Jane Moorcroft") == ident.key("Mrs J Moorcroft")
    assert ident.key("Mr K Moorcroft") != ident.key("Jane Moorcroft")


def test_unknown_and_non_names():
    ident = resolve_people(sights("Mrs. H. J. Quarrie CC", "the Director"))
    assert ident.key("the Director") is None
    assert ident.key("Mrs H J Quarrie") == ident.key("Mrs. H. J. Quarrie CC")  # unseen but unambiguous
    assert ident.key("Mr Nobody") is None


_pool = ["Mrs. H. J. Quarrie CC", "Mrs H Quarrie CC", "Mrs Quarrie", "Mr Tallis CC", "Mr. I. D. Tallis CC",
         "Mr. P. Tallis CC", "Jane Moorcroft", "Mrs J Moorcroft", "Mrs. A. Wrenfield CC", "Mrs. M. Wrenfield CC",
         "Mrs Wrenfield", "Cllr Pennyworth", "Dr. R. Pennyworth CC"]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(_pool), min_size=1, max_size=12), st.randoms())
def test_independent_of_input_order(surfaces, rnd):
    a = resolve_people(sights(*surfaces))
    shuffled = list(surfaces)
    rnd.shuffle(shuffled)
    b = resolve_people(sights(*shuffled))
    for s in surfaces:
        assert a.key(s) == b.key(s)
        k = a.key(s)
        if k is not None:
            assert a.label(k) == b.label(k) and a.alt_labels(k) == b.alt_labels(k)
    assert sorted(a.log) == sorted(b.log)
