"""Every field rule of the fair, in one place: the desk's forms, the sync module and the
central service all call these. A failed rule is a `RuleError` (field, stable code, Chinese
and English message); a form check returns all of them at once in a `FormResult`.
"""

from __future__ import annotations

from desk.models.rules.accounts import (
    check_account,
    check_identifier,
    check_password,
    check_personnel_username,
    generate_password,
    suggest_identifier,
)
from desk.models.rules.badges import allowed_badge_types, check_badge_type
from desk.models.rules.contact import check_email, check_mobile, check_phone
from desk.models.rules.doccheck import WARNINGS, DocumentCheck
from desk.models.rules.documents import (
    DOC_TYPE_KINDS,
    DOCUMENT_KINDS,
    check_doc_number,
    check_document,
)
from desk.models.rules.enterprise import (
    check_enterprise,
    check_invitation_code,
    check_participation,
    check_url,
)
from desk.models.rules.errors import RuleError, ValidationFailed
from desk.models.rules.forms import FormResult
from desk.models.rules.host import check_guest, check_host_org, check_host_staff
from desk.models.rules.masking import mask_document, mask_phone
from desk.models.rules.mrz import clean_mrz, parse_td3
from desk.models.rules.normalize import enterprise_name_key, normalize_document, normalize_text
from desk.models.rules.person import check_person

__all__ = [
    "DOCUMENT_KINDS",
    "DOC_TYPE_KINDS",
    "WARNINGS",
    "DocumentCheck",
    "FormResult",
    "RuleError",
    "ValidationFailed",
    "allowed_badge_types",
    "check_account",
    "check_badge_type",
    "check_doc_number",
    "check_document",
    "check_email",
    "check_enterprise",
    "check_guest",
    "check_host_org",
    "check_host_staff",
    "check_identifier",
    "check_invitation_code",
    "check_mobile",
    "check_participation",
    "check_password",
    "check_person",
    "check_personnel_username",
    "check_phone",
    "check_url",
    "clean_mrz",
    "enterprise_name_key",
    "generate_password",
    "mask_document",
    "mask_phone",
    "normalize_document",
    "normalize_text",
    "parse_td3",
    "suggest_identifier",
]
