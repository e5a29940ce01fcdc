"""The verdicts component's fast paths change nothing: prefilters and token arrays."""

from __future__ import annotations

import re

import pytest

from extractor import verdicts, votes
from extractor.verdicts import Tok

from .conftest import fixture_documents


@pytest.fixture(scope="module")
def component(nlp):
    return nlp.get_pipe("minutes_verdicts")


@pytest.fixture(scope="module")
def fixture_docs(nlp):
    """Every fixture text run through the pipeline up to (not including) verdicts."""
    names = [n for n, _ in nlp.pipeline]
    later = names[names.index("minutes_verdicts"):]
    with nlp.select_pipes(disable=later):
        return [(d.id, nlp(d.text)) for d in fixture_documents()]


def _find_all(component, docs):
    return {name: component.find(doc) for name, doc in docs}


def _switch(monkeypatch, on: bool) -> None:
    monkeypatch.setattr(votes, "PREFILTER", on)
    monkeypatch.setattr(verdicts, "PREFILTER", on)


def test_prefilters_change_no_result_on_any_fixture(component, fixture_docs, monkeypatch):
    _switch(monkeypatch, False)
    slow = _find_all(component, fixture_docs)
    _switch(monkeypatch, True)
    fast = _find_all(component, fixture_docs)
    assert sum(len(v) for v in slow.values()) > 50  # the fixtures do contain verdicts
    for name in slow:
        assert fast[name] == slow[name], name


def test_prefilters_change_no_count_on_any_fixture_line(component, monkeypatch):
    rules = component._index["votes"]
    texts = [d.text for d in fixture_documents()]
    pieces = texts + [line for t in texts for line in t.splitlines()]
    found = 0
    for piece in pieces:
        _switch(monkeypatch, False)
        slow = votes.find_counts(piece, rules)
        _switch(monkeypatch, True)
        assert votes.find_counts(piece, rules) == slow, piece
        found += len(slow)
    assert found > 50


def test_count_rule_literals_never_reject_a_match(component):
    """Every match of a count rule lies where the rules' literal index says it may."""
    rules = component._index["votes"]
    texts = [d.text for d in fixture_documents()]
    lines = [line for t in texts for line in t.splitlines()]
    checked = 0
    for line in lines:
        located = rules.literal_index.locate(line)
        for i, rule in enumerate(rules):
            m = rule["pattern__re"].search(line)
            if m:
                checked += 1
                assert i in located.candidates(0, len(line)), (rule["id"], line)
                assert i in located.candidates(m.start(), m.end()), (rule["id"], m.group(0))
    assert checked > 30


def test_count_rule_literals_say_no_without_them(component):
    rules = component._index["votes"]
    i = next(k for k, r in enumerate(rules) if r["id"] == "abst-num")
    for text, may in (("bei 3 Enthaltungen", True), ("bei 3 Stimmenthaltungen", True),
                      ("Der Antrag wird angenommen.", False)):
        assert (i in rules.literal_index.locate(text).candidates(0, len(text))) is may, text


def test_a_rule_without_literals_is_always_a_candidate():
    from extractor.prefilter import LiteralIndex
    index = LiteralIndex([re.compile(r"(?P<yes>\d+)\s+\w+"),
                          re.compile(r"(?P<no>\d+)\s+(?:Gegenstimmen?|Nein-Stimmen?)")])
    assert index.locate("").candidates(0, 0) == {0}
    assert index.locate("mit 2 Gegenstimmen").candidates(0, 18) == {0, 1}
    assert index.locate("mit 2 Stimmen dafür").candidates(0, 19) == {0}


def test_tokens_read_from_arrays_equal_spacy_tokens(component, fixture_docs):
    checked = 0
    for _name, doc in fixture_docs[:20]:
        component._read_tokens(doc)
        try:
            toks = component._tokens(0, len(doc.text) + 1)
            assert len(toks) == len(doc)
            for tok, t in zip(toks, doc, strict=True):
                assert isinstance(tok, Tok)
                assert (tok.i, tok.idx, tok.text, tok.is_punct) == (t.i, t.idx, t.text, t.is_punct)
                assert tok.lemma == component._lemma_of(t.text, t.lemma_)
                checked += 1
            # a window holds exactly the tokens starting inside it
            if len(doc) > 3:
                s, e = doc[1].idx, doc[3].idx
                assert [t.i for t in component._tokens(s, e)] == [1, 2]
        finally:
            component._tok_starts, component._toks = [], []
    assert checked > 1000


def test_lemma_of_looks_capitalised_words_up_lower_cased(component):
    # ``Beschließt`` at a sentence start: the lemma of ``beschließt``
    assert component._lemma_of("Beschließt", "Beschließt") == "beschließen"
    assert component._lemma_of("stimmte", "stimmen") == "stimmen"
    assert component._lemma_of("Xyzzy", "") == "xyzzy"
    assert component._lemma_of("und", "") == "und"


def test_may_be_elliptic_holds_wherever_an_elliptic_line_is_found(component, fixture_docs):
    found = 0
    for _name, doc in fixture_docs:
        text = doc.text
        component._read_tokens(doc)
        try:
            for s, e, _label in component._segments(text):
                toks = component._tokens(s, e)
                if component._elliptic(text[s:e], toks) is not None:
                    found += 1
                    words = sum(not t.is_punct for t in toks)
                    assert component._may_be_elliptic(words), text[s:e]
        finally:  # release the document's tokens as find() does
            component._tok_starts, component._tok_texts = [], []
            component._tok_lemmas, component._tok_punct = [], []
    assert found > 5


def test_sentence_without_any_outcome_trigger_stays_other(component, nlp):
    doc = nlp("Herr Müller erläutert die Vorlage ausführlich und beantwortet viele Fragen "
              "aus dem Gremium zur künftigen Entwicklung.")
    assert component.find(doc) == []
    doc = nlp("Der Gemeinderat stimmt dem Antrag einstimmig zu.")
    assert [a["outcome"] for _s, _e, a, _r in component.find(doc)] == ["approved"]
