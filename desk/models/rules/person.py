"""People: enterprise personnel here, and the identity fields host staff and guests share.

The document must fit the nationality, and what the number encodes (birth date, gender,
region) must agree with the fields beside it: the desk fills those from the number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from desk.models import refdata
from desk.models.rules import contact, messages
from desk.models.rules.accounts import login_name
from desk.models.rules.doccheck import WARNINGS, DocumentCheck
from desk.models.rules.documents import check_doc_number
from desk.models.rules.enterprise import foreign_country
from desk.models.rules.errors import RuleError
from desk.models.rules.forms import FormReader, FormResult
from desk.models.rules.normalize import fold_name_dots

# Besides letters and combining marks, what a real name may contain.
_NAME_PUNCTUATION = frozenset(" ·.-'")
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def is_latin_name(text: str) -> bool:
    """Only Latin-script letters (accents allowed) and name punctuation."""
    return all(
        char in _NAME_PUNCTUATION
        or unicodedata.category(char).startswith("M")
        or (char.isalpha() and unicodedata.name(char, "").startswith("LATIN"))
        for char in text
    )


def read_person_name(form: FormReader, name: str, *, latin: bool, max_len: int) -> str | None:
    text = form.text(name, max_len=max_len)
    if text is None:
        return None
    # A space typed between two Chinese characters is a slip, not part of the name.
    text = _HAN_SPACE.sub("", fold_name_dots(text))
    zh, en = form.label(name)
    if not all(
        char in _NAME_PUNCTUATION or char.isalpha() or unicodedata.category(char).startswith("M")
        for char in text
    ):
        form.add(
            RuleError(
                name,
                "bad_characters",
                f"{zh}只能包含文字、空格和“·.-'”",
                f"{en} may only contain letters, spaces and · . - '",
            )
        )
        form.set(name, None)
        return None
    if latin and not is_latin_name(text):
        form.add(
            RuleError(
                name,
                "not_latin",
                f"境外人员的{zh}须填写英文（拉丁字母）",
                f"{en} of a person from abroad must be in Latin letters, as in the passport",
            )
        )
        form.set(name, None)
        return None
    form.set(name, text)
    return text


def _document(form: FormReader, nationality: str | None, today: date) -> DocumentCheck | None:
    doc_type = form.choice("doc_type", refdata.codes("doc_types"))
    form.set("doc_number", None)
    if doc_type is not None and nationality is not None:
        if doc_type not in refdata.doc_types_for(nationality):
            allowed = "、".join(
                refdata.label("doc_types", c) for c in refdata.doc_types_for(nationality)
            )
            allowed_en = ", ".join(
                refdata.label("doc_types", c, "en").lower()
                for c in refdata.doc_types_for(nationality)
            )
            form.add(
                RuleError(
                    "doc_type",
                    "doc_type_not_allowed",
                    f"该国籍可用的证件：{allowed}",
                    f"Documents for this nationality: {allowed_en}",
                )
            )
            doc_type = None
            form.set("doc_type", None)
    if doc_type is None:
        if not form.present("doc_number"):
            form.add(messages.required("doc_number"))
        return None
    check = form.checked(
        "doc_number", check_doc_number(doc_type, form.data.get("doc_number"), today=today)
    )
    if check is None:
        return None
    region = check.fields.get("region")
    if doc_type in ("residence_permit", "hk_mo_permit") and region != nationality:
        form.add(
            RuleError(
                "doc_number",
                "region_mismatch",
                "证件号码所属地区与国籍不一致（香港H/810000，澳门M/820000，台湾830000）",
                "The number belongs to another region than the nationality "
                "(Hong Kong H/810000, Macao M/820000, Taiwan 830000)",
            )
        )
        form.set("doc_number", None)
        return None
    country = form.values.get("country")
    doc_country = check.fields.get("nationality")
    if doc_type == "foreign_permanent_id" and country and doc_country and doc_country != country:
        form.warn(RuleError("doc_number", "country_mismatch", *WARNINGS["country_mismatch"]))
    return check


def _contacts(form: FormReader, nationality: str | None) -> None:
    form.set("mobile", None)
    form.set("email", None)
    if nationality == "mainland":
        mobile = contact.check_mobile(form.data.get("mobile"), mainland_only=True)
        form.checked("mobile", mobile)
    else:
        if form.present("mobile"):
            form.checked("mobile", contact.check_mobile(form.data.get("mobile")))
        elif nationality is not None and not form.present("email"):
            form.add(
                RuleError(
                    "mobile",
                    "contact_required",
                    "请至少填写手机号码或电子邮箱中的一项",
                    "Enter a mobile number or an e-mail address, at least one of them",
                )
            )
    if form.present("email"):
        form.checked("email", contact.check_email(form.data.get("email")))


def read_identity(
    form: FormReader,
    *,
    today: date,
    names: Sequence[str],
    name_max: int,
    with_birthday: bool,
    default_nationality: str | None = None,
) -> None:
    """Nationality, country, names, gender, document, birthday, mobile and e-mail."""
    nationality = form.choice(
        "nationality", refdata.codes("nationalities"), default=default_nationality
    )
    form.set("country", None)
    if nationality == "abroad":
        foreign_country(form, "country")
    for name in names:
        read_person_name(form, name, latin=nationality == "abroad", max_len=name_max)
    gender = form.choice("gender", refdata.codes("genders"))
    document = _document(form, nationality, today)
    birthday = form.past_date("birthday", today=today) if with_birthday else None
    if document is not None:
        if birthday and document.birthday and birthday != document.birthday:
            encoded = document.birthday.isoformat()
            form.add(
                RuleError(
                    "birthday",
                    "birthday_mismatch",
                    f"出生日期与证件号码不一致（号码中为 {encoded}）",
                    f"The birthday differs from the document number ({encoded})",
                )
            )
        if gender and document.gender and gender != document.gender:
            form.add(
                RuleError(
                    "gender",
                    "gender_mismatch",
                    f"性别与证件号码不一致（号码中为{refdata.label('genders', document.gender)}）",
                    f"The gender differs from the document number ({document.gender})",
                )
            )
    _contacts(form, nationality)


def check_person(data: Mapping[str, Any], *, today: date | None = None) -> FormResult:
    """Enterprise personnel (企业人员)."""
    form = FormReader(data, "person")
    read_identity(
        form, today=today or date.today(), names=("name",), name_max=100, with_birthday=True
    )
    form.choice("duty", refdata.codes("duties"))
    form.choice("position", refdata.codes("positions"))
    form.set("username", None)
    if form.present("username"):
        username, error = login_name("username", form.data["username"], lowercase_only=True)
        form.add(error)
        form.set("username", username)
    form.text("display_name", required=False, max_len=100)
    return form.result()
