"""The parse stage: the application format of FORMAT.md as pydantic models (the types
carry the rules), and its entry point `parse(source)`: Source → Application.
"""

from reportgen.model.application import FORMAT_VERSION, Application
from reportgen.model.enterprise import Enterprise, HonorKind, QualityBenchmark
from reportgen.model.evidence import EvidenceItem, EvidenceKind
from reportgen.model.financials import FinancialYear
from reportgen.model.product import Category, PatentStatus, Product, ProofKind, StandardRole
from reportgen.model.report import SUBSECTIONS, Report

__all__ = [
    "FORMAT_VERSION",
    "SUBSECTIONS",
    "Application",
    "Category",
    "Enterprise",
    "EvidenceItem",
    "EvidenceKind",
    "FinancialYear",
    "HonorKind",
    "PatentStatus",
    "Product",
    "ProofKind",
    "QualityBenchmark",
    "Report",
    "StandardRole",
]

# the model's entry point: Source → Application (after the models it builds)
from reportgen.model.parsing import InvalidApplication, parse

__all__ += ["InvalidApplication", "parse"]
