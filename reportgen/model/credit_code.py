"""统一社会信用代码 (GB 32100-2015): alphabet, check character and region code."""

from __future__ import annotations

# 31 characters, values 0–30: the digits and the capitals without I O S V Z
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ZHEJIANG_REGION_PREFIX = "33"


def check_character(first17: str) -> str:
    """The 18th character for the first 17: (31 − Σ value·weight mod 31) mod 31."""
    total = sum(_VALUE[ch] * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """None for a valid code, else the name of what is wrong (an error type of the models)."""
    if len(code) != 18:
        return "credit_code_length"
    if any(ch not in _VALUE for ch in code):
        return "credit_code_alphabet"
    if check_character(code[:17]) != code[17]:
        return "credit_code_checksum"
    return None


def region(code: str) -> str:
    """Positions 3–8: the administrative division code of the registering authority."""
    return code[2:8]


def is_zhejiang(code: str) -> bool:
    return region(code).startswith(ZHEJIANG_REGION_PREFIX)
