"""Who may reach what: every URL rule of the application × every role × every method it accepts.

The table below names, for each endpoint, who is allowed; the test walks `app.url_map`, so a
route added later without a row here fails until someone decides who may use it. URL parameters
come from a fixed world: a hearing of subdistrict 400101, the cycle and plan of province 40, an
input with a receipt, a registration, a schedule proposal and slot, a staged sheet import and a
draft revision.

Denied means 403, a redirect to /login for anonymous visitors, or 404 where a thing's existence
must not leak; allowed means any other answer (a form with errors, 400 for an empty body, …).
"""

from tests.conftest import login
from tests.security.conftest import ADMIN, ANONYMOUS, OFFICIAL, OTHER_OFFICIAL, OTHER_PLANNER, PLANNER, url_of

ROLES = (ANONYMOUS, OTHER_OFFICIAL, OTHER_PLANNER, OFFICIAL, PLANNER, ADMIN)  # refused ones act first

EVERYONE = frozenset(ROLES)
NOBODY = frozenset()
SIGNED_IN = EVERYONE - {ANONYMOUS}
STAFF = SIGNED_IN  # every signed-in account is staff; the area is checked on what they submit
# Officials of the hearing's subdistrict (400101), planners of its province (40), admins.
HEARING_AREA = frozenset({OFFICIAL, PLANNER, ADMIN})
# Planners of province 40 and admins: what belongs to that province's cycle or plan.
PROVINCE = frozenset({PLANNER, ADMIN})
# Pages about the signed-in planner's own province (lists, new drafts): any planner, admins.
PLANNERS = frozenset({PLANNER, OTHER_PLANNER, ADMIN})

ACCESS = {
    # public pages, feeds and API
    "main.index": EVERYONE,
    "main.favicon": EVERYONE,
    "main.privacy": EVERYONE,
    "static": EVERYONE,
    "auth.login": EVERYONE,
    "api.cycles": EVERYONE,
    "api.district_subdistricts": EVERYONE,
    "api.hearing": EVERYONE,
    "api.hearings": EVERYONE,
    "api.openapi": EVERYONE,
    # answers a bearer token (CONSULT_METRICS_TOKEN), never a role; 404 while no token is set
    "metrics": NOBODY,
    "api.plan_issues": EVERYONE,
    "api.province_districts": EVERYONE,
    "api.provinces": EVERYONE,
    "api.receipt": EVERYONE,
    "api.submit": EVERYONE,
    "api.summary": EVERYONE,
    "hearings.calendar_feed": EVERYONE,
    "hearings.detail": EVERYONE,
    "hearings.find": EVERYONE,
    "hearings.hearing_calendar": EVERYONE,
    "hearings.register_for": EVERYONE,
    "hearings.registration": EVERYONE,
    "inputs.cycle_input": EVERYONE,
    "inputs.hearing_input": EVERYONE,
    "inputs.receipt": EVERYONE,
    "inputs.erase_contact_details": EVERYONE,
    "inputs.track": EVERYONE,
    "results.voices": EVERYONE,
    # a single quote is shown only once the province publishes them, which this one does not
    "results.voice": NOBODY,
    "results.cycle_results_page": EVERYONE,
    "results.issue_results_page": EVERYONE,
    "revisions.issue_versions": EVERYONE,
    # the world's revision is a draft: it has no public minutes (404) until approved
    "revisions.minutes": NOBODY,
    "revisions.plan_history": EVERYONE,
    "main.cycle": EVERYONE,
    # the public page of a revision exists once published; a draft does not leak there
    "revisions.published": NOBODY,
    # the second step of signing in: without a password just given, back to the sign-in page
    # (anonymous) or to the staff page (signed in already)
    "auth.login_code": SIGNED_IN,
    # signed in
    "auth.logout": SIGNED_IN,
    "auth.profile": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    # a second factor is for planners and administrators
    "auth.two_factor": PLANNERS,
    "auth.remove_two_factor": PLANNERS,
    "auth.password_link": EVERYONE,
    "main.staff_home": STAFF,
    "inputs_staff.home": STAFF,
    "hearings.schedule": STAFF,
    "hearing_staff.new_series": STAFF,
    "hearing_staff.reminders": STAFF,
    # staff accounts: admins every account, planners the officials of their province
    "auth.staff_list": PLANNERS,
    "auth.audit_log": frozenset({ADMIN}),
    "review.emblem_page": frozenset({ADMIN}),
    # no emblem uploaded for province 40, and no export job with that id: 404 for everyone
    "review.province_emblem": NOBODY,
    "review.export_job_page": NOBODY,
    "review.export_job_download": NOBODY,
    "auth.new_staff": PLANNERS,
    "auth.edit_staff": PROVINCE,
    "auth.set_staff_active": PROVINCE,
    "auth.reset_staff_password": PROVINCE,
    # the calendar of cycles
    "calendar.cycles": PLANNERS,
    "calendar.new": PLANNERS,
    "calendar.edit": PROVINCE,
    # one hearing: its officials and planners
    "hearing_staff.cancel": HEARING_AREA,
    "hearing_staff.edit": HEARING_AREA,
    "hearing_staff.manage": HEARING_AREA,
    "hearing_staff.minutes": HEARING_AREA,
    "inputs_staff.import_sheet": HEARING_AREA,
    "inputs_staff.import_preview": HEARING_AREA,
    "inputs_staff.kit": HEARING_AREA,
    "inputs_staff.reserve": HEARING_AREA,
    "inputs_staff.transcribe": HEARING_AREA,
    "inputs_staff.kiosk": HEARING_AREA,
    # personal data: what is kept, administrators only
    "inputs_staff.retention": frozenset({ADMIN}),
    # schedule proposals: planners draft and publish, officials answer their district's slots
    "hearing_staff.new_proposal": PLANNERS,
    "hearing_staff.proposals": PLANNERS,
    "hearing_staff.proposal": PROVINCE,
    "hearing_staff.publish_proposal": PROVINCE,
    "hearing_staff.withdraw_proposal": PROVINCE,
    "hearing_staff.slot": HEARING_AREA,
    # the signed-in planner's own province; an admin has no province to set
    "hearing_staff.settings": PLANNERS - {ADMIN},
    # moderation: planners, within their province
    "inputs_staff.moderation": PLANNERS,
    "inputs_staff.moderate_input": PROVINCE,
    "inputs_staff.publication_policy": PROVINCE,
    # review and revisions: planners of the province
    "review.dashboard": PLANNERS,
    "review.coverage_page": PROVINCE,
    "review.export_aggregate_csv": PROVINCE,
    "review.export_aggregates": PROVINCE,
    "review.export_inputs": PROVINCE,
    # contact details of a cycle, for a stated purpose: its province's planners and admins
    "review.contact_export": PROVINCE,
    "review.input_actions": PROVINCE,
    "revisions.cite": PROVINCE,
    "review.input_detail": PROVINCE,
    "review.inputs": PROVINCE,
    "review.report": PROVINCE,
    "review.report_document": PROVINCE,
    "revisions.edit": PROVINCE,
    "revisions.index": PROVINCE,
    "revisions.new": PROVINCE,
    "revisions.publish": PROVINCE,
    "revisions.send_back": PROVINCE,
    "revisions.submit": PROVINCE,
    "revisions.uncite": PROVINCE,
    "revisions.settings": PLANNERS - {ADMIN},  # a province's rules, set by its own planners
    # tag review and search: planners of the province
    "tagging.latest_review": PLANNERS,
    "tagging.latest_search": PLANNERS,
    "tagging.review": PROVINCE,
    "tagging.search": PROVINCE,
    "tagging.decide": PROVINCE,
    "tagging.confirm_confident": PROVINCE,
}
# Endpoints whose allowed request removes the thing it acts on: each role gets one of its own.
FRESH_PER_ROLE = {"hearing_staff.withdraw_proposal": "proposal_id"}


def _denied(role, response) -> bool:
    if response.status_code in (403, 404):
        return True
    location = response.headers.get("Location", "")
    return role == ANONYMOUS and response.status_code == 302 and "/login" in location


def _rules(app):
    return sorted((rule for rule in app.url_map.iter_rules()), key=lambda rule: rule.endpoint)


def test_every_route_has_a_row(app):
    unknown = {rule.endpoint for rule in app.url_map.iter_rules()} - set(ACCESS)
    assert not unknown, f"routes without an access rule in ACCESS: {sorted(unknown)}"


def test_access_matrix(app, matrix_world):
    values, fresh = matrix_world["values"], matrix_world["fresh"]
    clients = {}
    for role in ROLES:
        clients[role] = app.test_client()
        if role != ANONYMOUS:
            assert login(clients[role], role).status_code == 302
    # Authorisation is what is measured here: CSRF is tested elsewhere and would refuse first.
    app.config["WTF_CSRF_ENABLED"] = False
    wrong = []
    try:
        for rule in _rules(app):
            allowed_roles = ACCESS.get(rule.endpoint)
            if allowed_roles is None:
                continue  # reported by test_every_route_has_a_row
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for role in ROLES:
                    if rule.endpoint == "auth.logout" and role != ANONYMOUS:
                        continue  # signing out would end the session the next rows need
                    role_values = dict(values)
                    if method != "GET" and rule.endpoint in FRESH_PER_ROLE:
                        name = FRESH_PER_ROLE[rule.endpoint]
                        role_values[name] = fresh[name]()
                    response = clients[role].open(url_of(app, rule, role_values), method=method)
                    response.close()  # a static file's response keeps the file open until closed
                    expected = role in allowed_roles
                    if expected == _denied(role, response):
                        wrong.append(
                            f"{method} {rule.endpoint} as {role}: {response.status_code}, "
                            f"expected {'allow' if expected else 'deny'}"
                        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    assert not wrong, "\n".join(wrong)
