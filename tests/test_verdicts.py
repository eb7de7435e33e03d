"""match/verdicts.py: denials, source counting and status on written claims."""

from __future__ import annotations

from corroborator.match.verdicts import DENIAL, excerpt
from corroborator.model import Document
from tests.match_text import story_of


def test_explanation_quotes_the_denying_words() -> None:
    """A long denial is quoted around its denying words, not cut after the speaker's title."""
    text = ("One of the country's United Nations representatives said at the General "
            "Assembly's First Committee on Disarmament and International Security that it "
            "was sending neither weapons nor soldiers to help its ally")
    got = excerpt(text, DENIAL)
    assert "neither weapons nor soldiers" in got and got.startswith("…") and len(got) <= 122
    assert excerpt("They denied it.", DENIAL) == "They denied it."
    head = excerpt("x " * 100, DENIAL)  # no match: the start, cut on a word
    assert head.startswith("x x") and head.endswith("…")


def test_disputing_an_account_is_a_denial() -> None:
    """Written for this test, after a real report ("the boy's family contests police
    allegations that he was armed with a handgun"). A region that is contested denies
    nothing."""
    assert DENIAL.search("The family contests police allegations that he was armed.")
    assert DENIAL.search("The ministry disputed the agency's account of the talks.")
    assert not DENIAL.search("Troops arrived in the contested region on Monday.")
    assert not DENIAL.search("The two firms settled a dispute over royalties.")
    assert not DENIAL.search("The two countries have a dispute over claims to the islands.")
    story = story_of({
        "a": "Police said the driver had been carrying a loaded pistol when officers "
             "stopped the car on Saturday.",
        "b": "The driver's family contests police claims that he had been carrying a loaded "
             "pistol when officers stopped the car.",
    })
    denials = [k for k in story.contradictions if k.kind == "denial"]
    assert len(denials) == 1
    doc_of = {c.id: {m.doc for m in c.mentions} for c in story.claims}
    assert sorted(sorted(doc_of[x]) for x in denials[0].claims) == [["a"], ["b"]]


def test_a_denial_targets_what_it_rejects_not_its_own_framing() -> None:
    """Written for this test. The envoy's "the country was sending neither ships nor
    sailors" is compared as "Venezuela was sending ships and sailors": it targets the
    report of Venezuelan naval personnel, and never a call for action that shares its
    wording (before, the call was its nearest target)."""
    from corroborator.match.verdicts import as_asserted

    assert as_asserted("the country was sending neither ships nor sailors to help Cuba",
                       "Venezuela") == "Venezuela was sending ships and sailors to help Cuba"
    assert as_asserted("we did not send troops", None) == "we did send troops"
    story = story_of({
        "a": "A Venezuelan envoy told the assembly on Tuesday that the country was sending "
             "neither ships nor sailors to help Cuba.",
        "b": "About 2,000 Venezuelan naval personnel have been deployed to Cuban ports, "
             "Colombian intelligence officials said on Monday.",
        "c": "Cuban President Miguel Diaz-Canel said it was Havana's own business which "
             "countries sent ships to help it.",
        "d": "Regional leaders must stop anyone sending ships and sailors to help Cuba, the "
             "Brazilian foreign minister said.",
    })
    doc_of = {c.id: {m.doc for m in c.mentions} for c in story.claims}
    targets = [doc_of[x] for x, _ in (k.claims for k in story.contradictions
                                       if k.kind == "denial")]
    assert {"b"} in targets
    assert {"d"} not in targets


def test_an_outlet_repeating_its_own_sourced_figure_is_no_new_source() -> None:
    """Written for this test: outlet B attributes 4,000 sailors to the navy, then repeats
    the figure unattributed; outlet C states it unattributed. Sources: the navy and C."""
    from corroborator.match.verdicts import count_sources
    from corroborator.model import Claim, Mention

    texts = {
        "a": "The navy said 4,000 sailors were at sea.",
        "b": "The navy said 4,000 sailors were at sea. Given the 4,000 sailors at sea, ports "
             "are quiet.",
        "c": "Some 4,000 sailors are at sea this week.",
    }
    docs = {k: Document(id=k, source=k, text=t, outlet=f"Outlet {k}") for k, t in texts.items()}
    mentions = [Mention("a", 0, 40, speaker="navy"), Mention("b", 0, 40, speaker="navy"),
                Mention("b", 41, 90), Mention("c", 0, 39)]
    claim = Claim(id="c1", text=texts["a"], kind="quantity", attributed_to=["navy"],
                  mentions=mentions)
    outlets, independent, actors = count_sources(claim, docs)
    assert (outlets, independent, actors) == (3, 2, ["navy"])


def test_relayed_unnamed_reports_add_no_independent_source() -> None:
    """Written for this test: outlets that only pass on unnamed reports ("are said to",
    "reportedly", "multiple reports") are one source at most, and none beside a named
    one; a hedge on a relative clause ("a man who allegedly set it") is the outlet's own
    reporting of the arrest."""
    from corroborator.match.verdicts import count_sources, relays_unnamed, set_status
    from corroborator.model import Claim, Mention

    texts = {
        "a": "The officials are said to have fled the city before dawn.",
        "b": "The officials reportedly fled the city before dawn.",
        "c": "The governor said the officials fled the city before dawn.",
        "d": "Police arrested a man who allegedly set the fire.",
        "e": "Police arrested a man on Monday after the fire.",
        "f": "This week has seen multiple reports about officials leaving the city.",
    }
    docs = {k: Document(id=k, source=k, text=t, outlet=f"Outlet {k}") for k, t in texts.items()}

    def whole(k: str, speaker: str | None = None) -> Mention:
        return Mention(k, 0, len(texts[k]), speaker=speaker)

    assert [relays_unnamed(whole(k), texts[k]) for k in "abdef"] == [True, True, False,
                                                                     False, True]
    assert not relays_unnamed(whole("a", "the governor"), texts["a"])
    # a cue whose speaker the parse missed is no hearsay; a passive report cue is
    missed = Mention("e", 0, len(texts["e"]), cue="said")
    assert not relays_unnamed(missed, texts["e"])
    assert relays_unnamed(Mention("e", 0, len(texts["e"]), cue="was also reported"), texts["e"])
    hearsay = Claim(id="c1", text=texts["a"], mentions=[whole("a"), whole("b"), whole("f")])
    assert count_sources(hearsay, docs)[:2] == (3, 1)
    set_status(hearsay, [], [], relaying=hearsay.mentions)
    assert hearsay.status == ["single-source", "unattributed"]
    assert "3 mention(s) relay unnamed reports" in hearsay.explanations["single-source"]
    beside = Claim(id="c2", text=texts["c"], mentions=[whole("c", "the governor"), whole("b")])
    assert count_sources(beside, docs)[:2] == (2, 1)
    arrest = Claim(id="c3", text=texts["d"], mentions=[whole("d"), whole("e")])
    assert count_sources(arrest, docs)[:2] == (2, 2)


def test_a_joint_source_counts_each_actor_it_names() -> None:
    """Seeds (shared/seeds/001… and 004…): "The US said it had seen evidence" and "Nato and
    the US have all said that there is evidence": two independent sources, NATO and the US.
    A joint name whose parts do not speak on their own in the story stays one source."""
    from corroborator.match.verdicts import count_sources
    from corroborator.model import Attribution, Claim, Mention

    texts = {"a": "The US said it had seen evidence of the troops.",
             "b": "NATO and the US have said there is evidence of the troops.",
             "c": "NATO said the troops had arrived."}
    docs = {k: Document(id=k, source=k, text=t, outlet=f"Outlet {k}") for k, t in texts.items()}
    for k, who in (("a", "United States"), ("b", "NATO and United States"), ("c", "NATO")):
        docs[k].attributions = [Attribution(k, (0, 5), speaker=who)]
    claim = Claim(id="c1", text=texts["a"], mentions=[
        Mention("a", 0, 46, speaker="United States"),
        Mention("b", 0, 58, speaker="NATO and United States")])
    assert count_sources(claim, docs)[:2] == (2, 2)
    alone = Claim(id="c2", text=texts["b"], mentions=[
        Mention("b", 0, 58, speaker="NATO and United States")])
    assert count_sources(alone, docs)[:2] == (1, 2)
    docs["c"].attributions = []  # NATO speaks nowhere on its own: the name is one source
    assert count_sources(alone, docs)[:2] == (1, 1)


def test_an_outlets_own_observation_is_not_unattributed() -> None:
    """Written for this test: what the outlet's reporter saw, or a document the outlet has
    seen, names no source and is still not unattributed; a reporter told something, or a
    bare statement, is no observation."""
    from corroborator.match.verdicts import observed_mentions, set_status
    from corroborator.model import Claim, Mention

    texts = {
        "a": "A Reuters reporter at the scene saw three tanks cross the bridge on Monday.",
        "b": "Our correspondent in the city watched as three tanks crossed the bridge.",
        "c": "Three tanks crossed the bridge on Monday, according to a letter seen by The "
             "Courier.",
        "d": "The minister told the reporters he had seen three tanks cross the bridge.",
        "e": "Three tanks crossed the bridge on Monday morning.",
    }
    docs = {k: Document(id=k, source=k, text=t, outlet=f"Outlet {k}") for k, t in texts.items()}
    mentions = {k: Mention(k, 0, len(t)) for k, t in texts.items()}
    claim = Claim(id="c1", text=texts["a"], mentions=list(mentions.values()))
    assert [m.doc for m in observed_mentions(claim, docs)] == ["a", "b", "c"]
    seen = Claim(id="c2", text=texts["b"], mentions=[mentions["b"]])
    set_status(seen, [], [], observed=observed_mentions(seen, docs))
    assert seen.status == ["single-source"]
    assert "the outlet's own observation: b[0:" in seen.explanations["single-source"]
    bare = Claim(id="c3", text=texts["e"], mentions=[mentions["d"], mentions["e"]])
    set_status(bare, [], [], observed=observed_mentions(bare, docs))
    assert "unattributed" in bare.status


def test_a_news_agency_relaying_a_speaker_is_no_source_of_its_own() -> None:
    """Written for this test: "She warned X, The Associated Press reported" and another
    outlet quoting her are one source, her; a port authority that reports what officials
    told it vouches for it, and counts as the source in that article."""
    from corroborator.match.verdicts import count_sources
    from corroborator.model import Claim, Mention

    texts = {"a": "She warned the dam could fail, The Associated Press reported.",
             "b": "Ruiz warned that the dam could fail.",
             "c": "Officials told the port authority the dam could fail, it said."}
    docs = {k: Document(id=k, source=k, text=t, outlet=f"Outlet {k}") for k, t in texts.items()}

    def said(k: str, speaker: str, by: str | None = None) -> Mention:
        return Mention(k, 0, len(texts[k]), speaker=speaker, reported_by=by)

    relayed = Claim(id="c1", text=texts["b"], mentions=[
        said("a", "Ana Ruiz", "The Associated Press"), said("b", "Ana Ruiz")])
    assert count_sources(relayed, docs)[:2] == (2, 1)
    by_outlet = Claim(id="c2", text=texts["b"], mentions=[
        said("a", "Ana Ruiz", "Outlet b"), said("b", "Ana Ruiz")])
    assert count_sources(by_outlet, docs)[:2] == (2, 1)
    vouched = Claim(id="c3", text=texts["b"], mentions=[
        said("c", "officials", "port authority"), said("b", "officials")])
    assert count_sources(vouched, docs)[:2] == (2, 2)


def test_a_verb_of_denial_denies_a_claim_only_with_a_claim_for_object() -> None:
    """Wordings from PolNeAR dev articles (shared/data/polnear/dev), shortened. Before, any
    "deny", "reject", "dismiss", "lies" or "neither … nor" made a claim a denial: 18 of
    the 24 denials that `analyze` found in those articles denied no claim."""
    denials = [
        "she denied that she mishandled classified information",
        "which has strongly denied any involvement in the terror attacks",
        "dismissed those reports as previous misinterpreted statements",
        "She says the tweets are “lies and conspiracy theories”",
        "Mr. Obama dismissed the criticism as the voice of a coal company",
        "the ministry denied sending troops",
        "Moscow has denied the reports",
        "which Pyongyang denies.",
        "the country was sending neither weapons nor soldiers to help Moscow",
        "the ministry said it had sent neither the ships nor the sailors",
        "We have neither weapons nor soldiers in the region",
    ]
    others = [
        "Trump tells so many lies that Clinton could risk deviating from her message",
        "Judge rejects New York Times request to unseal Trump divorce file",
        "the Supreme Court this month rejected a request from Democrats in Ohio",
        "Neither Clinton nor her allies have been charged with any crime",
        "We cannot have people come here and deny the right under the Constitution",
        "the government could deny them mining permits",
        "professors would sometimes dismiss her proposals",
        "calling for his dismissal",
        "Denying us justice is un-American.",
        "Trump has neither the temperament nor the judgment to be president",
    ]
    assert [t for t in denials if not DENIAL.search(t)] == []
    assert [t for t in others if DENIAL.search(t)] == []
    assert not DENIAL.search("calling out Trump for his supposed “lies” throughout the event")


def test_a_denial_targets_only_claims_it_shares_a_word_or_a_country_with() -> None:
    """Wordings from PolNeAR dev and the seeds. "She denied that she mishandled classified
    information" had targeted the nearest claims by embedding, which were about something
    else ("nobody would question her intelligence"); a target must share a content word or
    a country, by any of its names, with what is denied."""
    from corroborator.match.verdicts import as_asserted, key_terms

    denied = key_terms(as_asserted("she denied that she mishandled classified information"))
    assert not denied & key_terms("nobody would question her intelligence or knowledge")
    assert denied & key_terms("the FBI found she had mishandled emails on a private server")
    envoy = key_terms(as_asserted("the country was sending neither weapons nor soldiers to "
                                  "help Moscow", "North Korea"))
    assert envoy & key_terms("there is evidence of DPRK troops arriving in Russia")
    assert not key_terms("They denied that, she said.")  # framing words only
