"""The OpenAPI 3 description of API v1, served at /api/v1/openapi.json."""

from consult.web import MAX_DATABASE_ID

CODE = {"type": "string", "pattern": "^[0-9]+$"}
DATETIME = {"type": "string", "format": "date-time"}
ENGLISH_NAME = {
    "type": "string",
    "nullable": True,
    "description": "the English one, when staff gave it (`title` and `venue` are Thai)",
}
NULLABLE_DATETIME = {"type": "string", "format": "date-time", "nullable": True}
SECTOR = {"type": "string", "enum": ["citizen", "private", "civil_society", "academia", "government"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _list_of(name: str) -> dict:
    return {
        "type": "object",
        "required": ["items"],
        "properties": {"items": {"type": "array", "items": _ref(name)}},
    }


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


def _path_code(name: str, digits: int) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": f"^[0-9]{{{digits}}}$"},
    }


def _path_id(name: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_DATABASE_ID},
    }


def _query(name: str, schema: dict, description: str) -> dict:
    """Filters as a web form sends them: an empty value means the filter is not used."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "schema": schema,
        "description": description,
    }


LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "Language of error messages: Thai by default, English with `en`.",
}
HEARING_FILTERS = [
    _query("province", {"type": "string", "pattern": "^[0-9]{2}$"}, "2-digit province code"),
    _query("district", {"type": "string", "pattern": "^[0-9]{4}$"}, "4-digit district code"),
    _query("subdistrict", {"type": "string", "pattern": "^[0-9]{6}$"}, "6-digit subdistrict code"),
    _query("from", {"type": "string", "format": "date"}, "first day (inclusive) of hearings' start"),
    _query("to", {"type": "string", "format": "date"}, "last day (inclusive) of hearings' start"),
]

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    },
    "Place": {
        "type": "object",
        "required": ["code", "name_th", "name_en"],
        "properties": {"code": CODE, "name_th": {"type": "string"}, "name_en": {"type": "string"}},
    },
    "Phase": {
        "type": "object",
        "required": ["key", "name_th", "name_en", "starts_on", "ends_on"],
        "properties": {
            "key": {"type": "string"},
            "name_th": {"type": "string"},
            "name_en": {"type": "string"},
            "starts_on": {"type": "string", "format": "date"},
            "ends_on": {"type": "string", "format": "date"},
        },
    },
    "Cycle": {
        "type": "object",
        "required": ["id", "plan", "province", "title", "phases"],
        "properties": {
            "id": {"type": "integer"},
            "plan": {"type": "integer"},
            "province": CODE,
            "title": {"type": "string"},
            "title_en": ENGLISH_NAME,
            "phases": {"type": "array", "items": _ref("Phase")},
        },
    },
    "Hearing": {
        "type": "object",
        "required": [
            "id",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "subdistricts",
            "province",
            "cycle",
            "plan",
            "status",
            "issues",
            "input_open",
            "input_closes_at",
            "url",
            "ics_url",
        ],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "title_en": ENGLISH_NAME,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "venue": {"type": "string"},
            "venue_en": ENGLISH_NAME,
            "subdistricts": {"type": "array", "items": CODE},
            "province": CODE,
            "cycle": {"type": "integer"},
            "plan": {"type": "integer"},
            "status": {"type": "string", "enum": ["announced", "held", "minutes_recorded", "cancelled"]},
            "issues": {"type": "array", "items": {"type": "string"}},
            "input_open": {"type": "boolean"},
            "input_closes_at": DATETIME,
            "url": {"type": "string", "format": "uri"},
            "ics_url": {"type": "string", "format": "uri"},
        },
    },
    "HearingPage": {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {"type": "array", "items": _ref("Hearing")},
            "next": {"type": "string", "format": "uri", "nullable": True},
        },
    },
    "NewInput": {
        "type": "object",
        "required": ["text", "sector"],
        "additionalProperties": False,
        "properties": {
            "text": {
                "type": "string",
                "minLength": 1,
                "maxLength": 5000,
                "pattern": r"[^\W\d_]",
                "description": "the input in words: at least one letter, not only digits or signs",
            },
            "sector": SECTOR,
            "issues": {"type": "array", "items": {"type": "string"}},
            "age_band": {"type": "string", "enum": ["under_18", "18_24", "25_39", "40_59", "60_plus"]},
            "gender": {"type": "string", "enum": ["female", "male", "other", "unspecified"]},
            "village": {"type": "string", "maxLength": 200},
            "contact": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "maxLength": 200},
                    "email": {
                        "anyOf": [
                            {"type": "string", "maxLength": 0},
                            {"type": "string", "format": "email", "maxLength": 254},
                        ]
                    },
                    "phone": {"type": "string", "maxLength": 40},
                },
            },
            "consent": {"type": "boolean", "description": "required (true) when contact is given"},
        },
        # Contact details are kept only with consent (PDPA).
        "anyOf": [
            {"not": {"required": ["contact"]}},
            {"required": ["consent"], "properties": {"consent": {"enum": [True]}}},
        ],
    },
    "InputReceipt": {
        "type": "object",
        "required": ["receipt", "status"],
        "properties": {"receipt": {"type": "string"}, "status": {"type": "string"}},
    },
    "InputStatus": {
        "type": "object",
        "required": ["receipt", "status", "hearing", "submitted_at", "issues", "revisions"],
        "properties": {
            "receipt": {"type": "string"},
            "status": {"type": "string"},
            "hearing": {"type": "integer", "nullable": True},
            "submitted_at": DATETIME,
            "issues": {"type": "array", "items": {"type": "string"}},
            "revisions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "published_at", "url"],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "published_at": NULLABLE_DATETIME,
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
        },
    },
    "Issue": {
        "type": "object",
        "required": ["code", "title_th", "title_en"],
        "properties": {
            "code": {"type": "string"},
            "title_th": {"type": "string"},
            "title_en": {"type": "string"},
        },
    },
    "Summary": {
        "type": "object",
        "required": ["inputs", "hearings", "by_issue", "by_sector", "by_district", "subdistricts_with_input"],
        "properties": {
            "inputs": {"type": "integer"},
            "hearings": {"type": "integer"},
            "by_issue": {"type": "object", "additionalProperties": {"type": "integer"}},
            "by_sector": {"type": "object", "additionalProperties": {"type": "integer"}},
            "by_district": {"type": "object", "additionalProperties": {"type": "integer"}},
            "subdistricts_with_input": {"type": "integer"},
        },
    },
}


SUMMARY_FILTERS = [
    _query(
        "phase",
        {"type": "string"},
        "a phase key of the cycle: input submitted and hearings held within its dates",
    ),
    _query(
        "hearing",
        {"type": "integer", "minimum": 1, "maximum": 2147483647},
        "input given to this hearing of the cycle",
    ),
    _query("district", {"type": "string", "pattern": "^[0-9]{4}$"}, "4-digit district code"),
    _query("subdistrict", {"type": "string", "pattern": "^[0-9]{6}$"}, "6-digit subdistrict code"),
    _query(
        "sector",
        {"type": "string", "enum": ["citizen", "private", "civil_society", "academia", "government"]},
        "input from this sector (hearings are not narrowed by sector)",
    ),
]


def _get(summary: str, ok: dict, parameters=(), not_found: bool = False, bad_query: bool = False) -> dict:
    responses = {"200": ok}
    if bad_query:
        responses["400"] = _error("A filter is not valid")
    if not_found:
        responses["404"] = _error("No such item")
    responses["429"] = _error("Too many requests")
    return {"get": {"summary": summary, "parameters": [*parameters, LANGUAGE], "responses": responses}}


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "consult API",
            "version": "1",
            "description": "Public hearings, strategy calendars and citizen input for Thai "
            "provincial strategy. Dates are ISO 8601 with the +07:00 offset.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/provinces": _get("All 77 provinces", _json(_list_of("Place"), "Provinces")),
            "/provinces/{code}/districts": _get(
                "Districts of a province",
                _json(_list_of("Place"), "Districts"),
                [_path_code("code", 2)],
                not_found=True,
            ),
            "/districts/{code}/subdistricts": _get(
                "Subdistricts of a district",
                _json(_list_of("Place"), "Subdistricts"),
                [_path_code("code", 4)],
                not_found=True,
            ),
            "/cycles": _get(
                "Strategy calendars",
                _json(_list_of("Cycle"), "Cycles"),
                [_query("province", {"type": "string", "pattern": "^[0-9]{2}$"}, "2-digit province code")],
                bad_query=True,
            ),
            "/cycles/{id}/summary": _get(
                "Aggregated, anonymous counts of a cycle, optionally filtered as on the planners' dashboard",
                _json(_ref("Summary"), "Summary"),
                [_path_id("id"), *SUMMARY_FILTERS],
                not_found=True,
                bad_query=True,
            ),
            "/plans/{id}/issues": _get(
                "Strategic issues of a plan",
                _json(_list_of("Issue"), "Issues"),
                [_path_id("id")],
                not_found=True,
            ),
            "/hearings": _get(
                "Hearings, filtered and paged",
                _json(_ref("HearingPage"), "A page of hearings"),
                [
                    *HEARING_FILTERS,
                    _query("page", {"type": "integer", "minimum": 1, "maximum": 100_000}, "page number"),
                ],
                bad_query=True,
            ),
            "/hearings/{id}": _get(
                "One hearing", _json(_ref("Hearing"), "The hearing"), [_path_id("id")], not_found=True
            ),
            "/hearings/{id}/inputs": {
                "post": {
                    "summary": "Give input to a hearing (no account needed)",
                    "parameters": [
                        _path_id("id"),
                        LANGUAGE,
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 64},
                            "description": "Repeating a request with the same key and body stores the input "
                            "once; a key counts for this hearing only, and the same key with another body "
                            "answers 409",
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("NewInput")}},
                    },
                    "responses": {
                        "201": _json(_ref("InputReceipt"), "Stored; keep the receipt to follow it"),
                        "200": _json(_ref("InputReceipt"), "Already stored under this Idempotency-Key"),
                        "400": _error("A field is not valid"),
                        "404": _error("No such hearing"),
                        "409": _error(
                            "The hearing's input window is closed (input_closed), or the Idempotency-Key "
                            "was used before with another body (idempotency_key_reused)"
                        ),
                        "413": _error("The body is too large"),
                        "415": _error("The body is not JSON"),
                        "429": _error("Too many requests"),
                    },
                }
            },
            "/inputs/{receipt}": _get(
                "What became of an input",
                _json(_ref("InputStatus"), "Status"),
                [{"name": "receipt", "in": "path", "required": True, "schema": {"type": "string"}}],
                not_found=True,
            ),
            "/openapi.json": {
                "get": {
                    "summary": "This description",
                    "responses": {"200": {"description": "OpenAPI 3 document"}},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
