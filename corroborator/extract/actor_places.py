"""A general table of countries: short name, official names, abbreviations, demonyms, capital.

Used to read "Kyiv", "Ukrainian" and "Ukraine's" as one country actor, or "DPRK" and
"Pyongyang" as North Korea. General world knowledge, not tied to any story.
"""

from __future__ import annotations

# name | other names and abbreviations | demonyms | capital
_TABLE = """
United States|US;U.S.;USA;U.S.A.;America;United States of America|American|Washington
United Kingdom|UK;U.K.;Britain;Great Britain|British|London
Russia|Russian Federation|Russian|Moscow;Kremlin
Ukraine||Ukrainian|Kyiv;Kiev
China|People's Republic of China;PRC|Chinese|Beijing
North Korea|Democratic People's Republic of Korea;DPRK;D.P.R.K.|North Korean|Pyongyang
South Korea|Republic of Korea;ROK|South Korean|Seoul
Japan||Japanese|Tokyo
India||Indian|New Delhi;Delhi
Pakistan||Pakistani|Islamabad
Iran|Islamic Republic of Iran|Iranian|Tehran
Iraq||Iraqi|Baghdad
Syria|Syrian Arab Republic|Syrian|Damascus
Israel||Israeli|Jerusalem
Turkey|Turkiye;Türkiye|Turkish|Ankara
Saudi Arabia|KSA|Saudi|Riyadh
Egypt||Egyptian|Cairo
France|French Republic|French|Paris;Elysee;Élysée
Germany|Federal Republic of Germany|German|Berlin
Italy||Italian|Rome
Spain||Spanish|Madrid
Poland||Polish|Warsaw
Belarus||Belarusian|Minsk
Moldova||Moldovan|Chisinau
Georgia||Georgian|Tbilisi
Lithuania||Lithuanian|Vilnius
Latvia||Latvian|Riga
Estonia||Estonian|Tallinn
Finland||Finnish|Helsinki
Sweden||Swedish|Stockholm
Norway||Norwegian|Oslo
Denmark||Danish|Copenhagen
Netherlands|Holland|Dutch|Amsterdam;The Hague
Belgium||Belgian|Brussels
Hungary||Hungarian|Budapest
Romania||Romanian|Bucharest
Canada||Canadian|Ottawa
Mexico||Mexican|Mexico City
Brazil||Brazilian|Brasilia;Brasília
Australia||Australian|Canberra
Taiwan|Republic of China;ROC|Taiwanese|Taipei
Vietnam|Viet Nam|Vietnamese|Hanoi
Afghanistan||Afghan|Kabul
Venezuela||Venezuelan|Caracas
Cuba||Cuban|Havana
Qatar||Qatari|Doha
Lebanon||Lebanese|Beirut
Yemen||Yemeni|Sanaa
Libya||Libyan|Tripoli
Nigeria||Nigerian|Abuja
South Africa||South African|Pretoria
Kazakhstan||Kazakh|Astana
Serbia||Serbian|Belgrade
Greece||Greek|Athens
Switzerland||Swiss|Bern
Austria||Austrian|Vienna
Ireland||Irish|Dublin
"""


def _load() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        name, others, demonyms, capitals = line.split("|")
        for form in [name, *others.split(";"), *demonyms.split(";"), *capitals.split(";")]:
            if form:
                out[form.lower()] = name
    return out


PLACE_TO_COUNTRY: dict[str, str] = _load()


def country_of(phrase: str) -> str | None:
    """The country a whole phrase names ("Pyongyang", "the DPRK", "U.S."), else None."""
    key = phrase.strip().lower()
    for det in ("the ", "a "):
        if key.startswith(det):
            key = key[len(det):]
    return PLACE_TO_COUNTRY.get(key)


def countries_in(words: list[str]) -> set[str]:
    """Countries named by single words or word pairs inside a phrase."""
    found: set[str] = set()
    low = [w.lower() for w in words]
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            c = PLACE_TO_COUNTRY.get(" ".join(low[i : i + n]))
            if c:
                found.add(c)
    return found
