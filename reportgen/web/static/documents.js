// reportgen serve: the documents in the editor. 生成文档 renders them on the server
// (web/documents.py) and shows each step as the server reaches it; the files of the last
// render are offered for download, a PDF's pages for preview in a dialog. Its own scope:
// app.js's names are not redeclared; what it writes is always text.
"use strict";
(() => {
  const CSRF = document.querySelector('meta[name="csrf-token"]').content;
  const WORDS = JSON.parse(document.getElementById("documents-words")?.textContent || "{}");
  const editor = document.getElementById("editor");
  const box = document.getElementById("documents");
  const dialog = document.getElementById("pdf-preview");
  if (!editor || !box) return;
  const id = editor.dataset.id;
  const path = id.split("/").map(encodeURIComponent).join("/"); // a folder may be 客户#1
  const button = document.getElementById("render");
  const STEPS = box.dataset.pdf === "1" ? ["check", "documents", "pdf"] : ["check", "documents"];

  function say(template, values = {}) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  button.addEventListener("click", render);
  dialog?.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  fetch(`/api/documents/${path}`).then((r) => (r.ok ? r.json() : null)).then((listing) => {
    if (listing && !box.dataset.busy) show(listing);
  });

  async function render() {
    await editor.flush(); // what is typed but not saved yet goes into the documents
    const errors = Number(document.getElementById("finding-count").dataset.errors || 0);
    if (errors && !confirm(WORDS.draft_confirm)) return;
    button.disabled = true;
    box.dataset.busy = "1";
    progress("check");
    let result = null;
    try {
      const response = await fetch(`/api/render/${path}${errors ? "?draft=1" : ""}`, {
        method: "POST",
        headers: { "X-CSRF-Token": CSRF, "Content-Type": "application/json" },
        body: "{}",
      });
      if (response.ok) result = await window.readLines(response, (said) => progress(said.step));
      else result = { error: (await response.text()) || WORDS.failed };
    } catch {
      result = null; // the server went away: said below
    } finally {
      button.disabled = false;
      delete box.dataset.busy;
    }
    if (result === null) show({ error: WORDS.failed });
    else show(result);
    document.dispatchEvent(new CustomEvent("reportgen:recorded")); // audit.js lists it
  }

  function progress(step) {
    const n = STEPS.indexOf(step) + 1;
    if (!n) return;
    box.replaceChildren();
    const meter = box.appendChild(document.createElement("progress"));
    meter.max = STEPS.length;
    meter.value = n - 0.5;
    meter.setAttribute("aria-label", WORDS.rendering);
    const line = box.appendChild(document.createElement("p"));
    line.className = "step";
    line.textContent = say(WORDS.step_of, { n, total: STEPS.length, step: WORDS["step_" + step] });
  }

  function show(listing) {
    box.replaceChildren();
    if (listing.refused || listing.error) {
      const line = box.appendChild(document.createElement("p"));
      line.className = "problem error";
      line.textContent = listing.refused || listing.error;
      return;
    }
    if (!listing.files?.length) return;
    const when = box.appendChild(document.createElement("p"));
    when.className = "muted";
    when.textContent = say(WORDS.rendered_at, { time: listing.rendered });
    if (listing.stale) {
      const stale = box.appendChild(document.createElement("p"));
      stale.className = "problem warning";
      stale.textContent = WORDS.stale;
    }
    // one row per document (报告书, 承诺书, 检查报告): its Word and PDF, the PDF's preview
    const table = box.appendChild(document.createElement("table"));
    const rows = new Map();
    for (const file of listing.files) {
      let row = rows.get(file.kind);
      if (!row) {
        row = table.insertRow();
        row.insertCell().textContent = WORDS["kind_" + file.kind] || file.kind;
        row.insertCell();
        rows.set(file.kind, row);
      }
      const cell = row.cells[1];
      const link = cell.appendChild(document.createElement("a"));
      link.href = `/files/${path}?name=${encodeURIComponent(file.name)}`;
      link.textContent = file.format === "pdf" ? "PDF" : "Word";
      link.title = file.name;
      link.setAttribute("download", file.name);
      if (file.pages && dialog) {
        const open = cell.appendChild(document.createElement("button"));
        open.type = "button";
        open.className = "small";
        open.textContent = say(WORDS.preview, { pages: file.pages });
        open.addEventListener("click", () => preview(file));
      }
    }
  }

  // every page a picture drawn by the server, fetched as it scrolls into view
  function preview(file) {
    dialog.querySelector("h2").textContent = file.name;
    const pages = dialog.querySelector(".pages");
    pages.replaceChildren();
    const stamp = Date.now(); // a render since: the pictures of the new file
    for (let n = 1; n <= file.pages; n += 1) {
      const image = pages.appendChild(document.createElement("img"));
      image.loading = "lazy";
      image.alt = say(WORDS.page, { n });
      image.src = `/document-page/${path}?name=${encodeURIComponent(file.name)}&page=${n}&at=${stamp}`;
    }
    dialog.showModal();
    pages.scrollTop = 0;
  }
})();
