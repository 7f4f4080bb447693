"""Who may run which command, through the real entry points, against a table written from
the registration rules (not from the command registry):

- applicant and desk commands are made by a desk operator allowed at that desk, pushed by the
  desk; no other account, and no desk on its own, makes them;
- host organisation commands (its record, staff, guests) are made by the organisation's own
  account, for that organisation only;
- review decisions are made online by reviewers in their scope: stage one by the host
  organisation whose code the enterprise used (walk-ins: the desk's organisation, here the
  committee's office), stage two and host organisations by the committee; never queued;
- administration (host organisations, codes, windows) is fair IT's.

Each cell is "denied" (refused for who asks) or "admitted" (applied, or refused by a rule
about the data), so arguments need not be complete for the cell to mean something.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from central.db.tables import Blob
from central.services.operations import issue_codes, run_as_service
from desk.models.commands import COMMANDS
from tests.central.harness import Harness, enterprise
from tests.factories import account_form, participation_form, person_form

DENIED, ADMITTED = "denied", "admitted"
# Refusals about the caller, whatever the entry point.
WHO_CODES = {"not_allowed", "out_of_scope", "operator_not_allowed", "not_queueable", "forbidden"}

APPLICANT = [
    "create_account",
    "register_enterprise",
    "apply_participation",
    "update_enterprise",
    "resubmit_enterprise",
    "add_person",
    "edit_person",
    "delete_person",
    "request_badges",
    "update_badge_request",
    "resubmit_badge_request",
]
# Account help (a password reset sent by SMS) is the desk operator's, like the hand-out.
DESK = ["record_badge_printed", "hand_out_badges", "reset_account_password"]
HOST = ["update_host_org", "add_host_staff", "edit_host_staff", "add_guest", "edit_guest"]
ADMIN_COMMANDS = ["create_host_org", "issue_invitation_codes", "set_registration_window"]
DECISIONS = ["review_decide"]

# Callers: the desk on its own, and each account (operators at the desk they are allowed at,
# or at one they are not).
CALLERS = [
    "desk alone",
    "operator",
    "operator, other desk's",
    "host_reviewer",
    "committee_reviewer",
    "host_user",
    "host_user, other org",
    "admin",
]
USERS = {
    "operator": "op1",
    "operator, other desk's": "op_b",
    "host_reviewer": "rev_a",
    "committee_reviewer": "rev_c",
    "host_user": "host_a",
    "host_user, other org": "host_a",
    "admin": "admin1",
}


def expected() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for caller in CALLERS:
        for name in APPLICANT + DESK:
            table[(name, caller)] = ADMITTED if caller == "operator" else DENIED
        for name in HOST:
            table[(name, caller)] = ADMITTED if caller == "host_user" else DENIED
        for name in ADMIN_COMMANDS:
            table[(name, caller)] = ADMITTED if caller == "admin" else DENIED
    # Decisions, by target: an enterprise invited by hostA at stage one, a walk-in at the
    # committee's office at stage one, a host organisation.
    for caller in CALLERS:
        table[("review_decide: hostA's invitee", caller)] = (
            ADMITTED if caller == "host_reviewer" else DENIED
        )
        table[("review_decide: walk-in", caller)] = (
            ADMITTED if caller == "committee_reviewer" else DENIED
        )
        table[("review_decide: host org", caller)] = (
            ADMITTED if caller == "committee_reviewer" else DENIED
        )
        # Never through the queue or the generic command endpoint, whoever asks.
        table[("review_decide via push/commands", caller)] = DENIED
    return table


def classify_http(status: int, body: dict[str, Any]) -> str:
    if status in (401, 403) or body.get("error") in WHO_CODES | {"use_review_endpoint"}:
        return DENIED
    return ADMITTED


def classify_result(result: dict[str, Any]) -> str:
    return DENIED if result.get("code") in WHO_CODES else ADMITTED


class Matrix:
    def __init__(self, svc: Harness) -> None:
        self.svc = svc
        svc.standard_fair()
        svc.approve_host_orgs()
        self.desk = svc.enroll("M1", operator="op1")  # the committee office's desk
        self.sessions = {
            caller: svc.session_headers(
                user, self.desk if user.startswith("op") and caller == "operator" else None
            )
            for caller, user in USERS.items()
            if caller != "operator, other desk's"
        }
        self.photo = {kind: self._photo(kind) for kind in ("badge", "one-inch", "licence")}
        # Rows of hostB that a hostA account must not touch.
        self.b_staff, self.b_guest = str(uuid.uuid4()), str(uuid.uuid4())
        with svc.db.write() as session:
            run_as_service(session, "add_host_staff", self._staff_args(self.b_staff, "hostB"))
            run_as_service(session, "add_guest", self._guest_args(self.b_guest, "hostB"))

    def _photo(self, kind: str) -> str:
        sha = uuid.uuid4().hex * 2
        with self.svc.db.write() as session:
            session.add(Blob(sha256=sha, kind=kind, size=50_000, ok=True, failures=[]))
        return sha

    def _staff_args(self, staff_id: str, org: str) -> dict[str, Any]:
        from tests.review.test_host_tools import staff

        return {
            "staff_id": staff_id,
            "host_org_id": self.svc.orgs[org],
            "staff": staff(1),
            "photo_sha256": self.photo["one-inch"],
        }

    def _guest_args(self, guest_id: str, org: str) -> dict[str, Any]:
        from tests.review.test_host_tools import guest

        return {
            "guest_id": guest_id,
            "host_org_id": self.svc.orgs[org],
            "guest": guest(1, "guest"),
            "photo_sha256": self.photo["one-inch"],
        }

    # -- arguments that get past every check but the caller's, where the rules allow it ----

    def args(self, name: str, caller: str) -> dict[str, Any]:
        org = "hostB" if caller == "host_user, other org" else "hostA"
        new = str(uuid.uuid4())
        if name == "create_account":
            return {"account_id": new, "account": account_form(f"m{new[:8]}")}
        if name == "add_person":
            return {"person_id": new, "enterprise_id": new, "person": person_form()}
        if name == "update_host_org":
            return {
                "host_org_id": self.svc.orgs[org],
                "record": {
                    "name": f"{org}承办机构",
                    "name_en": org,
                    "field": "服务贸易",
                    "industry_category": "商务服务",
                    "licence_sha256": self.photo["licence"],
                    "uscc": "n/a",
                    "address": "北京市朝阳区",
                    "postcode": "100020",
                    "phone": "010-58103199",
                    "website": "",
                },
            }
        if name == "add_host_staff":
            return self._staff_args(new, org)
        if name == "add_guest":
            return self._guest_args(new, org)
        if name == "edit_host_staff":
            target = self.b_staff if org == "hostB" else self._own_row("add_host_staff")
            return {"staff_id": target, "staff": self._staff_args(new, org)["staff"]}
        if name == "edit_guest":
            target = self.b_guest if org == "hostB" else self._own_row("add_guest")
            return {"guest_id": target, "guest": self._guest_args(new, org)["guest"]}
        if name == "create_host_org":
            return {"host_org_id": new, "name": f"新机构{new[:6]}", "name_en": f"N{new[:6]}"}
        if name == "issue_invitation_codes":
            return {"host_org_id": self.svc.orgs["hostA"], "codes": [{"code": f"M{new[:9]}"}]}
        if name == "set_registration_window":
            now = datetime.now(UTC)
            return {
                "participation_type": "attendee",
                "opens_at": (now - timedelta(days=1)).isoformat(),
                "closes_at": (now + timedelta(days=30)).isoformat(),
            }
        return {}

    def _own_row(self, command: str) -> str:
        row = str(uuid.uuid4())
        make = self._staff_args if command == "add_host_staff" else self._guest_args
        key = "staff_id" if command == "add_host_staff" else "guest_id"
        with self.svc.db.write() as session:
            run_as_service(session, command, {**make(row, "hostA"), key: row})
        return row

    # -- the entry points ----------------------------------------------------------------

    def push(self, name: str, caller: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        operator = None if caller == "desk alone" else self.svc.users[USERS[caller]]["id"]
        desk = self.desk
        command = desk.command(name, args)
        command["operator_id"] = operator  # the desk's own operator is not a default here
        answer = desk.push([command])
        if answer.status_code != 200:
            return classify_http(answer.status_code, answer.json()), answer.json()
        result = answer.json()["results"][-1]
        if result["status"] == "rejected" and result.get("code") == "temporary":
            raise AssertionError(result)
        return classify_result(result), result

    def headers(self, caller: str) -> dict[str, str]:
        if caller == "desk alone":
            return self.desk.headers()
        return self.sessions.get(caller, self.sessions["operator"])

    def online(self, path: str, caller: str, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if caller == "operator, other desk's":
            # Signed in with no desk of their own at hand: the service refuses the sign-in.
            answer = self.svc.login("op_b", self.desk)
            assert answer.status_code == 403, answer.text
            return DENIED, answer.json()
        answer = self.svc.http.post(
            f"{self.svc.url}{path}", json=body, headers=self.headers(caller)
        )
        return classify_http(answer.status_code, answer.json()), answer.json()

    def walk_in(self, code: str | None) -> str:
        acct, ent = str(uuid.uuid4()), str(uuid.uuid4())
        name = f"矩阵测试{ent[:6]}服务有限公司"
        op = self.desk
        results = [
            op.run("create_account", {"account_id": acct, "account": account_form(f"x{ent[:8]}")}),
            op.run(
                "register_enterprise",
                {"enterprise_id": ent, "account_id": acct, "enterprise": enterprise(name)},
            ),
            op.run(
                "apply_participation",
                {"enterprise_id": ent, "participation": participation_form("attendee", code)},
            ),
        ]
        assert all(r["status"] == "applied" for r in results), results
        return ent

    def decision_target(self, what: str) -> tuple[str, str]:
        if what == "hostA's invitee":
            with self.svc.db.write() as session:
                code = issue_codes(session, host_org=self.svc.orgs["hostA"], count=1)[0]
            return "enterprise", self.walk_in(code)
        if what == "walk-in":
            return "enterprise", self.walk_in(None)
        org_id = str(uuid.uuid4())
        with self.svc.db.write() as session:
            run_as_service(
                session, "create_host_org", {"host_org_id": org_id, "name": f"待审{org_id[:6]}"}
            )
        return "host_org", org_id

    def observe(self) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
        seen: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        for caller in CALLERS:
            for name in APPLICANT + DESK:
                seen[(name, caller)] = self.push(name, caller, self.args(name, caller))
            for name in HOST + ADMIN_COMMANDS:
                body = {"name": name, "args": self.args(name, caller)}
                seen[(name, caller)] = self.online("/commands", caller, body)
            for what in ("hostA's invitee", "walk-in", "host org"):
                target, row = self.decision_target(what)
                body = {"target": target, "id": row, "decision": "approve"}
                seen[(f"review_decide: {what}", caller)] = self.online(
                    "/review/decide", caller, body
                )
            # The decision command by the other doors, and host commands through a desk.
            target, row = self.decision_target("walk-in")
            args = {"target": target, "id": row, "decision": "approve"}
            via_push = self.push("review_decide", caller, args)
            via_commands = self.online("/commands", caller, {"name": "review_decide", "args": args})
            host_via_push = self.push("add_guest", caller, self.args("add_guest", "host_user"))
            both = {via_push[0], via_commands[0], host_via_push[0]}
            seen[("review_decide via push/commands", caller)] = (
                ADMITTED if ADMITTED in both else DENIED,
                {
                    "push": via_push[1],
                    "commands": via_commands[1],
                    "host by push": host_via_push[1],
                },
            )
        return seen


def render(table: dict[tuple[str, str], str]) -> str:
    rows = sorted({name for name, _ in table}, key=lambda n: (n.startswith("review"), n))
    width = max(len(r) for r in rows)
    out = [" " * width + " | " + " | ".join(c[:12].ljust(12) for c in CALLERS)]
    for row in rows:
        cells = ["allow" if table[(row, c)] == ADMITTED else "-" for c in CALLERS]
        out.append(row.ljust(width) + " | " + " | ".join(x.ljust(12) for x in cells))
    return "\n".join(out)


def test_every_role_and_command_against_the_rules(svc: Harness) -> None:
    matrix = Matrix(svc)
    covered = {name.split(":")[0].split(" ")[0] for name, _ in expected()}
    assert covered == set(COMMANDS)  # every command of the registry is in the table
    seen = matrix.observe()
    observed = {cell: verdict for cell, (verdict, _body) in seen.items()}
    differences = [
        f"{name} / {caller}: rules say {expected()[(name, caller)]}, service said "
        f"{observed[(name, caller)]}: {seen[(name, caller)][1]}"
        for name, caller in expected()
        if expected()[(name, caller)] != observed[(name, caller)]
    ]
    assert not differences, render(observed) + "\n\n" + "\n".join(differences)
    # The cells the rules allow and the arguments make complete really applied.
    for cell in (("create_account", "operator"), ("add_guest", "host_user")):
        verdict, body = seen[cell]
        assert body.get("status") == "applied", (cell, body)
