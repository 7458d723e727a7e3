"""The unified social credit code check character (GB 32100-2015, data-standard.md §1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowcarbon_desk.domain.creditcode import (
    ALPHABET,
    WEIGHTS,
    check_character,
    is_valid_credit_code,
    make_credit_code,
)
from lowcarbon_desk.domain.evaluate import evaluate_org

from .samples import ENTERPRISE

VALID = ("91350100M000100Y43", "91110000802100433B")
OUTSIDE = ["I", "O", "S", "V", "Z", " ", "-", "中", "Ｙ", "\n", "*"]


def test_alphabet_and_weights_are_the_spec() -> None:
    assert ALPHABET == "0123456789ABCDEFGHJKLMNPQRTUWXY" and len(ALPHABET) == 31
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    # weight i is 3^i mod 31
    assert tuple(pow(3, i, 31) for i in range(17)) == WEIGHTS


@pytest.mark.parametrize("code", VALID)
def test_spec_codes_are_valid(code: str) -> None:
    assert is_valid_credit_code(code)
    assert check_character(code[:17]) == code[17]
    assert evaluate_org({**ENTERPRISE, "org_id": code}).errors == []


def _one_character_changes(code: str) -> list[str]:
    changed = []
    for position, original in enumerate(code):
        replacements = [c for c in ALPHABET if c != original] + OUTSIDE
        if original.isalpha():
            replacements.append(original.lower())
        changed.extend(code[:position] + c + code[position + 1:] for c in replacements)
    return changed


@pytest.mark.parametrize("code", VALID)
def test_every_one_character_change_is_rejected(code: str) -> None:
    changes = _one_character_changes(code)
    # 18 positions x 30 other characters of the alphabet, plus the outsiders and lowercase
    assert len(changes) >= 18 * (30 + len(OUTSIDE))
    accepted = [c for c in changes if is_valid_credit_code(c)]
    assert accepted == []


@pytest.mark.parametrize("code", VALID)
def test_one_character_change_is_an_org_error(code: str) -> None:
    for changed in _one_character_changes(code)[::37]:  # a spread sample through the full stack
        result = evaluate_org({**ENTERPRISE, "org_id": changed})
        assert [(i.rule, i.field) for i in result.errors] == [("org.credit_code", "org_id")]


@pytest.mark.parametrize("bad", ["", "91350100M000100Y4", "91350100M000100Y433", None, 913501,
                                 VALID[0].lower(), " " + VALID[0], VALID[0] + " ",
                                 VALID[0] + "\n", VALID[1] + "\n"])
def test_wrong_shape_is_rejected(bad) -> None:
    assert not is_valid_credit_code(bad)


def test_transposition_of_neighbours_is_rejected() -> None:
    for code in VALID:
        for i in range(17):
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            if swapped != code:
                assert not is_valid_credit_code(swapped), swapped


def test_check_value_31_maps_to_zero() -> None:
    # find a body whose weighted sum is a multiple of 31: check value 31 -> character "0"
    body = "9135010000000000"
    for c in ALPHABET:
        candidate = body + c
        total = sum(ALPHABET.index(ch) * w for ch, w in zip(candidate, WEIGHTS, strict=True))
        if total % 31 == 0:
            assert check_character(candidate) == "0"
            assert is_valid_credit_code(candidate + "0")
            break
    else:  # pragma: no cover - 31 candidates cover every residue
        pytest.fail("no body with sum 0 mod 31")


def test_check_character_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        check_character("91350100M000100Y")  # 16 characters
    with pytest.raises(ValueError):
        check_character("91350100M000100YI")  # I is not in the alphabet


def test_county_division_code_is_six_ascii_digits() -> None:
    county = {"kind": "county", "name": "示例县", "contact_name": "王五",
              "contact_phone": "0591-12345678"}
    ok = evaluate_org({**county, "org_id": "350100", "admin_code": "350100"})
    assert ok.errors == []
    for bad in ("35010", "3501000", "35010A", "35010٠", "３５０１００"):
        result = evaluate_org({**county, "org_id": bad, "admin_code": "350100"})
        assert ("org.credit_code", "org_id") in [(i.rule, i.field) for i in result.errors], bad


@given(registration=st.text(alphabet=ALPHABET, min_size=2, max_size=2),
       admin_code=st.text(alphabet="0123456789", min_size=6, max_size=6),
       serial=st.text(alphabet=ALPHABET, min_size=9, max_size=9))
def test_make_credit_code_always_validates(registration: str, admin_code: str,
                                           serial: str) -> None:
    code = make_credit_code(admin_code, serial, registration)
    assert len(code) == 18
    assert code[:17] == registration + admin_code + serial
    assert is_valid_credit_code(code)


@given(body=st.text(alphabet=ALPHABET, min_size=17, max_size=17),
       position=st.integers(min_value=0, max_value=17), data=st.data())
def test_any_single_substitution_of_any_valid_code_is_rejected(body, position, data) -> None:
    code = body + check_character(body)
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    assert not is_valid_credit_code(code[:position] + replacement + code[position + 1:])
