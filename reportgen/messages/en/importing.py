"""Importing (reportgen import): the figures of an Excel sheet, a Word report book."""

MESSAGES = {
    "figures_unreadable": "{file} has {count} figures that cannot be read for certain; nothing was imported (no guessing):",
    "figures_not_xlsx": "{file} is not an Excel file that can be read (.xlsx): {reason}",
    "figures.no_table": "no year headings (2023, 2024年, 2025年度) and indicator names (营业收入, 研发费用) were found",
    "figures.ambiguous": "{cell} “{label}” could be two indicators: use the name of one",
    "figures.uncalculated": "{cell} is a formula saved without its result: open and save the file in Excel or WPS, then import it",
    "figures.not_a_number": "{cell} “{value}” is not a number",
    "figures.share_unit": "{cell} is a market share but its unit is {unit}: it should be a percentage",
    "figures.no_unit": "{cell} is an amount with no unit found: state it in the label or the heading (营业收入（万元）, 单位：元)",
    "figures.twice": "“{label}” has two values for {year} ({first} and {cell}): keep one",
}
