// The JS half of `cargo xtask parity`: sends every contract case through Seam's official SDK
// (@seamapi/http, pinned in ../package.json) to the recording server of the Rust half.
//
// Usage: node run.mjs --endpoint http://127.0.0.1:PORT --cases cases.json --out js.json
//
// cases.json is a list of {case, path, sample, json, auth}. Each case's route path names its method
// (/locks/unlock_door -> seam.locks.unlockDoor); a path whose method the SDK does not have is
// written as missing. Each case gets its own SeamHttp client (with the credential kind the Rust half
// uses for it, `auth`: mostly the API key seam_contract_suite; no retries, the default waiting on action attempts) whose every request carries the header
// x-seam-parity-case: js <case>. Writes {sdk, cases: {<case>: {method, missing | value | error}}}.

import { readFile, writeFile } from 'node:fs/promises'
import process from 'node:process'

import { SeamHttp, SeamHttpWithoutWorkspace } from '@seamapi/http/connect'

// The dummy credentials of the Rust half (crates/seam-contract/src/clients.rs), one per mode.
const API_KEY = 'seam_contract_suite'
const WORKSPACE_ID = 'seam_contract_workspace'
const CLIENT_SESSION_TOKEN = 'seam_cst_contract_suite'
const PERSONAL_ACCESS_TOKEN = 'seam_at_contract_suite'
const CONSOLE_SESSION_TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJjb250cmFjdCI6dHJ1ZX0.c2lnbmF0dXJl'
const PUBLISHABLE_KEY = 'seam_pk_contract_suite'
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

// The SDK's options for the credential the Rust half uses for the case (its `auth` mode).
const credential = (auth) => {
  switch (auth) {
    case 'ClientSession':
      return { clientSessionToken: CLIENT_SESSION_TOKEN }
    case 'PersonalAccessTokenWithWorkspace':
      return { personalAccessToken: PERSONAL_ACCESS_TOKEN, workspaceId: WORKSPACE_ID }
    case 'PersonalAccessTokenWithoutWorkspace':
      return { personalAccessToken: PERSONAL_ACCESS_TOKEN, withoutWorkspace: true }
    case 'ConsoleSessionWithWorkspace':
      return { consoleSessionToken: CONSOLE_SESSION_TOKEN, workspaceId: WORKSPACE_ID }
    case 'ConsoleSessionWithoutWorkspace':
      return { consoleSessionToken: CONSOLE_SESSION_TOKEN, withoutWorkspace: true }
    case 'PublishableKey':
      return { publishableKey: PUBLISHABLE_KEY }
    default:
      return { apiKey: API_KEY }
  }
}

const client = (endpoint, name, auth) => {
  const { withoutWorkspace, ...options } = credential(auth)
  const common = {
    endpoint,
    axiosOptions: { headers: { [CASE_HEADER]: `js ${name}` } },
    axiosRetryOptions: { retries: 0 },
  }
  return withoutWorkspace
    ? new SeamHttpWithoutWorkspace({ ...options, ...common })
    : new SeamHttp({ ...options, ...common })
}

const runCase = async (endpoint, { case: name, path, json, auth }) => {
  const seam = client(endpoint, name, auth)
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
