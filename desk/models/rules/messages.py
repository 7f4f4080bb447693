"""Field labels and the wording of the errors every form shares, in Chinese and English.

Operators read these at a busy counter: short, concrete, and naming the field.
"""

from __future__ import annotations

from desk.models.rules.errors import RuleError

# field name -> (Chinese label, English label at the start of a sentence)
LABELS: dict[str, tuple[str, str]] = {
    # account
    "identifier": ("企业/机构标识", "Enterprise identifier"),
    "admin_username": ("管理员用户名", "Admin username"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "registration_region": ("注册地区", "Registration region"),
    "contact_mobile": ("联系手机号", "Contact mobile"),
    "contact_email": ("联系邮箱", "Contact e-mail"),
    "display_name": ("对外显示名", "Display name"),
    "consent_terms_version": ("注册协议版本", "Terms version"),
    "consent_agreed": ("注册协议", "Registration terms"),
    # enterprise
    "name": ("名称", "Name"),
    "nature": ("单位性质", "Nature"),
    "region": ("注册地", "Registered in"),
    "province": ("省份", "Province"),
    "country": ("国家或地区", "Country"),
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "industry": ("所属行业", "Industry"),
    "interested_sectors": ("感兴趣的行业领域", "Interested sectors"),
    "company_type": ("公司类型", "Company type"),
    "fortune500": ("是否为财富世界500强", "Fortune Global 500"),
    "fortune500_company": ("世界500强企业", "Fortune Global 500 company"),
    "website": ("网址", "Website"),
    "introduction": ("单位简介", "Introduction"),
    # participation
    "participation": ("参展/参会", "Participation"),
    "exhibitor_type": ("参展类型", "Exhibitor type"),
    "attendee_type": ("参会类型", "Attendee type"),
    "invitation_code": ("邀请码", "Invitation code"),
    "contact_name": ("联系人姓名", "Contact name"),
    "contact_position": ("联系人职务", "Contact position"),
    "contact_phone": ("联系人电话", "Contact phone"),
    "purposes": ("参展/参会目的", "Purposes"),
    "exhibit_content": ("参展内容", "Exhibit content"),
    "exhibit_needs": ("参展需求", "Exhibit needs"),
    # people
    "nationality": ("国籍", "Nationality"),
    "gender": ("性别", "Gender"),
    "doc_type": ("证件类型", "Document type"),
    "doc_number": ("证件号码", "Document number"),
    "birthday": ("出生日期", "Birthday"),
    "mobile": ("手机号码", "Mobile"),
    "email": ("电子邮箱", "E-mail"),
    "duty": ("用户职责", "Duty"),
    "position": ("职务", "Position"),
    "surname": ("姓", "Surname"),
    "given_name": ("名", "Given name"),
    "kind": ("嘉宾类型", "Guest kind"),
    "organisation": ("单位名称", "Organisation"),
    # host organisation
    "name_en": ("英文名称", "English name"),
    "field": ("所属领域", "Field"),
    "industry_category": ("行业类别", "Industry category"),
    "licence_sha256": ("营业执照扫描件", "Business licence scan"),
    "address": ("地址", "Address"),
    "postcode": ("邮编", "Postcode"),
    "phone": ("联系电话", "Phone"),
    # badges
    "badge_type": ("证件类型", "Badge type"),
}


# Fields whose label depends on the form: (form, field) -> labels.
FORM_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("enterprise", "name"): ("企业名称", "Enterprise name"),
    ("person", "name"): ("姓名", "Name"),
    ("guest", "name"): ("姓名", "Name"),
    ("host_org", "name"): ("机构名称", "Organisation name"),
    ("host_org", "website"): ("官方网站", "Website"),
}

Label = tuple[str, str]


def label(field: str, form: str = "") -> Label:
    """(Chinese, English) label of a field, as the given form calls it."""
    found = FORM_LABELS.get((form, field)) or LABELS.get(field)
    return found or (field, field.replace("_", " ").capitalize())


def required(field: str, *, choose: bool = False, labels: Label | None = None) -> RuleError:
    zh, en = labels or label(field)
    if choose:
        return RuleError(field, "required", f"请选择{zh}", f"{en}: choose one")
    return RuleError(field, "required", f"请填写{zh}", f"{en} is required")


def bad_type(field: str, *, labels: Label | None = None) -> RuleError:
    zh, en = labels or label(field)
    return RuleError(
        field, "bad_type", f"{zh}的数据类型不正确", f"{en} has the wrong type of value"
    )


def too_short(field: str, minimum: int, *, labels: Label | None = None) -> RuleError:
    zh, en = labels or label(field)
    return RuleError(
        field,
        "too_short",
        f"{zh}至少需要{minimum}个字符",
        f"{en} needs at least {minimum} characters",
    )


def too_long(field: str, maximum: int, *, labels: Label | None = None) -> RuleError:
    zh, en = labels or label(field)
    return RuleError(
        field, "too_long", f"{zh}最多{maximum}个字符", f"{en} can have at most {maximum} characters"
    )


def not_in_list(field: str, *, labels: Label | None = None) -> RuleError:
    zh, en = labels or label(field)
    return RuleError(field, "not_in_list", f"{zh}不在可选范围内", f"{en} is not one of the choices")


def bad_date(field: str, *, labels: Label | None = None) -> RuleError:
    zh, en = labels or label(field)
    return RuleError(
        field,
        "bad_date",
        f"{zh}不是有效日期（格式 YYYY-MM-DD）",
        f"{en} is not a real date (YYYY-MM-DD)",
    )
