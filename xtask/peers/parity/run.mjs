// The JS half of `cargo xtask parity`: sends every contract case through Seam's official SDK
// (@seamapi/http, pinned in ../package.json) to the recording server of the Rust half.
//
// Usage: node run.mjs --endpoint http://127.0.0.1:PORT --cases cases.json --out js.json
//
// cases.json is a list of {case, path, sample, json}. Each case's route path names its method
// (/locks/unlock_door -> seam.locks.unlockDoor); a path whose method the SDK does not have is
// written as missing. Each case gets its own SeamHttp client (API key seam_contract_suite, no
// retries, the default waiting on action attempts) whose every request carries the header
// x-seam-parity-case: js <case>. Writes {sdk, cases: {<case>: {method, missing | value | error}}}.

import { readFile, writeFile } from 'node:fs/promises'
import process from 'node:process'

import { SeamHttp } from '@seamapi/http/connect'

const API_KEY = 'seam_contract_suite'
const CASE_HEADER = 'x-seam-parity-case'
const CONCURRENCY = 32

const arg = (name) => {
  const i = process.argv.indexOf(name)
  if (i === -1 || process.argv[i + 1] == null) throw new Error(`missing ${name}`)
  return process.argv[i + 1]
}

// snake_case or kebab-case path segment to the SDK's camelCase name.
const camel = (segment) => segment.replace(/[-_]+([a-z0-9])/g, (_, c) => c.toUpperCase())

// The SDK's method for a route path, found by walking the client's namespaces.
const lookup = (seam, path) => {
  const names = path.split('/').filter(Boolean).map(camel)
  const method = names.pop()
  let target = seam
  for (const name of names) {
    if (!(name in target)) return { name: [...names, method].join('.'), fn: null }
    target = target[name]
    if (target == null || typeof target !== 'object') {
      return { name: [...names, method].join('.'), fn: null }
    }
  }
  const fn = method in Object.prototype ? undefined : target[method]
  return {
    name: [...names, method].join('.'),
    fn: typeof fn === 'function' ? fn.bind(target) : null,
  }
}

const client = (endpoint, name) =>
  new SeamHttp({
    apiKey: API_KEY,
    endpoint,
    axiosOptions: { headers: { [CASE_HEADER]: `js ${name}` } },
    axiosRetryOptions: { retries: 0 },
  })

const runCase = async (endpoint, { case: name, path, json }) => {
  const seam = client(endpoint, name)
  const { name: method, fn } = lookup(seam, path)
  if (fn == null) return { method, missing: true }
  try {
    const value = await fn(json)
    return { method, value: value === undefined ? null : value }
  } catch (err) {
    return {
      method,
      error: { name: err?.name ?? typeof err, message: String(err?.message ?? err) },
    }
  }
}

const main = async () => {
  const endpoint = arg('--endpoint')
  const cases = JSON.parse(await readFile(arg('--cases'), 'utf8'))
  const results = {}
  let next = 0
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]
      results[c.case] = await runCase(endpoint, c)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const pkg = JSON.parse(
    await readFile(new URL('../node_modules/@seamapi/http/package.json', import.meta.url), 'utf8'),
  )
  await writeFile(arg('--out'), JSON.stringify({ sdk: `@seamapi/http ${pkg.version}`, cases: results }))
}

main().catch((err) => {
  console.error('parity JS driver failed:', err)
  process.exit(1)
})
