"""Made-up but well-formed data for a demo fair: names, valid document numbers and credit
codes (real check digits), and plainly drawn placeholder portraits marked DEMO."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘"
    "袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦"
    "邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文单解"
)
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "晓东",
    "子涵",
    "雨桐",
    "浩然",
    "思远",
]
FOREIGN_FIRST = [
    "James",
    "Maria",
    "Hiroshi",
    "Anna",
    "Lukas",
    "Sofia",
    "Omar",
    "Priya",
    "Noah",
    "Elena",
    "Mateo",
    "Chloe",
    "Ahmed",
    "Yuki",
    "Olivia",
    "Jonas",
]
FOREIGN_LAST = [
    "Smith",
    "Garcia",
    "Tanaka",
    "Muller",
    "Rossi",
    "Kowalski",
    "Haddad",
    "Sharma",
    "Johnson",
    "Petrov",
    "Silva",
    "Martin",
    "Kim",
    "Nguyen",
    "Schmidt",
    "Dubois",
]
FOREIGN_COUNTRIES = ["US", "DE", "JP", "GB", "FR", "IT", "KR", "SG", "AU", "CA", "BR", "IN"]
CN_ORG_WORDS = [
    "华信",
    "中科",
    "京融",
    "海川",
    "博远",
    "云启",
    "恒泰",
    "瑞丰",
    "天成",
    "鼎盛",
    "嘉禾",
    "国联",
    "新元",
    "东方",
    "长城",
    "汇通",
    "智联",
    "星河",
]
CN_ORG_FIELDS = [
    "信息技术",
    "管理咨询",
    "文化传媒",
    "国际物流",
    "教育科技",
    "医疗健康",
    "金融服务",
    "旅游发展",
    "建筑设计",
    "环境工程",
    "数字服务",
    "供应链管理",
]
CN_ORG_FORMS = ["有限公司", "股份有限公司", "集团有限公司", "研究院"]
FOREIGN_ORG = [
    "Northwind Consulting",
    "Bluehill Logistics",
    "Atlas Digital Services",
    "Meridian Health Partners",
    "Silverline Education",
    "Harbor Finance Group",
    "Cobalt Engineering",
    "Verdant Environmental",
    "Pinnacle Tourism",
    "Lumen Media",
]
HOST_ORGS = [
    "北京市商务局",
    "上海市商务委员会",
    "广东省商务厅",
    "中国国际贸易促进委员会",
    "中国服务贸易协会",
    "浙江省商务厅",
    "四川省商务厅",
    "德国代表团",
    "日本代表团",
    "新加坡代表团",
    "英国代表团",
    "香港贸易发展局",
]
# Guests of host organisations: made-up institutions and titles.
GUEST_ORGS = ["北京服务贸易研究院", "华东国际经济研究中心", "京津冀数字经济联盟", "海川国际商会"]
GUEST_POSITIONS = ["研究员", "秘书长", "副会长", "首席经济学家"]
FOREIGN_GUEST_POSITIONS = ["Director", "Trade Commissioner", "Senior Advisor", "Chairman"]
AREA_CODES = ["110105", "110108", "310104", "440305", "330106", "510107", "420106", "320102"]


def id_check(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    r = (12 - total % 11) % 11
    return "X" if r == 10 else str(r)


def resident_id(rng: random.Random, birthday: date, male: bool) -> str:
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{rng.choice(AREA_CODES)}{birthday:%Y%m%d}{seq:03d}"
    return body + id_check(body)


def uscc(rng: random.Random) -> str:
    org8 = "".join(rng.choice("0123456789") for _ in range(8))
    c = 11 - sum(int(d) * w for d, w in zip(org8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    body = "91" + rng.choice(AREA_CODES) + org8 + ("X" if c == 10 else "0" if c == 11 else str(c))
    total = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


def passport_number(rng: random.Random) -> str:
    return rng.choice("CEGKLNPX") + "".join(rng.choice("0123456789") for _ in range(8))


def hk_permit(rng: random.Random) -> str:
    return "H" + "".join(rng.choice("0123456789") for _ in range(8))


def birthday(rng: random.Random) -> date:
    return date(1958, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45))


def chinese_name_parts(rng: random.Random) -> tuple[str, str]:
    """Surname and given name: host staff forms ask for them apart."""
    return rng.choice(SURNAMES), rng.choice(GIVEN)


def chinese_name(rng: random.Random) -> str:
    return "".join(chinese_name_parts(rng))


def foreign_name_parts(rng: random.Random) -> tuple[str, str]:
    """Given name and surname, in the order a Latin-script name is written."""
    return rng.choice(FOREIGN_FIRST), rng.choice(FOREIGN_LAST)


def foreign_name(rng: random.Random) -> str:
    return " ".join(foreign_name_parts(rng))


def chinese_org(rng: random.Random, index: int) -> str:
    words, field, form = (rng.choice(x) for x in (CN_ORG_WORDS, CN_ORG_FIELDS, CN_ORG_FORMS))
    return f"北京{words}{field}{form}{index}"


def mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "186", "150", "177"]) + "".join(
        rng.choice("0123456789") for _ in range(8)
    )


def demo_portrait(
    label: str,
    background: tuple[int, int, int] = (255, 255, 255),
    size: tuple[int, int] = (600, 800),
) -> bytes:
    """A flat drawn silhouette with DEMO across it: obviously not a photograph of anyone.

    Drawn 600 px wide at the shape of `size`, then scaled to it (a one-inch photo is
    295 x 413), so the silhouette keeps its proportions; 600 x 800 is drawn as before.
    """
    from PIL import Image, ImageDraw

    canvas = (600, round(600 * size[1] / size[0]))
    image = Image.new("RGB", canvas, background)
    draw = ImageDraw.Draw(image)
    grey = (150, 158, 170)
    draw.ellipse((190, 140, 410, 400), fill=grey)  # head
    draw.rounded_rectangle((90, 430, 510, 900), radius=160, fill=grey)  # shoulders
    draw.rectangle((0, 330, 600, 420), fill=(200, 30, 30))
    draw.text((150, 345), "DEMO", fill=(255, 255, 255), font_size=72)
    draw.text((20, canvas[1] - 40), f"placeholder {label}", fill=(90, 90, 90), font_size=22)
    if canvas != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
