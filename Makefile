# The README's two commands: `make demo` and `make test`. Both set up what is missing first.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint typecheck pytest bench schema templates variables clean

setup:
	@scripts/setup.sh

demo: setup
	@echo "== 检查本机环境：LibreOffice、字体、pandoc =="
	$(BIN)/reportgen doctor
	@echo "== 检查三个示例申报材料 =="
	$(BIN)/reportgen validate examples/advanced-cnc/application.yaml \
	    examples/digital-vision/application.yaml examples/consumer-tea/application.yaml
	@echo "== 生成报告书、承诺书（Word 和 PDF）、检查报告和 manifest.json =="
	$(BIN)/reportgen render examples/advanced-cnc/application.yaml -o demo-out/advanced-cnc
	@echo "== 批量：examples/ 下全部申报材料，并行生成，汇总表 demo-out/batch/summary.md =="
	$(BIN)/reportgen batch examples -o demo-out/batch
	@echo "== 区县：推荐汇总表（附件5）、工作人员信息汇总表（附件3）、全市汇总（Word＋Excel）=="
	$(BIN)/reportgen staff recommend examples/staff/萧山区-推荐.yaml -o demo-out/staff
	$(BIN)/reportgen staff contacts examples/staff/萧山区-工作人员.yaml -o demo-out/staff
	$(BIN)/reportgen staff collect examples/staff/萧山区-推荐.yaml examples/staff/富阳区-推荐.yaml -o demo-out/staff
	@echo "== 生成一份新的申报材料并检查：模板里要替换的示例内容逐项列出（退出码 1 是预期的）=="
	rm -rf demo-out/我的申报 && $(BIN)/reportgen init demo-out/我的申报
	$(BIN)/reportgen validate demo-out/我的申报/application.yaml; test $$? -eq 1

test: setup lint typecheck pytest

lint:
	$(BIN)/ruff check reportgen tests bench scripts tools
	$(BIN)/ruff format --check reportgen tests bench scripts tools

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/validate.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/convert.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/web.py

schema: setup
	$(BIN)/reportgen schema -o schemas/application.schema.json

templates: setup
	$(BIN)/python tools/templates/build.py

# docs/templates.md's variable table, from the Context's types (a test checks they agree)
variables: setup
	$(BIN)/python tools/variables.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
