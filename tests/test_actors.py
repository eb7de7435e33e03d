"""Actor canonicalisation across articles: general rules, no story-specific names."""

from __future__ import annotations

import pathlib

from corroborator.extract.actor_model import is_actor
from corroborator.extract.actor_places import country_of
from corroborator.extract.actors import JOINT, NOT_NAMES, canonicalise_actors
from corroborator.model import Attribution, Document, Entity


def make_doc(doc_id: str, text: str, speakers: list[str], persons: list[str] = (),  # type: ignore[assignment]
             orgs: list[str] = ()) -> Document:  # type: ignore[assignment]
    """``persons``, ``orgs``: the PERSON and ORG entities the parser would find."""
    d = Document(doc_id, doc_id, text)
    d.attributions = [Attribution(doc_id, (0, 1), speaker=s) for s in speakers]
    d.entities = [Entity(doc_id, 0, 1, "PERSON", p) for p in persons]
    d.entities += [Entity(doc_id, 0, 1, "ORG", o) for o in orgs]
    return d


def test_spelling_variants_and_titles_become_one_person() -> None:
    a = make_doc("a", "x", ["Angela Merkelova", "Merkelova"], ["Angela Merkelova"])
    b = make_doc("b", "x", ["Chancellor Angela Merkelowa", "Mr Merkelowa"], ["Angela Merkelowa"])
    actors = canonicalise_actors([a, b])
    people = [x for x in actors if x.type == "person"]
    assert len(people) == 1
    assert people[0].name in ("Angela Merkelova", "Angela Merkelowa")
    assert {s.speaker for d in (a, b) for s in d.attributions} == {people[0].name}


def test_different_people_stay_apart() -> None:
    a = make_doc("a", "x", ["John Smith", "Maria Lopez"], ["John Smith", "Maria Lopez"])
    actors = canonicalise_actors([a])
    assert sorted(x.name for x in actors) == ["John Smith", "Maria Lopez"]


def test_acronym_definition_names_the_body() -> None:
    text = "The Federal Aviation Bureau (FAB) said on Monday that flights would resume."
    a = make_doc("a", text, ["Federal Aviation Bureau (FAB)"])
    b = make_doc("b", "The FAB said.", ["FAB"])
    actors = canonicalise_actors([a, b])
    assert [x.name for x in actors] == ["Federal Aviation Bureau (FAB)"]
    assert b.attributions[0].speaker == "Federal Aviation Bureau (FAB)"


def test_descriptive_variants_of_one_body_join_but_not_across_countries() -> None:
    a = make_doc("a", "x", ["French customs agency", "France's customs agency"])
    b = make_doc("b", "x", ["Paris customs agency", "Spanish customs agency"])
    actors = canonicalise_actors([a, b])
    names = {x.name: set(x.aliases) for x in actors}
    joined = [n for n, al in names.items() if "Paris customs agency" in al | {n}][0]
    assert {"French customs agency", "France's customs agency"} <= names[joined] | {joined}
    assert "Spanish customs agency" not in names[joined] | {joined}


def test_country_capital_and_official_name_are_one_actor() -> None:
    a = make_doc("a", "x", ["Tehran", "Iran", "the Islamic Republic of Iran"])
    actors = canonicalise_actors([a])
    assert [(x.name, x.type) for x in actors] == [("Iran", "country")]
    assert country_of("the DPRK") == "North Korea" and country_of("Kremlin") == "Russia"


def test_seed_actors_from_the_pipeline(seeds_dir: pathlib.Path) -> None:
    from corroborator.extract import extract_documents

    docs = [Document(f.stem, str(f), f.read_text(encoding="utf-8"))
            for f in sorted(seeds_dir.glob("*.txt"))]
    extract_documents(docs)
    actors = canonicalise_actors(docs)
    names = [x.name for x in actors]
    assert len(names) == len(set(names))
    # every speaker that names someone is a canonical actor name, and each alias belongs
    # to one actor only; an unresolved pronoun ("you") stays a speaker but is no actor
    speakers = {a.speaker for d in docs for a in d.attributions if a.speaker}
    # (a source naming several actors who speak on their own, "Nato and the US", names
    # each of them; one that does not, "North Korea and Russia", is an actor of its own)
    named = {p for s in speakers if s.lower() not in NOT_NAMES
             for p in ([s] if s in names else s.split(JOINT))}
    # ... unless the actor model finds it names no actor ("some way"): then it stays the
    # attribution's speaker, unlisted; few are
    unlisted = sorted(named - set(names))
    assert not any(is_actor(unlisted, ["organisation"] * len(unlisted), set(), set()))
    assert len(unlisted) <= 0.05 * len(named)
    assert not {n.lower() for n in names} & NOT_NAMES
    aliases = [al for x in actors for al in x.aliases]
    assert len(aliases) == len(set(aliases))
    # acronym definitions become the canonical name of their body
    assert any("(" in n and n.endswith(")") for n in names)


def test_descriptions_are_cut_from_names_and_types_say_what_speaks() -> None:
    """Written for this test. An apposition or a trailing clause is not part of a name;
    described people, a person known by a title, and things that "say" get their own
    types instead of all being organisations."""
    a = make_doc("a", "x", [
        "Norpress, a major Danish news agency",
        "public broadcaster of Latvia, Radio Riga",
        "Northern lawmakers, including Senator Jane Roe",
        "Danish lawmakers",
        "Latvian official",
        "Danish customs service officials",
        "Danish customs service",
        "the leaked report",
        "Washington, D.C.",
        "His former business partner at Acme, Lawrence B. Cummings",
        "Jean Dupont, the foreign minister of France, a member of the council",
        "Riga Evening Post",
        "authors of the report",
        "One of Latvia's United Nations representatives",
    ], orgs=["Norpress", "Radio Riga", "Danish customs service", "Riga Evening Post", "Acme"])
    actors = canonicalise_actors([a])
    types = {x.name: x.type for x in actors}
    assert types["Norpress"] == "organisation"
    assert types["Radio Riga"] == "organisation"
    assert "Northern lawmakers" in types
    assert types["Danish lawmakers"] == "people"
    assert types["Latvian official"] == "person"
    assert types["leaked report"] == "document"
    # the service's own officials speak for the service
    assert any({"Danish customs service officials", "Danish customs service"}
               <= {x.name, *x.aliases} for x in actors)
    assert "Washington, D.C." in types
    assert "Lawrence B. Cummings" in types and "Jean Dupont" in types
    assert types["Riga Evening Post"] == "organisation"  # a paper, not a post
    assert types["authors of the report"] == "people"
    assert types["One of Latvia's United Nations representatives"] == "person"


def test_a_description_around_a_name_is_not_that_person() -> None:
    """Written for this test, after PolNeAR dev, where "advisers to Mr. Obama" became the
    canonical name of Obama himself, and 91 claims were attributed to his advisers."""
    a = make_doc("a", "x", ["Barack Obama", "Mr. Obama", "advisers to Mr. Obama",
                            "Bashar al-Assad"], ["Barack Obama", "Bashar al-Assad"])
    actors = {x.name: x for x in canonicalise_actors([a])}
    assert actors["Barack Obama"].type == "person"
    assert "advisers to Mr. Obama" not in actors["Barack Obama"].aliases
    assert actors["advisers to Mr. Obama"].type == "people"
    assert actors["Bashar al-Assad"].type == "person"


def test_a_bare_surname_does_not_chain_two_people_together() -> None:
    """Written for this test, after PolNeAR dev, where "Trump" joined Donald, Ivana and
    Ivanka Trump into one actor, and "Clinton" Bill and Hillary Clinton. A bare surname
    now goes to the bearer named most often; the full names stay apart."""
    a = make_doc("a", "x", ["Donald Trump", "Donald J. Trump", "Trump", "Mr. Trump",
                            "Ivana Trump", "Hillary Clinton", "Hillary Clinton", "Bill Clinton",
                            "Clinton"],
                 ["Donald Trump", "Donald J. Trump", "Ivana Trump", "Hillary Clinton",
                  "Bill Clinton"])
    actors = canonicalise_actors([a])
    people = {x.name: {x.name, *x.aliases} for x in actors if x.type == "person"}
    trump = next(v for v in people.values() if "Donald Trump" in v)
    assert {"Trump", "Donald J. Trump"} <= trump and "Ivana Trump" not in trump
    hillary = next(v for v in people.values() if "Hillary Clinton" in v)
    assert "Clinton" in hillary and "Bill Clinton" not in hillary


def test_a_clock_time_is_not_part_of_a_speakers_name() -> None:
    """From ECB+ (shared/data/ecbplus, topic 22): a page's "9:14 AM Police say …" gave
    the speaker "14 AM Police", an actor apart from "police"."""
    from corroborator.extract.speakers import clean_name

    assert clean_name("14 AM Police") == "Police"
    assert clean_name("9:14 a.m. police") == "police"
    assert clean_name("AMC Networks") == "AMC Networks"


def test_an_age_or_a_lead_in_clause_is_not_part_of_a_speakers_name() -> None:
    """From ECB+ (shared/data/ecbplus/text/19_4ecb.txt and 1_6ecb.txt): the parse gave
    the speakers "40-year-old Tsikala Stephania, a public sector worker" and "Talking to
    People magazine, Jack Ketsoyan, Tara Reid's representative"."""
    from corroborator.extract.speakers import clean_name

    assert clean_name("40-year-old Tsikala Stephania, a public sector worker") == (
        "Tsikala Stephania")
    assert clean_name("a 62-year-old teacher") == "teacher"
    assert clean_name("Talking to People magazine, Jack Ketsoyan, Tara Reid's "
                      "representative") == "Jack Ketsoyan"
    assert clean_name("Speaking at a rally in Ohio, the senator") == "senator"
    # a name that ends in -ing, or words after it without a comma, stay as they are
    assert clean_name("Manning, a former soldier") == "Manning"
    assert clean_name("Sterling Bank") == "Sterling Bank"
    assert clean_name("Ewing to the press") == "Ewing to the press"


def test_a_source_naming_several_actors_names_each() -> None:
    """Seeds (shared/seeds/004…): "Nato and the US have all said that there is evidence …"
    while NATO and the US also speak on their own. The joint speaker names both actors and
    is no actor itself; a name whose parts are no actors of the articles stays one."""
    a = make_doc("a", "x", ["NATO", "the US", "Nato and the US", "Bosnia and Herzegovina",
                            "Britain, France and Germany", "Britain"])
    b = make_doc("b", "x", ["United States", "France", "Germany"])
    actors = canonicalise_actors([a, b])
    names = {x.name for x in actors}
    speakers = [s.speaker for s in a.attributions]
    us = next(x.name for x in actors if "US" in [x.name, *x.aliases])
    assert speakers[2] == f"NATO and {us}"
    assert speakers[3] == "Bosnia and Herzegovina" and "Bosnia and Herzegovina" in names
    britain = speakers[5]  # its canonical name ("United Kingdom")
    assert speakers[4] == f"{britain} and France and Germany"
    assert not any(" and " in n for n in names - {"Bosnia and Herzegovina"})


def test_what_a_body_hands_over_speaks_for_the_body() -> None:
    """Written for this test: "intelligence from the security service" or "new data from
    the Census Bureau" is the body speaking, not a body called "intelligence"; a body
    whose own name holds such a word stays whole."""
    from corroborator.extract.speakers import clean_name

    assert clean_name("intelligence from the border security service") == (
        "border security service")
    assert clean_name("new data from the Census Bureau") == "Census Bureau"
    assert clean_name("a report by the city watchdog") == "city watchdog"
    assert clean_name("the intelligence service") == "intelligence service"
    assert clean_name("Data Protection Commission") == "Data Protection Commission"


def test_a_city_police_force_is_an_organisation() -> None:
    """From ECB+ (topic 22): two capitalised words made "Bloomington Police" a person."""
    a = make_doc("a", "x", ["Bloomington Police", "police"])
    assert {x.name: x.type for x in canonicalise_actors([a])}["Bloomington Police"] == \
        "organisation"


def test_two_names_one_article_gives_two_people_stay_apart() -> None:
    """From PolNeAR dev (shared/data/polnear): "Ivana Trump" and "Ivanka Trump" (first
    names at rapidfuzz ratio 91) were one actor. One article names both, and a writer
    keeps one spelling of a person's name, so they are two people; the same two spellings
    in different articles still join."""
    a = make_doc("a", "x", ["Ivana Trump", "Ivanka Trump"], ["Ivana Trump", "Ivanka Trump"])
    b = make_doc("b", "x", ["Ivanka Trump"], ["Ivanka Trump"])
    people = {x.name: set(x.aliases) for x in canonicalise_actors([a, b])
              if x.type == "person"}
    assert set(people) == {"Ivana Trump", "Ivanka Trump"}
    c = make_doc("c", "x", ["Oleksandr Syrsky"], ["Oleksandr Syrsky"])
    d = make_doc("d", "x", ["Olexandr Syrskyi"], ["Olexandr Syrskyi"])
    assert len([x for x in canonicalise_actors([c, d]) if x.type == "person"]) == 1


def test_surname_particles_and_counted_groups() -> None:
    """From PolNeAR dev: "De Blasio" and "Bin Laden" stayed apart from "Bill de Blasio" and
    "Osama bin Laden" (the particle read as a first name), and "Many Democrats" was a
    person."""
    a = make_doc("a", "x", ["Bill de Blasio", "De Blasio", "Osama bin Laden", "Bin Laden",
                            "Many Democrats", "Several Republicans"],
                 ["Bill de Blasio", "Osama bin Laden"])
    actors = {x.name: x for x in canonicalise_actors([a])}
    assert actors["Bill de Blasio"].aliases == ["De Blasio"]
    assert actors["Osama bin Laden"].aliases == ["Bin Laden"]
    assert actors["Many Democrats"].type == "people"
    assert actors["Several Republicans"].type == "people"


def test_two_first_names_that_share_only_an_initial_are_two_people() -> None:
    """Written for this test: "John Smith" and "Jane Smith" in two articles had become one
    person (first names with one initial in common were enough)."""
    a = make_doc("a", "x", ["John Smith"], ["John Smith"])
    b = make_doc("b", "x", ["Jane Smith"], ["Jane Smith"])
    c = make_doc("c", "x", ["Mike Smithers", "J. Smith"], ["Mike Smithers", "J. Smith"])
    d = make_doc("d", "x", ["Michael Smithers"], ["Michael Smithers"])
    people = {x.name: set(x.aliases) for x in canonicalise_actors([a, b, c, d])
              if x.type == "person"}
    assert "John Smith" in people and "Jane Smith" in people
    assert any({"Mike Smithers", "Michael Smithers"} <= {n, *al} for n, al in people.items())


def test_pronouns_and_interview_letters_are_no_actors_and_groups_are_not_people() -> None:
    """From the article-extraction pages (shared/data/article-extraction): "it", "I",
    "you", "Q" were listed as organisations, and "House Democrats" as a person."""
    a = make_doc("a", "x", ["it", "It", "I", "Q", "House Democrats", "Ann Lee"], ["Ann Lee"])
    a.entities.append(Entity("a", 0, 1, "NORP", "Democrats"))
    actors = {x.name: x.type for x in canonicalise_actors([a])}
    assert set(actors) == {"House Democrats", "Ann Lee"}
    assert actors["House Democrats"] == "organisation"
    assert {s.speaker for s in a.attributions} >= {"it", "Q"}


def test_described_speakers_are_people_or_a_person_not_organisations() -> None:
    """From the article-extraction pages and PolNeAR dev: "Teachers", "Aviation analysts",
    "people familiar with the talks", "Two people", "the suspect", "a family friend" and
    "One Republican" were all organisations."""
    a = make_doc("a", "x", ["Teachers", "Aviation analysts", "people familiar with the talks",
                            "Two people", "suspect", "family friend", "One Republican",
                            "Fellow Republicans", "one slide", "Acme Corp"],
                 ["Jane Roe"])
    a.entities += [Entity("a", 0, 1, "NORP", "Republicans"), Entity("a", 0, 1, "ORG", "Acme Corp")]
    types = {x.name: x.type for x in canonicalise_actors([a])}
    assert {types[n] for n in ("Teachers", "Aviation analysts", "people familiar with the talks",
                               "Two people", "Fellow Republicans")} == {"people"}
    assert {types[n] for n in ("suspect", "family friend", "One Republican")} == {"person"}
    assert types["one slide"] == "organisation" and types["Acme Corp"] == "organisation"


def test_blocked_pairs_join_exactly_what_all_pairs_join(monkeypatch) -> None:
    """Written for this test: names are compared only in blocks (alike surnames, a shared
    distinctive word, alike strings), so thousands of speakers do not cost all pairs; the
    actors must be those that comparing every pair gives."""
    from corroborator.extract import actors as mod

    speakers = ["Angela Merkelova", "Merkelova", "Chancellor Angela Merkelowa", "Jane Smith",
                "John Smith", "J. Smith", "Bill de Blasio", "De Blasio", "French customs agency",
                "France's customs agency", "Paris customs agency", "Spanish customs agency",
                "Acme Corp", "Acme Corp.", "Tehran", "Iran", "Islamic Republic of Iran",
                "Norpress", "NorPress", "Danish lawmakers", "Danish lawmaker", "the report",
                "leaked report", "Federal Aviation Bureau (FAB)", "FAB officials"]
    docs = [make_doc("a", "x", speakers[:12], ["Angela Merkelova", "Jane Smith"]),
            make_doc("b", "x", speakers[12:], ["John Smith"])]
    blocked = [(x.name, x.type, x.aliases) for x in canonicalise_actors(docs)]

    def every_pair(names: list[str], kinds: dict[str, str]) -> list[tuple[int, int]]:
        return [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]

    monkeypatch.setattr(mod, "_candidate_pairs", every_pair)
    docs = [make_doc("a", "x", speakers[:12], ["Angela Merkelova", "Jane Smith"]),
            make_doc("b", "x", speakers[12:], ["John Smith"])]
    assert [(x.name, x.type, x.aliases) for x in canonicalise_actors(docs)] == blocked
    assert any(len(al) >= 2 for _, _, al in blocked)  # the set does join names


def test_a_person_named_at_the_end_of_a_description_is_the_speaker() -> None:
    """From the article-extraction pages and ECB+: "Another diplomat, former special envoy
    to Ukraine Kurt Volker" and "Qeshm island governor Heydar Alishbandi" are Kurt Volker
    and Heydar Alishbandi; "spokeswoman for Hillary Clinton" is not Hillary Clinton."""
    a = make_doc("a", "x", ["Another diplomat, former special envoy to Latvia Karl Vold",
                            "Riga island governor Janis Berg", "spokeswoman for Anna Ozola",
                            "Anna Ozola"],
                 ["Karl Vold", "Janis Berg", "Anna Ozola"])
    actors = {x.name: x.type for x in canonicalise_actors([a])}
    assert {"Karl Vold", "Janis Berg", "Anna Ozola", "spokeswoman for Anna Ozola"} == set(actors)
    assert {s.speaker for s in a.attributions} == {"Karl Vold", "Janis Berg", "Anna Ozola",
                                                    "spokeswoman for Anna Ozola"}
