"""The words shown for each scheduling problem, in the visitor's language."""

from flask_babel import gettext as _
from flask_babel import ngettext

from consult.hearings.rules import thai_holidays
from consult.i18n import current_language, format_date
from consult.strategy.models import PHASE_HEARINGS


def problem_message(problem, cycle) -> str:
    code = problem.code
    if code == "outside_phase":
        phase = cycle.phase(PHASE_HEARINGS)
        return _(
            "The hearing must take place within the hearing phase of the cycle (%(start)s – %(end)s).",
            start=format_date(phase.starts_on),
            end=format_date(phase.ends_on),
        )
    if code == "in_the_past":
        return _("The hearing cannot start in the past.")
    if code == "ends_before_start":
        return _("The hearing must end after it starts.")
    if code == "venue_overlap":
        return _("Another hearing is already booked at this venue at that time.")
    if code == "district_overlap":
        return _(
            "Another hearing of the same district is scheduled at that time; "
            "district staff cannot attend both."
        )
    if code == "public_holiday":
        name = problem.holiday_name
        if current_language() == "en":
            name = thai_holidays(problem.day, problem.day, language="en_US").get(problem.day, name)
        return _(
            "%(date)s is a public holiday (%(name)s). Please choose a working day.",
            date=format_date(problem.day),
            name=name,
        )
    if code == "short_notice":
        return ngettext(
            "Only %(days)s day of public notice; the province asks for at least %(minimum)s days.",
            "Only %(days)s days of public notice; the province asks for at least %(minimum)s days.",
            problem.notice_days,
            days=problem.notice_days,
            minimum=problem.min_notice_days,
        )
    if code == "weekend":
        return _("This hearing falls on a weekend.")
    return code
