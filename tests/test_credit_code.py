import pytest

from reportgen.model import credit_code

PUBLISHED = [
    "91330100716105852F",
    "9133010072654578XU",
    "914403001922038216",
    "91110000802100433B",
    "91350100M000100Y43",
]


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_are_valid(code: str) -> None:
    assert credit_code.problem(code) is None
    assert credit_code.check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", PUBLISHED)
def test_any_changed_character_is_caught(code: str) -> None:
    for position in range(18):
        for replacement in "0A":
            if code[position] == replacement:
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            assert credit_code.problem(changed) is not None, changed


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91330100716105852", "credit_code_length"),
        ("91330100716105852FF", "credit_code_length"),
        ("91330100716105852I", "credit_code_alphabet"),  # I is not in the alphabet
        ("9133010071610585SF", "credit_code_alphabet"),
        ("91330100716105852G", "credit_code_checksum"),
    ],
)
def test_problems_are_named(code: str, problem: str) -> None:
    assert credit_code.problem(code) == problem


def test_region_is_positions_3_to_8() -> None:
    assert credit_code.region("91330100716105852F") == "330100"
    assert credit_code.is_zhejiang("91330100716105852F")
    assert not credit_code.is_zhejiang("914403001922038216")
