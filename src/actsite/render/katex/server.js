// One KaTeX process for the whole build: reads one JSON request per line on stdin,
// {"tex": "...", "display": true|false}, and answers one JSON line on stdout,
// {"html": "..."} or {"error": "..."}. KaTeX comes from the project's node_modules (npm ci).
"use strict";
const katex = require("katex");
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  let answer;
  try {
    answer = { html: katex.renderToString(request.tex, { displayMode: request.display, throwOnError: true, strict: "error", output: "htmlAndMathml" }) };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
