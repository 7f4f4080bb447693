"""Enterprise information and participation."""

from __future__ import annotations

from typing import Any

import pytest

from desk.models import refdata
from desk.models.refdata import Fortune500List
from desk.models.rules import check_enterprise, check_participation, check_url

INTRO = "本公司专注于文化旅游服务，" * 5  # 65 characters

ENTERPRISE: dict[str, Any] = {
    "name": "北京示例文化发展有限公司",
    "nature": "enterprise",
    "region": "mainland",
    "province": "110000",
    "uscc": "91110000600037341L",
    "industry": "recreation",
    "interested_sectors": ["culture_tourism", "finance"],
    "company_type": "domestic",
    "fortune500": False,
    "website": "",
    "introduction": INTRO,
}


def codes(result) -> dict[str, str]:
    return {e.field: e.code for e in result.errors}


def test_valid_mainland_enterprise() -> None:
    result = check_enterprise(ENTERPRISE)
    assert result.ok, result.errors
    assert result.values["uscc"] == "91110000600037341L"
    assert result.values["country"] is None
    assert result.values["fortune500_company"] is None
    assert result.values["website"] == ""
    assert set(result.values) == set(ENTERPRISE) | {"country", "fortune500_company"}


def test_name_required_and_at_most_200() -> None:
    assert codes(check_enterprise({**ENTERPRISE, "name": " "})) == {"name": "required"}
    assert codes(check_enterprise({**ENTERPRISE, "name": "名" * 201})) == {"name": "too_long"}
    assert check_enterprise({**ENTERPRISE, "name": "名" * 200}).ok
    assert check_enterprise({**ENTERPRISE, "name": " "}).errors[0].message_zh == "请填写企业名称"


def test_nature_and_company_type_are_codes() -> None:
    assert check_enterprise({**ENTERPRISE, "nature": "Institution"}).values["nature"] == (
        "institution"
    )
    assert codes(check_enterprise({**ENTERPRISE, "nature": "company"})) == {"nature": "not_in_list"}
    for company_type in ("domestic", "hmt", "foreign"):
        assert check_enterprise({**ENTERPRISE, "company_type": company_type}).ok
    assert codes(check_enterprise({**ENTERPRISE, "company_type": "state"})) == {
        "company_type": "not_in_list"
    }


def test_uscc_required_and_checked_in_the_mainland() -> None:
    assert codes(check_enterprise({**ENTERPRISE, "uscc": None})) == {"uscc": "required"}
    assert codes(check_enterprise({**ENTERPRISE, "uscc": "91110000600037341M"})) == {
        "uscc": "bad_check_digit"
    }
    full_width = check_enterprise({**ENTERPRISE, "uscc": "９１１１００００６０００３７３４１ｌ"})
    assert full_width.values["uscc"] == "91110000600037341L"


def test_uscc_organisation_code_failure_is_a_form_warning(gen) -> None:
    code = gen.uscc("9", "1", "110000", "60003734", good_org=False)
    result = check_enterprise({**ENTERPRISE, "uscc": code})
    assert result.ok
    assert [(w.field, w.code) for w in result.warnings] == [("uscc", "bad_organisation_code")]


@pytest.mark.parametrize("region", ["hk", "mo", "tw"])
def test_uscc_not_asked_outside_the_mainland(region: str) -> None:
    result = check_enterprise({**ENTERPRISE, "region": region, "uscc": "garbage"})
    assert result.ok, result.errors
    assert result.values["uscc"] is None and result.values["province"] is None


def test_province_required_and_mainland_only() -> None:
    assert codes(check_enterprise({**ENTERPRISE, "province": None})) == {"province": "required"}
    assert codes(check_enterprise({**ENTERPRISE, "province": "810000"})) == {
        "province": "not_in_list"
    }
    assert codes(check_enterprise({**ENTERPRISE, "province": "110100"})) == {
        "province": "not_in_list"
    }


def test_abroad_needs_a_foreign_country() -> None:
    abroad = {**ENTERPRISE, "region": "abroad", "province": None, "uscc": None}
    assert codes(check_enterprise(abroad)) == {"country": "required"}
    result = check_enterprise({**abroad, "country": "de"})
    assert result.ok and result.values["country"] == "DE"
    for china in ("CN", "HK", "MO", "TW"):
        assert codes(check_enterprise({**abroad, "country": china})) == {"country": "not_abroad"}
    assert codes(check_enterprise({**abroad, "country": "XX"})) == {"country": "not_in_list"}
    assert codes(check_enterprise({**abroad, "country": "DEU"})) == {"country": "not_in_list"}


def test_industry_is_one_of_the_twelve_sectors() -> None:
    sectors = [s.code for s in refdata.service_sectors()]
    assert len(sectors) == 12
    for code in sectors:
        assert check_enterprise({**ENTERPRISE, "industry": code}).ok
    assert codes(check_enterprise({**ENTERPRISE, "industry": "mining"})) == {
        "industry": "not_in_list"
    }


def test_interested_sectors() -> None:
    result = check_enterprise({**ENTERPRISE, "interested_sectors": ["finance", "Finance"]})
    assert result.values["interested_sectors"] == ["finance"]
    assert codes(check_enterprise({**ENTERPRISE, "interested_sectors": []})) == {
        "interested_sectors": "required"
    }
    assert codes(check_enterprise({**ENTERPRISE, "interested_sectors": ["finance", "x"]})) == {
        "interested_sectors": "not_in_list"
    }
    assert codes(check_enterprise({**ENTERPRISE, "interested_sectors": "finance"})) == {
        "interested_sectors": "bad_type"
    }
    organiser = check_enterprise(
        {**ENTERPRISE, "interested_sectors": ["robots"]}, thematic_codes=["robots"]
    )
    assert organiser.ok


def test_fortune500_requires_a_company_of_the_list() -> None:
    listed = {**ENTERPRISE, "fortune500": True}
    assert codes(check_enterprise(listed)) == {"fortune500_company": "required"}
    assert codes(check_enterprise({**listed, "fortune500_company": "Acme"})) == {
        "fortune500_company": "not_in_list"
    }
    by_chinese_name = check_enterprise({**listed, "fortune500_company": "示例环球能源集团(虚构)"})
    assert by_chinese_name.values["fortune500_company"] == "Example Global Energy Group (fictional)"
    assert codes(check_enterprise({**ENTERPRISE, "fortune500": None})) == {"fortune500": "required"}
    not_listed = check_enterprise({**ENTERPRISE, "fortune500_company": "Acme"})
    assert not_listed.ok and not_listed.values["fortune500_company"] is None


def test_fortune500_list_from_the_organiser() -> None:
    organiser = Fortune500List.from_csv_text("name,name_zh\nAcme Holdings,阿克米控股\n")
    result = check_enterprise(
        {**ENTERPRISE, "fortune500": True, "fortune500_company": "ACME holdings"},
        fortune500=organiser,
    )
    assert result.ok and result.values["fortune500_company"] == "Acme Holdings"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com",
        "http://example.com/path?q=1#x",
        "HTTPS://Example.COM:8443/",
        "https://例子.中国/",
        "http://10.1.2.3/",
    ],
)
def test_website_valid(url: str) -> None:
    result = check_enterprise({**ENTERPRISE, "website": url})
    assert result.ok, result.errors
    assert check_url(url)[1] is None


@pytest.mark.parametrize(
    "url",
    [
        "www.example.com",
        "ftp://example.com",
        "https://",
        "https://exa mple.com",
        "https://localhost/",
        "https://-bad-.com",
        "https://example.com:99999/",
        "javascript:alert(1)",
        "https://" + "a" * 300 + ".com",
    ],
)
def test_website_invalid(url: str) -> None:
    errors = check_enterprise({**ENTERPRISE, "website": url}).errors
    assert [e.field for e in errors] == ["website"]
    assert errors[0].code in {"bad_url", "too_long"}


def test_introduction_50_to_1000_characters() -> None:
    assert codes(check_enterprise({**ENTERPRISE, "introduction": "短" * 49})) == {
        "introduction": "too_short"
    }
    assert check_enterprise({**ENTERPRISE, "introduction": "短" * 50}).ok
    assert check_enterprise({**ENTERPRISE, "introduction": "长" * 1000}).ok
    assert codes(check_enterprise({**ENTERPRISE, "introduction": "长" * 1001})) == {
        "introduction": "too_long"
    }
    # Counted after normalisation: padding spaces do not make up the minimum.
    assert codes(check_enterprise({**ENTERPRISE, "introduction": "短" * 49 + "     "})) == {
        "introduction": "too_short"
    }


# -- participation -----------------------------------------------------------------------

PARTICIPATION: dict[str, Any] = {
    "participation": "exhibitor",
    "exhibitor_type": "onsite",
    "invitation_code": "djke-duk9 7qla",
    "contact_name": "王经理",
    "contact_position": "市场总监",
    "contact_phone": "010-58103199",
    "contact_email": "contact@example.com",
    "purposes": ["partners", "trade"],
    "exhibit_content": "文化旅游线路与数字展陈",
    "exhibit_needs": "寻找海外渠道",
}


def test_valid_exhibitor() -> None:
    result = check_participation(PARTICIPATION)
    assert result.ok, result.errors
    assert result.values["invitation_code"] == "DJKEDUK97QLA"
    assert result.values["contact_phone"] == "+861058103199"
    assert result.values["attendee_type"] is None


def test_every_exhibitor_needs_an_invitation_code() -> None:
    for exhibitor_type in ("online", "onsite"):
        data = {**PARTICIPATION, "exhibitor_type": exhibitor_type, "invitation_code": None}
        assert codes(check_participation(data)) == {"invitation_code": "required"}


def test_exhibitor_type_content_and_needs_required() -> None:
    data = {**PARTICIPATION, "exhibitor_type": None, "exhibit_content": "", "exhibit_needs": None}
    assert codes(check_participation(data)) == {
        "exhibitor_type": "required",
        "exhibit_content": "required",
        "exhibit_needs": "required",
    }


def test_invited_attendee_needs_a_code_uninvited_has_none() -> None:
    attendee = {
        **PARTICIPATION,
        "participation": "attendee",
        "exhibitor_type": None,
        "exhibit_content": None,
        "exhibit_needs": None,
    }
    assert codes(check_participation({**attendee, "attendee_type": None})) == {
        "attendee_type": "required"
    }
    invited = check_participation({**attendee, "attendee_type": "invited", "invitation_code": ""})
    assert codes(invited) == {"invitation_code": "required"}
    uninvited = check_participation({**attendee, "attendee_type": "uninvited"})
    assert uninvited.ok
    assert uninvited.values["invitation_code"] is None
    assert [w.code for w in uninvited.warnings] == ["ignored"]
    assert uninvited.values["exhibit_content"] == "" and uninvited.values["exhibitor_type"] is None


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("ABC12", "too_short"),
        ("A" * 17, "too_long"),
        ("ABC_123", "bad_characters"),
        (123456, "bad_type"),
    ],
)
def test_invitation_code_format(code: object, error: str) -> None:
    assert codes(check_participation({**PARTICIPATION, "invitation_code": code})) == {
        "invitation_code": error
    }


def test_contact_person_all_required() -> None:
    data = {
        **PARTICIPATION,
        "contact_name": "",
        "contact_position": None,
        "contact_phone": " ",
        "contact_email": None,
    }
    assert codes(check_participation(data)) == {
        "contact_name": "required",
        "contact_position": "required",
        "contact_phone": "required",
        "contact_email": "required",
    }
    bad = {**PARTICIPATION, "contact_phone": "12", "contact_email": "x@"}
    assert codes(check_participation(bad)) == {
        "contact_phone": "bad_phone",
        "contact_email": "bad_email",
    }


def test_purposes_one_or_more_of_four() -> None:
    assert codes(check_participation({**PARTICIPATION, "purposes": []})) == {"purposes": "required"}
    assert codes(check_participation({**PARTICIPATION, "purposes": ["fun"]})) == {
        "purposes": "not_in_list"
    }
    every = check_participation(
        {**PARTICIPATION, "purposes": ["policy", "peers", "partners", "trade"]}
    )
    assert every.ok
