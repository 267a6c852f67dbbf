"""消息里的小词和短语：是/否、列表、“是否想写”，以及作为其他消息参数的短语。"""

MESSAGES: dict[str, str] = {
    "word.yes": "是",
    "word.no": "否",
    "word.none": "无",
    "word.list_separator": "、",
    "word.did_you_mean": "，是否想写“{suggestion}”？",
    "word.whole_file": "（文件）",
    "word.item": "第 {number} 项",  # 列表中的一项
    "word.value_label": "{value}（{label}）",  # 选项：代码（中文名称）
    "word.label_value": "{label}（{value}）",
    "word.brand_of_county": "{county}“{brand}”",
    "word.year_ratio": "{year}年 {ratio}",
    "word.detail_at_line": "{detail}（第 {line} 行）",
    # ---- 类型不对时应为的值（invalid_type）
    "expected.string": "文本",
    "expected.int": "整数",
    "expected.decimal": "数字",
    "expected.float": "数字",
    "expected.bool": "true 或 false（也可写 是 或 否）",
    "expected.list": "列表（- 开头的若干项）",
    "expected.dict": "键值对（字段: 值）",
    "expected.model": "键值对（字段: 值）",
    "expected.date": "日期 YYYY-MM-DD",
    "expected.other": "正确的类型",
    # ---- YAML 解析器的原话通常是什么意思（yaml_syntax）
    "yaml_meaning.mapping_values": "这一行里有第二个“: ”，或缩进不对",
    "yaml_meaning.expected_colon": "找不到“字段: 值”的冒号：这一行或上一行缺少冒号，或缩进不一致",
    "yaml_meaning.expected_key": "缩进不一致：同一层的字段要对齐",
    "yaml_meaning.expected_dash": "列表项（- 开头）的缩进不一致",
    "yaml_meaning.flow_mapping": "{{…}} 里各项之间要用逗号“, ”分开，最后要有右括号 }}",
    "yaml_meaning.flow_sequence": "[…] 里各项之间要用逗号“, ”分开，最后要有右括号 ]",
    "yaml_meaning.escape": "双引号里的反斜杠 \\ 要写成 \\\\，或改用单引号",
    "yaml_meaning.block_end": "缩进不一致，或引号没有闭合",
    "yaml_meaning.end_of_stream": "引号没有闭合",
    "yaml_meaning.token": "这一行的开头有 YAML 不允许的字符",
    "yaml_meaning.undefined_alias": "未定义的锚点 *{anchor}",
    # ---- 模板生成的内容超过了什么上限（template_limit）
    "template_limit.value": "一个值有 {size:,} 个字符或项",
    "template_limit.power": "{exponent:,} 次方",
    "template_limit.format_width": "格式宽度 {width}",
    "template_limit.width": "宽度或次数 {size:,}",
}
