"""The replica on its own: schema history, SQLite settings, pulled rows as the ORM reads
them, recording, and undoing a refused command's local effect."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from central.services.pull import serialise_row
from desk.models.commands import CommandRefused
from desk.models.schema import Account, Base, Person
from desk.sync import outbox, rebase
from desk.sync.replica import open_replica, own_client, sync_state
from desk.sync.tables import DESK_TABLES, OutboxCommand, Shadow
from tests.sync import forms


def test_desk_migrations_match_the_tables(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")

    def ours(obj: object, name: str | None, type_: str, *_: object) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in DESK_TABLES

    with replica.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours})
        assert compare_metadata(context, Base.metadata) == []
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    replica.close()


def test_pulled_rows_read_back_as_sent(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    person = Person(
        id=uuid.uuid4(),
        version=7,
        created_at=datetime(2026, 9, 9, 8, 1, 2, 345678, tzinfo=UTC),
        updated_at=datetime(2026, 9, 9, 8, 1, 2, tzinfo=UTC),
        deleted=False,
        enterprise_id=uuid.uuid4(),
        name="单田芳",
        name_pinyin="shan tian fang",
        name_initials="stf",
        gender="male",
        nationality="mainland",
        country=None,
        doc_type="resident_id",
        doc_number="110105198506151234",
        doc_number_rev="x",
        birthday=date(1985, 6, 15),
        mobile=None,
        mobile_rev="",
        email=None,
        photo_sha256=None,
        duty="other",
        position="junior",
        username=None,
        display_name="",
    )
    table = Person.__table__
    with replica.read() as session:  # the JSON the service sends for this row
        sent = {c.name: getattr(person, c.name) for c in table.columns}
    from central.services.pull import to_json

    sent = {k: to_json(v) for k, v in sent.items()}
    with replica.write() as session:
        change = {"entity": "person", "id": sent["id"], "op": "put", "version": 7, "data": sent}
        rebase.write_page(session, rebase.prepare([change]), resetting=False)
    with replica.engine.connect() as conn:
        row = conn.execute(select(table)).one()
    assert serialise_row(table, row) == sent
    replica.close()


def test_record_is_one_transaction_and_a_local_refusal_stores_nothing(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    operator = uuid.uuid4()
    account_id = forms.new_id()
    first = outbox.record(
        replica,
        "create_account",
        {"account_id": account_id, "account": forms.account("abcd01")},
        operator_id=operator,
    )
    assert first.id == 1
    with pytest.raises(CommandRefused):
        outbox.record(
            replica,
            "create_account",
            {"account_id": account_id, "account": forms.account("abcd02")},
            operator_id=operator,
        )
    with pytest.raises(CommandRefused):
        outbox.record(replica, "review_decide", {}, operator_id=operator)
    second = outbox.record(
        replica,
        "create_account",
        {"account_id": forms.new_id(), "account": forms.account("abcd03")},
        operator_id=operator,
    )
    assert second.id == 2
    with replica.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxCommand)) == 2
        assert session.scalar(select(func.count()).select_from(Account)) == 2
    replica.close()


def test_a_refused_command_leaves_no_trace_after_a_rebase(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    operator = uuid.uuid4()
    keep, drop = forms.new_id(), forms.new_id()
    for account_id, ident in ((keep, "keep01"), (drop, "drop01")):
        outbox.record(
            replica,
            "create_account",
            {"account_id": account_id, "account": forms.account(ident)},
            operator_id=operator,
        )
    with replica.write() as session:
        client_id = sync_state(session).client_id
        effect = outbox.apply_results(
            session,
            client_id,
            [
                {
                    "id": 2,
                    "status": "rejected",
                    "code": "identifier_taken",
                    "message_zh": "x",
                    "message_en": "x",
                    "field": "identifier",
                    "details": {},
                }
            ],
            answered_version=5,
            now=datetime.now(UTC),
        )
        assert effect.rejected == 1
        rebase.rebase(session, cursor=0, context=outbox.context_for(session, replica))
    with replica.read() as session:
        ids = {str(i) for i in session.scalars(select(Account.id))}
        assert ids == {keep}
        assert session.scalar(select(func.count()).select_from(Shadow)) == 1
    replica.close()


@pytest.mark.parametrize("page", [None, rebase.PulledPage()], ids=["no page", "empty page"])
@pytest.mark.parametrize("shadowed", [True, False], ids=["shadows", "no shadows"])
def test_answers_taken_in_a_pull_survive_its_rebase(
    tmp_path: Path, page: rebase.PulledPage | None, shadowed: bool
) -> None:
    """A pull page may carry only results: marking the commands answered must survive the
    rebase that follows in the same transaction (it expires every loaded object)."""
    replica = open_replica(tmp_path / "r.sqlite3")
    account_id = forms.new_id()
    outbox.record(
        replica,
        "create_account",
        {"account_id": account_id, "account": forms.account("kept01")},
        operator_id=uuid.uuid4(),
    )
    if not shadowed:
        with replica.write() as session:
            rebase.undo(session)
    with replica.write() as session:
        shadows = session.scalar(select(func.count()).select_from(Shadow))
        assert shadows == (1 if shadowed else 0)
        client_id = sync_state(session).client_id
        context = outbox.context_for(session, replica)
        outbox.apply_results(
            session,
            client_id,
            [{"id": 1, "status": "applied", "code": None, "details": {}}],
            answered_version=5,
            now=datetime.now(UTC),
        )
        rebase.rebase(session, cursor=5, page=page, context=context)
    with replica.read() as session:
        command = session.scalars(select(OutboxCommand)).one()
        assert (command.status, command.answered_version) == ("applied", 5)
        assert own_client(session).max_answered_id == 1
    replica.close()
