"""中文消息：每个 code 一条。"""

from typing import Any

# how a value was written, for value_normalized
_HOW = {
    "thousands": "去掉了千位分隔符",
    "unit": "去掉了单位“万元”",
    "percent_sign": "去掉了百分号",
    "fullwidth": "全角数字或符号改为半角",
    "year_form": "年份只写数字",
    "date_form": "日期写成 YYYY-MM-DD",
    "phone_form": "电话号码的写法",
    "yes_no": "是/否即 true/false",
    "label": "选项的中文名称",
}


def _policy(text: str) -> Any:
    """A problem of a policy file: which file, at which line, how many more follow."""

    def message(v: Any) -> str:
        where = f"规则文件 {v['file']}" + (f" 第 {v['line']} 行" if v.get("line") else "")
        more = f"（另有 {v['more']} 处问题）" if v.get("more") else ""
        return f"{where}：" + text.format_map(v) + more

    return message


MESSAGES: dict[str, Any] = {
    "web_not_in_workspace": "工作目录中没有 {name}",
    "web_conflict": "文件 {file} 已在别处修改（命令行或另一个窗口），没有覆盖。请重新载入后再编辑。",
    "serve_port_busy": "端口 {port} 已被占用（{host}）：请用 --port 换一个",
    "serve_cannot_listen": "无法在 {host}:{port} 监听：{reason}",
    "convert_same_target": "多个文档会写成同一个 PDF：{files}（请分开转换，或不用 -o）",
    # ---- 读取文件
    "file_not_found": "找不到文件 {file}",
    "file_unreadable": "无法读取文件 {file}：{reason}",
    "file_too_large": "文件过大（{size} 字节），申报文件不能超过 {limit} 字节（5 MB）",
    "file_empty": "文件是空的：请填写申报内容（可用 reportgen init 生成模板）",
    "encoding_invalid": "文件编码无法识别（第 {near} 行附近）：请以 UTF-8 保存",
    "encoding_gb18030": "文件是 GBK/GB18030 编码，已按此读取；建议另存为 UTF-8",
    "yaml_syntax": lambda v: (
        f"YAML 格式错误：{v['meaning']}"
        if v["meaning"]
        else "YAML 格式错误（常见原因：缩进不一致、冒号后缺空格、引号未闭合）"
        + (f"。解析器的原话：{v['problem']}" if v["problem"] else "")
    ),
    "yaml_tab_indent": "这一行用 Tab 键缩进：YAML 只能用空格缩进，请把 Tab 换成空格（与上下文对齐）",
    "yaml_fullwidth_space": "这一行的缩进里有全角空格“　”：YAML 只能用半角空格缩进，请把它换成普通空格",
    "yaml_fullwidth_colon": "“{key}”后面是中文冒号“：”：字段名后要用英文冒号加空格，请写成 {key}: {value}",
    "yaml_colon_space": lambda v: (
        f"“{v['key']}:”后面"
        + ("是全角空格“　”" if v["what"] == "fullwidth" else "没有空格")
        + f"：冒号后要有一个半角空格，请写成 {v['key']}: {v['value']}"
    ),
    "yaml_unclosed_quote": "这一行的引号 {quote} 没有闭合：请在值的末尾补上 {quote}，或去掉开头的 {quote}",
    "yaml_colon_in_value": '值里有“: ”，YAML 把它当成了又一个字段：请给整个值加上引号，写成 {key}: "{value}"',
    "yaml_block_indent": "这一行是上面 | 之后的正文吗？正文的每一行都要比“text:”这样的字段名多缩进（如多 2 个空格），这一行缩进不够",
    "yaml_multiple_documents": "文件只能包含一个 YAML 文档（此处出现了第二个 ---）",
    "invalid_unicode": "含有无法编码的字符（单独的 UTF-16 代理项，如 \\ud800）：请删除或改为正确的字符",
    "json_syntax": "JSON 格式错误：{problem}",
    "duplicate_key": "字段“{key}”重复出现（第一次在第 {first_line} 行）：每个字段只能写一次",
    "alias_limit": "YAML 锚点/别名展开后超过 {limit} 个值，已拒绝读取（疑似恶意构造的文件）",
    "nesting_too_deep": "嵌套层级超过 {limit} 层，已拒绝读取",
    "forbidden_tag": "不允许使用 YAML 标签 {tag}：申报文件只能包含文本、数字、日期、列表和键值对",
    "invalid_key": "字段名必须是简单的文字",
    "invalid_merge": "YAML 合并（<<）只能合并键值对",
    "not_a_mapping": "文件最外层应是“字段: 值”形式的键值对，实际是 {found}",
    # ---- 格式（字段）
    "invalid_application": "申报文件有 {count} 处格式问题",
    "missing_field": "缺少必填项：{label}",
    "unknown_field": "未知字段“{key}”{did_you_mean}（此处可用的字段：{allowed}）",
    "invalid_choice": "{label} 的值“{input}”无效，应为以下之一：{expected}{did_you_mean}",
    "thousands_split": "“{field}: {written}”中的逗号在 {{…}} 一行里是分隔符，YAML 把它读成了 {field}: {input_first} 和字段“{key}”：请去掉千位分隔符，写成 {field}: {number}",
    "colon_without_space": "“{input}”的冒号后没有空格（或用了中文冒号“：”），YAML 把它读成了一段文字：请写成 {key}: {value}",
    "out_of_range": "{label} 的值 {input} 超出范围（界限 {limit}）",
    "empty_value": "{label} 没有填写",
    "too_few_items": "{label} 至少需要 {limit} 项",
    "too_many_items": "{label} 最多 {limit} 项",
    "invalid_format": "{label} 的值“{input}”格式不正确",
    "invalid_number": "{label} 的值“{input}”不是有效的数字",
    "date_format": "{label} 的值“{input}”不是日期，应写成 YYYY-MM-DD，如 2023-09-01",
    "phone_format": "{label}“{input}”不是有效的电话号码：手机号 11 位，固定电话带区号如 0571-85257064（以 0 开头的号码请加引号）",
    "mobile_format": "{label}“{input}”不是有效的手机号码（11 位，1 开头）",
    "email_format": "{label}“{input}”不是有效的电子邮箱地址",
    "credit_code_length": "统一社会信用代码“{input}”应为 18 位",
    "credit_code_alphabet": "统一社会信用代码“{input}”含有不允许的字符（不使用 I、O、S、V、Z）",
    "credit_code_checksum": "统一社会信用代码“{input}”校验码不正确（按 GB 32100-2015 最后一位应为 {expected}），请核对营业执照",
    "honor_name_required": "荣誉类型为 other 时须填写荣誉名称 name",
    "invalid_type": "{label} 的值“{input}”类型不对，应为{expected}",
    "invalid_value": "{label} 的值“{input}”无效：{detail}",
    # ---- 按其他写法读取的值（lenient.py）
    "value_normalized": lambda v: (
        f"“{v['written']}”已按 {v['read']} 读取（"
        + "、".join(_HOW.get(h, h) for h in str(v["how"]).split("+"))
        + "）"
    ),
    "pasted_line_breaks": "{label}中有 {count} 个从 Word 粘贴带入的换行符（手动换行 \\x0b 或 U+2028/U+2029）：已按换行读取，建议在编辑器中改为普通换行",
    "paragraph_indent_removed": "{label}的段首有全角空格或 Tab 缩进：报告书的正文样式已首行缩进 2 字，已去掉这些缩进",
    "amount_in_yuan": "{label}“{written}”以元为单位，申报文件的金额单位是万元：应写成 {type}",
    "amount_in_yi": "{label}“{written}”以亿元为单位，申报文件的金额单位是万元：应写成 {type}",
    "number_form": "{label}“{written}”不是数字：应只写数字（万元或百分数），如 1320.5",
    "date_ambiguous": "{label}“{written}”分不清哪个是月、哪个是日：日期请写成 YYYY-MM-DD，若为 {month} 月 {day} 日写 {month_first}，若为 {day} 月 {month} 日写 {day_first}",
    # ---- 征集批次
    "unknown_call": "没有征集批次“{call}”的规则（已有：{available}）",
    "init_exists": "{file} 已存在，未覆盖（如需覆盖请加 --force）",
    "chart_font_missing": "没有可显示中文的字体来绘制图表（需要 {fonts} 之一）。Debian/Ubuntu：apt-get install fonts-noto-cjk",
    "render_refused": "申报材料有 {errors} 个错误，未生成文档；改正后重试，或加 --draft 生成标明“草稿”的文档",
    "conversion_input": "无法读取 {file}：{reason}",
    "docx_too_large_file": "{file} 超过 {max_megabytes} MB，不是正常的 Word 文档",
    "docx_not_zip": "{file} 不是 Word 文档（.docx），或文件已损坏",
    "docx_too_large": "{file} 解压后有 {parts} 个部件、{megabytes} MB，超过上限（{max_parts} 个部件、{max_megabytes} MB）：不是正常的 Word 文档",
    "docx_doctype": "{file} 的 {part} 含有 DOCTYPE 声明（可引用本机文件的外部实体），已拒绝：请用 Word 重新保存",
    "docx_external": "{file} 的 {part} 链接了外部文件或网址 {target}（链接的图片、模板或对象）：转换时会去读取它，已拒绝；请在 Word 中把图片“嵌入”而不是“链接”，或删除该对象",
    "docx_include_field": "{file} 的 {part} 含有引用其他文件的域 {field}：转换时会去读取它，已拒绝；请在 Word 中删除该域（Ctrl+Shift+F9 转为普通文字）",
    "docx_xml": "{file} 的 XML 无法解析：{detail}",
    "template_timeout": "模板 {template} 运行超过 {seconds:g} 秒，已停止（是否有很大的循环？）",
    "template_include": "模板 {template} 引用了另一个模板“{name}”（extends、include 或 import）：模板必须自成一体，请把内容直接写进模板",
    "template_limit": "模板 {template} 生成的内容超过上限，已停止：{detail}",
    "template_error": "模板 {template} 中的表达式出错：{detail}",
    "template_unreadable": "无法读取模板 {template}：{reason}",
    "template_variable": "模板 {template} 使用了不存在的变量：{detail}（可用变量见 docs/templates.md）",
    "template_unsafe": "模板 {template} 试图访问不允许的内容，已拒绝：{detail}",
    "template_syntax": "模板 {template} 有语法错误：{detail}",
    "template_syntax_at": "模板 {template} 有语法错误（{part}，所在段落“{near}”）：{detail}",
    "template_missing": "模板文件夹 {folder} 中没有 {template}：报告书和承诺书的模板都要有（检查报告的可以没有）",
    "template_unknown_variable": "模板 {template} 使用了上下文中没有的变量 {variable}{did_you_mean}（所在段落“{near}”；可用变量见 docs/templates.md）",
    "templates_exist": "{files} 已存在，未覆盖（如需覆盖请加 --force）",
    "markdown_too_deep": "正文的引用或列表嵌套过深，无法排版（reportgen validate 会指出是哪一节）",
    "pandoc_failed": "pandoc 转换正文失败：{reason}",
    "zip_layout": "生成的 .docx 结构异常（{detail}）",
    "render_bug": lambda v: (
        f"生成{ {'context': '报告书的数据', 'text': '正文', 'charts': '图表', 'check_report': '检查报告', 'report_book': '报告书', 'commitment_letter': '承诺书'}.get(v['part'], v['part']) }时出错"
        + (
            f"，出错的是“{v['section']}”的正文（{v['section_path']}）：可先修改这部分内容"
            if v["section"]
            else ""
        )
        + f"。这是 reportgen 的缺陷，请报告此问题：{v['detail']}"
    ),
    "output_folder": "无法创建输出文件夹 {folder}：{reason}",
    "output_write": "无法写入 {file}：{reason}",
    "evidence_changed": "佐证材料 {file} 在检查之后被删除、移动或无法读取：未生成文档，请确认材料后重新运行",
    "output_remove": "无法删除上次生成的 {file}：{reason}",
    "output_outside": "输出文件名“{file}”会写到输出文件夹 {folder} 之外，已拒绝写入",
    # ---- PDF（LibreOffice）
    "libreoffice_missing": "未找到 LibreOffice，无法生成 PDF（Word 文档已生成）。安装：{install}；或运行 scripts/setup.sh。也可加 --no-pdf 只生成 Word；reportgen doctor 可检查环境",
    "uno_missing": "已找到 LibreOffice，但没有能 import uno 的 Python，无法生成 PDF（Word 文档已生成）。安装：{install}；或设置 REPORTGEN_UNO_PYTHON 指向 LibreOffice 自带的 python",
    "libreoffice_start_failed": lambda v: (
        f"{v['file']}：LibreOffice 未能启动（已重试一次）"
        + (f"：{v['detail']}" if v["detail"] else "")
    ),
    "libreoffice_died": lambda v: (
        f"{v['file']}：转换中 LibreOffice 进程意外退出，重启后重试仍失败"
        + (f"（{v['detail']}）" if v["detail"] else "")
    ),
    "conversion_timeout": "{file}：转换超过 {seconds} 秒未完成，重启 LibreOffice 重试一次仍未完成",
    "conversion_failed": "{file}：LibreOffice 无法转换为 PDF（{detail}）",
    "conversion_unreadable": "{file}：LibreOffice 无法打开（不是 Word 文档，或文件已损坏）",
    "converter_closed": "PDF 转换器已关闭，不再接受文档",
    # ---- 规则文件（policy/calls/*.yaml 或 --policy）
    "policy_unreadable": _policy("无法读取：{cause}"),
    "policy_missing_key": _policy("缺少必需的键 {key}"),
    "policy_unknown_key": _policy("有不认识的键 {key}"),
    "policy_invalid": _policy("{key} 的值不符合要求：{problem}"),
    "policy_window_order": _policy("{key} 的开始日期 {start} 晚于结束日期 {end}"),
    "policy_brand_track": _policy("{key}：集群“{track}”不是 tracks 中的赛道"),
    "policy_brand_county": _policy("{key}：{county} 不是 divisions 中 {city} 的区、县（市）"),
    "policy_quota_county": _policy("{key} 列出了不属于该市的区、县（市）：{counties}"),
    "policy_placeholder": _policy("{key} 中的占位符 {found} 不可用（可用：{allowed}）"),
    "policy_same_call": "规则文件 {file} 和 {first} 都是征集批次 {call}：每个批次只能给一个文件",
    # ---- 申报条件
    "independent_legal_person": "申报企业应具有独立法人资格",
    "rd_institution_outside": "研发机构应设在浙江省内",
    "production_base_outside": "生产基地应在浙江省内",
    "provincial_state_owned": "省属企业由省国资委审核推荐，不经区、县（市）经信部门",
    "unknown_city": "“{city}”不是浙江省的设区市{did_you_mean}（可选：{cities}）",
    "unknown_county": lambda v: (
        f"“{v['county']}”不是{v['city']}的区、县（市）"
        + (f"，而是{v['actual_city']}的" if v["actual_city"] else v["did_you_mean"])
        + f"（{v['city']}：{v['counties']}）"
    ),
    "credit_code_region": "统一社会信用代码的登记管理机关代码为 {region}，不在浙江省（33 开头）：请核对企业是否在省内注册",
    "quality_capability_evaluation": "尚未完成制造业企业质量管理能力评价：征集方案重点推荐已完成评价的企业",
    "quality_benchmark": "未列入省级及以上质量标杆企业（非必需，列入者重点推荐）",
    "core_ip": "未填写专利、软件著作权或主导制定的标准：申报产品应具有自主知识产权",
    "core_technologies_missing": "未填写产品的关键核心技术（product.core_technologies）",
    "launch_window": "上市时间 {date} 不在 {start} 至 {end} 之间，不符合申报条件",
    "launch_before_founding": "上市时间 {date} 早于企业成立日期 {founded}",
    "cluster_track": "赛道“{track}”不是“415X”先进制造业集群赛道之一{did_you_mean}（可选：{tracks}）",
    "cluster_brand_county": "{county}没有先进制造业集群品牌，不能以集群品牌名额推荐（集群品牌：{brands}）",
    "cluster_brand_track": "以“{brand}”集群品牌名额推荐的产品须属于{cluster}赛道，本产品为“{track}”",
    # ---- 经济指标
    "financial_year_duplicate": "{year} 年的经济指标填写了不止一次",
    "financial_years": "经济指标的年度为 {found}，应恰好为 {wanted} 三个年度",
    "amount_implausible": "{year} 年{field_label} {written} 万元即 {yi} 亿元，超过浙江任何一家企业的规模：是否把元填成了万元？应为 {type}",
    "amounts_in_yuan": "产品年均销售收入 {average} 万元（即 {yi} 亿元），是标准 {threshold} 万元的一万倍以上：是否把元填成了万元？经济指标的单位是万元，所有金额都应除以 10000，如 {year} 年产品销售收入 {written} 应为 {type}",
    "amounts_maybe_in_yuan": "产品年均销售收入 {average} 万元（即 {yi} 亿元），远大于一般申报产品：是否把元填成了万元？如果是，所有金额都应除以 10000，如 {year} 年产品销售收入 {written} 应为 {type}",
    "part_exceeds_whole": lambda v: _exceeds(v, "，请核对"),
    "product_sales_exceed_revenue": lambda v: _exceeds(v),
    "main_revenue_exceed_revenue": lambda v: _exceeds(v),
    "amount_out_of_scale": "{year} 年{field_label} {written} 万元是其他年度（{others} 万元）的一千倍以上：是否把元填成了万元？应为 {type}",
    "percent_as_fraction": "写成了 {written}，即 {written}%：百分数直接写数字，如是 {type}%，应写 {type}",
    "percent_maybe_fraction": "{written} 表示 {written}%；如是从 Excel 复制的 {type}%（单元格显示为百分比），应写 {type}",
    "sales_before_launch": "{year} 年早于上市时间 {launch}，却填写了产品销售收入：请核对上市时间或销售数据",
    "rd_ratio": "近三年研发投入占主营业务收入比重 {ratio}，低于 {minimum}（{years}）",
    "mountain_island_override": "申报文件指定{county}“是否山区海岛县”为{declared}，而名单结论为{listed}（{source}）：按申报文件的指定检查",
    "mountain_island_list_changed": "{county}在{previous}中，但不在现行名单中（{source}）：按一般标准检查；如属实可用 enterprise.mountain_island 指定",
    "sales_threshold": "产品 {years} 年均销售收入 {average} 万元，低于{category}标准 {threshold} 万元（山区海岛县：{mountain}）",
    "sales_strict_average": "按上市后年度（{years}）计算年均销售收入 {average} 万元达标，但按近三年计算仅 {strict} 万元，低于 {threshold} 万元：评审如按三年平均可能不达标",
    # ---- 佐证材料
    "evidence_duplicate_id": "佐证材料编号“{id}”重复",
    "evidence_unknown_id": "引用的佐证材料“{id}”不存在{did_you_mean}（已有：{ids}）",
    "new_product_proof_kind": "新产品证明材料引用的“{id}”类型为{kind_label}，应为 new_product_proof",
    "financial_evidence_missing": "{years} 年缺少财务审计报告或销售收入证明材料（financial_statement 或 sales_proof）",
    "evidence_outside": "文件路径“{file}”不在申报文件所在文件夹内（不能用绝对路径、..，或指向外部的链接）",
    "evidence_missing_file": "找不到佐证材料文件“{file}”",
    "evidence_unreadable": "无法读取佐证材料文件“{file}”：{reason}",
    "evidence_too_large": "佐证材料“{file}”大小 {size_mb} MB，超过 {limit_mb} MB",
    "evidence_file_type": "佐证材料“{file}”不是 PDF、JPEG、PNG 或 OFD 文件（按文件内容判断）",
    "evidence_extension_mismatch": "佐证材料“{file}”的内容是 {kind}，但扩展名与之不符",
    "evidence_placeholder": "佐证材料“{file}”仍是 reportgen init 生成的占位文件，请替换为真实材料",
    # ---- 报告书提纲
    "text_nesting": "报告书“{heading}”的正文嵌套了 {depth} 层（引用“>”或缩进的列表），最多 {limit} 层：请减少嵌套",
    "section_missing": "报告书“{heading}”没有正文",
    "section_short": "报告书“{heading}”正文只有 {chars} 字，建议不少于 {minimum} 字",
    "picture_url": "正文中的图片“{file}”是网址：reportgen 不下载任何内容，请把图片文件放进申报文件夹（如 evidence/），写相对路径",
    "picture_outside": "正文中的图片“{file}”不在申报文件夹内：只能引用文件夹里的图片（相对路径，不含 ..）",
    "picture_missing": "正文中的图片“{file}”不存在或无法读取",
    "picture_format": "正文中的图片“{file}”不是 JPEG 或 PNG（按文件内容判断）：报告书中只能放这两种图片",
    "picture_unusable": "图片“{file}”无法放入报告书：不是可读的 JPEG 或 PNG，或不在申报文件夹内",
    "unplaced_text": "report.unplaced 中有 {chars} 字从 Word 导入、尚未归入提纲小节的内容：移入合适的小节后删除（这部分不写入报告书）",
    "no_comparisons": "没有与行业同类产品的技术指标对比（comparisons），提纲要求说明技术先进性",
    "no_quality_metrics": "没有抽检合格率、废品率、返修率等质量指标（metrics）及行业平均对比",
    "no_customers": "没有列出主要客户（customers），提纲要求说明主要客户及合作情况",
    # ---- reportgen init 模板中未替换的内容
    "starter_prompt": "仍是模板中的提示“{prompt}”：请改写为企业的实际情况",
    "starter_example": "“{value}”是 reportgen init 模板中的示例内容：请改为企业的真实信息",
    "starter_figures": "经济指标仍是 reportgen init 模板中的示例数字：请填写企业近三年的实际数据",
    "evidence_same_file": lambda v: (
        f"与第 {v['other']} 项佐证材料（{v['other_id']}）"
        f"{'是同一个文件' if v['same'] == 'path' else '内容完全相同'}：同一份材料列了两次"
    ),
    # ---- 日期
    "bidi_characters": "含有改变文字显示方向的不可见字符（{characters}），会让文字或文件名看起来与实际不同：文件名中已去掉，请从文字中删除",
    "control_characters": "含有 Word 文档无法保存的控制字符（如从 PDF 复制时带入），生成文档时将删除",
    "commitment_date_window": "承诺书日期 {date} 不在网上申报期间 {start} 至 {end} 内",
    "proof_date_late": "新产品证明材料日期 {date} 晚于申报截止日 {end}",
    # ---- batch
    "batch_worker_died": lambda v: (
        "生成时工作进程意外退出（"
        + (
            f"被信号 {-v['exitcode']} 终止"
            if (v["exitcode"] or 0) < 0
            else f"退出码 {v['exitcode']}"
        )
        + "），其余申报文件不受影响"
    ),
    "batch_internal_error": "内部错误（请报告此问题），只影响这一份申报文件：{detail}",
    # ---- 推荐汇总表、工作人员信息汇总表（reportgen staff）
    "staff_county_unknown": "“{county}”不是政策文件中的区、县（市）{did_you_mean}",
    "recommendation_incomplete": "第 {number} 条推荐没有引用申报文件（application），也缺少：{missing}",
    "recommendation_track_unknown": "第 {number} 条的赛道“{track}”不是“415X”先进制造业集群赛道之一{did_you_mean}",
    "recommendation_application_errors": "第 {number} 条推荐引用的申报文件 {file} 未通过检查（{count} 个错误）：{problems}",
    "recommendation_differs": "第 {number} 条在推荐表中写的 {key} 为“{listed}”，申报文件中为“{own}”",
    "recommendation_duplicate": "第 {number} 条与第 {first} 条重复：同一企业的同一产品（{enterprise}：{product}）",
    "recommendation_same_enterprise": "{enterprise} 推荐了 {count} 个产品（第 {numbers} 条）",
    "quota_unknown": "政策文件中没有{city}的推荐名额表，未检查{county}的名额",
    "quota_exceeded": "{county}推荐名额为 {quota} 个，按普通名额推荐了 {count} 个：第 {numbers} 条超出名额",
    "brand_quota_no_brand": "{county}没有先进制造业集群品牌，第 {numbers} 条不能以集群品牌名额推荐（集群品牌：{brands}）",
    "brand_quota_exceeded": "{county}“{brand}”集群品牌名额为 {quota} 个，以此名额推荐了 {count} 个：第 {numbers} 条超出",
    "brand_quota_wrong_track": "第 {number} 条以“{brand}”集群品牌名额推荐，产品须属于{cluster}赛道，本产品为“{track}”",
    "contacts_duplicate": "与第 {first} 位工作人员（{name}）相同：同一个人填了两次",
    "contacts_county_mismatch": "工作人员所在区、县（市）“{found}”与本表的“{county}”不同",
}


def _exceeds(v: Any, otherwise: str = "") -> str:
    """'2024 年产品销售收入 42600000 万元超过企业营业收入 42,800.00 万元', and the likely slip."""
    said = f"{v['year']} 年{v['field_label']} {v['written']} 万元超过{v['whole_label']} {v['limit']} 万元"
    return said + (f"：是否把元填成了万元？应为 {v['type']}" if v["hint"] else otherwise)


# why the system refused a file or folder (errors.os_reason), by the error's name
OS_REASONS: dict[str, str] = {
    "ENOENT": "不存在",
    "ENOTDIR": "路径中有一段是文件而不是文件夹",
    "EISDIR": "这是一个文件夹",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "磁盘是只读的",
    "ENOSPC": "磁盘已满",
    "ELOOP": "符号链接形成了循环",
    "NOTREG": "不是普通文件（是文件夹、设备、管道或套接字），不读取",
    "TOOLARGE": "文件过大",
    "EDQUOT": "超出磁盘配额",
    "EEXIST": "已存在同名文件",
    "ENAMETOOLONG": "文件名太长",
    "EIO": "读写磁盘出错",
}
