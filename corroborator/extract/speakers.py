"""Name the speaker of each attribution, resolving pronouns and descriptions in one article.

"he added" takes the last named person speaker; "the Ukrainian leader" takes the person
named earlier whose title words match; "it said" the last organisation speaker; "the
country" the last country that spoke.
Nothing is guessed across articles: unresolved speakers stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from corroborator.extract.actor_places import country_of
from corroborator.extract.attribution_candidates import NOUN_CUES
from corroborator.model import Attribution, Document

# "it" / "they" stand for a body or thing named this many sentences back at most
REFERENT_SENTENCES = 2
PERSON_PRONOUNS = frozenset("he she him her his".split())
GROUP_PRONOUNS = frozenset("it they its their".split())
RELATIVE_PRONOUNS = frozenset(("who", "which", "that"))
DEFINITE = frozenset("the this that these those its their his her".split())
DETERMINERS = frozenset("the a an this that these those".split())
HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame)\.?\s+", re.IGNORECASE)
PERSON_HEADS = frozenset(
    "leader president minister chief spokesman spokeswoman spokesperson official general "
    "commander secretary chancellor governor senator representative ambassador envoy premier "
    "king queen prince monarch dictator head director adviser advisor aide lawmaker mayor "
    "candidate nominee diplomat negotiator prosecutor judge officer colonel lieutenant admiral "
    "man woman politician strongman".split()
)
GROUP_HEADS = frozenset(
    "agency service ministry directorate government military intelligence office department "
    "committee council administration army command force forces authority authorities "
    "company campaign party organization organisation alliance bloc union kremlin "
    "embassy mission broadcaster newspaper outlet network side".split()
)
# titles any person of note may be given ("the French leader" for President Macron)
GENERIC_HEADS = frozenset("leader official head politician figure strongman".split())
# what a person's words come in ("Zelensky's statement", "Trump's tweet"): its owner speaks
VOICE_NOUNS = NOUN_CUES | frozenset(
    "remark word speech interview tweet post letter account office website".split())
# "the country said": the last country that spoke in the article
COUNTRY_HEADS = frozenset(("country", "nation"))
ORG_LABELS = ("ORG", "GPE", "NORP", "FAC", "LOC")
TITLE_WORDS = PERSON_HEADS | frozenset(
    "mr mrs ms dr sen rep gov gen lt col maj capt sgt prime deputy vice foreign defense "
    "defence interior secretary-general first lady sir lord".split()
)


# ", including US Defense Secretary Lloyd Austin", ", which Zelensky shared on Telegram"
_TRAILING_CLAUSE = re.compile(r",\s+(?:including|which|who|whose|whom|where|such as)\b.*$",
                              re.IGNORECASE | re.DOTALL)
_LIST_WORD = re.compile(r"\b(?:and|or|&)\b")
# a clock time run into the name by a page's layout ("9:14 AM Police say …")
_CLOCK_TIME = re.compile(r"^(?:\d{1,2}[:.])?\d{1,2}\s*(?:[AaPp]\.?[Mm]\.?)\s+(?=\S)")
# what the parse ran into a name from before it: an age ("40-year-old Ana Ruiz", "a
# 62-year-old teacher") and a participle clause up to its comma ("Talking to People
# magazine, Jack Ketsoyan, her representative"; "Speaking at a rally, the senator")
_LEAD_IN = re.compile(r"^(?:(?:an?\s+)?\d{1,3}-year-old\s+|[A-Z][a-z]+ing\s+(?:to|at|in|on|with|"
                      r"from|after|before|during)\b[^,]{1,80},\s+)(?=\S)")
# lower-case words inside names ("Bill de Blasio", "Bank of England"); joiners add list words
NAME_PARTICLES = frozenset("of the de van von der den da di du la le bin al".split())
_NAME_JOINERS = NAME_PARTICLES | {"and", "or", "&"}
_POSSESSIVES = frozenset(("his", "her", "their", "its", "our", "my", "your"))


def _appositive_name(text: str) -> str:
    """One half of "Name, a description" or "a description, Name": the name ("Yonhap, a
    major South Korean news agency" -> Yonhap; "public broadcaster of Ukraine, Suspilne" ->
    Suspilne). "Washington, D.C.", "King, Jr." and "Smith, Jones and Brown" stay whole."""
    if "," not in text:
        return text
    left, right = (x.strip() for x in text.split(",", 1))
    if not left or not right:
        return text
    rw = right.split()
    lower = [w for w in rw if w[:1].islower() and w not in _NAME_JOINERS]
    if left[0].isupper() and lower and not _described(left):
        return left
    named = rw[1:] if rw[0].lower() == "the" else rw
    if (_described(left) and named and "," not in right and not _LIST_WORD.search(right)
            and all(w.strip("()")[:1].isupper() for w in named) and len(right) > 3):
        return right
    return text


def _described(text: str) -> bool:
    """A description, not a name: "public broadcaster of Ukraine", "His former partner at
    Lenox", "South Korea's spy agency"."""
    words = text.split()
    return (text[0].islower() or words[-1][:1].islower()
            or words[0].lower() in DETERMINERS | _POSSESSIVES)


# what a body hands over, not who speaks: "intelligence from the security service", "new
# data from the Census Bureau", "a report by the watchdog" speak for the body
_CARRIER = re.compile(
    r"^(?:(?:the|a|an|new|latest|recent|fresh)\s+){0,2}(?:intelligence|information|data|"
    r"figures|estimates?|reports?|documents?|analysis|assessments?|findings|statistics)\s+"
    r"(?:from|by)\s+(?=\S)", re.IGNORECASE)


def clean_name(text: str) -> str:
    """A speaker phrase without leading determiner, honorific, trailing clause, apposition,
    trailing punctuation, or what the speaker handed over ("data from …")."""
    text = _CLOCK_TIME.sub("", " ".join(text.split()).strip(" ,;:-–—\"'“”‘’"))
    text = _CARRIER.sub("", _LEAD_IN.sub("", text))
    text = _appositive_name(_TRAILING_CLAUSE.sub("", text)).strip(" ,;:-–—\"'“”‘’")
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    text = HONORIFICS.sub("", " ".join(words))
    return re.sub(r"[’']s$", "", text).strip()


# what a text says of a person's gender: an honorific before the surname ("Mrs Palin",
# "Mr. Kroon") or a gendered word among the name's title and descriptor words
# ("spokeswoman", "actress"); "he said" is never a person known to be a woman, nor "she"
# a man. Nothing else is guessed (first names say nothing here).
_FEMALE_WORDS = frozenset(
    "mrs ms miss madam madame dame lady spokeswoman chairwoman congresswoman businesswoman "
    "actress woman girl mother daughter wife sister widow grandmother queen princess "
    "duchess countess sportswoman policewoman".split())
_MALE_WORDS = frozenset(
    "mr sir lord spokesman chairman congressman businessman actor man boy father son "
    "husband brother widower grandfather king prince duke count sportsman policeman".split())
_HONORIFIC_BEFORE = re.compile(r"\b(Mrs|Ms|Miss|Mr|Sir|Madam|Dame|Lord)\b\.?\s+([A-Z][\w'’-]+)")


def genders_in(text: str) -> dict[str, str]:
    """Surname (lower case) -> "f" or "m", from the honorifics the text puts before it;
    a name given both is left out."""
    seen: dict[str, set[str]] = {}
    for m in _HONORIFIC_BEFORE.finditer(text):
        g = "f" if m.group(1).lower() in _FEMALE_WORDS else "m"
        surname = re.sub(r"[’']s?$", "", m.group(2).lower())
        seen.setdefault(surname, set()).add(g)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


_HE = frozenset(("he", "him", "his", "himself"))
_SHE = frozenset(("she", "her", "hers", "herself"))


def pronoun_genders(sdoc: Doc) -> dict[str, str]:
    """Surname (lower case) -> "f" or "m", from sentences that name one person only and
    then refer with pronouns of one gender only ("Hillary Clinton said her plan …"); a
    name the article gives both is left out."""
    seen: dict[str, set[str]] = {}
    for sent in sdoc.sents:
        people = {e.text.split()[-1].lower() for e in sent.ents if e.label_ == "PERSON"}
        if len(people) != 1:
            continue
        first = min(e.end for e in sent.ents if e.label_ == "PERSON")
        after = {t.lower_ for t in sdoc[first:sent.end]}
        he, she = bool(after & _HE), bool(after & _SHE)
        if he != she:
            name = re.sub(r"[’']s?$", "", next(iter(people)))
            seen.setdefault(name, set()).add("m" if he else "f")
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _gender(name: str, words: set[str], known: dict[str, str]) -> str | None:
    found = {known[w] for w in (name.lower().split()[-1:] or []) if w in known}
    plain = {w.strip(".") for w in words}
    if plain & _FEMALE_WORDS:
        found.add("f")
    if plain & _MALE_WORDS:
        found.add("m")
    return next(iter(found)) if len(found) == 1 else None


class _Memory:
    """What the article has named so far: persons with their title words, groups, and what
    "it" or "they" may stand for (``referents``: name, where, plural, named)."""

    def __init__(self, genders: dict[str, str] | None = None) -> None:
        self.persons: list[tuple[str, set[str]]] = []
        self.groups: list[tuple[str, set[str]]] = []
        self.referents: list[tuple[str, int, bool, bool]] = []
        self.genders = genders or {}

    def add_person(self, name: str, words: set[str]) -> None:
        self.persons.append((name, words | {w.lower() for w in name.split()}))

    def person_for(self, pronoun: str) -> str | None:
        """The last person named whom the pronoun can stand for: "she" / "her" never a
        man, "he" / "him" / "his" never a woman, as far as the text tells their gender."""
        unlike = "m" if pronoun in ("she", "her") else "f"
        for name, words in reversed(self.persons):
            if _gender(name, words, self.genders) != unlike:
                return name
        return None

    def add_group(self, name: str, words: set[str]) -> None:
        self.groups.append((name, words | {w.lower() for w in re.findall(r"\w+", name)}))

    def add_referent(self, name: str, where: int, plural: bool, named: bool) -> None:
        self.referents.append((name, where, plural, named))

    def group_for(self, pronoun: str, since: int) -> str | None:
        """The last body or thing named from ``since`` on that the pronoun can stand for:
        "it" one named in the singular ("the agency", "the report", "Mexico"), "they" one
        named in the plural or by its name ("advocates", "NATO"). None when there is none:
        a pronoun is not guessed from afar."""
        singular = pronoun in ("it", "its")
        for name, where, plural, named in reversed(self.referents):
            if where < since:
                return None
            if (not plural) if singular else (plural or named):
                return name
        return None


def _descriptor_words(sdoc: Doc, ent: Span) -> set[str]:
    """Title and modifier words right before a name ("Ukrainian President") and in its phrase."""
    words: set[str] = set()
    i = ent.start - 1
    while i >= max(0, ent.start - 5) and sdoc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT"):
        if sdoc[i].text in (",", "(", ")", "\n"):
            break
        words.add(sdoc[i].lower_)
        if sdoc[i].is_sent_start:  # a title opening the sentence ("Sen. Bernie Sanders said")
            break
        i -= 1
    head = ent.root.head
    if ent.root.dep_ == "appos" or head.dep_ == "appos":
        words.update(t.lower_ for t in head.subtree if t.pos_ in ("NOUN", "ADJ", "PROPN"))
    return words


def _titles_of(sdoc: Doc, ent: Span) -> set[str]:
    """What the article calls a named person: the word right before the name ("actress
    Susan Sarandon", "Sen. Bernie Sanders": "senator") and the noun it stands in apposition
    to ("Douglas Schoen, the former pollster,"), never a word further off ("Fire Department
    Chief James Steele" is a chief, not a fire)."""
    words: set[str] = set()
    if ent.start > 0 and sdoc[ent.start - 1].pos_ in ("NOUN", "PROPN"):
        words.add(sdoc[ent.start - 1].lower_)
    root = ent.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        words.add(root.head.lower_)
    words.update(c.lower_ for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN")
    return _title_words(words)


def _source_span(sdoc: Doc, att: Attribution) -> Span | None:
    if att.source is None:
        return None
    return sdoc.char_span(att.source[0], att.source[1], alignment_mode="expand")


def _named(sdoc: Doc, span: Span, person_words: set[str]) -> tuple[str, str, set[str]] | None:
    """(kind, name, words) when the source names a person or a body."""
    root = span.root
    words = {t.lower_ for t in span if t.is_alpha}
    for e in span.ents:
        # the name is the source, stands beside it ("the president, Barack Obama,") or owns
        # the words ("Zelensky's statement"); a name that only qualifies the source ("a
        # Clinton aide", "a top Trump adviser") is not who speaks: an unnamed aide stays one
        if e.label_ == "PERSON" and (e.start <= root.i < e.end or (
                e.root.head.i == root.i and (e.root.dep_ == "appos" or (
                    e.root.dep_ == "poss" and root.lemma_.lower() in VOICE_NOUNS)))):
            return "person", clean_name(e.text), _descriptor_words(sdoc, e)
    if root.pos_ == "PROPN" and (root.ent_type_ not in ORG_LABELS or root.lower_ in person_words):
        chain = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [root]
        titled = [t for t in chain if t.lower_ in TITLE_WORDS]
        name = [t.text for t in chain if t.lower_ not in TITLE_WORDS]
        if name and (titled or root.lower_ in person_words):
            return "person", clean_name(" ".join(name)), words
        if not name:
            return None
    if root.pos_ == "PROPN" or root.ent_type_ in ORG_LABELS:
        return "group", clean_name(span.text), words
    if root.lower_ in GROUP_HEADS and any(e.label_ in ORG_LABELS for e in span.ents):
        return "group", clean_name(span.text), words
    return None


def _sentence_start(span: Span, back: int) -> int:
    """Where the sentence ``back`` sentences before ``span``'s starts (or the first)."""
    sent = span.sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = span.doc[sent.start - 1].sent
    return sent.start_char


def _plural_span(span: Span) -> bool:
    """A source named in the plural: "advocates", "Mr. Grassley and Mr. Leahy"."""
    return span.root.tag_ in ("NNS", "NNPS") or any(
        t.lower_ == "and" and t.head == span.root for t in span)


# title words written short before a name ("Sen. Bernie Sanders": "the senator")
_TITLE_FORMS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "const": "constable",
                "pres": "president", "adm": "admiral", "insp": "inspector",
                "supt": "superintendent"}


def _title_words(words: set[str]) -> set[str]:
    """Words as a description would use them: "sen." is "senator"."""
    plain = {w.strip(".").lower() for w in words}
    return plain | {_TITLE_FORMS[w] for w in plain if w in _TITLE_FORMS}


def _nominal(span: Span, memory: _Memory,
             described: Sequence[tuple[int, str, set[str]]] = ()) -> str | None:
    """A described speaker ("the Ukrainian leader", "the senator") named earlier in the
    article. In this order: the latest person or body that spoke before, with the most of
    the description's words among its title words ("Ukrainian President Zelensky" for "the
    Ukrainian leader"); else the latest person the article named with the description's
    head among its title words, subject or not (``described``: "asked by Judge Michael
    Martone" for "the judge", "actress Susan Sarandon" for "the actress"); else, for a
    person's title, the last person who spoke, unless the article gives that person
    another title and never this one (the last speaker a senator, the source "the judge":
    a judge the article never names stays "judge", not the senator)."""
    head = span.root.lower_
    if span.root.pos_ not in ("NOUN", "PROPN") or not any(
            t.lower_ in DEFINITE or t.dep_ == "poss" for t in span):
        return None
    # a name inside the description qualifies it ("the Clinton aide" is not Clinton)
    mods = {t.lower_ for t in span if t.is_alpha and t.lower_ not in DETERMINERS
            and t.ent_type_ != "PERSON"}
    if head in COUNTRY_HEADS:
        countries = [name for name, _ in memory.groups if country_of(name)]
        return countries[-1] if countries else None
    if head in PERSON_HEADS or head in GROUP_HEADS:
        found = _most_shared(memory.persons if head in PERSON_HEADS else memory.groups, mods)
        if found is not None:
            return found
    if head not in GROUP_HEADS:
        found = _most_shared([(n, w) for _, n, w in described if head in w], mods)
        if found is not None:
            return found
    if head in PERSON_HEADS and memory.persons:
        name, words = memory.persons[-1]
        titles = _title_words(words) & PERSON_HEADS
        if head in titles or not titles or head in GENERIC_HEADS:
            return name
    return None


def _most_shared(pool: Sequence[tuple[str, set[str]]], mods: set[str]) -> str | None:
    """The latest name in ``pool`` sharing the most words with ``mods`` (one at least)."""
    best, best_n = None, 0
    for name, words in reversed(pool):
        n = len(mods & _title_words(words))
        if n > best_n:
            best, best_n = name, n
    return best


def _reported_chain(sdoc: Doc, span: Span, att: Attribution,
                    atts: list[Attribution]) -> str | None:
    """ "these intercepts" -> the speaker who earlier reported intercepting (chain of reports)."""
    if span.root.pos_ != "NOUN" or not any(t.lower_ in DEFINITE for t in span):
        return None
    lemma = span.root.lemma_.lower()
    earlier = [a for a in atts if a.speaker and a.content[1] <= (att.source or att.content)[0]]
    for prev in reversed(earlier):
        content = sdoc.char_span(prev.content[0], prev.content[1], alignment_mode="expand")
        if content is not None and any(t.lemma_.lower() == lemma for t in content):
            return prev.speaker
    return None


def resolve_speakers(doc: Document, sdoc: Doc, atts: list[Attribution]) -> None:
    """Set ``speaker`` on each attribution, in text order, from its source span."""
    told = pronoun_genders(sdoc)
    titled = genders_in(doc.text)  # honorifics win over pronouns read nearby
    memory = _Memory({**told, **titled})
    person_words = {t.lower_ for e in sdoc.ents if e.label_ == "PERSON" for t in e if t.is_alpha}
    ents = sorted((e for e in sdoc.ents if e.label_ in ("PERSON", "ORG", "GPE")),
                  key=lambda e: e.start_char)
    # a name inside someone's quoted words ("Ted and I were just driving in") is not who
    # the article's next "he said" is about
    quoted = sorted(a.content for a in atts if a.direct)
    # every person the article names (outside quotes), with its title words, by where the
    # name ends: what a description ("the judge") may stand for
    described = [(e.end_char, clean_name(e.text), _titles_of(sdoc, e))
                 for e in ents if e.label_ == "PERSON" and not any(
                     qs <= e.start_char and e.end_char <= qe for qs, qe in quoted)]
    ei = 0
    for att in sorted(atts, key=lambda a: (a.cue or a.content)[0]):
        pos = (att.source or att.cue or att.content)[0]
        while ei < len(ents) and ents[ei].end_char <= pos:
            e = ents[ei]
            subject = e.root.dep_ in ("nsubj", "nsubjpass")
            if e.label_ != "PERSON":
                # "Mexico picked its targets. It avoided …"; not a person's name the
                # parser took for a body ("Husted was not violating …")
                if subject and not any(t.lower_ in person_words for t in e):
                    memory.add_referent(clean_name(e.text), e.start_char, False, True)
            elif (subject or e.root.head.dep_ in ("nsubj", "appos")) and not any(
                    qs <= e.start_char and e.end_char <= qe for qs, qe in quoted):
                memory.add_person(clean_name(e.text), _descriptor_words(sdoc, e))
            ei += 1
        span = _source_span(sdoc, att)
        if span is None or not span.text.strip():
            continue
        low = span.text.strip().lower()
        if low in PERSON_PRONOUNS:
            att.speaker = memory.person_for(low) or span.text.strip()
            continue
        if low in GROUP_PRONOUNS:
            att.speaker = memory.group_for(low, _sentence_start(span, REFERENT_SENTENCES)) \
                or span.text.strip()
            continue
        if low in RELATIVE_PRONOUNS and att.cue is not None:
            cue_tok = sdoc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
            if cue_tok is not None and cue_tok.root.dep_ == "relcl":
                span = sdoc[cue_tok.root.head.left_edge.i : cue_tok.root.head.i + 1]
        named = _named(sdoc, span, person_words)
        if named is not None:
            kind, name, words = named
            att.speaker = name
            if kind == "person":
                memory.add_person(name, words)
                if _plural_span(span):  # "Mr. Grassley and Mr. Leahy say": "they" next
                    memory.add_referent(clean_name(span.text), span.start_char, True, True)
            else:
                memory.add_group(name, words)
                memory.add_referent(name, span.start_char, _plural_span(span), True)
            continue
        pos_start = span.start_char
        resolved = _nominal(span, memory, [x for x in described if x[0] <= pos_start])
        if resolved is not None:
            att.speaker = resolved
            continue
        att.speaker = clean_name(span.text)
        # "these intercepts show ...": the intercepts speak, reported by whoever said earlier
        # that they had intercepted them
        att.reported_by = _reported_chain(sdoc, span, att, atts)
        if span.root.lower_ in GROUP_HEADS:
            memory.add_group(att.speaker, {t.lower_ for t in span if t.is_alpha})
        if span.root.pos_ in ("NOUN", "PROPN") and span.root.lower_ not in PERSON_HEADS:
            # "the agency", "the report", "voting rights advocates": what "it" or "they"
            # may stand for in the sentences that follow
            memory.add_referent(att.speaker, span.start_char, _plural_span(span),
                                span.root.pos_ == "PROPN")
    mark_reported_chains(atts)


def mark_reported_chains(atts: list[Attribution]) -> None:
    """Set ``reported_by`` on an attribution whose cue and source sit inside another's
    content ("According to the ministry, local officials said ..." -> local officials,
    reported by the ministry). The innermost holder reports it; one speaker does not
    report itself."""
    for a in atts:
        start = (a.source or a.cue or a.content)[0]
        end = (a.cue or a.content)[1]
        holders = [b for b in atts if b is not a and b.speaker
                   and b.content[0] <= start and end <= b.content[1]
                   and b.content[1] - b.content[0] > a.content[1] - a.content[0]]
        if not holders:
            continue
        outer = min(holders, key=lambda b: b.content[1] - b.content[0])
        if outer.speaker and outer.speaker != a.speaker:
            a.reported_by = outer.speaker
