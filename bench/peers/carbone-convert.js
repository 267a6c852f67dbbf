// Carbone's side of bench/peers.py: node carbone-convert.js FACTORIES OUT_DIR WARM... -- BOOK...
// Starts Carbone with FACTORIES LibreOffice processes, converts the WARM documents (the
// warm-up), then all the BOOKs at once (Carbone queues them over its factories), and
// prints one JSON line: seconds from start to ready, the warm-up, and the books.
"use strict";

const fs = require("fs");
const path = require("path");
const carbone = require("carbone");

const [factories, out, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const warm = rest.slice(0, split);
const books = rest.slice(split + 1);

function convert(file) {
  return new Promise((resolve, reject) => {
    carbone.convert(fs.readFileSync(file), { convertTo: "pdf", extension: "docx" }, (error, pdf) => {
      if (error) return reject(error);
      fs.writeFileSync(path.join(out, path.basename(file, ".docx") + ".carbone.pdf"), pdf);
      resolve();
    });
  });
}

(async () => {
  const started = process.hrtime.bigint();
  const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;
  carbone.set({ factories: Number(factories), startFactory: true });
  await Promise.all(warm.map(convert));
  const warmed = seconds(started);
  const at = process.hrtime.bigint();
  await Promise.all(books.map(convert));
  const converted = seconds(at);
  console.log(JSON.stringify({ warm_up_s: warmed, books_s: converted, total_s: seconds(started) }));
  process.exit(0);
})().catch((error) => {
  console.error(String(error));
  process.exit(1);
});
