"""One name per actor across articles: aliases, acronyms, spelling variants, places.

General rules only: acronym definitions ("Main Intelligence Directorate (HUR)"), rapidfuzz
similarity of surnames, title + name, country/capital/official-name equivalence, and
descriptive variants of one body (same country, a shared distinctive word).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz, process

from corroborator.extract.actor_model import is_actor
from corroborator.extract.actor_places import countries_in, country_of
from corroborator.extract.speakers import (
    GROUP_HEADS,
    GROUP_PRONOUNS,
    NAME_PARTICLES,
    PERSON_HEADS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLE_WORDS,
    clean_name,
)
from corroborator.model import Actor, Document

ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'.\-]{0,30}\s+(?:of\s+|for\s+|the\s+|and\s+)?){1,8})\(([A-Z]{2,6})\)"
)
WORD = re.compile(r"[\w’'.\-]+")
GENERIC = frozenset(
    "the of for and in on at service services agency directorate ministry office department "
    "officials official government national main state military defense defence security "
    "forces force side spokesman spokeswoman spokesperson chief head general council "
    "committee group news public company police 's ’s".split()
)
SURNAME_SIMILARITY = 85
TYPE_OF = {"role": "person"}  # a person known only by a title is a person to the reader


def _words(name: str) -> list[str]:
    return WORD.findall(name)


def _acronyms(docs: list[Document]) -> dict[str, str]:
    """ACRONYM -> its defining phrase, as written ("Ukraine's Main ... Directorate (HUR)")."""
    out: dict[str, str] = {}
    for d in docs:
        for m in ACRONYM_DEF.finditer(d.text[:200_000]):
            phrase = clean_name(m.group(1))
            if phrase and m.group(2) not in out:
                out[m.group(2)] = f"{phrase} ({m.group(2)})"
    return out


# sources that are things, not actors: "the intercepts show", "the pact states"
DOCUMENT_HEADS = frozenset(
    "report reports clause pact treaty agreement intercept intercepts document documents "
    "statement statements study studies data footage image images video videos memo letter "
    "law survey poll polls record records communications message messages figures estimate "
    "email emails cable cables "
    "estimates analysis assessment findings research paper post tweet website filing "
    "filings ruling rulings order indictment complaint lawsuit transcript".split())
# several people described, not named: "South Korean lawmakers said", "experts believe"
PEOPLE_HEADS = frozenset(
    "lawmakers officials experts analysts residents witnesses sources observers critics "
    "diplomats leaders activists investigators researchers scientists doctors protesters "
    "workers soldiers troops prosecutors people allies representatives legislators "
    "senators politicians economists insiders neighbours neighbors relatives authors "
    "advisers advisors aides supporters staffers members voters friends".split())
# one person described by what they are ("the suspect", "a family friend"), beside the
# titles of speakers.PERSON_HEADS; "-s" / "-es" of each is several of them ("teachers")
ROLE_HEADS = frozenset(
    "guy person man woman boy girl suspect victim witness resident actor actress member "
    "friend mother father son daughter wife husband brother sister expert analyst teacher "
    "trader clinician doctor nurse lawyer attorney student worker employee manager owner "
    "executive founder author writer reporter journalist editor host singer player coach "
    "fan voter source insider neighbour neighbor spokesperson songwriter scientist "
    "researcher economist activist parent patient customer user".split())
_PLURAL_ROLES = frozenset({r + "s" for r in ROLE_HEADS | PERSON_HEADS}
                          | {r + "es" for r in ROLE_HEADS | PERSON_HEADS}
                          | {"men", "women", "children"})
# an adjective after the noun it describes: "people familiar with the talks"
_POSTNOMINAL = frozenset(("familiar", "close", "briefed", "aware", "involved"))
# a name that opens on one of these counts people: "Many Democrats", "Several Republicans"
QUANTIFIERS = frozenset(
    "many some several most few other fellow both all numerous various two three four five six "
    "seven eight nine ten dozens hundreds thousands".split())
NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
_PARTICLE_NAME = re.compile(r"[a-z]{1,3}[-’'][A-Z]")  # al-Assad, d'Estaing
_BEFORE_PREPOSITION = re.compile(r"\s(?:of|to|like|at|for|from|with)\s")


def _place_words(low: list[str]) -> set[int]:
    """Indices of the (lower-case) words that name a country, alone or with their
    neighbours ("north korean", "united states")."""
    place: set[int] = set()
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            if countries_in([" ".join(low[i : i + n])]):
                place.update(range(i, i + n))
    return place


def _proper_words(words: list[str]) -> list[str]:
    """The capitalised words that are neither titles nor part of a country's name or
    demonym ("North Korean", "United States"), nor a body's common noun ("Service")."""
    low = [re.sub(r"[’']s$", "", w).lower() for w in words]
    place = _place_words(low)
    return [w for i, w in enumerate(words) if w[:1].isupper() and i not in place
            and low[i] not in TITLE_WORDS and low[i] not in GENERIC and low[i] != "one"]


def _kind(name: str, person_names: set[str], org_names: set[str],
          named_words: frozenset[str] = frozenset()) -> str:
    """person, organisation or country; described people are "role" (one person named by
    a title: "North Korean official") or "people"; things that speak are "document".
    ``named_words``: the words of the corpus's named entities; a capitalised first word
    outside them is capitalised only because it opens the phrase ("Aviation analysts")."""
    if country_of(name):
        return "country"
    words = _words(name)
    # the head noun: "authors of the report" -> authors, "advisers to Mr. Obama" -> advisers
    one_of = name.lower().startswith("one of ")  # "One of North Korea's representatives"
    core = (_words(_BEFORE_PREPOSITION.split(name[7:] if one_of else name, 1)[0])
            if "(" not in name else [])
    if len(core) > 1 and core[-1].lower() in _POSTNOMINAL:
        core = core[:-1]
    head = core[-1].lower() if core else ""
    # "teachers", "Teachers" alone; not "Roberts" in "John Roberts"
    people = head in PEOPLE_HEADS or (head in _PLURAL_ROLES
                                      and (core[-1][:1].islower() or len(core) == 1))
    if one_of and people:
        return "role"
    # "a 2014 study", "Polls"; not "New York Post", "Roper Center for … Research"
    if head in DOCUMENT_HEADS and (core[-1].islower() or (len(words) == 1
                                                         and name not in org_names)):
        return "document"
    # "South Korean lawmakers", not "NATO officials" nor "intelligence service officials"
    mods = core[:-1]
    if mods and (mods[0].lower() in QUANTIFIERS | {"so", "the", "a", "an"}
                 or (named_words and mods[0].lower() not in named_words)):
        mods = mods[1:]  # "Two people", "Aviation analysts"
    described = not _proper_words(mods) and not any(w.lower() in GROUP_HEADS for w in mods)
    if core and core[0].lower() in QUANTIFIERS and _plural(head):
        return "people"  # "Many Democrats", "Some Republicans", "Two senators"
    if len(core) == 2 and core[0].lower() == "one" and (
            core[1][:1].isupper() or head in ROLE_HEADS or head in PERSON_HEADS):
        return "role"  # "One Republican", "one official"; not "one slide"
    if people and described:
        return "people"
    if ((head in PERSON_HEADS or head in ROLE_HEADS) and described) or head in (
            "someone", "somebody"):
        return "role"
    plain = bool(words) and not any(w.lower() in GENERIC or countries_in([w]) for w in words)
    if any(w[:1].islower() and w.lower() not in TITLE_WORDS | NAME_PARTICLES
           and not _PARTICLE_NAME.match(w) for w in words):
        return "organisation"  # a description around a name ("advisers to Mr. Obama")
    if name in person_names or (plain and words[-1].lower() in person_names):
        return "person"
    if name in org_names or not plain or "(" in name or (len(words) > 1
                                                         and words[-1] in org_names):
        return "organisation"  # "House Democrats": "Democrats" names a group
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "person"
    return "organisation"


class _Clusters:
    """Union-find over names; two names in ``apart`` never end up in one cluster."""

    def __init__(self, names: list[str], apart: set[frozenset[str]] | None = None) -> None:
        self.parent = {n: n for n in names}
        self.members = {n: [n] for n in names}
        self.apart = apart or set()

    def find(self, n: str) -> str:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.apart and any(frozenset((x, y)) in self.apart
                              for x in self.members[ra] for y in self.members[rb]):
            return
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)


def _apart(docs: list[Document], persons: list[set[str]], kinds: dict[str, str]
           ) -> set[frozenset[str]]:
    """Pairs of full names one article gives to two people: a writer keeps one spelling of
    a person's name, so "Ivana Trump" and "Ivanka Trump" in one article are two people,
    however alike the names look. ``persons``: each article's PERSON names, cleaned."""
    out: set[frozenset[str]] = set()
    for d, named in zip(docs, persons, strict=True):
        # speakers are canonical-ready already (cleaned in canonicalise_actors)
        names = named | {a.speaker for a in d.attributions
                         if a.speaker and kinds.get(a.speaker) == "person"}
        # full names by surname (compared within one surname only: an article may name
        # thousands of people)
        by_surname: dict[str, list[tuple[str, str]]] = {}
        for n in sorted(names):
            plain = _plain(n)
            if len(plain) >= 2:
                by_surname.setdefault(plain[-1].lower(), []).append((n, plain[0].lower()))
        for bearers in by_surname.values():
            for i, (x, fx) in enumerate(bearers):
                out.update(frozenset((x, y)) for y, fy in bearers[i + 1 :]
                           if fx != fy and _same_person(x, y))
    return out


def _plain(name: str) -> list[str]:
    """A person's name without titles, particles and suffixes: "Mr. Bill de Blasio" ->
    Bill, Blasio; "Bin Laden" -> Laden; "Joseph R. Biden Jr." -> Joseph, R., Biden."""
    return [w for w in _words(name) if w.lower() not in TITLE_WORDS
            and w.lower() not in NAME_PARTICLES and w.lower().rstrip(".") not in NAME_SUFFIXES]


def _plural(word: str) -> bool:
    """A plural noun, roughly: "democrats", "experts"; not "this", "congress"."""
    return (len(word) > 3 and word.isalpha() and word.endswith("s")
            and not word.endswith(("ss", "us", "is")))


def _same_person(a: str, b: str) -> bool:
    wa, wb = _plain(a), _plain(b)
    if not wa or not wb or fuzz.ratio(wa[-1].lower(), wb[-1].lower()) < SURNAME_SIMILARITY:
        return False
    if len(wa) > 1 and len(wb) > 1:
        return _same_first_name(wa[0].lower(), wb[0].lower())
    return True


def _same_first_name(fa: str, fb: str) -> bool:
    """Spelling variants (Volodymyr / Volodimir), short forms (Mike / Michael, Joe /
    Joseph) and initials (J. / John); not two names that only share an initial (John /
    Jane)."""
    if len(fa.rstrip(".")) == 1 or len(fb.rstrip(".")) == 1:
        return fa[0] == fb[0]
    return fa[:2] == fb[:2] or fuzz.ratio(fa, fb) >= 70


def _org_key(name: str) -> tuple[frozenset[str], frozenset[str]]:
    words = [re.sub(r"[’']s$", "", w) for w in _words(name)]
    countries = frozenset(countries_in(words))
    low = [w.lower() for w in words]
    drop = _place_words(low)
    distinctive = frozenset(w for i, w in enumerate(low) if i not in drop and w not in GENERIC)
    return countries, distinctive


def _same_body(a: str, b: str) -> bool:
    ca, da = _org_key(a)
    cb, db = _org_key(b)
    if ca and cb and not (ca & cb):
        return False
    if not (ca or cb):
        return fuzz.token_sort_ratio(a.lower(), b.lower()) >= 92
    if not (ca and cb):
        small, big = (da, db) if len(da) <= len(db) else (db, da)
        return len(small) >= 2 and small <= big
    return bool(da & db)


PAIR_BLOCK = 512  # rows of fuzzy scores computed at once
# a name after one of these is not the speaker but what the speaker is described by:
# "spokeswoman for Hillary Clinton", "lawyers for Donald and Ivana Trump"
_LINKING_WORDS = frozenset(
    "for to of from like and or with by in at on about against than as".split())


def _alike(queries: list[str], choices: list[str], scorer: Callable[..., float],
           cutoff: int) -> list[tuple[int, int]]:
    """(query index, choice index) of every pair scoring ``cutoff`` or more, computed
    PAIR_BLOCK queries at a time so memory stays bounded."""
    out: list[tuple[int, int]] = []
    for s in range(0, len(queries), PAIR_BLOCK):
        scores = process.cdist(queries[s : s + PAIR_BLOCK], choices, scorer=scorer,
                               score_cutoff=cutoff, dtype=np.uint8)
        out += [(s + int(r), int(c)) for r, c in zip(*np.nonzero(scores), strict=True)]
    return out


def _named_within(name: str, persons: set[str]) -> str | None:
    """The person's name that ends a described speaker ("Another diplomat, former special
    envoy to Ukraine Kurt Volker" -> Kurt Volker), when the words before it describe (one
    is in lower case) and do not end on a linking word; None otherwise ("Browns DL Sheldon
    Richardson" and "spokeswoman for Hillary Clinton" stay whole)."""
    words = name.split()
    for k in (4, 3, 2):
        if (len(words) > k and " ".join(words[-k:]) in persons
                and any(w[:1].islower() for w in words[:-k])
                and words[-k - 1].lower() not in _LINKING_WORDS):
            return " ".join(words[-k:])
    return None



def _candidate_pairs(names: list[str], kinds: dict[str, str]) -> list[tuple[int, int]]:
    """The pairs (i < j, in that order) that the rules below could join: one country; two
    persons whose surnames are alike; two names of one other kind that share a distinctive
    word or, with no country named, read alike. Every other pair fails the rules anyway;
    skipping it keeps a corpus of thousands of speakers from comparing all pairs."""
    pairs: set[tuple[int, int]] = set()

    def all_pairs(group: list[int]) -> None:
        pairs.update((a, b) for n, a in enumerate(group) for b in group[n + 1 :])

    def alike(idx: list[int], texts: list[str], scorer: Callable[..., float],
              cutoff: int) -> None:
        pairs.update((idx[r], idx[c]) for r, c in _alike(texts, texts, scorer, cutoff) if r < c)

    by_country: dict[str, list[int]] = {}
    persons: list[int] = []
    by_word: dict[tuple[str, str], list[int]] = {}
    plain_orgs: list[int] = []
    for i, n in enumerate(names):
        kind = kinds[n]
        if kind == "country":
            by_country.setdefault(country_of(n) or n, []).append(i)
        elif kind == "person":
            if _plain(n):
                persons.append(i)
        else:
            countries, distinctive = _org_key(n)
            for w in distinctive:
                by_word.setdefault((kind, w), []).append(i)
            if not countries:
                plain_orgs.append(i)
    for group in [*by_country.values(), *by_word.values()]:
        all_pairs(group)
    alike(persons, [_plain(names[i])[-1].lower() for i in persons], fuzz.ratio,
          SURNAME_SIMILARITY)
    alike(plain_orgs, [names[i].lower() for i in plain_orgs], fuzz.token_sort_ratio, 92)
    return sorted(pairs)


def canonicalise_actors(docs: list[Document]) -> list[Actor]:
    """Set each attribution's ``speaker`` to a canonical name; list the actors."""
    persons = [{clean_name(e.text) for e in d.entities if e.label == "PERSON"} for d in docs]
    full_names = set().union(*persons)
    counts: Counter[str] = Counter()
    for d in docs:
        for a in d.attributions:
            if a.speaker:
                a.speaker = clean_name(a.speaker) or a.speaker
                a.speaker = _named_within(a.speaker, full_names) or a.speaker
                counts[a.speaker] += 1
    if not counts:
        return []
    acronyms = _acronyms(docs)
    person_names = full_names | {_words(n)[-1].lower() for n in full_names if _words(n)}
    names = list(counts)
    names += [v for v in acronyms.values() if v not in counts]
    org_names = {clean_name(e.text) for d in docs for e in d.entities
                 if e.label in ("ORG", "NORP", "GPE", "FAC")}
    named_words = frozenset(w.lower() for n in person_names | org_names for w in _words(n))
    kinds = {n: _kind(n, person_names, org_names, named_words) for n in names}
    uf = _Clusters(names, _apart(docs, persons, kinds))
    for i, j in _candidate_pairs(names, kinds):
        first, other = names[i], names[j]
        ka, kb = kinds[first], kinds[other]
        if ka == "country" or kb == "country":
            if ka == kb and country_of(first) == country_of(other):
                uf.union(first, other)
        elif ka == "person" and kb == "person":
            # a bare surname joins below, with one bearer only: "Trump" must not chain
            # Donald Trump and Ivana Trump together
            if _bare(first) == _bare(other) and _same_person(first, other):
                uf.union(first, other)
        elif ka == kb and _same_body(first, other):
            uf.union(first, other)
    _join_bare_surnames(names, kinds, counts, uf)
    having: dict[str, list[str]] = {}  # acronym -> the names that contain it as a word
    for n in names:
        if kinds[n] != "country":
            for w in set(_words(n)) & acronyms.keys():
                having.setdefault(w, []).append(n)
    for acr, phrase in acronyms.items():
        for n in having.get(acr, []):
            if n != phrase:
                uf.union(phrase, n)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(uf.find(n), []).append(n)
    canonical: dict[str, str] = {}
    for members in groups.values():
        name = _pick_name(members, kinds, counts, set(acronyms.values()))
        for m in members:
            canonical[m] = name
    # the actors that speak somewhere (a group may be only an acronym's definition)
    speaking = {canonical[m] for m in names if counts[m]}
    joint = _joint_speakers(names, groups, canonical, acronyms, uf, speaking)
    actors: list[Actor] = []
    for members in groups.values():
        name = canonical[members[0]]
        if name not in speaking or members[0] in joint:
            continue
        if not _names_someone(name):
            continue  # "it", "I", "Q": the speaker stays as written, but is no actor
        kind = TYPE_OF.get(kinds[members[0]], kinds[members[0]])
        actors.append(Actor(name=name, type=kind, aliases=sorted(m for m in members if m != name)))
    # a speaker phrase taken from the wrong words ("nothing", "May 12 deadline") stays on
    # its attribution as written, but is listed as no actor (the learned actor model)
    keep = is_actor([a.name for a in actors], [a.type for a in actors], person_names, org_names)
    actors = [a for a, k in zip(actors, keep, strict=True) if k and not _a_time(a.name)]
    for d in docs:
        for a in d.attributions:
            if a.speaker:
                a.speaker = joint.get(a.speaker) or canonical.get(a.speaker, a.speaker)
            if a.reported_by:
                rb = clean_name(a.reported_by) or a.reported_by
                a.reported_by = canonical.get(rb, rb)
    actors.sort(key=lambda x: -sum(counts[m] for m in [x.name, *x.aliases]))
    return actors


# a stretch of time never speaks: "the May 12 deadline", "a monthlong reprieve"
TIME_HEADS = frozenset(
    "deadline deadlines day days week weeks month months year years date dates time times "
    "morning afternoon evening night weekend hour hours minute minutes season reprieve "
    "moment moments period decade decades century".split())


def _a_time(name: str) -> bool:
    """Whether the name's head noun (before any "of"/"to" phrase) is a lower-case word
    for a stretch of time ("Financial Times" and "judge on Saturday" are not)."""
    core = _words(_BEFORE_PREPOSITION.split(name, 1)[0])
    return bool(core) and core[-1] in TIME_HEADS


# the parts of a source that names several actors ("Nato and the US", "Britain, France and
# Germany")
_PARTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
JOINT = " and "  # joins the canonical names of a joint speaker


def _joint_speakers(names: list[str], groups: dict[str, list[str]], canonical: dict[str, str],
                    acronyms: dict[str, str], uf: _Clusters, speaking: set[str]
                    ) -> dict[str, str]:
    """Speakers that name several actors of the articles, each by a name it goes by
    elsewhere ("Nato and the US" when NATO and the US speak on their own too: their
    canonical names are in ``speaking``), mapped to those canonical names joined by JOINT.
    A name whose parts are not all such actors ("Bosnia and Herzegovina", "Procter and
    Gamble") is one actor."""
    lookup = {n.lower(): canonical[n] for n in names if canonical[n] in speaking}
    for acr, phrase in acronyms.items():
        if canonical.get(phrase) in speaking:
            lookup.setdefault(acr.lower(), canonical[phrase])
    out: dict[str, str] = {}
    for n in names:
        if len(groups[uf.find(n)]) > 1:
            continue  # the name is another actor's alias: one actor
        parts = [clean_name(p) for p in _PARTS.split(n) if p.strip()]
        if len(parts) < 2:
            continue
        found = [lookup.get(p.lower()) for p in parts]
        if all(found) and len(set(found)) == len(found) and n not in found:
            out[n] = JOINT.join(str(f) for f in found)
    return out


# speakers a list of actors leaves out: pronouns left unresolved, an interview's "Q" / "A"
NOT_NAMES = PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS | frozenset(
    "i me we us you them this these those one someone somebody anyone others other all "
    "some".split())


def _names_someone(name: str) -> bool:
    low = name.lower().strip(" .:")
    return len(low) > 1 and low not in NOT_NAMES


def _bare(name: str) -> bool:
    """A surname alone, titles and particles aside ("Trump", "Mr. Obama", "De Blasio"), or
    with an initial ("J. Smith"): it may stand for several people of that name."""
    plain = _plain(name)
    return len(plain) <= 1 or (len(plain) == 2 and len(plain[0].rstrip(".")) == 1)


def _join_bare_surnames(names: list[str], kinds: dict[str, str], counts: Counter[str],
                        uf: _Clusters) -> None:
    """Each bare surname joins the person of that surname named most often: with Donald
    Trump, Ivana Trump and Ivanka Trump in the corpus, "Mr. Trump" is Donald Trump's and
    the three stay three."""
    full = [n for n in names if kinds[n] == "person" and not _bare(n) and _plain(n)]
    bare = [b for b in names if kinds[b] == "person" and _bare(b) and _plain(b)]
    if not full or not bare:
        return
    # how often each person (a cluster of full names) is named; bare names join under a
    # full name's root, so these roots do not move below
    weight: Counter[str] = Counter()
    for n in full:
        weight[uf.find(n)] += counts[n]
    alike: dict[int, list[int]] = {}  # bare name -> full names whose surname is alike
    for r, c in _alike([_plain(b)[-1].lower() for b in bare],
                       [_plain(n)[-1].lower() for n in full], fuzz.ratio, SURNAME_SIMILARITY):
        alike.setdefault(r, []).append(c)
    for r, ks in sorted(alike.items()):
        b = bare[r]
        roots = {uf.find(full[k]) for k in ks if _same_person(b, full[k])}
        if roots:
            uf.union(max(sorted(roots), key=lambda x: weight[x]), b)


def _pick_name(members: list[str], kinds: dict[str, str], counts: Counter[str],
               definitions: set[str]) -> str:
    """The informative form: a country's common name, an acronym definition, a full name."""
    kind = kinds[members[0]]
    if kind == "country":
        return country_of(members[0]) or members[0]
    if kind == "person":
        def plain(m: str) -> int:  # words of the name proper, initials aside
            return sum(w.lower() not in TITLE_WORDS and len(w.rstrip(".")) > 1
                       for w in _words(m))

        def untitled(m: str) -> bool:
            return not any(w.lower() in TITLE_WORDS for w in _words(m))

        return max(members, key=lambda m: (min(plain(m), 3), untitled(m), counts[m],
                                           -len(m)))
    defined = [m for m in members if m in definitions] or [
        m for m in members if re.search(r"\([A-Z]{2,6}\)$", m)]
    if defined:
        return max(defined, key=lambda m: (counts[m], len(m)))
    return max(members, key=lambda m: (counts[m], len(_words(m)), -len(m)))
