"""match/units.py: the claim units cut from real sentences, with speaker, cue and span."""

from __future__ import annotations

from corroborator.extract.actors import canonicalise_actors
from corroborator.match import build_story
from corroborator.model import Document
from corroborator.pipeline import prepare
from tests.match_text import units_in


def test_only_articles_have_leads() -> None:
    from corroborator.match.units import units_of

    sentences = [f"The council voted on the {w} budget plan late on Monday evening." for w in
                 ("first", "second", "third", "fourth", "fifth", "sixth")]
    long_doc, short_doc = prepare([
        Document(id="long", source="test", text="\n".join(sentences)),
        Document(id="short", source="test", text="\n".join(sentences[:2])),
    ])
    assert [u.lead for u in units_of(long_doc)] == [True, True, False, False, False, False]
    assert not any(u.lead for u in units_of(short_doc))


def test_a_relative_clause_is_a_claim_of_its_own() -> None:
    from corroborator.match.units import units_of

    a, b = prepare([
        Document(id="a", source="test", text=(
            "Rescue teams reached the river town of Marlow on Friday, where floodwaters had "
            "destroyed 43 homes overnight. The army sent two helicopters to the area.")),
        Document(id="b", source="test", text=(
            "Floodwaters destroyed 43 homes in the town of Marlow overnight. Schools in the "
            "county stayed closed on Friday.")),
    ])
    clause = [u for u in units_of(a) if u.text.startswith("where")]
    assert [u.text for u in clause] == ["where floodwaters had destroyed 43 homes overnight"]
    assert a.text[clause[0].start:clause[0].end] == clause[0].text
    canonicalise_actors([a, b])
    story = build_story("t", [a, b])
    linked = [c for c in story.claims if {m.doc for m in c.mentions} == {"a", "b"}]
    assert [a.text[m.start:m.end] for c in linked for m in c.mentions if m.doc == "a"] == [
        clause[0].text]
    # the clause and the sentence it is cut from are never one claim's two mentions
    for c in story.claims:
        spans = sorted((m.doc, m.start, m.end) for m in c.mentions)
        assert all(x[0] != y[0] or x[2] <= y[1] for x, y in zip(spans, spans[1:], strict=False))


def test_a_chain_of_reports_is_vouched_for_by_its_first_reporter() -> None:
    from corroborator.match.units import units_of

    doc, = prepare([Document(id="a", source="test", text=(
        "The border agency said on Monday it had intercepted radio messages between the "
        "smugglers. According to these intercepts, the gang plans to \u201cmove the cargo by "
        "boat on Sunday night from the northern harbour\u201d."))])
    canonicalise_actors([doc])
    unit = next(u for u in units_of(doc) if "cargo" in u.text)
    assert (unit.speaker, unit.reported_by) == ("gang", "border agency")


def test_what_is_left_of_a_reported_sentence_is_a_unit_only_when_a_clause() -> None:
    texts = [u.text for u in units_in(
        "In an interview with the local radio station on Wednesday morning, the mayor said "
        "that the bridge would reopen in May.\n"
        "The minister said the talks had failed, adding that both sides would meet again "
        "after receiving new proposals from the mediators in Geneva.\n"
        "The governor said the road was closed, and the police confirmed that three cars "
        "had been damaged by falling rocks overnight.")]
    assert not any(t.startswith("In an interview") for t in texts)  # a phrase, no claim
    assert any("bridge would reopen" in t for t in texts)
    # no source: the unit reads from the start of the sentence, not from "is"
    believed = units_in("It is already widely believed that the company is selling its mines "
                        "in the north.")
    assert [u.text[:18] for u in believed] == ["It is already wide"]


def test_a_cue_that_names_no_source_stays_in_the_claim() -> None:
    from corroborator.match.units import units_of

    (doc,) = prepare([Document(id="a", source="test", text=(
        "Hundreds of residents gathered on Sunday evening to remember the victims of the "
        "spring flood in the valley.\n"
        "The company plans to close its two remaining coal mines in the northern province "
        "next year.\n"
        "The mayor said that the old bridge over the river would reopen to traffic in May."))])
    assert len(doc.attributions) == 3  # "to remember", "plans" and "said" are cues
    claims = [(u.claim_text.split()[0], u.speaker) for u in units_of(doc)]
    # what was remembered is a noun phrase, no claim on its own; what is planned is a
    # clause, and so is what the mayor said
    assert claims == [("Hundreds", None), ("to", None), ("that", "mayor")]


def test_a_relative_clause_runs_on_through_an_opening_quote() -> None:
    from corroborator.match.units import units_of

    (doc,) = prepare([Document(id="a", source="test", text=(
        "The agency said 2,000 workers were laid off in March, which the union warned "
        "could push the town into a \"lasting recession.\" Talks resume on Monday.\n"))])
    clause = [u.text for u in units_of(doc) if u.text.startswith("which")]
    assert clause == ['which the union warned could push the town into a "lasting recession']


def test_a_title_before_a_name_ends_neither_sentence_nor_clause() -> None:
    from corroborator.match.units import units_of

    (doc,) = prepare([Document(id="a", source="test", text=(
        "The new bridge opened on Friday, which was the day picked by Harbor Capt. Dana "
        "Moreau for the first crossing. Anyone who saw the crossing should call Sgt. Lee "
        "Okafor at the station. The cause is not known.\n"))])
    assert [doc.text[s.start:s.end].strip() for s in doc.sentences] == [
        "The new bridge opened on Friday, which was the day picked by Harbor Capt. Dana "
        "Moreau for the first crossing.",
        "Anyone who saw the crossing should call Sgt. Lee Okafor at the station.",
        "The cause is not known."]
    clause = [u.text for u in units_of(doc) if u.text.startswith("which")]
    assert clause == ["which was the day picked by Harbor Capt. Dana Moreau for the first crossing"]


def test_leftover_phrases_and_clauses_are_told_apart() -> None:
    """Written for this test: what a reported sentence leaves beside its speaker's words is
    a unit only when it is a clause ("Beijing has long opposed …"), never when a phrase
    ("Speaking to reporters …", "In an interview …", "In a statement, posted to …")."""
    from corroborator.match.units import units_of

    text = ("Speaking to reporters in Kyiv on Monday, the minister said the talks had failed.\n"
            "In an interview on Wednesday, the mayor said the bridge would reopen in May.\n"
            "Beijing has long opposed the deployment of the missiles, and the minister said "
            "talks would go on.\n"
            "In a statement, posted to social media on Monday, the mayor said the bridge "
            "would reopen to traffic in the spring after repairs.\n")
    (doc,) = prepare([Document(id="a", source="test", text=text)])
    units = units_of(doc)
    assert not any(u.text.startswith(("Speaking", "In an", "In a statement")) for u in units)
    beijing = [u for u in units if u.text.startswith("Beijing")]
    assert [(u.text, u.speaker) for u in beijing] == [
        ("Beijing has long opposed the deployment of the missiles", None)]
    assert [u.speaker for u in units if "said" in u.text] == ["minister", "mayor", "minister",
                                                               "mayor"]


def test_a_pointer_to_earlier_reports_is_not_part_of_the_claim() -> None:
    from corroborator.match.units import units_of

    text = ("As reported earlier, the miners have been given new helmets and lamps before "
            "the shift. As previously reported by the union, wages rose.")
    (doc,) = prepare([Document(id="d", source="test", text=text)])
    first = units_of(doc)[0]
    assert first.claim_text == "the miners have been given new helmets and lamps before the shift."
    assert first.text.startswith("As reported earlier")  # the mention keeps its evidence


def test_a_pronoun_reporting_in_a_relative_clause_is_the_speaker() -> None:
    from corroborator.match.units import units_of

    (a,) = prepare([Document(id="a", source="test", text=(
        "The governor of Ohio spoke on Monday. Governor Mike DeWine said the river would "
        "crest at 12 metres on Friday, which he warned could flood the old town of Marietta. "
        "Schools in the county stayed closed, which officials called a precaution."))])
    units = units_of(a)
    warned = next(u for u in units if u.text.startswith("which he warned"))
    assert warned.speaker == "Mike DeWine" and warned.cue == "warned" and warned.attributed
    called = next(u for u in units if u.text.startswith("which officials"))
    assert called.speaker is None  # a noun reporting in a clause is not the sentence's speaker


def test_units_drop_a_dangling_subordinator_and_source_descriptions() -> None:
    """Written for this test. When the clause after "when" goes to an attribution, the
    claim before it keeps its words but not the dangling "when"; a relative clause inside
    a source ("data …, which the minister shared on Monday") describes the source and is
    no claim of its own."""

    text = ("President Ana Ruiz visited Lisbon for the first time in ten years in May, when "
            "she and the prime minister signed a trade pact that cuts tariffs on wine. "
            "This is shown by data from the national weather service, which the minister "
            "shared on Monday.")
    units = units_in(text)
    texts = [u.text for u in units]
    assert "President Ana Ruiz visited Lisbon for the first time in ten years in May" in texts
    assert not any(t.rstrip(" ,").endswith(" when") for t in texts)
    assert "which the minister shared on Monday" not in texts


def test_an_act_before_a_reporting_participle_is_a_claim_of_its_own() -> None:
    """Written for this test: in "X has neither confirmed nor denied the claims, stating
    only: "…"", what X did and what X said are two units, both X's; the act's unit carries
    no cue of the participle's and is the non-denial."""
    from corroborator.match.linking import speech_act

    text = ("The Interior Ministry has neither confirmed nor denied the claims, stating only: "
            "\u201cWe act within the law and we will keep protecting the border.\u201d "
            "The mayor of the town condemned the violence, saying the riots had cost the "
            "shops dearly.")
    units = units_in(text)
    act = next(u for u in units if u.text.endswith("denied the claims"))
    assert act.speaker and "Ministry" in act.speaker and act.cue is None
    assert speech_act(act) == "non-denial"
    said = next(u for u in units if "within the law" in u.claim_text)
    assert said.speaker == act.speaker and said.start >= act.end
    assert any(u.text.endswith("condemned the violence") for u in units)


def test_a_statement_relayed_by_an_agency_keeps_its_speaker() -> None:
    """Written for this test: "The ministry also said that X, according to Kyodo" is the
    ministry's claim, relayed by Kyodo, not Kyodo's."""

    text = ("The health ministry also said that the clinics were planning to close between "
            "40 and 50 wards by March, according to Kyodo, a Japanese news agency.")
    unit = next(u for u in units_in(text) if "50 wards" in u.text)
    assert unit.speaker is not None and "ministry" in unit.speaker.lower()
    assert unit.reported_by == "Kyodo"


def test_a_quoted_title_after_another_verb_names_no_source() -> None:
    """Written for this test: the leaders "signed a so-called "friendship and trade
    treaty"" quote the treaty's name, not their words; a quoted clause is their words."""

    text = ("The prime minister visited Oslo for the first time in nine years in May, when "
            "she and the king signed a so-called \u201cfriendship and trade treaty\u201d at "
            "the palace. \u201cThe bridge will not close this winter,\u201d the minister "
            "beamed.")
    units = units_in(text)
    signed = next(u for u in units if "signed" in u.text)
    assert signed.speaker is None, (signed.speaker, signed.cue)
    shouted = next(u for u in units if "bridge will not close" in u.text)
    assert shouted.speaker is not None and "minister" in shouted.speaker.lower()


def test_a_relative_clause_is_embedded_with_what_it_tells_of() -> None:
    """Written for this test: ", where they have held dozens of villages" says nothing of
    the place it is about; the matcher reads it after the words its comma follows."""
    text = ("Moscow sent reinforcements on Tuesday to the Tambov region, where rebel "
            "troops have held dozens of villages since early August.\n\n"
            "The governor met Mr. Ivanov, who has led the regional council since 2019.")
    units = units_in(text)
    where = next(u for u in units if u.text.startswith("where"))
    assert where.antecedent == "Tambov region"
    assert where.embed_text == "Tambov region: " + where.claim_text
    who = next(u for u in units if u.text.startswith("who"))
    assert who.antecedent == "Mr. Ivanov"
    whole = next(u for u in units if u.text.startswith("Moscow"))
    assert whole.antecedent == "" and whole.embed_text == whole.claim_text


def test_a_participle_phrase_left_beside_a_quote_is_no_claim() -> None:
    """Written for this test: in "In a statement, posted to social media on Monday, the
    mayor said …", what is left before the speaker is a phrase whose only -ed word is a
    participle after a comma; it was a claim of its own."""
    from corroborator.match.units import units_of

    text = ("In a statement, posted to social media on Monday, the mayor said the bridge "
            "would reopen to traffic in the spring after repairs.")
    doc = prepare([Document(id="a", source="test", text=text)])[0]
    assert [u.text for u in units_of(doc)] == [
        "the mayor said the bridge would reopen to traffic in the spring after repairs"]


def test_a_call_after_a_quote_carries_on_the_speakers_words() -> None:
    """Written for this test. News copy makes no calls of its own: an unattributed "there
    needs to be …" right after a quoted speaker, in the same paragraph, is that speaker's;
    a call after a paragraph break, or a plain statement after the quote, is not."""
    from corroborator.match.units import units_of

    text = ("“The world must answer this with one voice,” Mayor Ana Ruiz said on Monday. "
            "There needs to be real pressure on the two companies that polluted the river. "
            "The river was closed to fishing in June after the spill.\n"
            "Regional leaders should press both companies to pay for the clean-up of the "
            "river banks.")
    doc = prepare([Document(id="a", source="test", text=text)])[0]
    by_text = {u.text.split()[0]: u for u in units_of(doc)}
    assert by_text["There"].speaker == "Ana Ruiz" and by_text["There"].attributed
    assert by_text["The"].speaker is None  # a statement is the outlet's own
    assert by_text["Regional"].speaker is None  # a new paragraph


def test_a_sourceless_cue_after_a_cut_off_phrase_keeps_the_phrase() -> None:
    """Written for this test. In "the council joined the mayor in expressing its alarm
    over X" the parse finds the cue "expressing" with no source; the piece before it ends
    on "in" and was dropped, leaving a claim with no subject ("expressing its alarm …")."""
    from corroborator.match.units import units_of

    text = ("On Monday, the council joined the mayor and the governor in expressing its alarm "
            "over reports of the closure of the old bridge.")
    doc = prepare([Document(id="a", source="test", text=text)])[0]
    assert [u.text for u in units_of(doc)] == [text[:-1]]


def test_a_refusal_told_in_a_phrase_is_the_following_speakers() -> None:
    """Written for this test. "While stopping short of confirming X, an official said Y":
    the non-denial has no subject of its own; it is the official's, not unattributed."""
    from corroborator.match.units import units_of

    for opening in ("While stopping short of confirming", "Without denying"):
        text = (f"{opening} the reports of a leak at the plant, the company spokesman said "
                "the site was safe for workers.")
        doc = prepare([Document(id="a", source="test", text=text)])[0]
        first = units_of(doc)[0]
        assert first.text.startswith(opening)
        assert first.speaker == "company spokesman" and first.attributed


def test_more_reporting_verbs_make_their_subject_the_source() -> None:
    """Written for this test: "detailed", like "said", names who the claim is from (the
    seeds' "Josep Borrell detailed that EU leaders would consider …" was unattributed)."""
    from corroborator.match.units import units_of

    text = ("The city's transport commissioner Ana Ruiz detailed that the council would "
            "consider new fares, including a night tariff.")
    doc = prepare([Document(id="a", source="test", text=text)])[0]
    (unit,) = units_of(doc)
    assert unit.speaker is not None and "Ana Ruiz" in unit.speaker


def test_a_publication_stamp_run_into_a_sentence_parts_headline_from_lead() -> None:
    """Text that lost its line breaks runs headline, stamp and lead together (ECB+
    1_17ecbplus, 1_11ecbplus: NBC News and the New York Daily News, May 2013)."""
    from corroborator.match.units import without_stamps

    text = ("Lindsay Lohan checks into rehab at Betty Ford Center May 3, 2013 at 7: 31 AM ET "
            "Updated 5: 40 p. m. ET Early Friday morning, around 1: 30 a. m., the 26 - year - "
            "old actress checked into Betty Ford Center in Rancho Mirage, Calif.")
    assert [text[s:e].strip() for s, e in without_stamps(text, 0, len(text))] == [
        "Lindsay Lohan checks into rehab at Betty Ford Center",
        "Early Friday morning, around 1: 30 a. m., the 26 - year - old actress checked into "
        "Betty Ford Center in Rancho Mirage, Calif."]
    stamped = ("Lindsay Lohan checks into rehab, rehires longtime lawyer PUBLISHED: THURSDAY, "
               "MAY 2, 2013, 1: 32 PM UPDATED: FRIDAY, MAY 3, 2013, 9: 56 AM Lindsay Lohan "
               "checked into California's Betty Ford Center rehab facility late Thursday.")
    assert len(without_stamps(stamped, 0, len(stamped))) == 2
    # a dated time the sentence speaks of, and a time told with no date, stay in it
    for told in ("The meeting on May 3, 2013 at 10:00 was cancelled, officials said.",
                 "The court published its ruling on Monday and updated the record at 5 p.m."):
        assert without_stamps(told, 0, len(told)) == [(0, len(told))]
    units = units_in(f"{text}\nShe is expected to stay for 90 days, her lawyer said on Friday.")
    assert units[0].headline
    assert units[0].text == "Lindsay Lohan checks into rehab at Betty Ford Center"
    assert units[1].text.startswith("Early Friday morning") and not units[1].headline
