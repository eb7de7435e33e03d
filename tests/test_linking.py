"""match/linking.py: which claim units may link, how pairs score, and how they cluster."""

from __future__ import annotations

import numpy as np

from corroborator.match.linking import average_linkage, numbers_of, pair_score
from corroborator.match.units import Unit


def test_opposite_directions_of_one_verb_never_link() -> None:
    from corroborator.match.linking import opposite_moves

    into = Unit("a", 0, 40, "Lindsay Lohan Checks Into Betty Ford Rehab", (0, 40))
    out = Unit("b", 0, 30, "Lindsay Lohan checked out of rehab", (0, 30))
    both = Unit("c", 0, 40, "Lohan Checks Into Rehab, Checks Out", (0, 40))
    pirates = Unit("d", 0, 50, "The navy took the pirates into custody", (0, 50))
    assert opposite_moves(into, out) and opposite_moves(out, into)
    assert not opposite_moves(into, both) and not opposite_moves(both, out)
    assert not opposite_moves(into, pirates)  # "checks into" / "took ... into": other verbs
    assert pair_score(into, out, 0.95, 0.8) is None


def test_leaving_a_named_place_is_not_entering_it() -> None:
    # ECB+ topic 1 (Lindsay Lohan, May and June 2013): two headlines a month apart
    from corroborator.match.linking import leaves_and_enters

    left = Unit("a", 0, 57, "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab", (0, 57))
    went = Unit("b", 0, 46, "Lohan Checks into Betty Ford, Rehires Attorney", (0, 46))
    told = Unit("c", 0, 60, "Lindsay Lohan has left the Betty Ford Center for a facility", (0, 60))
    other = Unit("d", 0, 50, "The inmate escaped from the Detention Center", (0, 50))
    center = Unit("e", 0, 50, "The boy was admitted to the Medical Center", (0, 50))
    both = Unit("f", 0, 60, "He left Betty Ford in 2011 and returned to Betty Ford today", (0, 60))
    assert leaves_and_enters(left, went) and leaves_and_enters(went, told)
    assert pair_score(left, went, 0.95, 0.8) is None
    assert not leaves_and_enters(left, told)  # both leave it
    assert not leaves_and_enters(other, center)  # one generic word of two names
    assert not leaves_and_enters(both, went)  # the first tells of entering it too


def test_a_title_case_headline_shares_words_with_the_story() -> None:
    # ECB+ topic 4 (Esther Williams, June 2013): capitals in a headline do not mark names
    from corroborator.match.linking import lexical_cosine, lexical_vectors

    texts = ["Esther Williams, swimming star, dies at 91",
             "Legendary Aquatic Musical Star Esther Williams Dies At 91",
             "Esther Williams Is Remembered By Her Fans"]
    units = [Unit(str(n), 0, len(t), t, (0, len(t))) for n, t in enumerate(texts)]
    lex = lexical_vectors(units)
    assert set(lex[1]) == {"star", "dies"}  # names and the story's unseen words left out
    assert lexical_cosine(lex[0], lex[1]) > 0.5
    assert not lex[2]  # "Remembered", "Fans": no other unit writes them in lower case


def test_average_linkage_does_not_chain() -> None:
    # a-b and b-c are close, a-c is far: single linkage would chain all three
    edges = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.1}
    clusters = average_linkage(3, edges, 0.6)
    assert sorted(map(len, clusters)) == [1, 2]


def test_forbidden_pair_never_merges() -> None:
    edges = {(0, 1): 0.95, (1, 2): 0.95, (0, 2): float("-inf")}
    clusters = average_linkage(3, edges, 0.5)
    assert all(not {0, 2} <= set(c) for c in clusters)


def test_range_is_not_its_end_point() -> None:
    from corroborator.model import Quantity

    u = Unit("d", 0, 10, "x", (0, 10))
    u.quantities = [Quantity("d", 0, 5, None, low=10000, high=12000)]
    v = Unit("e", 0, 10, "y", (0, 10))
    v.quantities = [Quantity("e", 0, 5, 12000)]
    assert not numbers_of(u) & numbers_of(v)


def _unit(speaker: str, source: str, text: str = "x") -> Unit:
    u = Unit("d", 0, len(text), text, (0, len(text)), speaker=speaker)
    u.source_text = source
    return u


def test_an_official_speaks_for_the_country_in_the_title() -> None:
    from corroborator.match.linking import affiliations, same_actor

    country = _unit("Russia", "Moscow")
    president = _unit("Vladimir Putin", "Russian President Vladimir Putin")
    other = _unit("Mark Rutte", "NATO Secretary General Mark Rutte")
    mixed = _unit("Analysts", "Ukrainian analysts of North Korean affairs")
    aff = affiliations([country, president, other, mixed])
    assert aff == {"vladimir putin": {"Russia"}}  # two countries in a title say nothing
    assert same_actor(country, president, aff) and same_actor(president, country, aff)
    assert not same_actor(country, other, aff)
    assert not same_actor(country, president, {})


def test_one_actor_vouching_for_both_units_counts_like_one_speaker() -> None:
    from corroborator.match.linking import same_actor, same_voucher

    own = _unit("Jane Doe", "Mayor Jane Doe")
    relayed = _unit("City engineers", "City engineers")
    relayed.reported_by = "Jane Doe"  # "engineers have warned X, Mayor Jane Doe said"
    stranger = _unit("City engineers", "City engineers")
    assert same_voucher(own, relayed) and not same_actor(own, relayed)
    assert not same_voucher(own, stranger)
    a = Unit("a", 0, 10, "The bridge could close by Friday.", (0, 10), speaker="Jane Doe")
    b = Unit("b", 0, 10, "The bridge may have to close this week.", (0, 10),
             speaker="City engineers", reported_by="Jane Doe")
    c = Unit("c", 0, 10, "The bridge may have to close this week.", (0, 10),
             speaker="City engineers")
    assert (pair_score(a, b, 0.5) or 0.0) > (pair_score(a, c, 0.5) or 0.0)


def test_two_leads_only_one_of_which_counts_get_no_lead_bonus() -> None:
    """Written for this test: an article opening on a count and one opening on a general
    remark about the same troops tell different things; two leads that both count, or
    neither, keep the bonus."""
    from corroborator.match.linking import LEAD_BONUS

    def unit(doc: str, text: str, lead: bool) -> Unit:
        return Unit(doc, 0, len(text), text, (0, len(text)), lead=lead)

    count = "There are now almost 11,000 soldiers training in the east, officials said."
    remark = "The deployment of the soldiers has been a matter of speculation for weeks."
    other = "The soldiers have been training for weeks, far from the front."
    for a, b, bonus in ((count, remark, 0.0), (remark, other, LEAD_BONUS)):
        led = pair_score(unit("a", a, True), unit("b", b, True), 0.6)
        plain = pair_score(unit("a", a, False), unit("b", b, False), 0.6)
        assert led is not None and plain is not None
        assert abs(led - plain - bonus) < 1e-9


def test_dates_and_clock_times_are_not_counts() -> None:
    """From ECB+ datelines: a day number would forbid a link as a numeric disagreement."""
    dateline = Unit("d", 0, 10, "Posted 11 / 27 / 2005 7: 21 AM, Thursday, December 11, 2008",
                    (0, 10))
    assert numbers_of(dateline) == set()
    count = Unit("e", 0, 10, "The quake killed 12 people on Nov. 28 at 5 a.m.", (0, 10))
    assert numbers_of(count) == {(12.0,)}


def test_two_units_of_one_article_never_start_a_merge() -> None:
    from corroborator.match.linking import SAME_ARTICLE_SCORE, pair_score

    a = Unit("d", 0, 40, "The port reopened on Monday after the storm.", (0, 40))
    b = Unit("d", 50, 90, "Officials said the port reopened on Monday.", (50, 90))
    other = Unit("e", 0, 40, "The port reopened on Monday after the storm.", (0, 40))
    same = pair_score(a, b, 0.85, 0.8)
    assert same is not None and same <= SAME_ARTICLE_SCORE < 0.6
    assert (pair_score(a, other, 0.85, 0.8) or 0.0) > 0.6
    # an article and its own copy of a sentence are one mention, not a cap
    assert (pair_score(a, b, 0.95, 1.0) or 0.0) > SAME_ARTICLE_SCORE


def test_a_low_threshold_does_not_let_one_article_merge_alone() -> None:
    from corroborator.match.linking import link_units

    a = Unit("d", 0, 44, "The port reopened on Monday after the storm.", (0, 44))
    b = Unit("d", 50, 93, "Officials said the harbour opened again Monday.", (50, 93))
    clusters, _ = link_units([a, b], threshold=0.2)
    assert sorted(map(len, clusters)) == [1, 1]


def test_claims_of_several_units_join_when_all_their_pairs_agree() -> None:

    from corroborator.match.linking import join_claims

    vecs = np.array([[1.0, 0.0], [0.96, 0.28], [0.8, 0.6], [0.6, 0.8], [0.0, 1.0]])
    scores = {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.6, (0, 3): 0.5, (1, 2): 0.55, (1, 3): 0.5}

    def score(i: int, j: int) -> float:
        return scores.get((min(i, j), max(i, j)), 0.0)

    assert sorted(join_claims([[0, 1], [2, 3], [4]], vecs, score, 0.5)) == [[0, 1, 2, 3], [4]]
    # one forbidden pair keeps the two claims apart; a lone unit never joins in this pass
    scores[(1, 3)] = float("-inf")
    scores[(0, 4)] = scores[(1, 4)] = 0.9
    assert sorted(join_claims([[0, 1], [2, 3], [4]], vecs, score, 0.5)) == [[0, 1], [2, 3], [4]]


def test_pairs_within_one_article_abstain_when_claims_join() -> None:

    from corroborator.match.linking import join_claims

    vecs = np.array([[1.0, 0.0], [0.96, 0.28], [0.8, 0.6], [0.6, 0.8]])
    # units 0 and 2 come from one article (capped low by the first pass); the pairs across
    # articles agree
    scores = {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.1, (0, 3): 0.6, (1, 2): 0.6, (1, 3): 0.6}

    def score(i: int, j: int) -> float:
        return scores[(min(i, j), max(i, j))]

    assert sorted(join_claims([[0, 1], [2, 3]], vecs, score, 0.55)) == [[0, 1], [2, 3]]
    docs = ["a", "b", "a", "c"]
    assert sorted(join_claims([[0, 1], [2, 3]], vecs, score, 0.55, docs)) == [[0, 1, 2, 3]]
    # the pairs across articles fall short: no join, however the one-article pair scores
    scores[(0, 3)] = scores[(1, 2)] = 0.5
    scores[(0, 2)] = 0.95
    assert sorted(join_claims([[0, 1], [2, 3]], vecs, score, 0.55, docs)) == [[0, 1], [2, 3]]


def test_a_call_for_action_is_not_the_claim_it_calls_for() -> None:
    """Written for this test: "leaders must press Moscow to stop X" asks for X; it scores
    below a statement of X by the call penalty, all else equal."""
    from corroborator.match.linking import CALL_PENALTY, is_call

    def unit(doc: str, text: str) -> Unit:
        return Unit(doc, 0, len(text), text, (0, len(text)))

    call = unit("a", "Regional leaders must press Moscow to stop sending troops to the border.")
    said = unit("b", "Moscow is sending troops to the border, officials said on Monday.")
    other = unit("c", "Moscow has been sending troops to the border since Monday.")
    assert is_call(call) and not is_call(said) and not is_call(other)
    assert is_call(unit("d", "There needs to be tangible pressure on the two capitals."))
    with_call = pair_score(call, other, 0.7, 0.2)
    without = pair_score(said, other, 0.7, 0.2)
    assert with_call is not None and without is not None
    assert abs((without - with_call) - CALL_PENALTY) < 1e-9


def test_a_count_on_one_side_and_no_shared_word_is_a_detail_not_its_gist() -> None:
    """The seeds' intercept detail (000) beside another outlet's gist (002): alike in
    names and topic, sharing only "soldiers" as a word, they stay apart; the same pair with
    words in common links."""
    from corroborator.match.linking import GIST_LEXICAL, lexical_cosine, lexical_vectors

    detail = Unit("a", 0, 0, "Moscow plans to “attach one translator and three Russian "
                  "servicemen to every 30 North Korean soldiers”", (0, 0))
    gist = Unit("b", 0, 0, "Moscow planning to use North Korean soldiers", (0, 0))
    lexical = lexical_cosine(*lexical_vectors([detail, gist]))
    assert 0 < lexical < GIST_LEXICAL  # "soldiers" alone
    apart = pair_score(detail, gist, 0.7, lexical)
    alike = pair_score(detail, gist, 0.7, 4 * GIST_LEXICAL)
    assert apart is not None and alike is not None
    assert apart < 0.6 <= alike  # the link threshold
