"""What the operator must judge by eye: the rules no offline pixel measure can answer honestly."""

from __future__ import annotations

from desk.models.photo.report import PhotoKind

ManualCheck = tuple[str, str, str, str, str]  # code, zh, en, why_zh, why_en

_PORTRAIT: list[ManualCheck] = [
    (
        "manual.bare_headed",
        "免冠：未戴帽子、头巾（宗教原因除外），头发未遮住脸",
        "Bare-headed: no hat or cap (religious head covering aside), hair off the face",
        "帽子在像素上和头发无法可靠区分，软件检查不了",
        "A hat cannot be told from hair reliably by pixels, so the software does not check it",
    ),
    (
        "manual.eyes_open",
        "双眼睁开、清楚可见，眼镜无反光、无墨镜",
        "Eyes open and clearly visible; no glare on glasses, no sunglasses",
        "离线的人脸检测只给出眼睛的位置，看不出睁眼或反光",
        "The offline face detector finds where the eyes are, "
        "not whether they are open or hidden by glare",
    ),
    (
        "manual.neutral_expression",
        "表情自然，嘴巴闭合",
        "Neutral expression, mouth closed",
        "表情需要专门的模型，离线无法可靠判断",
        "Expression needs a dedicated model; it cannot be judged reliably offline",
    ),
    (
        "manual.face_clean",
        "脸上没有污点、墨迹或修图痕迹",
        "No spots, ink marks or retouching on the face",
        "脸上的痣、胡须和污点在像素上无法区分；软件只检查背景上的斑点",
        "Moles, stubble and smudges look alike to a pixel rule; "
        "the software only checks spots on the background",
    ),
]

_LICENCE: list[ManualCheck] = [
    (
        "manual.licence_upright",
        "执照方向正确（文字正向，不是倒置或侧放）",
        "The licence is the right way up (text upright, not upside down or sideways)",
        "没有文字识别无法判断页面方向；软件只检查 EXIF 旋转标记",
        "Page direction needs text recognition; the software checks only the EXIF rotation tag",
    ),
    (
        "manual.licence_complete",
        "执照完整：四个角和边框都在画面内",
        "The whole licence is in the picture: all four corners and the frame",
        "软件无法知道原件的边缘在哪里",
        "The software cannot know where the original's edges are",
    ),
    (
        "manual.licence_legible",
        "文字清楚可读，特别是统一社会信用代码",
        "The text is legible, the unified social credit code above all",
        "清晰度只能用文字识别来验证，离线不做",
        "Legibility can only be proven by reading the text, which is not done offline",
    ),
    (
        "manual.licence_unmarked",
        "没有涂改、水印或其他网站的标识",
        "No marks, watermarks or other sites' logos",
        "标识和水印的样子无法预先列举",
        "Logos and watermarks cannot be listed in advance",
    ),
]


def manual_checks(kind: PhotoKind) -> list[ManualCheck]:
    """The checks the operator ticks for this kind of photo, with why the software cannot."""
    return list(_LICENCE if kind == "licence" else _PORTRAIT)
