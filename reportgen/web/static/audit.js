// reportgen serve: the editor's record of saves and renders (audit.py), listed again after
// each save or render of this page (app.js and documents.js say "reportgen:recorded").
// Lines are the server's sentences, put in with textContent.
"use strict";

(() => {
  const list = document.getElementById("audit");
  const form = document.getElementById("editor");
  if (!list || !form) return;
  const id = form.dataset.id.split("/").map(encodeURIComponent).join("/");
  let asked = 0;

  document.addEventListener("reportgen:recorded", async () => {
    const ticket = ++asked;
    const response = await fetch(`/api/audit/${id}`);
    if (!response.ok || ticket !== asked) return; // a later answer is on its way
    const { records } = await response.json();
    const lines = records.map((record) => {
      const line = document.createElement("li");
      line.textContent = record.said;
      return line;
    });
    if (!lines.length) {
      const empty = document.createElement("li");
      empty.className = "muted";
      empty.textContent = list.dataset.empty;
      lines.push(empty);
    }
    list.replaceChildren(...lines);
  });
})();
