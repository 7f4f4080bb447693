"""A small fair in an in-memory database for badge tests: holders of every kind with approved
badge requests, badge photos composed from the portrait cut-outs, and the tools that read a
printed badge back (poppler's pdftoppm, zbar's zbarimg)."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from desk.models.commands import OPERATOR, Actor, Context, Outcome, run_command
from desk.models.commands.base import PhotoStatus
from desk.models.schema import (
    APPROVED,
    ENTITIES,
    BadgeRequest,
    Base,
    Enterprise,
    Guest,
    HostOrg,
    HostStaff,
    Person,
)

PHOTOS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "photos"
NOW = datetime(2026, 9, 5, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Head:
    """Where a cut-out's head is, in its own pixels (read off the picture)."""

    centre_x: float
    crown_y: float
    chin_y: float


HEADS = {
    "obama": Head(436, 20, 350),
    "biden": Head(267, 43, 245),
    "hopper": Head(263, 23, 320),
    "astronaut": Head(223, 14, 167),
}


@cache
def badge_photo(name: str) -> bytes:
    """A 600x800 badge photo (JPEG) of one cut-out on white, the head about 62% of the
    height, as the photo checks would accept it."""
    head = HEADS[name]
    with Image.open(PHOTOS / f"{name}.png") as im:
        cut = im.convert("RGBA")
    k = 0.62 * 800 / (head.chin_y - head.crown_y)
    cut = cut.resize((round(cut.width * k), round(cut.height * k)), Image.Resampling.LANCZOS)
    page = Image.new("RGBA", (600, 800), (255, 255, 255, 255))
    layer = Image.new("RGBA", (600, 800), (0, 0, 0, 0))
    layer.paste(cut, (round(300 - head.centre_x * k), round(0.09 * 800 - head.crown_y * k)))
    out = io.BytesIO()
    Image.alpha_composite(page, layer).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


class NoPhotoChecks:
    def photo_status(self, sha256: str, kind: str) -> PhotoStatus:
        return "accepted"


@dataclass
class Fair:
    """Holders and their approved badge requests, and the photos by hash."""

    session: Session
    desk_id: uuid.UUID = field(default_factory=uuid.uuid4)
    photos: dict[str, bytes] = field(default_factory=dict)

    def photo(self, name: str) -> str:
        data = badge_photo(name)
        sha = hashlib.sha256(data).hexdigest()
        self.photos[sha] = data
        return sha

    def load_photo(self, sha256: str) -> bytes | None:
        return self.photos.get(sha256)

    def host_org(self, name: str = "北京市商务局") -> uuid.UUID:
        org = HostOrg(id=uuid.uuid4(), name=name, name_en="Beijing Commerce")
        self.session.add(org)
        self.session.flush()
        return org.id

    def enterprise(self, name: str = "北京示例科技有限公司") -> uuid.UUID:
        row = Enterprise(
            id=uuid.uuid4(),
            name=name,
            name_key=name,
            nature="enterprise",
            region="mainland",
            industry="business",
            company_type="domestic",
            participation="attendee",
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def _identity(self, name: str, photo: str | None) -> dict[str, Any]:
        return {
            "name": name,
            "gender": "male",
            "doc_type": "resident_id",
            "doc_number": "110105194912310029",
            "birthday": date(1980, 1, 1),
            "photo_sha256": self.photo(photo) if photo else None,
        }

    def request(
        self,
        *,
        name: str = "张伟",
        badge_type: str = "delegate",
        kind: str = "person",
        photo: str | None = "obama",
        status: str = APPROVED,
        organisation: str = "",
    ) -> uuid.UUID:
        """An approved badge request of a new holder; its snapshot is the holder as sent."""
        identity = self._identity(name, photo)
        enterprise_id = host_org_id = None
        holder: Person | HostStaff | Guest
        if kind == "person":
            enterprise_id = self.enterprise()
            holder = Person(id=uuid.uuid4(), enterprise_id=enterprise_id, **identity)
        elif kind == "host_staff":
            host_org_id = self.host_org()
            holder = HostStaff(
                id=uuid.uuid4(),
                host_org_id=host_org_id,
                surname=name[:1],
                given_name=name[1:],
                position="staff",
                **identity,
            )
        else:
            host_org_id = self.host_org()
            holder = Guest(
                id=uuid.uuid4(), host_org_id=host_org_id, organisation=organisation, **identity
            )
        self.session.add(holder)
        snapshot = {"name": name, "photo_sha256": identity["photo_sha256"]}
        if organisation:
            snapshot["organisation"] = organisation
        request = BadgeRequest(
            id=uuid.uuid4(),
            holder_kind=kind,
            holder_id=holder.id,
            enterprise_id=enterprise_id,
            host_org_id=host_org_id,
            batch_id=uuid.uuid4(),
            badge_type=badge_type,
            status=status,
            snapshot=snapshot,
        )
        self.session.add(request)
        self.session.flush()
        return request.id

    def run(self, name: str, args: dict[str, Any]) -> Outcome:
        ctx = Context(
            actor=Actor(role=OPERATOR, user_id=uuid.uuid4(), desk_id=self.desk_id),
            now=NOW,
            side="desk",
            photos=NoPhotoChecks(),
        )
        return run_command(self.session, ctx, name, args)


def memory_session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[m.__table__ for m in ENTITIES.values()])  # type: ignore[attr-defined]
    with Session(engine) as session:
        yield session
    engine.dispose()


def require_tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install poppler-utils and zbar-tools"
    return path


def pdf_to_pngs(pdf: Path, out_dir: Path, dpi: int = 300) -> list[Path]:
    """Each page of a PDF as a PNG, the way a printer would see it."""
    prefix = out_dir / pdf.stem
    subprocess.run(
        [require_tool("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))


def decode_qr(png: Path) -> list[str]:
    """The QR codes zbar reads in an image (what a gate scanner would read)."""
    result = subprocess.run(
        [require_tool("zbarimg"), "--raw", "-q", str(png)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [line for line in result.stdout.splitlines() if line]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout


def pdf_info(pdf: Path, tool: str = "pdfinfo") -> str:
    return subprocess.run(
        [require_tool(tool), str(pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
