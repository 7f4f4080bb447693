"""The catalogue of composed test photos: good ones, and bad ones derived from good ones.

Each bad case changes one thing and names the check that must fail for it. `exact` cases
must fail that check and nothing else; the others may fail more (a photo with no face is
also a small file).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from tests.photo import photo_compose as pc

BLUE = (67, 142, 219)
ONE_INCH = (295, 413)
# Spots in the clear background beside the head, where an operator would see them.
SPOT_POINTS = [(30, 110), (570, 110), (110, 50), (490, 50)]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    make: Callable[[], bytes]
    fails: frozenset[str] = frozenset()
    exact: bool = True

    @property
    def good(self) -> bool:
        return not self.fails


def _badge(name: str, make: Callable[[], bytes], *fails: str, exact: bool = True) -> Case:
    return Case(name, "badge", make, frozenset(fails), exact)


def _one_inch(name: str, make: Callable[[], bytes], *fails: str, exact: bool = True) -> Case:
    return Case(name, "one-inch", make, frozenset(fails), exact)


def _licence(name: str, make: Callable[[], bytes], *fails: str, exact: bool = True) -> Case:
    return Case(name, "licence", make, frozenset(fails), exact)


def _inch(name: str, **kw: object) -> Image.Image:
    return pc.compose(name, size=ONE_INCH, ratio=0.62, crown_at=0.10, **kw)  # type: ignore[arg-type]


def _gif(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "GIF")
    return out.getvalue()


def good_cases() -> list[Case]:
    # The astronaut and hopper originals are 512 px: at badge size only hopper keeps the
    # sharpness the rules ask for, so obama and hopper are the good badge photos; the
    # astronaut joins at one-inch size, where nothing is enlarged.
    return [
        _badge("obama", lambda: pc.jpeg(pc.compose("obama"))),
        _badge("obama-head-74", lambda: pc.jpeg(pc.compose("obama", ratio=0.74))),
        _badge("obama-head-80", lambda: pc.jpeg(pc.compose("obama", ratio=0.80, crown_at=0.04))),
        _badge("obama-off-centre", lambda: pc.jpeg(pc.compose("obama", shift_x=0.05))),
        _badge("obama-crown-high", lambda: pc.jpeg(pc.compose("obama", crown_at=0.025))),
        _badge("obama-tilt-4", lambda: pc.jpeg(pc.compose("obama", tilt=4))),
        _badge("obama-greyscale", lambda: pc.jpeg(pc.compose("obama").convert("L"))),
        _badge("obama-q85", lambda: pc.jpeg(pc.compose("obama"), quality=85)),
        _badge("hopper", lambda: pc.jpeg(pc.compose("hopper"))),
        _badge("hopper-head-78", lambda: pc.jpeg(pc.compose("hopper", ratio=0.78))),
        _badge("hopper-tilt-minus-4", lambda: pc.jpeg(pc.compose("hopper", tilt=-4))),
        _badge("hopper-444", lambda: pc.jpeg(pc.compose("hopper"), quality=90, subsampling=0)),
        _one_inch("obama-white", lambda: pc.jpeg(_inch("obama"))),
        _one_inch("obama-blue", lambda: pc.jpeg(_inch("obama", background=BLUE))),
        _one_inch("hopper-white", lambda: pc.jpeg(_inch("hopper"))),
        _one_inch("hopper-blue", lambda: pc.jpeg(_inch("hopper", background=BLUE))),
        _one_inch("astronaut-white", lambda: pc.jpeg(_inch("astronaut"))),
        _one_inch("astronaut-blue", lambda: pc.jpeg(_inch("astronaut", background=BLUE))),
        _licence("scan-jpeg", lambda: pc.jpeg(pc.licence_page(), quality=70)),
        _licence("scan-png", lambda: pc.png(pc.licence_page())),
    ]


def bad_cases() -> list[Case]:
    good = lambda name="obama", **kw: pc.compose(name, **kw)  # noqa: E731
    return [
        _badge("grey-228", lambda: pc.jpeg(good(background=(228, 228, 228))), "background.colour"),
        _badge(
            "hopper-grey-228",
            lambda: pc.jpeg(good("hopper", background=(228, 228, 228))),
            "background.colour",
        ),
        _badge(
            "shadow", lambda: pc.jpeg(good(background=pc.gradient(255, 205))), "background.colour"
        ),
        _badge(
            "hopper-shadow",
            lambda: pc.jpeg(good("hopper", background=pc.gradient(205, 255))),
            "background.colour",
        ),
        _badge("blue", lambda: pc.jpeg(good(background=BLUE)), "background.colour"),
        _badge(
            "frame", lambda: pc.jpeg(pc.framed(good(), 4, (200, 200, 200))), "background.border"
        ),
        _badge(
            "frame-dark",
            lambda: pc.jpeg(pc.framed(good(), 12, (60, 60, 60))),
            "background.border",
            exact=False,
        ),
        _badge("spots", lambda: pc.jpeg(pc.spotted(good(), SPOT_POINTS)), "background.spots"),
        _badge(
            "hopper-spots",
            lambda: pc.jpeg(pc.spotted(good("hopper"), SPOT_POINTS)),
            "background.spots",
        ),
        _badge("head-small", lambda: pc.jpeg(good(ratio=0.6, crown_at=0.15)), "head.size"),
        _badge(
            "hopper-head-small",
            lambda: pc.jpeg(good("hopper", ratio=0.62, crown_at=0.15)),
            "head.size",
        ),
        _badge(
            "head-too-big",
            lambda: pc.jpeg(good(ratio=0.95, crown_at=0.02)),
            "head.size",
            exact=False,
        ),
        _badge("head-cut-off", lambda: pc.jpeg(good(crown_at=-0.03)), "head.crown", exact=False),
        _badge(
            "hopper-head-cut-off",
            lambda: pc.jpeg(good("hopper", crown_at=-0.03)),
            "head.crown",
            exact=False,
        ),
        _badge(
            "far-away",
            lambda: pc.jpeg(good(ratio=0.35, crown_at=0.2)),
            "face.eye_distance",
            "head.size",
        ),
        _badge("blur", lambda: pc.jpeg(pc.blur(good(), 1.5)), "face.sharpness"),
        _badge("hopper-blur", lambda: pc.jpeg(pc.blur(good("hopper"), 1.5)), "face.sharpness"),
        _badge("biden-enlarged", lambda: pc.jpeg(good("biden")), "face.sharpness", exact=False),
        _badge("tilted", lambda: pc.jpeg(good(tilt=14)), "face.roll"),
        _badge("hopper-tilted", lambda: pc.jpeg(good("hopper", tilt=-14)), "face.roll"),
        _badge("exif-6", lambda: pc.with_orientation(good(), 6), "file.orientation"),
        _badge("exif-8", lambda: pc.with_orientation(good("hopper"), 8), "file.orientation"),
        _badge(
            "turned-no-tag",
            lambda: pc.jpeg(good().transpose(Image.Transpose.ROTATE_90)),
            "file.dimensions",
            exact=False,
        ),
        _badge("file-too-small", lambda: pc.jpeg(good(), quality=60), "file.size"),
        _badge(
            "file-too-big",
            lambda: pc.jpeg(pc.noisy(good(), 6), quality=100, subsampling=0),
            "file.size",
        ),
        _badge(
            "wrong-size", lambda: pc.jpeg(good(size=(480, 640))), "file.dimensions", exact=False
        ),
        _badge("png-as-jpg", lambda: pc.png(good()), "file.format"),
        _badge("cmyk", lambda: pc.jpeg(good().convert("CMYK")), "file.colour_mode", exact=False),
        _badge(
            "two-people", lambda: pc.jpeg(pc.pair("obama", "hopper")), "face.count", exact=False
        ),
        _badge(
            "no-face",
            lambda: pc.jpeg(Image.new("RGB", (600, 800), "white"), quality=95),
            "face.count",
            exact=False,
        ),
        _badge(
            "under-exposed",
            lambda: pc.jpeg(good(person=pc.gain(0.3))),
            "exposure.dynamic_range",
            exact=False,
        ),
        _badge(
            "over-exposed",
            lambda: pc.jpeg(good(person=pc.gain(1.9))),
            "exposure.clipped",
            exact=False,
        ),
        _badge("side-light", lambda: pc.jpeg(good(person=pc.side_light(0.3))), "exposure.balance"),
        _badge(
            "hopper-side-light",
            lambda: pc.jpeg(good("hopper", person=pc.side_light(0.3))),
            "exposure.balance",
        ),
        _one_inch(
            "red", lambda: pc.jpeg(_inch("obama", background=(200, 30, 30))), "background.colour"
        ),
        _one_inch(
            "grey",
            lambda: pc.jpeg(_inch("hopper", background=(228, 228, 228))),
            "background.colour",
        ),
        _one_inch("badge-size", lambda: pc.jpeg(good()), "file.dimensions"),
        _one_inch("blur", lambda: pc.jpeg(pc.blur(_inch("obama"), 1.5)), "face.sharpness"),
        _one_inch(
            "head-small",
            lambda: pc.jpeg(pc.compose("obama", size=ONE_INCH, ratio=0.42, crown_at=0.2)),
            "head.size",
        ),
        _one_inch(
            "head-big",
            lambda: pc.jpeg(pc.compose("hopper", size=ONE_INCH, ratio=0.86, crown_at=0.03)),
            "head.size",
        ),
        _one_inch("png", lambda: pc.png(_inch("hopper")), "file.format"),
        _licence(
            "low-resolution", lambda: pc.jpeg(pc.licence_page((800, 566))), "licence.resolution"
        ),
        _licence(
            "blank", lambda: pc.jpeg(Image.new("RGB", (1654, 1169), "white")), "licence.content"
        ),
        _licence("too-big", lambda: pc.png(pc.noisy(pc.licence_page(), 4)), "file.size"),
        _licence(
            "exif-6",
            lambda: pc.with_orientation(pc.licence_page(), 6),
            "file.orientation",
            exact=False,
        ),
        _licence("gif", lambda: _gif(pc.licence_page()), "file.not_image"),
    ]
