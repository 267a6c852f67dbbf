"""Figures and dates that contradict each other or the call's calendar."""

from __future__ import annotations

from reportgen.checks.base import Collector
from reportgen.model import Application


def check(app: Application, out: Collector) -> None:
    window = out.policy.application_window
    signed = app.commitment.date
    if signed is not None and not window.contains(signed):
        out.warning(
            "commitment_date_window",
            ("commitment", "date"),
            "application",
            date=signed.isoformat(),
            start=window.start.isoformat(),
            end=window.end.isoformat(),
        )
    proof = app.product.new_product_proof
    if proof.date is not None and proof.date > window.end:
        out.warning(
            "proof_date_late",
            ("product", "new_product_proof", "date"),
            "new_product_proof",
            date=proof.date.isoformat(),
            end=window.end.isoformat(),
        )
