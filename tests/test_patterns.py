"""The versioned pattern files: what the code relies on in them holds."""
import re

from extractors.vocab import load_jsonl


def test_every_context_pattern_has_cues_and_each_cue_is_written_in_its_pattern():
    """A cue gates a pattern (no cue in a text: the pattern is not run there), so each must be a
    word the pattern itself requires; a cue not in the pattern's source is a typo."""
    recs = [r for r in load_jsonl("organisations.v1.jsonl") if r.get("kind") in ("context", "context_after")]
    assert recs
    for r in recs:
        assert r["cues"], r["id"]
        source = r["pattern"].replace("\\s+", " ").replace("[ \\t]+", " ").replace("\\(", "(")
        for cue in r["cues"]:
            assert cue in source, (r["id"], cue)
        re.compile(r["pattern"])


def test_a_context_pattern_does_not_match_a_text_without_its_cues():
    recs = [r for r in load_jsonl("organisations.v1.jsonl") if r.get("kind") in ("context", "context_after")]
    probes = ["worked with the Fenwater Trust", "on behalf of Fenwater Trust", "Ann Bell from the Fenwater Trust",
              "as a trustee of the Fenwater Trust", "the charity Fenwater Trust", "Fenwater Trust, a local charity",
              "Fenwater Trust is seeking funds", "Fenwater Trust and other local employers", "employed by Fenwater Trust",
              "the developer (FTL)", "Fenwater Trust, as the Department's strategic partner", "commissioned Fenwater Trust"]
    for r in recs:
        rx = re.compile(r["pattern"], re.MULTILINE)
        for text in probes:
            if rx.search(text):
                assert any(c in text for c in r["cues"]), (r["id"], text)
