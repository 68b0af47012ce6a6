"""The offline composer: the direct answer, then what to do now, then the details — no model needed.

Every legal sentence is a sentence of a reviewed remedy entry (``corpus/remedies``) in the
question's language, cited to the provisions it names; the composer adds only fixed connective
words (``phrases.py``). Which remedies lead is decided by evidence: the kind of answer asked for,
the main conduct, and the ranks search gave their provisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..ingest.tokenize import tokenize
from ..legal_units import find_article_mentions
from ..retrieval.glossary import default_glossary
from ..retrieval.names import articles_named, default_name_book
from ..retrieval.search import Hit
from .named_documents import documents_named
from .phrases import CONDUCT_NAMES, PHRASES
from .remedies import MINORS, REPORTING_ENTRIES, Provision, Remedy
from .sources import SourceList
from .understand import EX_PARTNER, PLATFORM_CONDUCT, Cues, Understanding, conducts_in

# the kinds of remedy that answer each kind of question, best first
TYPE_REMEDIES: dict[str, tuple[str, ...]] = {
    "crime": ("criminal",),
    "penalty": ("criminal", "administrative"),
    "sue": ("civil",),
    "remove": ("takedown", "administrative", "victim-support"),
    "report": ("criminal", "administrative"),
    "deadline": (),
    "consent": ("criminal", "civil"),
    "platform": ("takedown", "civil", "administrative"),
    "protection": ("protective-order", "civil"),
    "support": ("victim-support",),
    "law": (),
}
# which texts of the leading remedy answer each kind of question; deadline and consent pick sentences by cue
DIRECT_FIELDS: dict[str, tuple[str, ...]] = {
    "crime": ("summary", "gives"),
    "penalty": ("gives",),
    "sue": ("summary", "gives", "who"),  # whom to sue: the poster, the platform, a hotel that failed its duty
    "remove": ("summary", "gives"),
    "report": ("who",),
    "platform": ("summary", "gives"),
    "protection": ("summary", "who"),
    "support": ("summary", "who"),
    "law": ("summary",),
    "deadline": ("summary",),
    "consent": ("summary",),
}
CUED_TYPES = ("deadline", "consent")
PENALTIES = ("criminal", "administrative")  # defined by conduct: they answer only for the conduct asked of
TEXT_FIELDS = ("summary", "gives", "who", "conditions", "caveats")
STEP_KINDS = ("evidence", "report", "remove", "sue", "protection", "support")
STEP_OF_TYPE = {"report": "report", "crime": "report", "penalty": "report", "remove": "remove", "platform": "remove"}
STEP_OF_TYPE |= {"sue": "sue", "protection": "protection", "support": "support"}
STEP_REMEDIES = {
    "report": ("criminal", "administrative"),
    "remove": ("takedown", "administrative"),
    "sue": ("civil",),
    "protection": ("protective-order",),
    "support": ("victim-support",),
}
STEP_FIELDS = {"sue": ("gives", "who", "summary")}  # a claim: what it brings, then where to bring it
PROTECTION_CUES = frozenset({"threat"})
DIRECT_CHARS = {"zh": 110, "ko": 150, "en": 300}  # one jurisdiction's direct answer when several are answered
DIRECT_CHARS_ALONE = {"zh": 250, "ko": 330, "en": 450}
STEP_CHARS = {"zh": 90, "ko": 120, "en": 160}
STEPS = 5  # more is a list nobody in distress reads
GENERAL_PENALTY = 1.5  # a general law leads only where no special one fits as well (lex specialis)
UNSTATED_PENALTY = 2.5  # a narrow offence (a spy device, selling) whose circumstance the question does not state:
# more than the kind's weight, so it never leads an entry of the same conduct that needs nothing unstated
# a remedy only for what the question tells (a child's images, a spy device) displaces the law for anyone
SPECIAL_BONUS = 1.5
DETAIL_CHARS = {"zh": 120, "ko": 160, "en": 180}
OFFENCES = 3  # offence names put in a police report
RELATED = 3
RELEVANT = 5  # search's first provisions shown beside the direct answer of the asker's own jurisdiction
RELEVANT_ELSEWHERE = 1  # … and of each other one
RANKED_HITS = 6  # search's first hits in a jurisdiction, whose ranks make a remedy eligible and weigh its fit

# "Cal. Civ. Code", "Tex. Penal Code", "Wash. Rev. Code": a state's citation does not end a sentence
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|U\.S|U\.S\.C|[Ss]ec|[Aa]rt|[Nn]o|v|e\.g|i\.e|cf|para|Inc|Co|St|Stat"
    r"|Cal|Civ|Pen|Tex|Fla|Ill|Wash|Rev|Minn|Vt|Prac|Rem|Crim|Proc|Ann|Gen)\.$"
)
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+(?=[\"“(A-Z0-9가-힣§‘'])")


def sentences(text: str) -> list[str]:
    """A reviewed text's sentences, whole: "47 U.S.C. § 223" and "v. Toups" do not end one."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


@dataclass(frozen=True)
class Composed:
    direct: str
    steps: str
    details: str
    remedies: tuple[Remedy, ...]  # those the answer rests on, leading first


class Composer:
    """One answer's composition: the question read, the remedies and hits found, the numbered sources."""

    def __init__(
        self,
        understanding: Understanding,
        remedies: list[Remedy],
        hits: list[Hit],
        sources: SourceList,
        cues: Cues,
        places: frozenset[str],
    ) -> None:
        self.u = understanding
        self.places = places
        self.lang = understanding.language
        self.words = PHRASES[self.lang]
        self.hits = hits
        self.sources = sources
        self.cues = cues
        self.ranks: dict[tuple[str, str], int] = {}
        for jurisdiction in understanding.jurisdictions:
            mine = [h for h in hits if h.jurisdiction.split("-")[0] == jurisdiction and h.article]
            for rank, hit in enumerate(mine[:RANKED_HITS]):
                self.ranks.setdefault((hit.doc_id, (hit.article or "").lower()), rank)
        self.possible = [r for r in remedies if self._within(r)]
        self.eligible = [r for r in self.possible if self._applies(r)]
        # the law of remedies for what a question says when it is so (a demand for money), unless another
        # remedy rests on it; never a minor's, whose age often goes unsaid ("the cram-school teacher says
        # she must report it, and my parents must not know": 청소년성보호법 제34조)
        told = {*understanding.conducts, MINORS}
        unasked = [r for r in remedies if not told >= set(r.only_for)]
        bases = {r.provisions[0].key for r in remedies if r.provisions and r not in unasked}
        self.ruled_out = {p.key for r in unasked for p in r.provisions} - bases
        needed = {n for r in remedies for n in r.needs}  # spy device, selling: what narrow offences need
        self.untold = [c for c in cues.situations if c.name in needed and c.name not in understanding.situation]
        self.question_words = set(tokenize(understanding.question, self.lang))
        self.shown: set[str] = set()  # sentences already in the answer: the details do not repeat them
        self.leads: list[Remedy] = []  # the direct answer's remedies (see direct): the report names their offence first
        self._sentence_conducts: dict[str, list[str]] = {}

    # which remedies, in which order

    def _within(self, remedy: Remedy) -> bool:
        """Of a jurisdiction (and state) asked about, and for whom it is only for where the question says so."""
        u = self.u
        if remedy.base_jurisdiction not in u.jurisdictions:
            return False
        if not all(c in u.conducts for c in remedy.only_for):
            return False
        return remedy.jurisdiction == remedy.base_jurisdiction or remedy.jurisdiction in u.states

    def _applies(self, remedy: Remedy) -> bool:
        return bool(set(self.u.conducts) & set(remedy.conduct)) or self._best_rank(remedy) is not None

    def _best_rank(self, remedy: Remedy) -> int | None:
        found = [self.ranks[p.key] for p in remedy.provisions if p.key in self.ranks]
        return min(found, default=None)

    def fit(self, remedy: Remedy, wanted: tuple[str, ...]) -> float:
        """How well a remedy answers: the kind asked for, the main conduct, and where search ranked it."""
        kind = (len(wanted) - wanted.index(remedy.type)) / len(wanted) if self._answers(remedy, wanted) else 0.0
        main = float(self.u.main_conduct in remedy.conduct)
        overlap = len(set(self.u.conducts) & set(remedy.conduct))
        rank = self._best_rank(remedy)
        found = 1.0 / (1 + rank) if rank is not None else 0.0
        score = 2.0 * kind + 2.5 * main + 0.25 * overlap + 2.0 * found
        # eligible, so what it is only for was told; or the narrow circumstance it needs is told
        special = SPECIAL_BONUS * (bool(remedy.only_for) or bool(set(remedy.needs) & self.u.situation))
        return score + special - GENERAL_PENALTY * remedy.general - UNSTATED_PENALTY * self._unstated(remedy)

    def _answers(self, remedy: Remedy, wanted: tuple[str, ...]) -> bool:
        """Of the kind asked for; how to report names no offence, so it answers "where", not "is it a crime"."""
        return remedy.type in wanted and (remedy.id not in REPORTING_ENTRIES or self.u.question_type == "report")

    def _unstated(self, remedy: Remedy) -> bool:
        """A narrow offence whose circumstance the question does not tell (a spy device, selling)."""
        return bool(remedy.needs) and not set(remedy.needs) & self.u.situation

    def ranked(self, jurisdiction: str, kinds: tuple[str, ...] = ()) -> list[Remedy]:
        """The eligible remedies of one jurisdiction (of ``kinds`` if given), best first."""
        wanted = kinds or TYPE_REMEDIES[self.u.question_type]
        mine = [r for r in self.eligible if r.base_jurisdiction == jurisdiction and (not kinds or r.type in kinds)]
        return sorted(mine, key=lambda r: -self.fit(r, wanted))

    def lead(self, jurisdiction: str) -> Remedy | None:
        """The best remedy of the kind asked for that needs nothing unstated, a penalty only for the main
        conduct; else the best for the main conduct, penalties first; else the best. "Is secret filming a
        crime in China?" is answered by the police penalty (治安管理处罚法 第五十条) where the only offence
        needs a spy device (刑法 第二百八十四条)."""
        wanted, main = TYPE_REMEDIES[self.u.question_type], self.u.main_conduct
        ranked = self.ranked(jurisdiction)
        candidates = [r for r in ranked if not self._unstated(r)] or ranked
        on_main = sorted(  # penalties first whatever search ranked: a civil claim never answers "is it a crime"
            (r for r in candidates if main is None or main in r.conduct),
            key=lambda r: (r.type not in PENALTIES, -self.fit(r, PENALTIES)),
        )
        fitting = [r for r in candidates if self._answers(r, wanted) and (r in on_main or r.type not in PENALTIES)]
        # of those, one about something the question tells of: a coworker's upskirt photo shared in a group
        # chat is answered by the suit against whoever disclosed it, not platform immunity that search ranked
        fitting.sort(key=lambda r: not self._told_of(r))
        return next(iter(fitting or on_main or candidates), None)

    # citing

    def cite(self, sentence: str, remedy: Remedy) -> str:
        """The sentence with the markers of what it names — the remedy's provisions, a decision, a bill (its
        articles named, else its opening) — or of the remedy's first provision, before its full stop."""
        named = {m.article.lower() for m in find_article_mentions(sentence)}
        named |= {a.lower() for a in articles_named(sentence)}  # "SHB 1999 Sec. 7", "RCW 9A.86.010" too
        # "(《妇女权益保障法》第二十九条)" in an entry also on 反家庭暴力法: that statute's 第二十九条, not both;
        # "(Article 9 of the 2010 Interpretation)" in one also on the 2004 one: the 2010 one's
        documents = documents_named(sentence)
        statutes = {*_statutes_named(sentence, self.lang), *documents} if named else set()
        theirs = {p.article.lower() for p in remedy.provisions if p.doc_id in statutes}
        found = [
            self.sources.cite_article(p.doc_id, p.article)
            for p in remedy.provisions
            if p.article.lower() in named and (p.doc_id in statutes or p.article.lower() not in theirs)
        ]
        for doc_id in documents:
            inside = [m for article in named if (m := self.sources.cite_article(doc_id, article))]
            found += inside or [self.sources.cite_opening(doc_id)]
        if not any(found):
            found = [self.sources.cite_article(p.doc_id, p.article) for p in remedy.provisions[:1]]
        markers = dict.fromkeys(m for m in found if m)
        cited = "".join(f"[{m}]" for m in markers)
        if not cited:
            return sentence
        body, end = re.match(r"(.*?)([。.！!？?]?)$", sentence, re.S).groups()  # type: ignore[union-attr]
        return f"{body} {cited}{end}" if self.lang == "en" else f"{body}{cited}{end}"

    def _text(self, remedy: Remedy, field: str) -> str:
        value = getattr(remedy, field)
        return str((value or {}).get(self.lang, ""))

    def _take(self, remedy: Remedy, chosen: list[str], limit: int | None = None) -> str:
        """Cited sentences not yet in the answer, in order, until ``limit`` characters (at least one)."""
        out: list[str] = []
        length = 0
        for sentence in chosen:
            if sentence in self.shown:
                continue
            if out and limit is not None and length + len(sentence) > limit:
                break
            out.append(self.cite(sentence, remedy))
            self.shown.add(sentence)
            length += len(sentence)
        return "".join(out) if self.lang == "zh" else " ".join(out)

    def _cued(self, remedy: Remedy, cue: str, fields: tuple[str, ...] = TEXT_FIELDS) -> list[str]:
        concept = self.cues.statement_cues[cue]
        return [s for f in fields for s in sentences(self._text(remedy, f)) if concept.matches(s)]

    # the three parts

    def direct(self) -> str:
        """The direct answer; its remedies are left in ``leads``, which the steps and details build on."""
        several = len(self.u.jurisdictions) > 1
        limit = (DIRECT_CHARS if several else DIRECT_CHARS_ALONE)[self.lang]
        book = default_name_book()  # "in Tokyo", "在香港": the corpus has none of their law, and says so first
        lines = [self.words["place_missing"].format(place=book.place_name(p, self.lang)) for p in self.u.elsewhere]
        leads: list[Remedy] = []
        for jurisdiction in self.u.jurisdictions:
            label = f"**{self.words[jurisdiction]}** · " if several else ""
            if jurisdiction == "US":
                label += self._states_missing()
            remedy = self.lead(jurisdiction)
            if remedy is None:  # no entry on point, but search may have found the very provision asked about
                if relevant := self._most_relevant(jurisdiction, ""):
                    lines.append(f"{label}{self.words['found_only']}{relevant}")
                continue
            leads.append(remedy)
            chosen: list[str] = []
            told: list[str] = []
            saying: Remedy | None = None
            if self.u.question_type in CUED_TYPES:
                saying, chosen = self._first_saying(self.ranked(jurisdiction)[:4], [self.u.question_type])
            elif cues := [c for s, c in self.cues.told.items() if s in self.u.situation]:
                # the sentence about the asker's situation first: "his friend told him to" is answered by the
                # accomplices' joint liability. The cues are narrow: any remedy on the main conduct may hold it,
                # the eligible first ("경찰 조사 때 …" tells no conduct, and search ranks no provision on it)
                rest = [r for r in self.possible if r.base_jurisdiction == jurisdiction and r not in self.eligible]
                saying, told = self._first_saying(self.on_point(self.ranked(jurisdiction) + rest), cues)
            if saying is not None:
                remedy = leads[-1] = saying
            if not chosen:
                chosen = [s for f in DIRECT_FIELDS[self.u.question_type] for s in sentences(self._text(remedy, f))]
                cue = self.cues.statement_cues.get(self.u.question_type)
                # first the sentence that answers the kind of question ("can I sue": what a claim brings);
                # then, of a remedy for several conducts, those about the one asked of; where no cue decides,
                # then what consent to the taking does not cover if an ex spread the images, and the entry's
                # opening (what the remedy is); then those that use the question's own words ("can I claim
                # from the hotel")
                chosen += [s for s in told if s not in chosen]
                opening = chosen[0] if chosen and cue is None else ""
                consent = self.cues.statement_cues["consent"] if cue is None and self._shared_images() else None
                chosen.sort(
                    key=lambda s: (
                        s not in told,  # the sentence about what the question tells of the asker's situation
                        cue is not None and not cue.matches(s),
                        not self._about_main(remedy, s),
                        not self._about_child(remedy, s),  # a 16-year-old's name published: the child victims' rule
                        self._untold(s),  # "selling … for profit", asked of no sale
                        consent is not None and not consent.matches(s),
                        s != opening,
                        -self._shared(s),
                    )
                )
            body = self._take(remedy, chosen, limit)
            lines.append(f"{label}**{remedy.name[self.lang]}** — {body}" + self._most_relevant(jurisdiction, body))
        self.leads = leads
        return "\n\n".join(lines)

    def _first_saying(self, candidates: list[Remedy], cues: list[str]) -> tuple[Remedy | None, list[str]]:
        """The first remedy with sentences the statement cues mark, and those sentences."""
        for candidate in candidates:
            if found := [s for cue in cues for s in self._cued(candidate, cue)]:
                return candidate, found
        return None, []

    def _about_child(self, remedy: Remedy, sentence: str) -> bool:
        """Whether the sentence is about children, where the question is (else every sentence is), as every
        sentence of a remedy only for children is."""
        if MINORS not in self.u.conducts or MINORS in remedy.only_for:
            return True
        return MINORS in self._conducts(sentence)

    def _untold(self, sentence: str) -> bool:
        """About a circumstance that a narrow remedy needs and the question does not tell."""
        return any(c.matches(sentence) for c in self.untold)

    def _shared_images(self) -> bool:
        """An ex-partner spread the images: most often made together, so the answer a survivor needs first
        is that agreeing to the filming is not agreeing to the spreading (성폭력처벌법 제14조 제2항)."""
        return self.u.main_conduct == "distribution" and EX_PARTNER in self.u.situation

    def _shared(self, sentence: str) -> int:
        """How many of the question's words the sentence uses (in the answer's language)."""
        return len(self.question_words & set(tokenize(sentence, self.lang)))

    def _states_missing(self) -> str:
        """ "I live in Ohio": the corpus has no Ohio law, and the answer must not look as if it had; "in
        Florida", a hidden camera: the corpus holds Florida's law on altered images only, and says so."""
        book = default_name_book()
        covered = {r.jurisdiction for r in self.eligible if self._told_of(r)}
        notes = [
            self.words["state_missing" if state not in self.places else "state_uncovered"].format(
                state=book.place_name(state, self.lang)
            )
            for state in self.u.states
            if state not in covered
        ]
        return "".join(f"{note} " for note in notes)

    def _about_main(self, remedy: Remedy, sentence: str) -> bool:
        """Whether the sentence tells of the question's main conduct where the remedy leads with another
        (a Washington offence for real images and deepfakes, asked about a deepfake)."""
        main = self.u.main_conduct
        if main is None or not remedy.conduct or remedy.conduct[0] == main:
            return True
        return main in self._conducts(sentence)

    def _conducts(self, sentence: str) -> list[str]:
        """The conducts a remedy's sentence tells of, read once per sentence (both sort keys ask)."""
        if sentence not in self._sentence_conducts:
            self._sentence_conducts[sentence] = conducts_in(sentence, default_glossary(), self.cues)
        return self._sentence_conducts[sentence]

    def _most_relevant(self, jurisdiction: str, cited: str) -> str:
        """The provisions search ranked first in this jurisdiction, where the remedy above does not cite them:
        what a student looks up, and what a survivor names in a report. Never one the catalogue keeps for
        what the question does not tell: extortion (刑法 第二百七十四条) for a threat without a demand."""
        mine = [
            h
            for h in self.hits
            if h.jurisdiction == jurisdiction
            and h.article
            and h.kind != "case"
            and (h.doc_id, h.article.lower()) not in self.ruled_out
        ]
        if self.u.states:  # "in Texas": the state's own law, then federal law, never another state's
            mine = [h for h in mine if h.metadata.get("jurisdiction_full") in {*self.u.states, "US"}]
            mine.sort(key=lambda h: h.metadata.get("jurisdiction_full") not in self.u.states)
        count = RELEVANT if jurisdiction == self.u.jurisdictions[0] else RELEVANT_ELSEWHERE
        # further down search's hits (the engine reads ten), one that a remedy of the kind asked for rests on
        # ("will the police ask the site to take it down?": the police's deletion request, 성폭력처벌법 제23조의2)
        asked = {
            p.key
            for r in self.eligible
            if r.base_jurisdiction == jurisdiction and r.type in TYPE_REMEDIES[self.u.question_type]
            for p in r.provisions
        }
        shown: list[str] = []

        def show(hit: Hit) -> None:
            marker = self.sources.cite_hit(hit)
            if f"[{marker}]" not in cited:
                shown.append(f"{hit.citation} [{marker}]")

        rest = iter(mine)
        for hit in rest:  # the first ``count`` the answer does not already cite
            show(hit)
            if len(shown) == count:
                break
        if (extra := next((h for h in rest if (h.doc_id, (h.article or "").lower()) in asked), None)) is not None:
            show(extra)
        if not shown:
            return ""
        separator = "；" if self.lang == "zh" else "; "
        return f"\n  *{self.words['most_relevant']}*: " + separator.join(shown)

    def steps(self, jurisdiction: str) -> tuple[str, list[Remedy]]:
        """What to do now in one jurisdiction, the step the question asks about right after keeping evidence."""
        asked = STEP_OF_TYPE.get(self.u.question_type)
        order = ["evidence"] + ([asked] if asked else []) + [k for k in STEP_KINDS[1:] if k != asked]
        wanted_protection = (
            self.u.situation & PROTECTION_CUES
            or {"threats", "stalking"} & set(self.u.conducts)
            or asked == "protection"
        )
        lines: list[str] = []
        used: list[Remedy] = []
        for kind in order:
            if (kind == "protection" and not wanted_protection) or len(lines) == STEPS:
                continue
            text, remedies = self._step(kind, jurisdiction)
            if text:
                lines.append(
                    f"{len(lines) + 1}. **{self.words['step-' + kind]}**：{text}"
                    if self.lang == "zh"
                    else f"{len(lines) + 1}. **{self.words['step-' + kind]}**: {text}"
                )
                used += remedies
        if not lines:
            return "", []
        title = self.words["now"] + (f" ({self.words[jurisdiction]})" if len(self.u.jurisdictions) > 1 else "")
        return f"#### {title}\n" + "\n".join(lines), used

    def on_point(self, remedies: list[Remedy]) -> list[Remedy]:
        """Those about the question's main conduct: a step quoted from a remedy for another conduct
        ("keep evidence" from the sextortion entry, for a question about a posted video) misleads. A child's
        images are about what was done to her too: a civil claim is about the spreading, not about minors."""
        main = self.u.main_conduct
        about = set(self.u.conducts) if main == MINORS else {main}
        return [r for r in remedies if main is None or about & set(r.conduct)]

    def offences(self, jurisdiction: str) -> list[Remedy]:
        """What the police act on: crimes, and the administrative offences they fine or detain for
        (偷拍 is most often punished under 治安管理处罚法 第五十条, not the Criminal Law)."""
        return [
            r
            for r in self.ranked(jurisdiction, STEP_REMEDIES["report"])
            if (r.type == "criminal" or PLATFORM_CONDUCT not in r.conduct) and not self._unstated(r)
        ]

    def removals(self, jurisdiction: str) -> list[Remedy]:
        """Routes that take content down, for any conduct the question tells of (a camera found, a
        video "maybe already online"). A regulator's removal is administrative, but so is a police
        fine, which removes nothing: only those about hosted content count."""
        return [
            r
            for r in self.ranked(jurisdiction, STEP_REMEDIES["remove"])
            if (r.type == "takedown" or PLATFORM_CONDUCT in r.conduct) and self._told_of(r)
        ]

    def _told_of(self, remedy: Remedy) -> bool:
        """About any conduct the question tells of (all are, where it tells of none)."""
        return not self.u.conducts or bool(set(self.u.conducts) & set(remedy.conduct))

    def _step(self, kind: str, jurisdiction: str) -> tuple[str, list[Remedy]]:
        limit = STEP_CHARS[self.lang]
        if kind == "evidence":
            for remedy in self.on_point(self.ranked(jurisdiction)):
                found = self._cued(remedy, "evidence", ("who", "caveats", "conditions"))
                if found:
                    return self._take(remedy, found, limit), [remedy]
            return "", []
        if kind == "remove":
            candidates = self.removals(jurisdiction)
        elif kind == "report":  # every offence the story tells of, the main conduct's first: filmed, then shown
            candidates = [r for r in self.offences(jurisdiction) if self._told_of(r)]
            candidates.sort(key=lambda r: r not in self.leads)  # not a general law search ranked above it
        else:
            candidates = self.on_point(self.ranked(jurisdiction, STEP_REMEDIES[kind]))
        if not candidates:
            return "", []
        remedy = candidates[0]
        parts: list[str] = []
        if kind == "report":
            # the offence and its own statute's next section (Art. 367 defines 364's obscene items), never
            # another statute's: 18 U.S.C. § 2252A beside § 223(h) would tell an adult to report child abuse
            offences = "、".join if self.lang == "zh" else "; ".join
            named = offences(
                f"{r.name[self.lang].split('：')[-1].split(': ', 1)[-1]}{'' if self.lang == 'zh' else ' '}"
                + _markers([p for p in r.provisions[:2] if p.doc_id == r.provisions[0].doc_id], self.sources)
                for r in [r for r in candidates if r.id not in REPORTING_ENTRIES][:OFFENCES]
            )
            parts.append(
                f"{self.words['offences']}：{named}。" if self.lang == "zh" else f"{self.words['offences']}: {named}."
            )
            parts.append(self._take(remedy, sentences(self._text(remedy, "who")), limit))
            if "anonymous" in self.u.situation:
                parts += self._situation("anonymous", "identity", jurisdiction, limit)
            if "deleted" in self.u.situation:
                parts += self._situation("deleted", "traces", jurisdiction, limit)
        elif kind == "remove":
            parts.append(
                self._take(remedy, sentences(self._text(remedy, "who")) + sentences(self._text(remedy, "gives")), limit)
            )
            if "abroad" in self.u.situation:
                parts += self._situation("abroad", "abroad", jurisdiction, limit)
            if "refused" in self.u.situation:  # asked already and refused: who can make the platform act
                parts += self._situation("refused", "escalate", jurisdiction, limit)
        else:
            fields = STEP_FIELDS.get(kind, ("summary", "who"))  # what is not yet said, in this order
            found = [x for f in fields for x in sentences(self._text(remedy, f))]
            # an ex-partner's threat: the order for women harassed after a relationship (妇女权益保障法
            # 第二十九条) before the domestic-violence order, which needs a family member
            parts.append(self._take(remedy, sorted(found, key=self._untold), limit))
        return " ".join(p for p in parts if p), [remedy]

    def _situation(self, situation: str, cue: str, jurisdiction: str, limit: int) -> list[str]:
        """What still works in the asker's situation, from whichever remedy of the jurisdiction says it."""
        for remedy in self.on_point(self.ranked(jurisdiction)):
            found = self._cued(remedy, cue, ("who", "gives", "conditions"))
            text = self._take(remedy, found[:1], limit) if found else ""
            if text:
                return [f"*{self.words[situation]}*: {text}"]
        return []

    def details(self, remedies: list[Remedy], all_options: bool) -> str:
        out: list[str] = []
        for jurisdiction in self.u.jurisdictions:
            mine = (
                self.ranked(jurisdiction)
                if all_options
                else [r for r in remedies if r.base_jurisdiction == jurisdiction]
            )
            blocks = [line for remedy in _unique(mine) for line in self.block(remedy, full=all_options)]
            if blocks:
                out += [f"#### {self.words[jurisdiction]}", *blocks]
        if all_options:
            out += self.related(remedies)
        if not out:
            return ""
        return f"### {self.words['all_options' if all_options else 'details']}\n" + "\n".join(out)

    def block(self, remedy: Remedy, full: bool) -> list[str]:
        """A remedy in brief (its first sentences not yet shown, each cited), or whole (``remedy_block``)."""
        if full:
            return remedy_block(remedy, self.lang, self.sources)
        limit = DETAIL_CHARS[self.lang]
        summary, gives = (self._take(remedy, sentences(self._text(remedy, key)), limit) for key in ("summary", "gives"))
        if not (summary or gives):
            return []
        lines = [f"- **{remedy.name[self.lang]}**" + (f" — {summary}" if summary else "")]
        if gives:
            lines.append(f"  - {self.words['gives']}: {gives}")
        return lines

    def related(self, remedies: list[Remedy]) -> list[str]:
        used = {p.key for r in self.eligible for p in r.provisions}
        found = [h for h in self.hits if "lexical" in h.found_by and (h.doc_id, (h.article or "").lower()) not in used]
        if not found:
            return []
        return [f"**{self.words['related']}**"] + [
            f"- {h.citation} [{self.sources.cite_hit(h)}]" for h in found[:RELATED]
        ]


def compose(
    understanding: Understanding,
    remedies: list[Remedy],
    hits: list[Hit],
    sources: SourceList,
    cues: Cues,
    places: frozenset[str],
    all_options: bool = False,
) -> Composed:
    """Direct answer (every jurisdiction, the asker's own first), then steps and details; or "nothing found"."""
    composer = Composer(understanding, remedies, hits, sources, cues, places)
    direct = composer.direct()
    leads = composer.leads
    if not leads:
        related = composer.related([])
        words = PHRASES[understanding.language]
        if not related:
            return Composed(words["nothing"], "", "", ())
        return Composed(words["no_remedy"] + "\n" + "\n".join(related[1:]), "", "", ())
    steps, used = composer.steps(understanding.jurisdictions[0])
    chosen = _unique([*leads, *used])
    details = composer.details(chosen, all_options)
    if all_options:  # the answer rests on every option it shows
        chosen = _unique([*chosen, *(r for j in understanding.jurisdictions for r in composer.ranked(j))])
    return Composed(direct, steps, details, tuple(chosen))


def remedy_line(remedy: Remedy, language: str, sources: SourceList) -> str:
    """A remedy by name and the markers of its provisions: one line of a list to choose from."""
    return f"- **{remedy.name[language]}** {_markers(remedy.provisions, sources)}".rstrip()


def remedy_block(remedy: Remedy, language: str, sources: SourceList) -> list[str]:
    """A remedy whole: every reviewed text, the markers of all its provisions after the summary."""
    words = PHRASES[language]
    lines = [
        f"- **{remedy.name[language]}** — {remedy.summary[language]} {_markers(remedy.provisions, sources)}".rstrip()
    ]
    for key in ("gives", "who", "conditions"):
        text = getattr(remedy, key).get(language, "")
        if text:
            lines.append(f"  - {words[key]}: {text}")
    if remedy.caveats and remedy.caveats.get(language):
        lines.append(f"  - {words['caveat']}: {remedy.caveats[language]}")
    return lines


def compare_table(
    language: str, conducts: list[str], jurisdictions: tuple[str, ...], remedies: list[Remedy], sources: SourceList
) -> str:
    """Conduct × jurisdiction, each cell the remedies that cover it, cited, or an explicit gap."""
    words = PHRASES[language]
    header = f"| {words['conduct']} | " + " | ".join(words[j] for j in jurisdictions) + " |"
    rows = [header, "|---" * (len(jurisdictions) + 1) + "|"]
    for conduct in conducts:
        cells = []
        for jurisdiction in jurisdictions:
            covering = [r for r in remedies if r.base_jurisdiction == jurisdiction and conduct in r.conduct]
            covering.sort(key=lambda r: r.type_order)
            cell = " • ".join(
                f"{r.name[language]} {_markers(r.provisions, sources)}".replace("|", "/") for r in covering
            )
            cells.append(cell or f"*{words['no_provision']}*")
        rows.append(f"| {CONDUCT_NAMES[conduct][language]} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


@cache
def _statutes_named(sentence: str, language: str) -> tuple[str, ...]:
    """Cached: entries' sentences, a bounded set, recur in answer after answer; reading names takes ms."""
    return default_name_book().read(sentence, language).documents


def _markers(provisions: Iterable[Provision], sources: SourceList) -> str:
    """Each provision's marker once: two paragraphs of one article share it."""
    markers = [sources.cite_article(p.doc_id, p.article) for p in provisions]
    return "".join(f"[{m}]" for m in dict.fromkeys(markers) if m is not None)


def _unique(remedies: list[Remedy]) -> list[Remedy]:
    return list({r.id: r for r in reversed(remedies)}.values())[::-1]
