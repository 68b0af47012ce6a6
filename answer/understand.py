"""Reading a question before answering it, offline: what it asks, about what, where, and the asker's situation.

A survivor writes "my ex posted my video on Telegram, the poster is anonymous, it was deleted
when I went to the police": the answer must lead with what was asked (here: what to do) and fit
the steps to the situation (no known poster, a platform abroad, lost evidence). Everything here
comes from word lists — ``corpus/questions.json`` and the glossary — never from special cases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..ingest.tokenize import tokenize_en
from ..language import detect_language
from ..legal_units import find_article_mentions
from ..retrieval.glossary import JURISDICTION_LANGUAGE, Concept, Glossary
from ..retrieval.names import Names, default_name_book
from ..settings import CORPUS_DIR

QUESTIONS_FILE = CORPUS_DIR / "questions.json"
QUESTION_TYPES = (
    "crime",
    "penalty",
    "sue",
    "remove",
    "report",
    "deadline",
    "consent",
    "platform",
    "protection",
    "support",
    "law",
)
SITUATION_CONDUCT = {"deepfake": "deepfake", "threat": "threats", "minor": "minors", "selling": "distribution"}
THREATS, EXTORTION, DISTRIBUTION, COVERT_FILMING = "threats", "extortion", "distribution", "covert-filming"
LEADING_SITUATIONS = (THREATS, "deepfake")  # conducts a situation's words tell as plainly as a legal term would
EX_PARTNER, FAMILY, CONSENT = "ex-partner", "family", "consent"
PLATFORM_CONDUCT = "platform-hosting"  # where it happened: the main conduct only when nothing else is said
FOLLOW_UP_MAX_CHARS = 60  # "那我能要求赔偿吗？", "and in Korea?": short, and leaning on what came before
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_ENGLISH = re.compile(r"[A-Za-z0-9 .'$,\-]+")


class Cue(Concept):
    """A glossary-style concept whose English phrases made of common words ("how long do I have",
    "what can I do") match as written: on stems they would shrink to one word, or to nothing."""

    def longest_match(self, question: str) -> int:
        """The length of the longest of its terms the question contains (0: none)."""
        return max((len(t) for terms in self.terms.values() for t in terms if self._has(t, question)), default=0)

    def matches(self, question: str) -> bool:
        return self.longest_match(question) > 0

    def _has(self, term: str, question: str) -> bool:
        if _ENGLISH.fullmatch(term) and len(tokenize_en(term.lower())) < len(term.split()):
            return re.search(rf"(?<![A-Za-z]){re.escape(term.lower())}(?![A-Za-z])", question.lower()) is not None
        return Concept(self.name, self.conduct, {"any": (term,)}).matches(question)


def _concepts(rows: dict[str, dict[str, list[str]]], conduct: str | None = None) -> list[Cue]:
    return [
        Cue(name, conduct, {lang: tuple(terms.get(lang, ())) for lang in ("zh", "ko", "en")})
        for name, terms in rows.items()
    ]


@dataclass(frozen=True)
class Cues:
    """The word lists of ``corpus/questions.json``, as glossary concepts so they match the same way."""

    types: list[Cue]
    type_order: tuple[str, ...]
    survivor_default: str
    situations: list[Cue]
    places: list[Cue]  # services and words that point to a country (微信, FBI); cities are the name book's
    statutes: list[Cue]
    off_topic: frozenset[str]  # glossary concepts too general to make a question one the corpus answers
    follow_up: Cue
    refers_back: Cue  # "he", "it", "그 사람", "他": a question about someone or something already told of
    no_demand: Cue  # "돈을 달라는 건 아니고", "he's not asking for money": no extortion, whatever words follow
    field_words: Cue
    conduct_words: list[Cue]
    main_conduct_order: tuple[str, ...]
    statement_cues: dict[str, Cue]  # words that mark a sentence of a remedy entry as about a deadline, evidence …
    told: dict[str, str]  # a situation the question tells, and the statement cue of the sentences about it

    @classmethod
    def load(cls, path: Path = QUESTIONS_FILE) -> Cues:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            types=_concepts(data["types"]),
            type_order=tuple(data["type_order"]),
            survivor_default=data["survivor_default"],
            situations=_concepts(data["situations"]),
            places=_concepts(data["places"]),
            statutes=_concepts(data["statutes"]),
            off_topic=frozenset(data["off_topic"]),
            follow_up=_concepts({"follow-up": data["follow_up"]})[0],
            refers_back=_concepts({"refers-back": data["refers_back"]})[0],
            no_demand=_concepts({"no-demand": data["no_demand"]})[0],
            field_words=_concepts({"field": data["field_words"]})[0],
            main_conduct_order=tuple(data["main_conduct_order"]),
            statement_cues={c.name: c for c in _concepts(data["statement_cues"])},
            told=data["told"],
            conduct_words=[
                cue for conduct, terms in data["conduct_words"].items() for cue in _concepts({conduct: terms}, conduct)
            ],
        )


@cache
def default_cues() -> Cues:
    return Cues.load()


@dataclass(frozen=True)
class Understanding:
    """What a question asks. ``topic`` is the text to search with (a follow-up's includes the earlier question)."""

    question: str
    language: str
    question_type: str
    conducts: tuple[str, ...]  # the main conduct first
    jurisdictions: tuple[str, ...]  # to answer, the asker's own country first
    named: tuple[str, ...]  # named or implied by the question itself (a country, a city, a statute)
    states: tuple[str, ...]  # US-CA, US-TX …
    situation: frozenset[str]  # ex-partner, anonymous, abroad, deleted, minor, deepfake, threat
    topic: str
    answerable: bool
    follow_up: bool = False
    types_asked: tuple[str, ...] = field(default=())  # every type the question has cues for, the chosen one first
    elsewhere: tuple[str, ...] = ()  # named places whose law the corpus does not hold (HK, JP), none of its own

    @property
    def main_conduct(self) -> str | None:
        return self.conducts[0] if self.conducts else None


def _matching(concepts: Sequence[Concept], text: str) -> list[str]:
    return [c.name for c in concepts if c.matches(text)]


def conducts_in(text: str, glossary: Glossary, cues: Cues) -> list[str]:
    """The conducts a question mentions, ordered by where it first mentions each: the first is the main one."""
    # "he says he'll post it unless I …" is a threat, "用AI把我的脸换到…" a deepfake, in words no legal term has:
    # each competes to lead
    implied = [
        Cue(c.name, conduct, c.terms)
        for c in cues.situations
        if (conduct := SITUATION_CONDUCT.get(c.name)) in LEADING_SITUATIONS
    ]
    # what a question implies ("I'm 15": a minor) is the asker's situation, read in understand: it never leads
    told = [c for c in glossary.concepts if c.conduct and c.said(text)]
    told += [c for c in cues.conduct_words + implied if c.matches(text)]
    lowered = text.lower()

    def position(concept: Concept) -> int:
        places = [lowered.find(t.lower()) for terms in concept.terms.values() for t in terms]
        return min((p for p in places if p >= 0), default=len(text))

    found = sorted((position(c), conduct) for c in told if (conduct := c.conduct))
    mentioned = list(dict.fromkeys(conduct for _, conduct in found))
    if EXTORTION in mentioned and THREATS not in mentioned:  # a demand for money is made under a threat
        mentioned.insert(mentioned.index(EXTORTION), THREATS)
    # "threatens to post it": the threat is what happens; a more specific conduct leads a general one;
    # a platform named ("在微信群里传") says where it happened, and leads only when nothing else is said
    specific = [c for c in cues.main_conduct_order if c in mentioned]
    ordered = specific[:1] + [c for c in mentioned if c not in specific[:1]]
    return sorted(ordered, key=lambda c: c == PLATFORM_CONDUCT)


def _jurisdictions_named(text: str, names: Names, glossary: Glossary, cues: Cues) -> tuple[str, ...]:
    """Every country named, or implied by a city, a region or a service (Seoul → KR, Texas → US): "In
    Korea this would be 불법촬영 … I'm in Houston now" asks of both. Only when none is, a statute's
    name implies its country (형법 alone is Korea's; in "중국 형법" it is China's). Places are the
    search's own (corpus/jurisdiction_names.json), so both read a question alike."""
    places = {*glossary.jurisdictions(text), *(p.split("-")[0] for p in names.places), *_matching(cues.places, text)}
    named = places or {*names.countries, *_matching(cues.statutes, text)}
    return tuple(j for j in JURISDICTION_LANGUAGE if j in named)


def _question_type(text: str, cues: Cues, conducts: list[str], situation: set[str]) -> tuple[str, ...]:
    """The types the question has cues for, the one with the most specific (longest) cue first.

    The question is its last sentence that asks ("…? I complained, they ignore me" asks the
    first), else the last; the rest is the story told before it. With no cue at all, a question
    about a conduct asks whether it is a crime.
    """
    # "성폭력처벌법", "治安管理处罚法" name a law and ask about no penalty; "이미 삭제됐어요" tells the
    # asker's situation and asks for no removal
    for cue in (*cues.statutes, *cues.situations):
        for terms in cue.terms.values():
            for term in terms:
                text = text.replace(term, " ")
    for part in (_asking_sentence(text), text):
        lengths = {c.name: n for c in cues.types if (n := c.longest_match(part))}
        if lengths:
            return tuple(sorted(lengths, key=lambda t: (-lengths[t], cues.type_order.index(t))))
    return (cues.survivor_default,) if conducts or situation else ("law",)


def _asking_sentence(text: str) -> str:
    # a run of marks ends one sentence: "is that a crime in china??" must not leave "?" as the question
    parts = [p.strip() for p in re.split(r"(?<=[。！？!?.])(?![。！？!?.])\s*", text.strip()) if p.strip()]
    asking = [p for p in parts if p.endswith(("?", "？"))]
    return (asking or parts or [text])[-1]


def understand(
    question: str,
    glossary: Glossary,
    selected: tuple[str, ...] = (),
    history: list[str] | None = None,
    cues: Cues | None = None,
) -> Understanding:
    """``selected`` is the user's choice of jurisdictions; ``history`` the earlier questions of the conversation."""
    cues = cues or default_cues()
    language = detect_language(question)
    earlier = understand(history[-1], glossary, selected, history[:-1], cues) if history else None
    conducts = conducts_in(question, glossary, cues)
    situation = set(_matching(cues.situations, question)) | {
        cue
        for cue, conduct in SITUATION_CONDUCT.items()
        for c in glossary.matched(question)
        if c.conduct == conduct and c.implied(question)
    }
    if cues.no_demand.matches(question):  # a demand denied is still a demand's words
        conducts = [c for c in conducts if c != EXTORTION]
    if EX_PARTNER in situation:  # "전남편", "ex-husband" hold the family words; a former spouse is no family
        situation.discard(FAMILY)  # member under 反家庭暴力法 (第二条, 第三十七条: family and those living together)
    names = default_name_book().read(question, language)
    named = _jurisdictions_named(question, names, glossary, cues)
    states = tuple(sorted({*glossary.states(question), *(p for p in names.places if p.startswith("US-"))}))
    types = _question_type(question, cues, conducts, situation)
    on_topic = bool(
        conducts
        or situation - {EX_PARTNER, FAMILY}
        or {c.name for c in glossary.matched(question)} - cues.off_topic
        or find_article_mentions(question)
        or _matching(cues.statutes, question)
        or names.documents  # a statute of the corpus, by any of its names
        or cues.field_words.matches(question)
    )
    follow_up = (
        earlier is not None
        and earlier.answerable
        and _leans_on_earlier(question, conducts, on_topic or bool(named), cues)
    )
    topic = question
    if follow_up and earlier is not None:
        topic = f"{earlier.topic} {question}"
        conducts = conducts or list(earlier.conducts)
        situation |= earlier.situation
        named = named or earlier.named
        states = states or earlier.states
        if not set(_matching(cues.types, question)):
            types = earlier.types_asked
        on_topic = True
    elif earlier is not None and earlier.answerable and not named:
        # a new question in the same conversation that names no place is still asked where the last one was
        named, states = earlier.named, earlier.states
    for cue, conduct in SITUATION_CONDUCT.items():
        if cue in situation and conduct not in conducts:
            conducts.append(conduct)
    if types[0] == CONSENT and DISTRIBUTION in conducts and COVERT_FILMING in conducts:
        # "I filmed it myself and he posted it": the filming was hers or agreed to; the spreading is what leads
        conducts.remove(COVERT_FILMING)
        conducts.append(COVERT_FILMING)
    if conducts == [PLATFORM_CONDUCT]:  # "my video is up on a site": it was spread, which the police act on
        conducts.append(DISTRIBUTION)
    jurisdictions = named or selected or tuple(JURISDICTION_LANGUAGE)
    # the asker's own country first (its language is only an order, never a guess of where they are)
    jurisdictions = tuple(sorted(jurisdictions, key=lambda j: JURISDICTION_LANGUAGE.get(j) != language))
    return Understanding(
        question=question,
        language=language,
        question_type=types[0],
        conducts=tuple(conducts),
        jurisdictions=jurisdictions,
        named=named,
        states=states,
        situation=frozenset(situation),
        topic=topic,
        answerable=on_topic and bool(_LETTERS.search(question)),
        follow_up=follow_up,
        types_asked=types,
        elsewhere=() if named else names.elsewhere,
    )


def _leans_on_earlier(question: str, conducts: list[str], names_something: bool, cues: Cues) -> bool:
    """ "那我能要求赔偿吗？" names no conduct and asks for a remedy; "and in Korea?" starts like a
    continuation; "I have to testify, can I do it by video? …" is about the case told before, however
    long; "한국에서는요?" names a country; "does the app have to keep records of who made it?" speaks of
    what was told before. "what is the weather tomorrow?" asks nothing of the law, and is no follow-up."""
    continues = cues.follow_up.matches(question[:12])
    if conducts:
        return continues and len(question) <= FOLLOW_UP_MAX_CHARS
    asks = names_something or bool(_matching(cues.types, question))
    return continues or asks or cues.refers_back.matches(question)
