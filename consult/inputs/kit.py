"""What the printed hearing kit shows: QR codes drawn here (no network) and the agenda's slots."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import segno
from flask_babel import gettext as _
from markupsafe import Markup

SIGN_IN_ROWS_PER_PAGE = 18
OPENING = timedelta(minutes=15)
OVERVIEW = timedelta(minutes=15)
SUMMARY = timedelta(minutes=15)
SHORTEST_ISSUE_SLOT = timedelta(minutes=10)


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code, sized by the page's CSS (it carries a viewBox, no width)."""
    return Markup(
        segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None)
    )


@dataclass
class AgendaSlot:
    starts_at: datetime
    ends_at: datetime
    title: str
    issues: list = field(default_factory=list)


def hearing_agenda(hearing, issues: list) -> list[AgendaSlot]:
    """The agenda the official set for the hearing, or else a usual one around its issues."""
    items = list(hearing.agenda)
    if not items:
        return agenda_slots(hearing.starts_at, hearing.ends_at, issues)
    ends = [item.starts_at for item in items[1:]] + [hearing.ends_at]
    return [
        AgendaSlot(item.starts_at, max(end, item.starts_at), item.title, [item.issue] if item.issue else [])
        for item, end in zip(items, ends)
    ]


def agenda_slots(starts_at: datetime, ends_at: datetime, issues: list) -> list[AgendaSlot]:
    """Opening, an overview of the strategy, the issues (one slot each when the time allows,
    otherwise together) and a closing summary, filling the hearing's time."""
    slots = [AgendaSlot(starts_at, starts_at + OPENING, _("Registration and opening"))]
    slots.append(
        AgendaSlot(
            slots[-1].ends_at,
            slots[-1].ends_at + OVERVIEW,
            _("The province's strategy and this cycle's timetable"),
        )
    )
    discussion_start, discussion_end = slots[-1].ends_at, ends_at - SUMMARY
    discussion = discussion_end - discussion_start
    if issues and discussion / len(issues) >= SHORTEST_ISSUE_SLOT:
        share = discussion / len(issues)
        for index, issue in enumerate(issues):
            start = discussion_start + share * index
            slots.append(AgendaSlot(start, start + share, _("Discussion"), [issue]))
    elif discussion > timedelta(0):
        slots.append(
            AgendaSlot(
                discussion_start, discussion_end, _("Discussion of the strategic issues"), list(issues)
            )
        )
    summary_start = max(discussion_end, slots[-1].ends_at)
    slots.append(
        AgendaSlot(summary_start, max(ends_at, summary_start), _("Summary of the input and next steps"))
    )
    return slots


def sign_in_pages(expected: int | None) -> int:
    """Enough sign-in pages for the expected attendance (the capacity), at least one."""
    if not expected:
        return 1
    return max(1, -(-expected // SIGN_IN_ROWS_PER_PAGE))
