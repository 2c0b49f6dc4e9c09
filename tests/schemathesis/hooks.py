"""schemathesis hooks for tests/schemathesis/run.py (loaded through SCHEMATHESIS_HOOKS).

One narrowing of one check. `positive_data_acceptance` expects every request that fits the
document to succeed. The contract (DRF's behaviour) answers some of them with a 400 that no
schema can foresee, because the answer depends on what is stored: an id that refers to no
row, a username already taken, a contact of another lead, a reminder's current status, the
caller's own password. This check is the built-in one, except that a 400 whose every message
is one of those is accepted. Any other 400 (a wrong length, a pattern, a type, `null`) still
fails the run.

The same holds for one rule the document states only in words: the body's `refresh` of
`POST /api/auth/refresh/` and `/api/auth/logout/` is required unless the `crm_refresh` cookie
is sent (JSON Schema cannot tie a body field to a cookie). For those two operations, and only
when the request carried no such cookie and no `refresh`, the 400
`{"refresh": ["This field is required."]}` is accepted.
"""

import json
import os
import re

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

STORED_DATA = [
    re.compile(pattern)
    for pattern in (
        r'Invalid pk "-?\d+" - object does not exist\.',
        r'User ".*" is inactive and cannot be chosen\.',
        r"An? \w+ cannot be moved to another lead\.",
        r"A user with that username already exists\.",
        r"The contact must belong to the same lead\.",
        r"Agents may remind only themselves or the lead's assignee\.",
        r"An? \w+ reminder cannot be rescheduled\.",
        r"Only a pending reminder can be cancelled; this one is \w+\.",
        r'Status can only be set to "cancelled"(, or to "pending" on a cancelled reminder)?\.',
        r"You cannot (deactivate|demote) yourself\.",
        r"Wrong password\.",
    )
]


def depends_on_stored_data(response):
    if response.status_code != 400:
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    if not isinstance(body, dict) or not body:
        return False
    messages = [m for ms in body.values() if isinstance(ms, list) for m in ms]
    if len(messages) != sum(len(ms) if isinstance(ms, list) else 1 for ms in body.values()):
        return False
    return all(any(p.fullmatch(m) for p in STORED_DATA) for m in messages if isinstance(m, str))


COOKIE_OR_BODY = {("/api/auth/refresh/", "POST"), ("/api/auth/logout/", "POST")}
REFRESH_REQUIRED = {"refresh": ["This field is required."]}


def refresh_required_without_cookie(response, case):
    if response.status_code != 400:
        return False
    if (case.operation.path, case.method.upper()) not in COOKIE_OR_BODY:
        return False
    if isinstance(case.body, dict) and "refresh" in case.body:
        return False
    sent = response.request.headers.get("Cookie") or ""
    if any(c.strip().startswith("crm_refresh=") for c in sent.split(";")):
        return False
    try:
        return json.loads(response.content) == REFRESH_REQUIRED
    except ValueError:
        return False


@schemathesis.check
def positive_data_acceptance_except_stored_data(ctx, response, case):
    if depends_on_stored_data(response) or refresh_required_without_cookie(response, case):
        return None
    return positive_data_acceptance(ctx, response, case)


# Parameters that exist only for managers: the server ignores them for agents, as it ignores
# any unknown parameter (the contract), so the agents' run tests them as absent.
MANAGER_ONLY_PARAMETERS = {("/api/users/", "get"): {"is_active"}}


@schemathesis.hook
def before_load_schema(context, raw_schema):
    if os.environ.get("CRM_SCHEMATHESIS_ROLE") != "agent":
        return
    for (path, method), names in MANAGER_ONLY_PARAMETERS.items():
        operation = raw_schema.get("paths", {}).get(path, {}).get(method)
        if operation:
            operation["parameters"] = [p for p in operation.get("parameters", []) if p.get("name") not in names]
