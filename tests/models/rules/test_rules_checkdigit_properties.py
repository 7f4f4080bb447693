"""Properties of the check-digit algorithms and of normalisation, over generated numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.models.rules import check_document, normalize_document

SETTINGS = settings(max_examples=60, deadline=None)
DIGITS_X = "0123456789X"

# kind -> (name of the generator in the `gen` fixture, characters a position may take)
CHECK_DIGIT_KINDS = {
    "resident-id": ("resident_ids", DIGITS_X),
    "residence-permit": ("residence_permits", DIGITS_X),
    "foreign-permanent-id": ("foreign_permanent_ids", DIGITS_X),
    "uscc": ("usccs", None),  # the USCC alphabet, from the fixture
}


def _check(gen, kind: str, value: str):
    return check_document(kind, value, today=gen.today)


@SETTINGS
@given(data=st.data())
def test_generated_numbers_are_valid_and_already_normal(gen, data) -> None:
    for kind, (strategy, _) in CHECK_DIGIT_KINDS.items():
        number = data.draw(getattr(gen, strategy), label=kind)
        result = _check(gen, kind, number)
        assert result.ok, (kind, number, result.code)
        assert result.normalized == number
        assert "bad_organisation_code" not in result.warnings


@SETTINGS
@given(data=st.data())
def test_full_width_or_spaced_input_normalises_to_the_same_value(gen, data) -> None:
    for kind, (strategy, _) in CHECK_DIGIT_KINDS.items():
        number = data.draw(getattr(gen, strategy), label=kind)
        typed = gen.spaced(number, data.draw(gen.separators, label="separators"))
        if data.draw(st.booleans(), label="full width"):
            typed = gen.fullwidth(typed)
        if data.draw(st.booleans(), label="lower case"):
            typed = typed.lower()
        typed = data.draw(st.sampled_from(["", " ", "\u3000"])) + typed + " "
        assert normalize_document(typed) == number
        result = _check(gen, kind, typed)
        assert result.ok and result.normalized == number, (kind, typed)


@SETTINGS
@given(data=st.data())
def test_any_single_character_change_is_caught(gen, data) -> None:
    for kind, (strategy, alphabet) in CHECK_DIGIT_KINDS.items():
        number = data.draw(getattr(gen, strategy), label=kind)
        position = data.draw(st.integers(0, len(number) - 1), label="position")
        choices = [c for c in (alphabet or gen.uscc_alpha) if c != number[position]]
        replacement = data.draw(st.sampled_from(choices), label="replacement")
        changed = number[:position] + replacement + number[position + 1 :]
        assert not _check(gen, kind, changed).ok, (kind, number, changed)


@SETTINGS
@given(data=st.data())
def test_mrz_single_character_change_in_checked_fields_is_caught(gen, data) -> None:
    """Weights 7-3-1 mod 10 see any change except one by a multiple of 10 (A<->0, K<->0 ...):
    that blind spot is ICAO's, so only changes the scheme can see are asserted."""
    mrz = data.draw(gen.mrzs)
    covered = [*range(0, 10), *range(13, 20), *range(21, 44)]
    position = data.draw(st.sampled_from(covered), label="position")
    old = mrz.line2[position]
    choices = [
        c
        for c in gen.icao_chars
        if c != old and (gen.icao_value(c) - gen.icao_value(old)) % 10 != 0
    ]
    changed = mrz.line2[:position] + data.draw(st.sampled_from(choices)) + mrz.line2[position + 1 :]
    result = check_document("passport-mrz", mrz.line1 + "\n" + changed, today=gen.today)
    assert not result.ok, (mrz.line2, changed)


@SETTINGS
@given(data=st.data())
def test_generated_mrz_reads_back_in_every_scanner_form(gen, data) -> None:
    mrz = data.draw(gen.mrzs)
    separator = data.draw(st.sampled_from(["\r", "\r\n", "\n", ""]), label="separator")
    text = mrz.line1 + separator + mrz.line2
    if data.draw(st.booleans(), label="lower case"):
        text = text.lower()
    if data.draw(st.booleans(), label="full-width <"):
        text = text.replace("<", "＜")
    result = check_document("passport-mrz", text, today=gen.today)
    assert result.ok, (text, result.code, result.fields)
    assert result.fields["number"] == mrz.number
    assert result.birthday == mrz.born
