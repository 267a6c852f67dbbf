"""English messages: one per code, the same keys as zh.py."""

from typing import Any

_HOW = {
    "thousands": "thousands separators removed",
    "unit": "the unit (10,000 yuan) removed",
    "percent_sign": "the percent sign removed",
    "fullwidth": "full-width digits and signs read as ASCII",
    "year_form": "the year as a number",
    "date_form": "the date as YYYY-MM-DD",
    "phone_form": "the phone number's punctuation",
    "yes_no": "Chinese yes/no read as true/false",
    "label": "the choice's Chinese name",
}


def _exceeds(v: Any, otherwise: str = "") -> str:
    said = f"{v['year']} {v['field_label']}: {v['written']} exceeds {v['whole_label']} ({v['limit']}, in 10,000 yuan)"
    return said + (f": typed in yuan? It should be {v['type']}" if v["hint"] else otherwise)


def _policy(text: str) -> Any:
    """A problem of a policy file: which file, at which line, how many more follow."""

    def message(v: Any) -> str:
        where = f"policy file {v['file']}" + (f", line {v['line']}" if v.get("line") else "")
        more = f" ({v['more']} more problems)" if v.get("more") else ""
        return f"{where}: " + text.format_map(v) + more

    return message


MESSAGES: dict[str, Any] = {
    "web_not_in_workspace": "{name} is not in the workspace",
    "web_conflict": "The file {file} was changed elsewhere (the command line or another tab) and was not overwritten. Reload it to go on.",
    "serve_port_busy": "port {port} is in use ({host}): choose another with --port",
    "serve_cannot_listen": "cannot listen on {host}:{port}: {reason}",
    "convert_same_target": "several documents would be written to the same PDF: {files} (convert them separately, or without -o)",
    "value_normalized": lambda v: (
        f'"{v["written"]}" read as {v["read"]} ('
        + ", ".join(_HOW.get(h, h) for h in str(v["how"]).split("+"))
        + ")"
    ),
    "pasted_line_breaks": "{label} has {count} line break character(s) pasted from Word (\\x0b or U+2028/U+2029): read as line breaks; better make them ordinary line breaks",
    "paragraph_indent_removed": "{label} indents paragraphs with full-width spaces or tabs: the body style indents by two characters already, so they were removed",
    "amount_in_yuan": '{label} "{written}" is in yuan, but amounts are in units of 10,000 yuan: write {type}',
    "amount_in_yi": '{label} "{written}" is in units of 100 million yuan, but amounts are in units of 10,000 yuan: write {type}',
    "number_form": '{label} "{written}" is not a number: write the number alone (10,000 yuan or percent), e.g. 1320.5',
    "date_ambiguous": '{label} "{written}" could be month/day or day/month: write YYYY-MM-DD, {month_first} for month {month}, day {day}, or {day_first} for month {day}, day {month}',
    "file_not_found": "file not found: {file}",
    "file_unreadable": "cannot read {file}: {reason}",
    "file_too_large": "file too large ({size} bytes); an application may not exceed {limit} bytes (5 MB)",
    "file_empty": "the file is empty: fill in the application (reportgen init writes a template)",
    "encoding_invalid": "unknown text encoding (near line {near}): save the file as UTF-8",
    "encoding_gb18030": "the file is GBK/GB18030-encoded and was read as such; save it as UTF-8",
    "yaml_syntax": lambda v: (
        f"YAML syntax error: {v['meaning']}"
        if v["meaning"]
        else "YAML syntax error (usually uneven indentation, no space after a colon, or a quote not closed)"
        + (f"; the parser says: {v['problem']}" if v["problem"] else "")
    ),
    "yaml_tab_indent": "this line is indented with a tab: YAML indents with spaces only",
    "yaml_fullwidth_space": "this line's indentation has a full-width space (U+3000): YAML indents with ordinary spaces only",
    "yaml_fullwidth_colon": "'{key}' is followed by a full-width colon: write {key}: {value}",
    "yaml_colon_space": lambda v: (
        f"'{v['key']}:' is followed by "
        + ("a full-width space" if v["what"] == "fullwidth" else "no space")
        + f": a colon needs an ordinary space after it, write {v['key']}: {v['value']}"
    ),
    "yaml_unclosed_quote": "the quote {quote} on this line is not closed",
    "yaml_colon_in_value": "the value contains ': ', which YAML reads as another key: quote the value, {key}: \"{value}\"",
    "yaml_block_indent": "is this line text of the | block above? Every line of such a text must be indented more than its key (text:)",
    "yaml_multiple_documents": "the file may hold only one YAML document (a second --- here)",
    "invalid_unicode": "contains a character no encoding can write (a lone UTF-16 surrogate such as \\ud800)",
    "json_syntax": "JSON syntax error: {problem}",
    "duplicate_key": "key '{key}' appears twice (first on line {first_line})",
    "alias_limit": "YAML anchors/aliases expand to more than {limit} values; refused",
    "nesting_too_deep": "nested more than {limit} levels deep; refused",
    "forbidden_tag": "YAML tag {tag} is not allowed: only text, numbers, dates, lists and mappings",
    "invalid_key": "keys must be plain text",
    "invalid_merge": "a YAML merge (<<) can only merge mappings",
    "not_a_mapping": "the top level must be a mapping of keys to values, found {found}",
    "invalid_application": "the application has {count} format problem(s)",
    "missing_field": "missing required field {label}",
    "unknown_field": "unknown key '{key}'{did_you_mean} (allowed here: {allowed})",
    "invalid_choice": "{label}: '{input}' is not one of {expected}{did_you_mean}",
    "thousands_split": "'{field}: {written}': inside a {{…}} line a comma separates entries, so YAML read {field}: {input_first} and '{key}': drop the thousands separator and write {field}: {number}",
    "colon_without_space": "'{input}' has no space after its colon (or a full-width colon), so YAML read it as text: write {key}: {value}",
    "out_of_range": "{label}: {input} is out of range (limit {limit})",
    "empty_value": "{label} is empty",
    "too_few_items": "{label} needs at least {limit} item(s)",
    "too_many_items": "{label} allows at most {limit} item(s)",
    "invalid_format": "{label}: '{input}' has the wrong format",
    "invalid_number": "{label}: '{input}' is not a valid number",
    "date_format": "{label}: '{input}' is not a date; write YYYY-MM-DD, e.g. 2023-09-01",
    "phone_format": "{label}: '{input}' is not a phone number (11-digit mobile or 0571-85257064; quote numbers starting with 0)",
    "mobile_format": "{label}: '{input}' is not a mobile number (11 digits starting with 1)",
    "email_format": "{label}: '{input}' is not an e-mail address",
    "credit_code_length": "unified social credit code '{input}' must have 18 characters",
    "credit_code_alphabet": "unified social credit code '{input}' has characters outside its alphabet (no I, O, S, V, Z)",
    "credit_code_checksum": "unified social credit code '{input}' fails its GB 32100-2015 check (last character should be {expected})",
    "honor_name_required": "an honor of kind 'other' needs a name",
    "invalid_type": "{label}: '{input}' should be {expected}",
    "invalid_value": "{label}: '{input}' is not valid: {detail}",
    "unknown_call": "no rules for call '{call}' (available: {available})",
    "init_exists": "{file} exists; not overwritten (use --force)",
    "chart_font_missing": "no Chinese font to draw charts with (one of {fonts}); Debian/Ubuntu: apt-get install fonts-noto-cjk",
    "render_refused": "the application has {errors} error(s); no documents written (fix them, or use --draft)",
    "conversion_input": "cannot read {file}: {reason}",
    "docx_too_large_file": "{file} is over {max_megabytes} MB: not an ordinary Word document",
    "docx_not_zip": "{file} is not a Word document (.docx), or it is damaged",
    "docx_too_large": "{file} unpacks to {parts} parts and {megabytes} MB, beyond the limits ({max_parts} parts, {max_megabytes} MB): not an ordinary Word document",
    "docx_doctype": "{file}: {part} has a DOCTYPE declaration (its entities can name local files): refused; save the file again with Word",
    "docx_external": "{file}: {part} links to an outside file or address {target} (a linked picture, template or object) that the conversion would fetch: refused; embed the picture instead of linking it, or delete the object",
    "docx_include_field": "{file}: {part} has a field that includes another file ({field}) that the conversion would read: refused; delete the field or turn it into text",
    "docx_xml": "{file}: its XML cannot be read: {detail}",
    "template_timeout": "template {template} ran for over {seconds:g} seconds and was stopped (a very large loop?)",
    "template_include": "template {template} names another template '{name}' (extends, include or import): a template must stand alone; put the content into it",
    "template_limit": "template {template} made more than a document can hold and was stopped: {detail}",
    "template_error": "an expression in template {template} failed: {detail}",
    "template_unreadable": "cannot read template {template}: {reason}",
    "template_variable": "template {template} uses an undefined variable: {detail} (see docs/templates.md)",
    "template_unsafe": "template {template} tried to reach something not allowed: {detail}",
    "template_syntax": "template {template} has a syntax error: {detail}",
    "template_syntax_at": "template {template} has a syntax error ({part}, in the paragraph '{near}'): {detail}",
    "template_missing": "the template folder {folder} has no {template}: the report book's and the letter's templates must both be there (the check report's may be missing)",
    "template_unknown_variable": "template {template} uses {variable}, which the context lacks{did_you_mean} (in the paragraph '{near}'; see docs/templates.md)",
    "templates_exist": "{files} exist(s); not overwritten (use --force)",
    "markdown_too_deep": "a text nests quotes or lists too deep to typeset (reportgen validate says which)",
    "pandoc_failed": "pandoc could not convert the narrative: {reason}",
    "zip_layout": "unexpected .docx layout ({detail})",
    "render_bug": lambda v: (
        f"making the {v['part'].replace('_', ' ')} failed"
        + (
            f", on the text of {v['section_path']}: editing that text may get round it"
            if v["section"]
            else ""
        )
        + f". This is a bug in reportgen, please report it: {v['detail']}"
    ),
    "output_folder": "cannot create the output folder {folder}: {reason}",
    "output_write": "cannot write {file}: {reason}",
    "evidence_changed": "evidence file {file} was deleted, moved or became unreadable after the check: no documents written; check it and run again",
    "output_remove": "cannot delete the earlier output {file}: {reason}",
    "output_outside": "the output name '{file}' would be written outside the output folder {folder}: refused",
    # ---- PDF (LibreOffice)
    "libreoffice_missing": "LibreOffice was not found, so no PDF (the Word documents were written). Install: {install}, or run scripts/setup.sh. --no-pdf writes Word only; reportgen doctor checks the machine",
    "uno_missing": "LibreOffice is installed but no Python here can import uno, so no PDF (the Word documents were written). Install: {install}, or set REPORTGEN_UNO_PYTHON to LibreOffice's own python",
    "libreoffice_start_failed": lambda v: (
        f"{v['file']}: LibreOffice did not start (tried twice)"
        + (f": {v['detail']}" if v["detail"] else "")
    ),
    "libreoffice_died": lambda v: (
        f"{v['file']}: LibreOffice died while converting, and again after a restart"
        + (f" ({v['detail']})" if v["detail"] else "")
    ),
    "conversion_timeout": "{file}: conversion took longer than {seconds} s, twice (LibreOffice was restarted in between)",
    "conversion_failed": "{file}: LibreOffice cannot convert it to PDF ({detail})",
    "conversion_unreadable": "{file}: LibreOffice cannot open it (not a Word document, or damaged)",
    "converter_closed": "the PDF converter is closed and takes no more documents",
    "policy_unreadable": _policy("cannot be read: {cause}"),
    "policy_missing_key": _policy("lacks the required key {key}"),
    "policy_unknown_key": _policy("has an unknown key {key}"),
    "policy_invalid": _policy("{key} is not valid: {problem}"),
    "policy_window_order": _policy("{key} starts ({start}) after it ends ({end})"),
    "policy_brand_track": _policy("{key}: the cluster '{track}' is not one of the tracks"),
    "policy_brand_county": _policy("{key}: {county} is not a county of {city} in divisions"),
    "policy_quota_county": _policy("{key} names counties not in that city: {counties}"),
    "policy_placeholder": _policy("{key} uses placeholders {found} (known: {allowed})"),
    "policy_same_call": "the policy files {file} and {first} are both call {call}: give one file per call",
    "independent_legal_person": "the enterprise must be an independent legal person",
    "rd_institution_outside": "the R&D institution must be in Zhejiang",
    "production_base_outside": "the production base must be in Zhejiang",
    "provincial_state_owned": "provincial state-owned enterprises are reviewed by the provincial SASAC, not a district",
    "unknown_city": "'{city}' is not a city of Zhejiang{did_you_mean} (choose from: {cities})",
    "unknown_county": lambda v: (
        f"'{v['county']}' is not a county of {v['city']}"
        + (f" but of {v['actual_city']}" if v["actual_city"] else v["did_you_mean"])
        + f" ({v['city']}: {v['counties']})"
    ),
    "credit_code_region": "the credit code's region {region} is not in Zhejiang (33…)",
    "quality_capability_evaluation": "no quality management capability evaluation yet (recommended by the call)",
    "quality_benchmark": "not a provincial or national quality benchmark (recommended, not required)",
    "core_ip": "no patent, software copyright or led standard: the product should have its own IP",
    "core_technologies_missing": "no key core technologies listed (product.core_technologies)",
    "launch_window": "launch date {date} is outside {start} to {end}: not eligible",
    "launch_before_founding": "launch date {date} is before the enterprise was founded ({founded})",
    "cluster_track": "'{track}' is not one of the call's tracks{did_you_mean} ({tracks})",
    "cluster_brand_county": "{county} holds no cluster brand, so the cluster-brand quota cannot be used (brands: {brands})",
    "cluster_brand_track": "a product recommended under the '{brand}' brand quota must be in track {cluster}, not '{track}'",
    "financial_year_duplicate": "the figures of {year} are given more than once",
    "financial_years": "financial years are {found}; they must be exactly {wanted}",
    "amount_implausible": "{year} {field_label}: {written} (in 10,000 yuan) is {yi} hundred million yuan, larger than any Zhejiang enterprise: typed in yuan? It should be {type}",
    "amounts_in_yuan": "average product sales of {average} (in 10,000 yuan, that is {yi} hundred million yuan) are over 10,000 times the threshold of {threshold}: typed in yuan? The figures are in 10,000 yuan, so divide every amount by 10000, e.g. product sales {year} {written} should be {type}",
    "amounts_maybe_in_yuan": "average product sales of {average} (in 10,000 yuan, that is {yi} hundred million yuan) are far beyond a catalogue product's: typed in yuan? If so, divide every amount by 10000, e.g. product sales {year} {written} should be {type}",
    "part_exceeds_whole": lambda v: _exceeds(v, ", please check"),
    "product_sales_exceed_revenue": lambda v: _exceeds(v),
    "main_revenue_exceed_revenue": lambda v: _exceeds(v),
    "amount_out_of_scale": "{year} {field_label}: {written} is over 1,000 times the other years ({others}): typed in yuan? It should be {type}",
    "percent_as_fraction": "{written} means {written}%: percentages are written as numbers; for {type}% write {type}",
    "percent_maybe_fraction": "{written} means {written}%; if it is {type}% copied from Excel, write {type}",
    "sales_before_launch": "{year} is before the launch date {launch} but has product sales",
    "rd_ratio": "R&D over main business revenue in the three years is {ratio}, below {minimum} ({years})",
    "mountain_island_override": "the application declares {county} mountain/island: {declared}; the list says {listed} ({source}); the declaration is used",
    "mountain_island_list_changed": "{county} was on {previous} but is not on the current list ({source}); the ordinary threshold applies",
    "sales_threshold": "average product sales {years} are {average}, below the {category} threshold {threshold} (10k yuan; mountain/island: {mountain})",
    "sales_strict_average": "average sales since launch ({years}) of {average} pass, but the three-year average {strict} is below {threshold} (10k yuan)",
    "evidence_duplicate_id": "evidence id '{id}' is used twice",
    "evidence_unknown_id": "evidence '{id}' does not exist{did_you_mean} (ids: {ids})",
    "new_product_proof_kind": "the new-product proof points at '{id}' of kind {kind_label}; it must be new_product_proof",
    "financial_evidence_missing": "no financial statement or sales proof covers {years}",
    "evidence_outside": "'{file}' is outside the application's folder (no absolute paths, .. or links leading out)",
    "evidence_missing_file": "evidence file '{file}' not found",
    "evidence_unreadable": "cannot read evidence file '{file}': {reason}",
    "evidence_too_large": "evidence '{file}' is {size_mb} MB, over {limit_mb} MB",
    "evidence_file_type": "evidence '{file}' is not a PDF, JPEG, PNG or OFD file (judged by content)",
    "evidence_extension_mismatch": "evidence '{file}' contains {kind} but its extension says otherwise",
    "evidence_placeholder": "evidence '{file}' is still the placeholder written by reportgen init",
    "text_nesting": "the text of '{heading}' nests {depth} levels deep (quotes '>' or indented lists); at most {limit}: please nest less",
    "section_missing": "{heading}: this section of the report book has no text",
    "section_short": "{heading}: this section of the report book has only {chars} characters; at least {minimum} are advised",
    "picture_url": "the picture “{file}” in the text is a URL: reportgen fetches nothing; put the file in the application's folder (evidence/, say) and give its relative path",
    "picture_outside": "the picture “{file}” in the text is outside the application's folder: only pictures inside it can be shown (a relative path, no ..)",
    "picture_missing": "the picture “{file}” in the text does not exist or cannot be read",
    "picture_format": "the picture “{file}” in the text is not a JPEG or PNG (by its content): the report book takes only these",
    "picture_unusable": "the picture “{file}” cannot be placed in the report book: not a readable JPEG or PNG, or not inside the application's folder",
    "unplaced_text": "report.unplaced holds {chars} characters imported from Word and not yet placed in a subsection of the outline: move them, then delete it (this part is not printed)",
    "no_comparisons": "no comparison with peer products (comparisons)",
    "no_quality_metrics": "no quality metrics against the industry average (metrics)",
    "no_customers": "no main customers listed (customers)",
    "starter_prompt": "still the starter's prompt '{prompt}': write the enterprise's own text",
    "starter_example": "'{value}' is still an example value of the starter (reportgen init): replace it with the enterprise's own",
    "starter_figures": "the financial figures are still the starter's examples: enter the enterprise's own",
    "evidence_same_file": lambda v: (
        f"{'is the same file as' if v['same'] == 'path' else 'has the same content as'}"
        f" evidence item {v['other']} ({v['other_id']}): the same document is listed twice"
    ),
    "bidi_characters": "contains invisible characters that change the direction text is shown in ({characters}), making text or a file name look other than it is: left out of file names; please delete them",
    "control_characters": "contains control characters a Word document cannot hold; they are dropped when rendering",
    "commitment_date_window": "commitment date {date} is outside the application window {start} to {end}",
    "proof_date_late": "new-product proof date {date} is after the deadline {end}",
    # ---- batch
    "batch_worker_died": lambda v: (
        "the worker process ended while rendering ("
        + (
            f"killed by signal {-v['exitcode']}"
            if (v["exitcode"] or 0) < 0
            else f"exit code {v['exitcode']}"
        )
        + "); the other applications are not affected"
    ),
    "batch_internal_error": "internal error (please report it), affecting this application only: {detail}",
    # ---- staff tables (reportgen staff)
    "staff_county_unknown": "'{county}' is not a county of the policy{did_you_mean}",
    "recommendation_incomplete": "recommendation {number} names no application file and lacks: {missing}",
    "recommendation_track_unknown": "recommendation {number}: track '{track}' is not one of the 415X cluster tracks{did_you_mean}",
    "recommendation_application_errors": "recommendation {number}: its application {file} fails the checks ({count} errors): {problems}",
    "recommendation_differs": "recommendation {number}: the list gives {key} '{listed}', the application '{own}'",
    "recommendation_duplicate": "recommendation {number} repeats recommendation {first}: the same product of the same enterprise ({enterprise}: {product})",
    "recommendation_same_enterprise": "{enterprise} has {count} products recommended (numbers {numbers})",
    "quota_unknown": "the policy has no quota table for {city}: the quota of {county} was not checked",
    "quota_exceeded": "{county} may recommend {quota}, it recommends {count} on the ordinary quota: number(s) {numbers} exceed it",
    "brand_quota_no_brand": "{county} has no cluster brand: number(s) {numbers} cannot use a cluster-brand quota (brands: {brands})",
    "brand_quota_exceeded": "the '{brand}' cluster-brand quota of {county} is {quota}, {count} use it: number(s) {numbers} exceed it",
    "brand_quota_wrong_track": "recommendation {number} uses the '{brand}' brand quota, so it must be in the {cluster} track; it is in '{track}'",
    "contacts_duplicate": "the same person as staff member {first} ({name}): listed twice",
    "contacts_county_mismatch": "a staff member's county '{found}' differs from the form's '{county}'",
}


# why the system refused a file or folder (errors.os_reason), by the error's name; the
# system's own words where it has some (glibc's), so both read alike
OS_REASONS: dict[str, str] = {
    "ENOENT": "No such file or directory",
    "ENOTDIR": "Not a directory",
    "EISDIR": "Is a directory",
    "EACCES": "Permission denied",
    "EPERM": "Operation not permitted",
    "EROFS": "Read-only file system",
    "ENOSPC": "No space left on device",
    "ELOOP": "Too many levels of symbolic links",
    "NOTREG": "not a regular file (a folder, device, pipe or socket): not read",
    "TOOLARGE": "file too large",
    "EDQUOT": "Disk quota exceeded",
    "EEXIST": "File exists",
    "ENAMETOOLONG": "File name too long",
    "EIO": "Input/output error",
}
