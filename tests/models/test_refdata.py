"""Reference data: complete, consistent with the rules, and with labels in both languages."""

from __future__ import annotations

import pytest

from desk.models import refdata
from desk.models.refdata import Choice, Fortune500List


@pytest.mark.parametrize("name", refdata.CHOICE_LISTS)
def test_choice_lists_have_unique_lower_case_codes_and_both_labels(name: str) -> None:
    items = refdata.choices(name)
    assert items
    codes = [item.code for item in items]
    assert len(codes) == len(set(codes))
    for item in items:
        assert item.code == item.code.lower() and item.code.isascii()
        assert item.zh and item.en and item.zh != item.en


def test_enum_values_the_schema_stores() -> None:
    assert refdata.codes("regions") == ("mainland", "hk", "mo", "tw", "abroad")
    assert refdata.codes("nationalities") == refdata.codes("regions")
    assert refdata.codes("purposes") == ("policy", "peers", "partners", "trade")
    assert refdata.codes("badge_types") == ("exhibitor", "delegate", "buyer")
    assert set(refdata.codes("doc_types")) == {
        "resident_id", "residence_permit", "hk_mo_permit", "tw_permit", "passport",
        "foreign_permanent_id",
    }  # fmt: skip


def test_document_types_by_nationality() -> None:
    assert refdata.doc_types_for("mainland") == ("resident_id",)
    assert refdata.doc_types_for("hk") == ("hk_mo_permit", "residence_permit")
    assert refdata.doc_types_for("tw") == ("tw_permit", "residence_permit")
    assert refdata.doc_types_for("abroad") == ("passport", "foreign_permanent_id")
    assert refdata.doc_types_for("moon") == ()
    every = {t for n in refdata.codes("nationalities") for t in refdata.doc_types_for(n)}
    assert every == set(refdata.codes("doc_types"))


def test_twelve_service_sectors() -> None:
    sectors = refdata.service_sectors()
    assert len(sectors) == 12
    assert sectors[0] == Choice("business", "商业服务", "Business services")
    assert sectors[-1].code == "other"


def test_thematic_exhibitions_can_be_replaced_by_the_organisers() -> None:
    default = refdata.thematic_exhibitions()
    assert "finance" in [c.code for c in default] and len(default) == 9
    try:
        refdata.set_thematic_exhibitions([Choice("robots", "服务机器人", "Service robots")])
        assert [c.code for c in refdata.thematic_exhibitions()] == ["robots"]
        assert refdata.label("thematic_exhibitions", "robots", "en") == "Service robots"
    finally:
        refdata.set_thematic_exhibitions(None)
    assert refdata.thematic_exhibitions() == default


def test_provinces() -> None:
    assert len(refdata.mainland_provinces()) == 31
    beijing = refdata.province("110000")
    assert beijing is not None and beijing.name_zh == "北京市" and beijing.mainland
    hong_kong = refdata.province("810000")
    assert hong_kong is not None and not hong_kong.mainland
    assert refdata.province("990000") is None


def test_countries_show_hk_macao_taiwan_as_regions_of_china() -> None:
    hong_kong = refdata.country("HK")
    assert hong_kong is not None
    assert hong_kong.label("zh") == "中国香港" and hong_kong.label("en") == "Hong Kong, China"
    assert refdata.country("tw").label("en") == "Taiwan, China"  # type: ignore[union-attr]
    assert refdata.country("KAZ") == refdata.country("398") == refdata.country("KZ")
    foreign = {c.alpha2 for c in refdata.foreign_countries()}
    assert not foreign & {"CN", "HK", "MO", "TW"} and "DE" in foreign
    assert len(refdata.countries()) == 249


def test_labels() -> None:
    assert refdata.label("genders", "female") == "女"
    assert refdata.label("duties", "business_rep", "en") == "Business representative"
    assert refdata.label("service_sectors", "finance", "zh") == "金融服务"
    assert refdata.label("positions", "retired") == "retired"  # unknown codes stay readable
    with pytest.raises(KeyError):
        refdata.choices("planets")


def test_mobile_prefixes_and_uscc_categories() -> None:
    prefixes = refdata.mobile_prefixes()
    assert "138" in prefixes and "1610" in prefixes and "17405" in prefixes
    assert "140" not in prefixes
    assert refdata.uscc_categories()[("9", "1")] == ("工商", "企业")


def test_demo_fortune500_list_is_labelled_made_up() -> None:
    demo = refdata.fortune500()
    assert len(demo) >= 10
    assert all("(fictional)" in c.name and "虚构" in c.name_zh for c in demo.companies)
    text = (refdata.refdata_dir() / "fortune500_demo.csv").read_text(encoding="utf-8")
    assert "MADE-UP DEMO DATA" in text


def test_fortune500_search_and_find() -> None:
    companies = Fortune500List.from_csv_text(
        "# a note\nname,name_zh\nAcme Holdings,阿克米控股\nBeta Bank,贝塔银行（中国）\n,空\n"
    )
    assert len(companies) == 2
    assert [c.name for c in companies.search("hold")] == ["Acme Holdings"]
    assert [c.name for c in companies.search("银行")] == ["Beta Bank"]
    assert companies.search("  ") == []
    assert companies.find("贝塔银行(中国)") == "Beta Bank"
    assert "ACME  holdings" in companies and "Acme" not in companies
    try:
        refdata.set_fortune500(companies)
        assert refdata.fortune500() is companies
    finally:
        refdata.set_fortune500(None)
    assert refdata.fortune500() is not companies


def test_sources_file_names_every_data_file() -> None:
    sources = (refdata.refdata_dir() / "SOURCES.md").read_text(encoding="utf-8")
    for path in refdata.refdata_dir().iterdir():
        if path.name != "SOURCES.md":
            assert path.name in sources, path.name
