// reportgen serve, the district's tables: the 附件5 list's rows in
// recommendation order (drag and drop, or the ↑ ↓ buttons), the form's people; every change
// checked by the server (the CLI's checks) and saved; the tables downloaded once valid.
// post(), notice(), setState() and CSRF come from app.js.
"use strict";

const districtForm = document.getElementById("district-file");
if (districtForm) startDistrictFile(districtForm);

function startDistrictFile(form) {
  const kind = form.dataset.kind;
  const id = form.dataset.id.split("/").map(encodeURIComponent).join("/");
  const data = JSON.parse(document.getElementById("district-data").textContent);
  let version = form.dataset.version;
  let timer = null;
  let edits = 0;
  let savedAt = 0;
  let saving = Promise.resolve(); // the last save asked for (saveNow)
  let conflicted = false;
  let valid = false;
  let resolved = {}; // an application's path → its row as the check read it
  const rows = form.querySelector("tbody");
  const list = kind === "list" ? (data.recommendations ||= []) : (data.staff ||= []);

  // -- the fields above the rows: data-path is where each value goes
  for (const input of form.querySelectorAll(".head-fields [data-path]")) {
    input.value = get(data, input.dataset.path) ?? "";
    input.addEventListener("input", () => {
      set(data, input.dataset.path, input.value);
      changed(500);
    });
  }

  function changed(delay) {
    edits += 1;
    setState("");
    clearTimeout(timer);
    timer = setTimeout(checkAndSave, delay);
  }

  async function checkAndSave(saveToo = true) {
    const at = edits;
    const body = JSON.stringify(data);
    const answer = await (await post(`/api/district/check/${kind}/${id}`, body)).json();
    if (at !== edits) return; // a later change is checked next
    valid = answer.valid;
    resolved = {}; // each application's row by its path: a row moved keeps what it showed
    for (const row of answer.rows || []) {
      const item = list[row.number - 1];
      if (item?.application) resolved[item.application] = row;
    }
    draw();
    showFindings(answer.findings);
    if (kind === "list") showQuota(answer.quota);
    showTables();
    if (saveToo) await saveNow(body, at);
  }

  // saves one after another, each with the version the one before returned (a second
  // save sent with the old version would be refused as a conflict)
  function saveNow(body, at) {
    saving = saving.then(() => saveOnce(body, at));
    return saving;
  }

  async function saveOnce(body, at) {
    if (savedAt >= at || conflicted) return;
    setState(WORDS.saving);
    const response = await post(`/api/district/save/${kind}/${id}`, `{"data":${body},"version":${JSON.stringify(version)}}`);
    const answer = await response.json();
    if (response.status === 409) {
      conflicted = true; // the file changed elsewhere: nothing more is saved over it
      setState("");
      notice(answer.conflict, WORDS.reload, () => location.reload());
      return;
    }
    version = answer.version;
    savedAt = at;
    if (savedAt === edits) setState(WORDS.saved);
  }

  // -- the rows
  function draw() {
    if (addPerson) addPerson.disabled = list.length >= 2; // 附件3: one or two people per county
    rows.replaceChildren(...list.flatMap((item, i) => (kind === "list" ? recommendationRow(item, i) : personRow(item, i))));
  }

  function recommendationRow(item, i) {
    const tr = document.createElement("tr");
    tr.draggable = true;
    tr.dataset.index = i;
    tr.dataset.row = `recommendations[${i}]`;
    const seen = item.application ? resolved[item.application] : null;
    const handle = cell(tr, "⠿", "drag-handle");
    handle.title = WORDS.drag;
    cell(tr, String(i + 1), "short");
    if (item.application) {
      const name = cell(tr, seen ? seen.enterprise : WORDS.not_resolved);
      name.append(Object.assign(document.createElement("div"), { className: "muted file", textContent: item.application }));
      for (const key of ["product", "category", "track"]) cell(tr, seen ? seen[key] : "");
    } else {
      for (const key of ["enterprise", "product"]) tr.append(td(textInput(item, key, i)));
      tr.append(td(choice(item, "category", "category-options", i)));
      tr.append(td(choice(item, "cluster_track", "track-options", i)));
    }
    const brand = document.createElement("input");
    brand.type = "checkbox";
    brand.checked = seen ? seen.brand : Boolean(item.cluster_brand_quota);
    brand.setAttribute("aria-label", `${WORDS.brand} ${i + 1}`);
    brand.addEventListener("change", () => {
      item.cluster_brand_quota = brand.checked;
      changed(0);
    });
    tr.append(td(brand));
    tr.append(td(...tools(i)));
    const problems = document.createElement("tr");
    problems.className = "row-problems";
    problems.dataset.problemsFor = `recommendations[${i}]`;
    problems.append(Object.assign(document.createElement("td"), { colSpan: 8 }));
    dragging(tr);
    return [tr, problems];
  }

  function personRow(item, i) {
    const tr = document.createElement("tr");
    tr.dataset.row = `staff[${i}]`;
    for (const key of ["county", "office", "name", "title", "mobile"]) tr.append(td(textInput(item, key, i)));
    tr.append(td(...tools(i)));
    const problems = document.createElement("tr");
    problems.className = "row-problems";
    problems.dataset.problemsFor = `staff[${i}]`;
    problems.append(Object.assign(document.createElement("td"), { colSpan: 6 }));
    return [tr, problems];
  }

  function tools(i) {
    const buttons = [];
    if (kind === "list") {
      buttons.push(button("↑", WORDS.move_up, () => move(i, i - 1), i === 0));
      buttons.push(button("↓", WORDS.move_down, () => move(i, i + 1), i === list.length - 1));
    }
    buttons.push(button("×", WORDS.remove, () => {
      list.splice(i, 1);
      draw();
      changed(0);
    }));
    return buttons;
  }

  function move(from, to) {
    if (to < 0 || to >= list.length || from === to) return;
    list.splice(to, 0, list.splice(from, 1)[0]);
    draw();
    changed(0);
    rows.querySelector(`tr[data-index="${to}"] .drag-handle`)?.focus();
  }

  // 推荐顺序 by drag and drop: a row dropped on another takes its place
  function dragging(tr) {
    tr.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", tr.dataset.index);
      event.dataTransfer.effectAllowed = "move";
      tr.classList.add("dragged");
    });
    tr.addEventListener("dragend", () => tr.classList.remove("dragged"));
    tr.addEventListener("dragover", (event) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    });
    tr.addEventListener("drop", (event) => {
      event.preventDefault();
      move(Number(event.dataTransfer.getData("text/plain")), Number(tr.dataset.index));
    });
  }

  function textInput(item, key, i) {
    const input = document.createElement("input");
    input.type = "text";
    input.value = item[key] ?? "";
    input.dataset.path = `${kind === "list" ? "recommendations" : "staff"}[${i}].${key}`;
    input.setAttribute("aria-label", `${headingOf(key)} ${i + 1}`);
    input.addEventListener("input", () => {
      item[key] = input.value;
      changed(500);
    });
    return input;
  }

  // an input's name, for a screen reader: its column's heading (the forms' two-line
  // headings, 手机号码\n（浙政钉号码）, on one line) and the row's number
  function headingOf(key) {
    const order = kind === "list" ? ["", "", "enterprise", "product", "category", "cluster_track"] : ["county", "office", "name", "title", "mobile"];
    const heading = form.querySelector(`thead th:nth-child(${order.indexOf(key) + 1})`);
    return heading ? heading.textContent.replace(/\n/g, "") : key;
  }

  function choice(item, key, options, i) {
    const select = document.createElement("select");
    select.append(document.createElement("option"), ...document.getElementById(options).content.cloneNode(true).children);
    select.value = item[key] ?? "";
    select.setAttribute("aria-label", `${headingOf(key)} ${i + 1}`);
    select.addEventListener("change", () => {
      if (select.value) item[key] = select.value;
      else delete item[key];
      changed(0);
    });
    return select;
  }

  // -- adding rows
  const offered = document.getElementById("add-application");
  if (offered) {
    const applications = JSON.parse(document.getElementById("district-applications").textContent);
    const listed = () => new Set(list.map((item) => item.application).filter(Boolean));
    const fillOffered = () => {
      const taken = listed();
      offered.replaceChildren(...applications.filter((a) => !taken.has(a.path)).map((a) => new Option(a.name, a.path)));
      document.getElementById("add-own").disabled = offered.options.length === 0;
    };
    fillOffered();
    document.getElementById("add-own").addEventListener("click", () => {
      if (!offered.value) return;
      list.push({ application: offered.value });
      fillOffered();
      draw();
      changed(0);
    });
    document.getElementById("add-typed").addEventListener("click", () => {
      list.push({ enterprise: "", product: "" });
      draw();
      changed(0);
      rows.querySelector(`tr[data-index="${list.length - 1}"] input[type=text]`)?.focus();
    });
    rows.addEventListener("click", (event) => event.target.closest("button") && fillOffered());
  }
  const addPerson = document.getElementById("add-person");
  addPerson?.addEventListener("click", () => {
    list.push({ county: data.county || "", office: "", name: "", title: "", mobile: "" });
    draw();
    changed(0);
  });

  // -- what the check said
  function showFindings(findings) {
    const all = document.getElementById("district-findings");
    all.replaceChildren();
    form.querySelectorAll("[data-problems-for]").forEach((box) => (box.querySelector("td") || box).replaceChildren());
    for (const finding of findings) {
      const line = Object.assign(document.createElement("li"), { className: `problem ${finding.severity}`, textContent: finding.message });
      all.append(line);
      const row = finding.path.match(/^(recommendations|staff)\[\d+\]/);
      const box = row ? form.querySelector(`[data-problems-for="${row[0]}"] td`) : null;
      if (box) box.append(Object.assign(document.createElement("p"), { className: `problem ${finding.severity}`, textContent: finding.message }));
    }
    if (!findings.length) all.append(Object.assign(document.createElement("li"), { className: "muted", textContent: WORDS.none }));
    document.getElementById("finding-count").textContent = findings.length ? `(${findings.length})` : "";
  }

  function showQuota(use) {
    const box = document.getElementById("quota-use");
    box.replaceChildren();
    if (!use) return;
    const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? "");
    const ordinaryOver = use.quota !== null && use.ordinary > use.quota;
    const lines = [[fill(WORDS.quota, { county: use.county, used: use.ordinary, quota: use.quota ?? "—" }), ordinaryOver]];
    if (use.brand) lines.push([fill(WORDS.brand_quota, { brand: use.brand, used: use.branded, quota: use.brand_quota }), use.branded > use.brand_quota]);
    else if (use.branded) lines.push([fill(WORDS.no_brand, { county: use.county, used: use.branded }), true]);
    for (const [said, over] of lines) {
      const p = Object.assign(document.createElement("p"), { textContent: said, className: over ? "problem error over" : "" });
      if (over) p.append(` ${fill(WORDS.over, { county: use.county })}`);
      box.append(p);
    }
  }

  // -- the tables: offered once the file is valid, or as a draft
  const draftBox = document.getElementById("tables-draft");
  function showTables() {
    const draft = draftBox.checked;
    for (const link of document.querySelectorAll("a.download")) {
      const ready = valid || draft;
      link.toggleAttribute("aria-disabled", !ready);
      link.classList.toggle("disabled", !ready);
      link.search = draft ? "?draft=1" : "";
    }
    document.getElementById("tables-refused").hidden = valid || draft;
  }
  draftBox.addEventListener("change", showTables);
  document.querySelectorAll("a.download").forEach((link) =>
    link.addEventListener("click", async (event) => {
      if (link.classList.contains("disabled")) return event.preventDefault();
      if (savedAt !== edits) {
        event.preventDefault(); // what is typed is saved first: the tables are made from the file
        clearTimeout(timer);
        await checkAndSave();
        location.href = link.href;
      }
    }),
  );

  draw();
  checkAndSave(false);
}

function cell(tr, text, className = "") {
  const td = Object.assign(document.createElement("td"), { textContent: text, className });
  if (className === "drag-handle") td.tabIndex = -1;
  tr.append(td);
  return td;
}

function td(...children) {
  const cell = document.createElement("td");
  cell.append(...children);
  return cell;
}

function button(text, label, action, disabled = false) {
  const b = Object.assign(document.createElement("button"), { type: "button", textContent: text, className: "small", disabled });
  b.setAttribute("aria-label", label);
  b.title = label;
  b.addEventListener("click", action);
  return b;
}

function get(data, path) {
  return path.split(".").reduce((at, key) => (at == null ? undefined : at[key]), data);
}

function set(data, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let at = data;
  for (const key of keys) at = at[key] ||= {};
  at[last] = value;
}
