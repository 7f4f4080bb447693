"""The shared migrations build exactly the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from desk.models.migrate import upgrade_shared
from desk.models.migrations.env_filter import SHARED_TABLES, include_object
from desk.models.schema import ENTITIES, Base


def test_migrated_replica_matches_the_declared_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'replica.db'}")
    upgrade_shared(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": include_object},
        )
        assert compare_metadata(context, Base.metadata) == []
    assert set(inspect(engine).get_table_names()) >= SHARED_TABLES


def test_every_synced_table_has_uuid_key_and_version() -> None:
    for name, model in ENTITIES.items():
        table = model.__table__  # type: ignore[attr-defined]
        assert [c.name for c in table.primary_key.columns] == ["id"], name
        assert "version" in table.c and "deleted" in table.c, name
        assert any(ix.columns.keys() == ["version"] for ix in table.indexes), name


def test_search_columns_are_indexed() -> None:
    person = ENTITIES["person"].__table__  # type: ignore[attr-defined]
    indexed = {col for ix in person.indexes for col in ix.columns.keys()}
    assert {"name_pinyin", "name_initials", "doc_number", "doc_number_rev", "mobile_rev"} <= indexed
