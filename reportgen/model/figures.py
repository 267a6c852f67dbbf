"""Figures the way Chinese reports write them: 万元 with two decimals and separators."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """Decimal('12345.678') -> '12,345.68' (万元; half-up, as accountants round)."""
    return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):,}"


def as_entered(value: Decimal, places: int | None = None) -> str:
    """A figure the user typed, with the precision typed: 1850 -> '1,850', 95.0 -> '95.0';
    `places` decimals instead when a row of figures should align (1,850.0 beside 4,260.5)."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:,f}"


def as_written(value: Decimal) -> str:
    """A measured value exactly as typed, no separators: 0.010 mm, 20000 r/min, 95.0 %."""
    return f"{value:f}"


def decimals(value: Decimal) -> int:
    """How many decimals `value` was written with."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def typed(value: Decimal) -> str:
    """Decimal('1320.5000') -> '1320.5': a computed figure as a clerk would type it."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal) -> str:
    """Decimal('3.456') -> '3.46%'."""
    return f"{value.quantize(_CENT, rounding=ROUND_HALF_UP)}%"


def percent_or_dash(value: Decimal | None) -> str:
    """A percentage, or '—' where there is none (a ratio over zero)."""
    return percent(value) if value is not None else "—"


def ratio_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, None when whole is zero."""
    if whole == 0:
        return None
    return part * 100 / whole


def average(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values) if values else Decimal(0)
