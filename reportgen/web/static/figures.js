// reportgen serve, the editor's figures grid from the finance office's Excel sheet: the
// server reads it (the CLI's read_figures), the grid takes the values, and the form's
// own change event checks and saves them. Nothing is written until then.
"use strict";

(() => {
  const input = document.getElementById("figures-file");
  if (!input) return;
  const said = document.getElementById("figures-said");
  const form = document.getElementById("editor");
  const id = form.dataset.id.split("/").map(encodeURIComponent).join("/");
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    said.className = "";
    said.textContent = "";
    const response = await fetch(`/api/figures/${id}?file=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: { "X-CSRF-Token": CSRF, "Content-Type": "application/octet-stream" },
      body: file,
    });
    const answer = await response.json();
    input.value = ""; // the same file may be chosen again after it is mended
    if (!response.ok) {
      said.className = "problem error";
      said.textContent = answer.error;
      return;
    }
    answer.rows.forEach((row, j) => {
      for (const [key, value] of Object.entries(row)) {
        const cell = form.querySelector(`[data-path="financials.${j}.${key}"]`);
        if (cell) cell.value = value;
      }
    });
    const cells = answer.used.map((u) => u.cell);
    const shown = cells.length > 3 ? `${cells.slice(0, 3).join("、")}…` : cells.join("、");
    said.textContent = WORDS.figures_imported.replace("{file}", file.name).replace("{count}", answer.used.length).replace("{cells}", shown);
    form.dispatchEvent(new Event("change", { bubbles: true })); // checked and saved as any edit
  });
})();
