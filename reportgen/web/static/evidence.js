// reportgen serve: evidence files (upload by button or drag and drop, list, preview,
// replace, delete) in the editor, and the import of an application file on the workspace
// page. The server judges every file (web/evidence.py, the CLI's checks); this script
// sends the files, asks before a replace or a delete, and shows what comes back, always
// as text. Its own scope: app.js's names (CSRF, post …) are not redeclared.
"use strict";
(() => {
  const CSRF = document.querySelector('meta[name="csrf-token"]').content;
  const WORDS = JSON.parse(document.getElementById("evidence-words")?.textContent || "{}");

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  // an application id in a URL: each part encoded (a folder may be named 客户#1)
  function idPath(id) {
    return id.split("/").map(encodeURIComponent).join("/");
  }

  async function answerOf(response) {
    try {
      return await response.json();
    } catch {
      return {}; // a page of error, not JSON: the caller says the request failed
    }
  }

  function megabytes(size) {
    return (size / 1048576).toFixed(1);
  }

  // ---- the editor's evidence/
  const box = document.getElementById("evidence");
  if (box) startEvidence(box);

  function startEvidence(box) {
    const id = box.dataset.id;
    const limit = Number(box.dataset.limit);
    const form = document.getElementById("editor");
    const input = document.getElementById("evidence-input");
    const zone = document.getElementById("evidence-drop");
    const messages = document.getElementById("evidence-messages");
    const list = document.getElementById("evidence-list");

    input.addEventListener("input", (event) => event.stopPropagation());
    input.addEventListener("change", async (event) => {
      event.stopPropagation(); // not an edit of the application: app.js need not see it
      await uploadAll([...input.files]);
      input.value = ""; // the same file chosen again is a change again
    });
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      uploadAll([...(event.dataTransfer?.files || [])]);
    });
    // a file dropped beside the zone would make the browser open it in place of the editor
    for (const type of ["dragover", "drop"]) {
      window.addEventListener(type, (event) => {
        if (event.dataTransfer?.types?.includes("Files")) event.preventDefault();
      });
    }

    function message(text, severity = "info") {
      const line = messages.appendChild(document.createElement("li"));
      line.className = `problem ${severity}`;
      line.textContent = text;
      return line;
    }

    async function uploadAll(files) {
      messages.textContent = "";
      let changed = false;
      for (const file of files) changed = (await upload(file, false)) || changed;
      await refresh();
      if (changed) recheck();
    }

    // one file, one request: its bytes as the body, its name in the query
    async function upload(file, replace) {
      if (file.size > limit) {
        message(say(WORDS.too_large, { file: file.name, size_mb: megabytes(file.size), limit_mb: box.dataset.limitMb }), "error");
        return false;
      }
      const line = message(say(WORDS.uploading, { file: file.name }));
      const query = `name=${encodeURIComponent(file.name)}${replace ? "&replace=1" : ""}`;
      let response;
      try {
        response = await fetch(`/api/evidence/${idPath(id)}?${query}`, {
          method: "POST",
          headers: { "X-CSRF-Token": CSRF, "Content-Type": "application/octet-stream" },
          body: file,
        });
      } catch {
        response = null; // the connection closed under the upload
      }
      const answer = response ? await answerOf(response) : {};
      line.remove();
      if (response && response.status === 409 && answer.exists) {
        if (confirm(answer.exists)) return upload(file, true);
        message(say(WORDS.not_replaced, { file: answer.name }), "warning");
        return false;
      }
      if (!response || !response.ok || !answer.name) {
        message(answer.error || say(WORDS.failed, { file: file.name }), "error");
        return false;
      }
      const done = answer.name === file.name ? WORDS.uploaded : WORDS.renamed;
      message(say(done, { file: answer.name, given: file.name }));
      for (const warning of answer.warnings) message(warning, "warning");
      listFile(answer.file, answer.name);
      return true;
    }

    // ---- the evidence rows of the form: an uploaded file gets one, if it has none
    function evidenceRows() {
      return document.querySelector('[data-rows="evidence"]');
    }

    function rowsReferring() {
      const found = new Map(); // file → the ids of the rows that name it
      const rows = evidenceRows();
      if (!rows) return found;
      for (const row of rows.querySelectorAll(":scope > .row-list > [data-row]")) {
        const file = row.querySelector('[data-path$=".file"]')?.value.trim();
        const rowId = row.querySelector('[data-path$=".id"]')?.value.trim();
        if (file) found.set(file, [...(found.get(file) || []), rowId || "?"]);
      }
      return found;
    }

    function listFile(file, name) {
      const rows = evidenceRows();
      if (!rows || rowsReferring().has(file)) return;
      const ids = new Set([...rows.querySelectorAll('[data-path$=".id"]')].map((i) => i.value.trim()));
      let n = 1;
      while (ids.has(`E${n}`)) n += 1;
      rows.querySelector(":scope > [data-add]").click(); // app.js adds and numbers the row
      const row = [...rows.querySelectorAll(":scope > .row-list > [data-row]")].pop();
      row.querySelector('[data-path$=".id"]').value = `E${n}`;
      row.querySelector('[data-path$=".title"]').value = name.replace(/\.[^.]*$/, "");
      row.querySelector('[data-path$=".file"]').value = file;
      // 材料类型 is left to choose: the check says so at the field
    }

    // the live check and the save of app.js, as after any edit: evidence findings follow
    function recheck() {
      if (form) form.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // ---- the list of evidence/
    async function refresh() {
      const response = await fetch(`/api/evidence/${idPath(id)}`);
      const answer = await answerOf(response);
      const referring = rowsReferring();
      list.textContent = "";
      if (!answer.files || !answer.files.length) {
        list.appendChild(document.createElement("li")).textContent = WORDS.empty || "";
        return;
      }
      for (const file of answer.files) list.append(item(file, referring.get(file.file)));
    }

    function item(file, ids) {
      const li = document.createElement("li");
      li.className = "evidence-file";
      li.dataset.name = file.name;
      const picture = li.appendChild(document.createElement("div"));
      picture.className = "thumbnail";
      if (file.preview) {
        const image = picture.appendChild(document.createElement("img"));
        image.loading = "lazy";
        image.alt = file.name;
        image.src = file.preview;
        image.addEventListener("error", () => image.remove()); // no preview, never an error
      }
      const about = li.appendChild(document.createElement("div"));
      const name = about.appendChild(document.createElement(file.url ? "a" : "span"));
      name.className = "name";
      name.textContent = file.name;
      if (file.url) {
        name.href = file.url;
        name.target = "_blank";
        name.rel = "noopener";
      }
      about.appendChild(document.createElement("span")).textContent = ` ${file.size}`;
      const listed = about.appendChild(document.createElement("p"));
      listed.className = "help";
      listed.textContent = ids ? say(WORDS.listed, { ids: ids.join("、") }) : WORDS.unlisted;
      for (const problem of file.problems) {
        const line = about.appendChild(document.createElement("p"));
        line.className = `problem ${problem.severity}`;
        line.textContent = problem.message;
      }
      const remove = li.appendChild(document.createElement("button"));
      remove.type = "button";
      remove.textContent = WORDS.delete;
      remove.setAttribute("aria-label", `${WORDS.delete} ${file.name}`);
      remove.addEventListener("click", () => deleteFile(file.name));
      return li;
    }

    async function deleteFile(name) {
      if (!confirm(say(WORDS.delete_confirm, { file: name }))) return;
      messages.textContent = "";
      const response = await fetch(`/api/evidence/${idPath(id)}?name=${encodeURIComponent(name)}`, {
        method: "DELETE",
        headers: { "X-CSRF-Token": CSRF },
      });
      const answer = await answerOf(response);
      if (response.ok) message(say(WORDS.deleted, { file: name }));
      else message(answer.error || say(WORDS.failed, { file: name }), "error");
      await refresh();
      recheck();
    }

    refresh();
  }

  // ---- the workspace page: an application file from elsewhere, into a new folder
  const importForm = document.getElementById("import-application");
  if (importForm) {
    importForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problem = document.getElementById("import-problem");
      const file = document.getElementById("import-file").files[0];
      problem.textContent = "";
      if (!file) {
        problem.textContent = WORDS.import_no_file;
        return;
      }
      const word = file.name.toLowerCase().endsWith(".docx"); // last year's report book
      const limit = word ? importForm.dataset.wordLimit : importForm.dataset.limit;
      if (file.size > Number(limit)) {
        const limitMb = word ? importForm.dataset.wordLimitMb : importForm.dataset.limitMb;
        problem.textContent = say(WORDS.import_too_large, { file: file.name, limit_mb: limitMb });
        return;
      }
      const name = document.getElementById("import-name").value;
      const query = `file=${encodeURIComponent(file.name)}&name=${encodeURIComponent(name)}`;
      const response = await fetch(`/api/import?${query}`, {
        method: "POST",
        headers: { "X-CSRF-Token": CSRF, "Content-Type": "application/octet-stream" },
        body: file,
      });
      const answer = await answerOf(response);
      if (answer.url) location.href = answer.url;
      else problem.textContent = answer.error || say(WORDS.failed, { file: file.name });
    });
  }
})();
