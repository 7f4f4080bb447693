"""Every operation of `/openapi.json`, fuzzed with the credentials of every role: no server
error, no status the document does not declare, no body outside its declared schema."""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.central.harness import Harness

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Examples per operation (each with a role drawn at random): about 40 operations keep the
# whole fuzz near a minute on two cores. FAIRDESK_FUZZ_EXAMPLES raises it for a long run.
EXAMPLES = int(os.environ.get("FAIRDESK_FUZZ_EXAMPLES", "25"))
# Ending the fuzzing session's own sign-in would leave the rest of the run unauthenticated;
# sign-out is covered by the token tests.
SKIPPED = {("POST", "/auth/logout")}


def role_headers(svc: Harness) -> dict[str, dict[str, str]]:
    desk = svc.enroll("FUZZ-DESK", operator="op1")
    return {
        "anonymous": {},
        "desk": desk.headers(),
        "operator": svc.session_headers("op1", desk),
        "host_reviewer": svc.session_headers("rev_a"),
        "committee_reviewer": svc.session_headers("rev_c"),
        "host_user": svc.session_headers("host_a"),
        "admin": svc.session_headers("admin1"),
    }


def test_openapi_fuzz_finds_no_server_error_and_no_undocumented_answer(sq: Harness) -> None:
    sq.settings.pull_max_wait_s = 0.2  # a fuzzed long poll must not hold the run
    roles = role_headers(sq)
    schema = schemathesis.openapi.from_url(f"{sq.url}/openapi.json")
    findings: list[str] = []
    calls: dict[str, int] = {}
    statuses: dict[int, int] = {}

    def fuzz(operation: Any, mode: GenerationMode) -> None:
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(mode), role=st.sampled_from(sorted(roles)))
        def run(case: Any, role: str) -> None:
            calls[role] = calls.get(role, 0) + 1
            try:
                response = case.call_and_validate(
                    base_url=sq.url, headers=roles[role], checks=CHECKS, timeout=30
                )
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            except (AssertionError, FailureGroup) as failure:  # collected, not shrunk
                findings.append(f"{operation.label} ({mode}) as {role}: {str(failure)[:400]}")

        try:
            run()
        except Unsatisfiable:
            # An operation without parameters or body has no invalid input to make.
            assert mode is GenerationMode.NEGATIVE, operation.label

    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 30
    for operation in operations:
        if (operation.method.upper(), operation.path) not in SKIPPED:
            # Data that fits the document, and data that does not (bad types, missing fields).
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                fuzz(operation, mode)
    assert sum(statuses.values()) > 20 * len(operations)
    assert not findings, "\n\n".join(findings[:20])
    assert set(calls) == set(roles)
    assert sq.http.get(f"{sq.url}/healthz").status_code == 200
