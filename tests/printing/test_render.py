"""Badges rendered to PDF, printed at 300 dpi (pdftoppm), and read back as a gate would."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PIL import Image
from PySide6.QtGui import QImage

from desk.models.badge_token import verify_badge
from desk.printing.content import BadgeView
from desk.printing.jobs import KeySigner, prepare_print
from desk.printing.layout import A6, CR80, PAPERS, TYPE_PALETTES, Paper, layout_for
from desk.printing.render import render_badges, render_image, render_pdf_bytes
from desk.printing.revisions import RevisionAllocator
from tests.printing.fair import Fair, decode_qr, pdf_info, pdf_text, pdf_to_pngs

pytestmark = pytest.mark.usefixtures("qapp")

HOLDERS = {
    "exhibitor": ("张伟", "person", "obama"),
    "delegate": ("欧阳晓明", "host_staff", "biden"),
    "buyer": ("Grace Hopper", "guest", "hopper"),
}


def _job_view(
    fair: Fair, allocator: RevisionAllocator, signer: KeySigner, badge_type: str
) -> BadgeView:
    name, kind, photo = HOLDERS[badge_type]
    request_id = fair.request(
        name=name,
        kind=kind,
        badge_type=badge_type,
        photo=photo,
        organisation="United States Navy" if kind == "guest" else "",
    )
    return prepare_print(
        fair.session, request_id, allocator=allocator, signer=signer, photos=fair.load_photo
    ).view


def _mm_box(png: Path, paper: Paper, box: tuple[float, float, float, float]) -> Image.Image:
    with Image.open(png) as im:
        sx, sy = im.width / paper.width_mm, im.height / paper.height_mm
        x, y, w, h = box
        return im.convert("RGB").crop(
            (round(x * sx), round(y * sy), round((x + w) * sx), round((y + h) * sy))
        )


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.key)
@pytest.mark.parametrize("badge_type", ["exhibitor", "delegate", "buyer"])
@pytest.mark.parametrize("signed_by", ["service", "desk"])
def test_each_badge_type_prints_a_qr_code_that_scans_and_verifies(
    badge_type: str,
    paper: Paper,
    signed_by: str,
    fair: Fair,
    allocator: RevisionAllocator,
    service_signer: KeySigner,
    desk_signer: KeySigner,
    public_keys: dict[str, Ed25519PublicKey],
    tmp_path: Path,
    badge_png_dir: Path,
) -> None:
    signer = service_signer if signed_by == "service" else desk_signer
    view = _job_view(fair, allocator, signer, badge_type)
    pdf = tmp_path / f"{badge_type}-{paper.key}-{signed_by}.pdf"
    render_badges([view], pdf, paper)

    (png,) = pdf_to_pngs(pdf, badge_png_dir)
    assert decode_qr(png) == [view.payload]
    verified = verify_badge(view.payload, public_keys)
    assert verified.signed_by == signed_by
    assert verified.revision.counter == 1

    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", pdf_info(pdf))
    assert size is not None
    width_pt, height_pt = float(size[1]), float(size[2])
    assert width_pt == pytest.approx(paper.width_mm / 25.4 * 72, abs=1)
    assert height_pt == pytest.approx(paper.height_mm / 25.4 * 72, abs=1)

    # The type's colour fills the band, and the photo is a photograph, not the placeholder.
    layout = layout_for(badge_type, paper)
    band = layout.band
    colour = _mm_box(png, paper, (2, band.y() + band.height() - 1.2, 3, 0.8)).resize((1, 1))
    expected = TYPE_PALETTES[badge_type].strong
    assert colour.getpixel((0, 0)) == pytest.approx(
        (expected.red(), expected.green(), expected.blue()), abs=12
    )
    photo = layout.photo
    face = _mm_box(png, paper, (photo.x(), photo.y(), photo.width(), photo.height()))
    darkest = face.convert("L").getextrema()[0]
    # Hair, a suit: the placeholder has nothing this dark.
    assert isinstance(darkest, int) and darkest < 60


def test_chinese_text_is_real_text_in_an_embedded_font(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner, tmp_path: Path
) -> None:
    views = [_job_view(fair, allocator, desk_signer, t) for t in ("exhibitor", "delegate")]
    pdf = tmp_path / "badges.pdf"
    render_badges(views, pdf, CR80)
    text = pdf_text(pdf)
    for expected in ("张伟", "ZHANG Wei", "欧阳晓明", "OUYANG Xiaoming", "北京市商务局"):
        assert expected in text
    assert "参展" in text and "代表" in text and views[0].code in text
    fonts = pdf_info(pdf, "pdffonts").splitlines()[2:]
    assert fonts, "no font in the PDF"
    for line in fonts:
        assert line.split()[-5] == "yes", f"a font is not embedded: {line}"


def test_a_batch_is_one_badge_a_page_in_order(
    fair: Fair, allocator: RevisionAllocator, service_signer: KeySigner, tmp_path: Path
) -> None:
    views = [_job_view(fair, allocator, service_signer, t) for t in ("buyer", "exhibitor")]
    views.append(_job_view(fair, allocator, service_signer, "delegate"))
    pdf = tmp_path / "batch.pdf"
    pdf.write_bytes(render_pdf_bytes(views, A6))
    assert pdf.read_bytes().startswith(b"%PDF") and b"%%EOF" in pdf.read_bytes()[-64:]
    pngs = pdf_to_pngs(pdf, tmp_path, dpi=150)
    assert [decode_qr(p) for p in pngs] == [[v.payload] for v in views]


def test_long_names_shrink_and_wrap_without_touching_the_qr_code(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner, tmp_path: Path
) -> None:
    request_id = fair.request(
        name="Maria Fernanda de los Santos Rodríguez-Villanueva",
        kind="guest",
        badge_type="buyer",
        organisation="Asociación Latinoamericana de Empresas de Servicios Tecnológicos "
        "y Consultoría Internacional",
    )
    view = prepare_print(fair.session, request_id, allocator=allocator, signer=desk_signer).view
    image = render_image(view, CR80, px_per_mm=12)
    layout = layout_for("buyer", CR80)
    qr = layout.qr
    # The quiet zone around the QR code stays white.
    for x_mm, y_mm in [(qr.x() + 0.3, qr.y() + 0.3), (qr.right() - 0.3, qr.bottom() - 0.3)]:
        assert image.pixelColor(round(x_mm * 12), round(y_mm * 12)).lightness() == 255
    pdf = tmp_path / "long.pdf"
    render_badges([view], pdf, CR80)
    (png,) = pdf_to_pngs(pdf, tmp_path)
    assert decode_qr(png) == [view.payload]
    text = " ".join(pdf_text(pdf).split())
    assert "Maria Fernanda" in text and "Asociación" in text


def test_the_preview_image_is_drawn_by_the_same_code(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner, tmp_path: Path
) -> None:
    view = _job_view(fair, allocator, desk_signer, "delegate")
    image = render_image(view, A6, px_per_mm=6)
    assert (image.width(), image.height()) == (630, 888)
    assert image.format() == QImage.Format.Format_ARGB32_Premultiplied
    png = tmp_path / "preview.png"
    assert image.save(str(png))
    assert decode_qr(png) == [view.payload]


def test_a_missing_photo_prints_a_placeholder(fair: Fair, tmp_path: Path) -> None:
    view = BadgeView(
        badge_type="delegate",
        name="王芳",
        name_latin="WANG Fang",
        organisation="组委会",
        type_zh="参会代表",
        type_en="Delegate",
        code="DAAAAA-000001",
        payload="FD" + "A" * 100,
        photo=b"not an image",
    )
    pdf = tmp_path / "placeholder.pdf"
    render_badges([view], pdf, CR80)
    assert "No photo" in pdf_text(pdf)


def test_nothing_to_render_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_badges([], tmp_path / "empty.pdf", CR80)


def test_unknown_badge_types_print_grey_not_another_types_colour() -> None:
    layout = layout_for(str(uuid.uuid4()), CR80)
    assert layout.palette.strong not in [p.strong for p in TYPE_PALETTES.values()]
