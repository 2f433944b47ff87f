"""Tag suggestions for stored inputs: from the plan's issue catalogue, and once planners have
confirmed tags, from a tagger learned from those confirmations (stored in TaggerModel)."""

import logging
import time
from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.i18n import local_today
from consult.strategy.models import PHASE_HEARINGS, CyclePhase, StrategicPlan, StrategyCycle
from consult.tagging.index import index_terms
from consult.tagging.models import SOURCE_MODEL, TaggerModel
from consult.tagging.suggest import IssueSpec, Tagger

log = logging.getLogger(__name__)


def issue_specs(plan) -> tuple[IssueSpec, ...]:
    return tuple(
        IssueSpec(
            code=issue.code,
            title_th=issue.title_th,
            title_en=issue.title_en,
            description_th=issue.description_th,
            keywords=tuple(issue.keywords),
        )
        for issue in plan.issues
    )


@lru_cache(maxsize=128)
def _catalogue_tagger(specs: tuple[IssueSpec, ...]) -> Tagger:
    return Tagger(list(specs))


@lru_cache(maxsize=32)
def _stored_tagger(model_id: int) -> Tagger | None:
    """Stored models never change, so one read per process is enough."""
    model = db.session.get(TaggerModel, model_id)
    try:
        return Tagger.from_bytes(model.data)
    except (ValueError, AttributeError, ImportError):
        log.warning("stored tagger %s cannot be used; suggesting from the catalogue", model_id)
        return None


def latest_model(plan) -> TaggerModel | None:
    return db.session.scalar(
        select(TaggerModel)
        .where(TaggerModel.plan_id == plan.id)
        .order_by(TaggerModel.created_at.desc(), TaggerModel.id.desc())
        .limit(1)
    )


def tagger_for(plan) -> Tagger:
    """The plan's latest learned tagger while it knows the current catalogue; otherwise (no
    model yet, or issues edited since) a tagger from the catalogue alone, keyed by its content."""
    specs = issue_specs(plan)
    # through the session's connection: a plain SELECT, without the ORM's statement handling
    model_id = db.session.connection().scalar(
        select(TaggerModel.id)
        .where(TaggerModel.plan_id == plan.id)
        .order_by(TaggerModel.created_at.desc(), TaggerModel.id.desc())
        .limit(1)
    )
    if model_id is not None:
        learned = _stored_tagger(model_id)
        if learned is not None and tuple(learned.issues) == specs:
            return learned
    return _catalogue_tagger(specs)


def suggested_tags(plan, texts: Sequence[str], skips: Sequence[set[int]]) -> list[list[dict]]:
    """For each text, the input_tag rows (issue_id, source, confidence, model_version) the plan's
    tagger suggests, without the issues of its skip set (those the input is tagged with already),
    scored as one batch."""
    tagger = tagger_for(plan)
    issue_ids = {issue.code: issue.id for issue in plan.issues}
    rows = []
    for suggestion, skip in zip(tagger.suggest_many(texts), skips, strict=True):
        rows.append(
            [
                {
                    "issue_id": issue_ids[code],
                    "source": SOURCE_MODEL,
                    "confidence": round(score, 4),
                    "model_version": tagger.version,
                }
                for code, score in suggestion
                if code in issue_ids and issue_ids[code] not in skip
            ]
        )
    return rows


WARM_UP_TEXT = "อยากให้ขุดลอกแหล่งน้ำและซ่อมถนนเข้าหมู่บ้าน ผู้สูงอายุเดินทางไปโรงพยาบาลลำบาก"


def plans_taking_input(today) -> list[StrategicPlan]:
    """Plans with a cycle whose hearing phase has not ended: the ones input can still come for."""
    return db.session.scalars(
        select(StrategicPlan)
        .where(
            StrategicPlan.id.in_(
                select(StrategyCycle.plan_id)
                .join(CyclePhase, CyclePhase.cycle_id == StrategyCycle.id)
                .where(CyclePhase.key == PHASE_HEARINGS, CyclePhase.ends_on >= today)
            )
        )
        .options(selectinload(StrategicPlan.issues))
        .order_by(StrategicPlan.id)
    ).all()


def warm_up(today=None) -> dict[str, float]:
    """Everything the first submission of a fresh process would otherwise wait for: the Thai
    dictionaries of the segmenter and of the search index, and the tagger of every plan still
    taking input (built from its catalogue or read from its stored model, then cached). Run by
    each tag worker once when it starts (consult.jobs.run_tag_worker), before its first batch."""
    began = time.perf_counter()
    index_terms(WARM_UP_TEXT, "00")  # loads the segmenter's and the compound splitter's dictionaries
    plans = plans_taking_input(today or local_today())
    taggers = {}
    for plan in plans:
        tagger = tagger_for(plan)
        taggers[id(tagger)] = tagger
    for tagger in taggers.values():
        tagger.suggest(WARM_UP_TEXT)
    db.session.rollback()
    return {"plans": len(plans), "taggers": len(taggers), "seconds": time.perf_counter() - began}
