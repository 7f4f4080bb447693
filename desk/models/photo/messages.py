"""Bilingual wording of the photo checks: what was measured, and what the operator can do."""

from __future__ import annotations

from typing import Any

from desk.models.photo.decode import DecodeFailure
from desk.models.photo.report import Check

_DECODE: dict[str, tuple[str, str, str, str]] = {
    "file.empty": (
        "文件为空（0 字节）",
        "The file is empty (0 bytes)",
        "重新拍照，或重新导出该文件",
        "Take the photo again, or export the file again",
    ),
    "file.not_image": (
        "不是 JPEG 或 PNG 图片",
        "Not a JPEG or PNG image",
        "用相机或扫描仪另存为 JPEG",
        "Save it from the camera or scanner as JPEG",
    ),
    "file.too_many_pixels": (
        "图片像素过多，未解码",
        "The picture has too many pixels; it was not decoded",
        "缩小后另存，再检查",
        "Save a smaller copy and check that",
    ),
    "file.truncated": (
        "文件不完整（被截断或损坏）",
        "The file is truncated or damaged",
        "重新复制或重新导出该文件",
        "Copy or export the file again",
    ),
    "file.unreadable": (
        "图片无法解码",
        "The picture cannot be decoded",
        "用看图软件打开后另存为 JPEG",
        "Open it in an image viewer and save it as JPEG",
    ),
    "file.metadata": (
        "文件附带的元数据（EXIF 等）过大",
        "The file carries too much metadata (EXIF and the like)",
        "另存一份不带元数据的 JPEG",
        "Save a copy without metadata as JPEG",
    ),
    "file.too_large": (
        "文件超过 64 MB，未读取",
        "The file is over 64 MB and was not read",
        "确认它是照片；照片另存为 JPEG",
        "Check that it is a photo; save photos as JPEG",
    ),
    "file.missing": (
        "文件无法读取",
        "The file cannot be read",
        "检查文件路径和权限",
        "Check the file's path and permissions",
    ),
}


def decode_check(failure: DecodeFailure) -> Check:
    zh, en, hint_zh, hint_en = _DECODE.get(failure.code, _DECODE["file.unreadable"])
    return Check(failure.code, False, failure.value, zh, en, hint_zh, hint_en)


def missing_check(detail: str) -> Check:
    zh, en, hint_zh, hint_en = _DECODE["file.missing"]
    return Check("file.missing", False, detail, zh, en, hint_zh, hint_en)


def too_large_check(size: int) -> Check:
    zh, en, hint_zh, hint_en = _DECODE["file.too_large"]
    return Check("file.too_large", False, size, zh, en, hint_zh, hint_en)


def check(code: str, ok: bool, value: Any, text: tuple[str, str], hint: tuple[str, str]) -> Check:
    """A check whose hint is kept only when it failed (a passing rule needs no action)."""
    return Check(code, ok, value, text[0], text[1], *(("", "") if ok else hint))


def kb(n: int) -> str:
    return f"{n / 1000:.0f} KB" if n >= 10_000 else f"{n} B"


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


BACKGROUND_SEEN_ZH = {
    "white": "白色",
    "blue": "蓝色",
    "grey": "灰色（偏暗）",
    "uneven": "不均匀（有阴影或杂物）",
    "covered": "被遮挡（边缘处有物体）",
    "coloured": "彩色",
}
BACKGROUND_HINT = {
    "grey": (
        "把白色背景布照亮一些：它在照片里是灰色的",
        "Light the white screen more brightly: it comes out grey",
    ),
    "uneven": (
        "用白色背景布并均匀打光；人离背景布一步远，避免阴影",
        "Use the white screen, lit evenly; stand a step away from it so no shadow falls on it",
    ),
    "covered": (
        "背景布前不要有别的东西，人和衣物离照片边缘远一些",
        "Keep everything but the person off the screen, "
        "and keep the person clear of the photo's edges",
    ),
    "coloured": ("使用白色背景布", "Use the white screen"),
    "blue": ("使用白色背景布", "Use the white screen"),
    "white": ("", ""),
}
