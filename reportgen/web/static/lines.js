// reportgen serve: the answers that come as they go (a render's steps, a batch's rows) are
// one JSON object per line, {"result": …} last (web/documents.py, web/batches.py). Shared
// by documents.js and workspace.js; loaded before them.
"use strict";
// each line but the last to `each`; the result, or null when the stream ends without one
window.readLines = async function readLines(response, each) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return null;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop();
    for (const line of lines.filter(Boolean)) {
      const said = JSON.parse(line);
      if (said.result) return said.result;
      each(said);
    }
  }
};
