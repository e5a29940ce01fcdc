"""Matching and scoring: strict = spaCy's Scorer.score_spans; lenient by hand; determinism."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.scorer import Scorer
from spacy.training import Example

from evaluation.documents import Document
from evaluation.matching import deduplicate, lenient_pairs, span_key, strict_pairs
from evaluation.scoring import (
    BOUNDARY,
    FALSE_NEGATIVE,
    FALSE_POSITIVE,
    LABEL_CONFUSION,
    WRONG_ATTRIBUTE,
    score,
)

LABELS3 = ("DATE", "MONEY", "VERDICT")


def sp(start, end, label="DATE", **attrs):
    return {"start": start, "end": end, "label": label, "text": "", "attrs": attrs}


def doc(spans, text="x" * 200, doc_id="d", meta=None):
    return Document(doc_id, text, meta or {}, spans)


def counts(gold, pred, mode="lenient", label="DATE"):
    rep = score([doc(gold)], {"d": doc(pred)})
    c = rep.totals(mode).get(label)
    return (c.tp, c.fp, c.fn) if c else (0, 0, 0)


# -- lenient matching, hand-computed --------------------------------------------

@pytest.mark.parametrize("name,gold,pred,expected", [
    ("exact", [sp(0, 10)], [sp(0, 10)], (1, 0, 0)),
    ("overlap counts", [sp(0, 10)], [sp(5, 15)], (1, 0, 0)),
    ("touching is no overlap", [sp(0, 10)], [sp(10, 15)], (0, 1, 1)),
    ("other label never matches", [sp(0, 10)], [sp(0, 10, "MONEY")], (0, 0, 1)),
    # nested: a prediction inside the gold span, and one around it
    ("pred nested inside gold", [sp(0, 20)], [sp(5, 8)], (1, 0, 0)),
    ("gold nested inside pred", [sp(5, 8)], [sp(0, 20)], (1, 0, 0)),
    # one wide prediction over two gold spans: used once only
    ("one pred over two gold", [sp(0, 5), sp(6, 12)], [sp(0, 12)], (1, 0, 1)),
    ("two preds in one gold", [sp(0, 20)], [sp(0, 5), sp(10, 15)], (1, 1, 0)),
    # overlapping predictions (a near-duplicate): the second is a false positive
    ("near duplicates", [sp(0, 10)], [sp(0, 10), sp(1, 10)], (1, 1, 0)),
    # exact duplicates collapse (spaCy counts spans as a set)
    ("exact duplicates", [sp(0, 10)], [sp(0, 10), sp(0, 10)], (1, 0, 0)),
    ("duplicate fp", [], [sp(0, 10), sp(0, 10)], (0, 1, 0)),
    # maximum matching, not greedy: P(2,12) overlaps A most, but pairing it with B
    # lets Q(0,1) match A: two pairs instead of one
    ("maximum not greedy", [sp(0, 10), sp(10, 14)], [sp(2, 12), sp(0, 1)], (2, 0, 0)),
    # a chain A-P-B-Q: two pairs
    ("chain", [sp(0, 10), sp(12, 20)], [sp(8, 14), sp(18, 25)], (2, 0, 0)),
])
def test_lenient_counts_by_hand(name, gold, pred, expected):
    assert counts(gold, pred) == expected, name


@pytest.mark.parametrize("gold,pred,strict", [
    ([sp(0, 10)], [sp(0, 10)], (1, 0, 0)),
    ([sp(0, 10)], [sp(5, 15)], (0, 1, 1)),
    ([sp(0, 5), sp(6, 12)], [sp(0, 12)], (0, 1, 2)),
    ([sp(0, 10)], [sp(0, 10), sp(0, 10)], (1, 0, 0)),
])
def test_strict_counts_by_hand(gold, pred, strict):
    assert counts(gold, pred, "strict") == strict


def test_exact_match_is_kept_even_when_another_pairing_would_match_more():
    # A(0,10) is predicted exactly; B(9,15) overlaps only that prediction;
    # Q(2,4) overlaps only A.  Exact pairs first: every strict match is lenient.
    gold = [sp(0, 10), sp(9, 15)]
    pred = [sp(0, 10), sp(2, 4)]
    assert lenient_pairs(gold, pred) == [(0, 0)]


def test_best_overlap_wins_among_equal_cardinality():
    gold = [sp(0, 10)]
    pred = [sp(8, 20), sp(0, 7)]
    assert lenient_pairs(gold, pred) == [(0, 1)]


def test_lenient_pairs_independent_of_order():
    rng = random.Random(7)
    gold = [sp(s, s + rng.randint(1, 9), rng.choice(LABELS3)) for s in range(0, 150, 7)]
    pred = [sp(s, s + rng.randint(1, 12), rng.choice(LABELS3)) for s in range(2, 150, 5)]
    base = {(span_key(gold[g]), span_key(pred[p])) for g, p in lenient_pairs(gold, pred)}
    for _ in range(5):
        g2, p2 = gold[:], pred[:]
        rng.shuffle(g2)
        rng.shuffle(p2)
        again = {(span_key(g2[g]), span_key(p2[p])) for g, p in lenient_pairs(g2, p2)}
        assert again == base


def test_strict_pairs_one_to_one():
    assert strict_pairs([sp(0, 5)], [sp(0, 5), sp(0, 5)]) == [(0, 0)]


def test_deduplicate_is_canonical():
    a, b = sp(3, 5), sp(0, 2, "MONEY")
    assert deduplicate([a, b, dict(a)]) == ([b, a], 1)


# -- error records -----------------------------------------------------------------

def test_error_types_and_rule_ids():
    text = "Am 12.03.2024 wurden 5 EUR und GRDrs 1/2024 genannt."
    gold = [sp(3, 13, "DATE", value="2024-03-12"),
            sp(21, 26, "MONEY", value=5, currency="EUR"),
            sp(31, 43, "REFERENCE", kind="Drucksache", number="1/2024")]
    pred = [sp(0, 13, "DATE", value="2024-03-12", rule="date-am"),
            sp(21, 26, "MONEY", value=5.0, currency="DEM", rule="money-eur"),
            sp(31, 43, "DATE", value=None, rule="date-bad"),
            sp(44, 51, "VERDICT", rule="verdict-x")]
    rep = score([doc(gold, text)], {"d": doc(pred, text)})
    kinds = sorted((e.type, e.label, e.rule) for e in rep.errors)
    assert kinds == [
        (BOUNDARY, "DATE", "date-am"),
        (FALSE_POSITIVE, "VERDICT", "verdict-x"),
        (LABEL_CONFUSION, "REFERENCE", "date-bad"),
        (WRONG_ATTRIBUTE, "MONEY", "money-eur"),
    ]
    confusion = next(e for e in rep.errors if e.type == LABEL_CONFUSION)
    assert (confusion.gold.label, confusion.pred.label) == ("REFERENCE", "DATE")
    assert confusion.context == "Am 12.03.2024 wurden 5 EUR und ⟦GRDrs 1/2024⟧ genannt."
    wrong = next(e for e in rep.errors if e.type == WRONG_ATTRIBUTE)
    assert (wrong.attr, wrong.gold_value, wrong.pred_value) == ("currency", "EUR", "DEM")
    # value 5 == 5.0 (numbers as numbers): only currency is wrong
    assert rep.attrs[("MONEY", "value")] == [1, 1]
    # a label confusion still counts as FN of the gold label and FP of the predicted one
    assert (rep.lenient["REFERENCE"].fn, rep.lenient["DATE"].fp) == (1, 1)
    assert rep.confusion[("REFERENCE", "DATE")] == 1


def test_false_negative_record():
    rep = score([doc([sp(0, 4)], "abcdef")], {})
    (e,) = rep.errors
    assert (e.type, e.gold.start, e.gold.end, e.pred) == (FALSE_NEGATIVE, 0, 4, None)


def test_meta_accuracy_and_spurious():
    gold = doc([], meta={"body": "Gemeinderat", "chair": None, "subject": None})
    pred = doc([], meta={"body": "Gemeinderat", "chair": "OB Muster", "subject": None})
    rep = score([gold], {"d": pred})
    assert rep.meta["body"] == [1, 1, 0]
    assert rep.meta["chair"] == [0, 0, 1]
    assert rep.meta["subject"] == [0, 0, 0]


def test_attributes_a_format_cannot_hold_are_not_scored():
    gold = Document("d", "x" * 20, {}, [sp(0, 5, "DATE")], scored_attrs={"DATE": ()})
    pred = doc([sp(0, 5, "DATE", value="2020-01-01")])
    rep = score([gold], {"d": pred})
    assert not rep.attrs
    assert not [e for e in rep.errors if e.type == WRONG_ATTRIBUTE]


# -- strict scores equal spaCy's Scorer.score_spans ---------------------------------

WORDS = [f"w{i}" for i in range(30)]
TEXT = " ".join(WORDS)
STARTS = [sum(len(w) + 1 for w in WORDS[:i]) for i in range(len(WORDS))]


def _char(tok_start, tok_end):
    return STARTS[tok_start], STARTS[tok_end - 1] + len(WORDS[tok_end - 1])


BLANK = spacy.blank("de")


def _spacy_scores(gold_docs, pred_docs):
    nlp = BLANK
    examples = []
    for g, p in zip(gold_docs, pred_docs, strict=True):
        docs = []
        for spans in (p, g):
            d = nlp.make_doc(TEXT)
            d.spans["sc"] = [d.char_span(*_char(s, e), label=lab) for lab, s, e in spans]
            docs.append(d)
        examples.append(Example(docs[0], docs[1]))
    return Scorer.score_spans(examples, "spans_sc",
                              getter=lambda doc, attr: doc.spans.get("sc", []),
                              allow_overlap=True)


def _ours(gold_docs, pred_docs):
    def to_doc(i, spans):
        return Document(str(i), TEXT, {}, [
            {"start": _char(s, e)[0], "end": _char(s, e)[1], "label": lab,
             "text": TEXT[_char(s, e)[0]:_char(s, e)[1]], "attrs": {}} for lab, s, e in spans])

    gold = [to_doc(i, g) for i, g in enumerate(gold_docs)]
    pred = {str(i): to_doc(i, p) for i, p in enumerate(pred_docs)}
    return score(gold, pred)


span_st = st.tuples(st.sampled_from(LABELS3), st.integers(0, 28), st.integers(1, 4)).map(
    lambda t: (t[0], t[1], min(len(WORDS), t[1] + t[2])))
docs_st = st.lists(st.tuples(st.lists(span_st, max_size=8), st.lists(span_st, max_size=8)),
                   min_size=1, max_size=5)


def _assert_equal_to_spacy(pairs):
    gold_docs = [g for g, _ in pairs]
    pred_docs = [p for _, p in pairs]
    theirs = _spacy_scores(gold_docs, pred_docs)
    rep = _ours(gold_docs, pred_docs)
    micro = rep.micro("strict")
    if theirs["spans_sc_f"] is None:
        assert micro.tp + micro.fp + micro.fn == 0
        return
    assert micro.precision == pytest.approx(theirs["spans_sc_p"], abs=1e-9)
    assert micro.recall == pytest.approx(theirs["spans_sc_r"], abs=1e-9)
    assert micro.f1 == pytest.approx(theirs["spans_sc_f"], abs=1e-9)
    strict = rep.strict
    for label, prf in theirs["spans_sc_per_type"].items():
        ours = strict[label]
        assert (ours.precision, ours.recall, ours.f1) == pytest.approx(
            (prf["p"], prf["r"], prf["f"]), abs=1e-9), label


def test_strict_equals_spacy_scorer_on_a_hand_made_case():
    pairs = [
        ([("DATE", 0, 2), ("MONEY", 3, 4), ("VERDICT", 0, 10)],
         [("DATE", 0, 2), ("MONEY", 3, 5), ("VERDICT", 0, 10), ("DATE", 20, 21)]),
        ([("DATE", 5, 6)], []),
        ([], [("MONEY", 1, 2), ("MONEY", 1, 2)]),
    ]
    _assert_equal_to_spacy(pairs)


@settings(max_examples=60, deadline=None)
@given(docs_st)
def test_strict_equals_spacy_scorer(pairs):
    _assert_equal_to_spacy(pairs)


@settings(max_examples=60, deadline=None)
@given(docs_st, st.randoms(use_true_random=False))
def test_scores_independent_of_input_order(pairs, rnd):
    gold_docs = [g for g, _ in pairs]
    pred_docs = [p for _, p in pairs]
    a = _ours(gold_docs, pred_docs)
    shuffled_pred = [rnd.sample(p, len(p)) for p in pred_docs]
    shuffled_gold = [rnd.sample(g, len(g)) for g in gold_docs]
    b = _ours(shuffled_gold, shuffled_pred)
    for mode in ("strict", "lenient"):
        assert {k: (v.tp, v.fp, v.fn) for k, v in a.totals(mode).items()} == \
               {k: (v.tp, v.fp, v.fn) for k, v in b.totals(mode).items()}
    assert sorted(e.key() for e in a.errors) == sorted(e.key() for e in b.errors)


@settings(max_examples=60, deadline=None)
@given(docs_st)
def test_lenient_at_least_strict(pairs):
    rep = _ours([g for g, _ in pairs], [p for _, p in pairs])
    for label, s in rep.strict.items():
        le = rep.lenient[label]
        assert le.tp >= s.tp and le.fp <= s.fp and le.fn <= s.fn
        assert le.tp + le.fp == s.tp + s.fp  # same predictions, only paired differently


def _brute_force_best(gold, pred):
    """(pairs, total overlap) of the best one-to-one matching after exact pairs, by search."""
    from evaluation.matching import overlap

    exact = strict_pairs(gold, pred)
    g_rest = [i for i in range(len(gold)) if i not in {g for g, _ in exact}]
    p_rest = [i for i in range(len(pred)) if i not in {p for _, p in exact}]

    def best(k, used):
        if k == len(g_rest):
            return (0, 0)
        result = best(k + 1, used)
        for pi in p_rest:
            ov = overlap(gold[g_rest[k]], pred[pi])
            if pi not in used and ov > 0 and gold[g_rest[k]]["label"] == pred[pi]["label"]:
                n, total = best(k + 1, used | {pi})
                result = max(result, (n + 1, total + ov))
        return result

    n, total = best(0, frozenset())
    return len(exact) + n, total + sum(overlap(gold[g], pred[p]) for g, p in exact)


small_spans = st.lists(st.tuples(st.sampled_from(("DATE", "MONEY")), st.integers(0, 30),
                                 st.integers(1, 12)).map(lambda t: sp(t[1], t[1] + t[2], t[0])),
                       max_size=6)


@settings(max_examples=150, deadline=None)
@given(small_spans, small_spans)
def test_lenient_matching_is_a_maximum_matching(gold, pred):
    from evaluation.matching import overlap

    gold, _ = deduplicate(gold)
    pred, _ = deduplicate(pred)
    pairs = lenient_pairs(gold, pred)
    assert len({g for g, _ in pairs}) == len({p for _, p in pairs}) == len(pairs)
    assert all(overlap(gold[g], pred[p]) > 0 and gold[g]["label"] == pred[p]["label"]
               for g, p in pairs)
    got = (len(pairs), sum(overlap(gold[g], pred[p]) for g, p in pairs))
    assert got == _brute_force_best(gold, pred)
