"""RFC 5545 calendars of hearings, built with the icalendar package."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneStandard

from consult.hearings.models import Hearing
from consult.i18n import LOCAL_ZONE, format_time, format_time_range
from consult.timeutil import utcnow
from consult.urls import absolute_url

PRODUCT_ID = "-//consult//Thai public hearings//TH"


def _bangkok_timezone() -> Timezone:
    """Asia/Bangkok has had no daylight saving since 1920: one standard component suffices."""
    zone = Timezone()
    zone.add("tzid", "Asia/Bangkok")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(hours=7))
    standard.add("tzoffsetto", timedelta(hours=7))
    standard.add("tzname", "+07")
    zone.add_component(standard)
    return zone


def uid_domain() -> str:
    """The deployment's public host: the same whichever name a request used, so UIDs stay stable."""
    return urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "consult.localhost"


def hearing_uid(hearing: Hearing) -> str:
    return f"hearing-{hearing.id}@{uid_domain()}"


def build_calendar(hearings: list[Hearing], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is written as given, unlike SUMMARY: a line break in a title would end it
    # and start a property of the writer's choosing (or fail the whole feed).
    calendar.add("x-wr-calname", " ".join(name.split()))
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    calendar.add_component(_bangkok_timezone())
    stamp = utcnow()
    for hearing in hearings:
        calendar.add_component(_event(hearing, stamp))
    return calendar.to_ical()


def _event(hearing: Hearing, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", hearing_uid(hearing))
    event.add("dtstamp", stamp)
    event.add("dtstart", hearing.starts_at.astimezone(LOCAL_ZONE))
    event.add("dtend", hearing.ends_at.astimezone(LOCAL_ZONE))
    # Many calendar programs hide STATUS, so the title says it too.
    event.add(
        "summary",
        _("Cancelled: %(title)s", title=hearing.display_title)
        if hearing.is_cancelled
        else hearing.display_title,
    )
    event.add("location", hearing.display_venue)
    event.add("url", absolute_url("hearings.detail", hearing_id=hearing.id))
    places = ", ".join(subdistrict.name for subdistrict in hearing.subdistricts)
    agenda = "\n".join(f"{format_time(item.starts_at)} {item.title}" for item in hearing.agenda)
    description = "\n".join(
        part
        for part in (
            hearing.cancel_reason if hearing.is_cancelled else "",
            format_time_range(hearing.starts_at, hearing.ends_at),
            places,
            hearing.description,
            agenda,
        )
        if part
    )
    event.add("description", description)
    event.add("status", "CANCELLED" if hearing.is_cancelled else "CONFIRMED")
    event.add("created", hearing.created_at)
    event.add("last-modified", hearing.updated_at)
    # Calendar programs replace an event they already hold only when its sequence grows.
    event.add("sequence", hearing.sequence)
    return event
