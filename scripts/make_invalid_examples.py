"""Writes examples/invalid/: complete applications that each break one rule.

    python scripts/make_invalid_examples.py [OUTDIR]

Each file starts from the `reportgen init` starter (evidence replaced by real sample
files, so only the one broken rule is an error) and changes one thing. Its first line
names the finding it must produce: `# expect: <code>`; tests/test_invalid_examples.py
asserts it, and that the checked-in files are what this script writes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.starter import PLACEHOLDERS, STARTER, simple_pdf  # noqa: E402

Edit = Callable[[str], str]


def replace(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        if old not in text:
            raise ValueError(f"starter no longer contains {old!r}")
        return text.replace(old, new, 1)

    return edit


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for one in edits:
            text = one(text)
        return text

    return edit


# (file name, expected code, what is broken, edit of the starter text)
CASES: list[tuple[str, str, str, Edit]] = [
    (
        "launch-too-early",
        "launch_window",
        "上市时间早于 2023-01-01",
        replace("launch_date: 2023-06-01", "launch_date: 2022-12-31"),
    ),
    (
        "rd-ratio-low",
        "rd_ratio",
        "近三年研发投入占比低于 3%",
        chain(
            replace("rd_expense: 420", "rd_expense: 200"),
            replace("rd_expense: 460,", "rd_expense: 210,"),
            replace("rd_expense: 500,", "rd_expense: 230,"),
        ),
    ),
    (
        "sales-below-threshold",
        "sales_threshold",
        "先进制造类年均销售收入低于 800 万元",
        chain(
            replace("product_sales: 900", "product_sales: 500"),
            replace("product_sales: 1000,", "product_sales: 600,"),
            replace("product_sales: 1100,", "product_sales: 700,"),
        ),
    ),
    (
        "unknown-track",
        "cluster_track",
        "赛道不在 16 个“415X”赛道中",
        replace("cluster_track: 智能物联", "cluster_track: 人工智慧"),
    ),
    (
        "brand-quota-no-brand",
        "cluster_brand_county",
        "滨江区没有集群品牌却以品牌名额推荐",
        replace("cluster_brand_quota: false", "cluster_brand_quota: true"),
    ),
    (
        "brand-quota-wrong-track",
        "cluster_brand_track",
        "萧山区品牌名额推荐了非智能物联产品",
        chain(
            replace("county: 滨江区", "county: 萧山区"),
            replace("cluster_track: 智能物联", "cluster_track: 高端软件"),
            replace("cluster_brand_quota: false", "cluster_brand_quota: true"),
        ),
    ),
    (
        "credit-code-checksum",
        "credit_code_checksum",
        "统一社会信用代码校验码错误",
        replace("credit_code: 91330108MA2CDE1236", "credit_code: 91330108MA2CDE1237"),
    ),
    (
        "misspelt-key",
        "unknown_field",
        "字段名拼写错误（lanch_date）",
        replace("  launch_date: 2023-06-01", "  lanch_date: 2023-06-01"),
    ),
    (
        "missing-enterprise-name",
        "missing_field",
        "缺少企业名称",
        replace("  name: 杭州示例科技有限公司            # 企业名称（营业执照全称）\n", ""),
    ),
    (
        "duplicate-key",
        "duplicate_key",
        "同一字段写了两次",
        replace("call: zj-2026 ", "call: zj-2026\ncall: zj-2025"),
    ),
    (
        "yaml-indentation",
        "yaml_syntax",
        "缩进错误",
        replace("    name: 李四\n", "    name: 李四\n   title: 错误缩进\n"),
    ),
    (
        "object-tag",
        "forbidden_tag",
        "试图用 YAML 标签构造对象",
        replace("format_version: 1", 'format_version: !!python/object/apply:os.system ["id"]'),
    ),
    (
        "proof-unknown-evidence",
        "evidence_unknown_id",
        "新产品证明引用了不存在的材料",
        replace(
            "    evidence: E1                        # 对应",
            "    evidence: E9                        # 对应",
        ),
    ),
    (
        "proof-wrong-kind",
        "new_product_proof_kind",
        "新产品证明引用了审计报告",
        replace(
            "    evidence: E1                        # 对应",
            "    evidence: E2                        # 对应",
        ),
    ),
    (
        "evidence-file-missing",
        "evidence_missing_file",
        "佐证材料文件不存在",
        replace("file: evidence/sales-statement.pdf", "file: evidence/no-such-file.pdf"),
    ),
    (
        "evidence-outside-folder",
        "evidence_outside",
        "佐证材料路径跳出申报文件夹",
        replace("file: evidence/sales-statement.pdf", "file: ../../README.md"),
    ),
    (
        "evidence-not-pdf",
        "evidence_file_type",
        "扩展名是 .pdf，内容却是文本",
        replace("file: evidence/sales-statement.pdf", "file: evidence/not-really-a.pdf"),
    ),
    (
        "wrong-years",
        "financial_years",
        "经济指标年度不是 2023—2025",
        chain(
            replace("  - year: 2023\n", "  - year: 2022\n"), replace("{year: 2025,", "{year: 2026,")
        ),
    ),
    (
        "sales-over-revenue",
        "product_sales_exceed_revenue",
        "产品销售收入超过营业收入",
        replace("product_sales: 1100,", "product_sales: 13000,"),
    ),
    (
        "not-legal-person",
        "independent_legal_person",
        "不具有独立法人资格",
        replace("independent_legal_person: true", "independent_legal_person: false"),
    ),
    (
        "rd-outside-province",
        "rd_institution_outside",
        "研发机构不在省内",
        replace(
            "  rd_institution:                       # 省内研发机构（附件2 二、1）\n    in_province: true",
            "  rd_institution:                       # 省内研发机构（附件2 二、1）\n    in_province: false",
        ),
    ),
    (
        "section-empty",
        "section_missing",
        "报告书一个小节没有正文",
        replace("        （请描述企业执行安全生产标准、绿色设计和绿色生产情况。）\n", "\n"),
    ),
    (
        "founded-after-launch",
        "launch_before_founding",
        "上市时间早于企业成立日期",
        replace("founded: 2015-06-01", "founded: 2023-08-01"),
    ),
    (
        "bad-phone",
        "phone_format",
        "联系电话格式错误",
        replace('phone: "13800000000"', 'phone: "138-0000"'),
    ),
    (
        "ambiguous-date",
        "date_ambiguous",
        "日期写成了 06/01/2023，分不清月和日",
        replace("launch_date: 2023-06-01", "launch_date: 06/01/2023"),
    ),
    (
        "county-of-other-city",
        "unknown_county",
        "区县不属于所填的设区市",
        replace("county: 滨江区", "county: 鄞州区"),
    ),
    (
        "no-financial-evidence",
        "financial_evidence_missing",
        "没有审计报告或销售收入证明",
        chain(
            replace(
                "  - {id: E2, kind: financial_statement, title: 2023—2025年审计报告, file: evidence/audit-2023-2025.pdf}\n",
                "",
            ),
            replace(
                "  - {id: E3, kind: sales_proof, title: 产品销售收入证明, file: evidence/sales-statement.pdf}\n",
                "",
            ),
        ),
    ),
    ("unknown-call", "unknown_call", "征集批次不存在", replace("call: zj-2026 ", "call: zj-2016 ")),
]

# The starter's example values and prompts replaced by those of a fictional enterprise,
# after each case's edit (which may target them), so that only the broken rule is an
# error: an example value left in place is one (checks/leftovers.py).
FILLED = {
    "杭州示例科技有限公司": "杭州云栖智联科技有限公司",
    "91330108MA2CDE1236": "91330100716105852F",
    "杭州市滨江区示例路 1 号": "杭州市滨江区江南大道 1000 号",
    "张三": "陈立新",
    "李四": "王晓燕",
    "13800000000": "13957112345",
    "lisi@example.com": "wangxy@yunqi-iot.cn",
    "杭州示例科技企业研发中心": "杭州云栖智联企业研发中心",
    "示例智能产品": "多协议工业物联网关",
    "SL-100": "YQ-G100",
    "浙经信新评〔2023〕000号": "浙经信新评〔2023〕0215号",
    "示例核心技术一": "多协议边缘融合",
    "示例核心技术二": "低功耗自组网",
    "ZL202300000000.0": "ZL202310234567.8",
    "一种示例装置": "一种多协议物联网关装置",
    "示例指标": "组网时延",
    "（产业链地位）": "工业物联网关整机，产业链中游",
    "示例客户有限公司": "杭州某电子有限公司",
    "total_profit: 900 ": "total_profit: 920 ",
}


def filled(text: str) -> str:
    for example, value in FILLED.items():
        text = text.replace(example, value)
    # each （请描述…） prompt becomes a sentence about the fictional product
    return re.sub(r"（请描述([^）]*)。?）", r"本企业\1均符合要求，详见佐证材料。", text)


# files that are not applications at all
RAW_CASES: list[tuple[str, str, str, str]] = [
    ("top-level-list", "not_a_mapping", "最外层是列表", "- format_version: 1\n- call: zj-2026\n"),
    (
        "billion-laughs",
        "alias_limit",
        "锚点层层展开（“十亿笑声”攻击）",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n"
            for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ),
]


def write(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    evidence = out / "evidence"
    evidence.mkdir(exist_ok=True)
    for name, what in PLACEHOLDERS.items():
        (evidence / name).write_bytes(simple_pdf(["reportgen sample evidence", what]))
    (evidence / "not-really-a.pdf").write_text("这不是 PDF 文件\n", encoding="utf-8")
    starter = STARTER.read_text(encoding="utf-8").replace(
        "$schema=application.schema.json", "$schema=../../schemas/application.schema.json"
    )
    for name, code, what, edit in CASES:
        body = filled(edit(starter))
        (out / f"{name}.yaml").write_text(f"# expect: {code}\n# {what}\n{body}", encoding="utf-8")
    for name, code, what, body in RAW_CASES:
        (out / f"{name}.yaml").write_text(f"# expect: {code}\n# {what}\n{body}", encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "invalid")
