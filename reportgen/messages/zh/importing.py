"""导入（reportgen import）：Excel 中的经济指标、Word 中的报告书。"""

MESSAGES = {
    "figures_unreadable": "{file} 中有 {count} 处读不准的经济指标，没有导入（不猜测）：",
    "figures_not_xlsx": "{file} 不是能读取的 Excel 文件（.xlsx）：{reason}",
    "figures.no_table": "没有找到年度表头（如 2023、2024年、2025年度）和指标名称（如 营业收入、研发费用）",
    "figures.ambiguous": "{cell}“{label}”可能是两个指标：请改用一个指标的名称",
    "figures.uncalculated": "{cell} 是公式但没有保存计算结果：在 Excel 或 WPS 中打开、保存后再导入",
    "figures.not_a_number": "{cell} 的“{value}”不是数",
    "figures.share_unit": "{cell} 是市场占有率，单位却是 {unit}：应为百分数",
    "figures.no_unit": "{cell} 是金额，但没有找到单位：在指标名称或表头写明（如“营业收入（万元）”或“单位：元”）",
    "figures.twice": "“{label}”{year} 年有两个值（{first} 和 {cell}）：请只留一个",
}
