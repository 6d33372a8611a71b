// Starts @seamapi/fake-seam-connect with its seed data, listening on 127.0.0.1 only.
//
// Usage: node fake-seam-connect.mjs --port PORT
//
// The package's own dist/server.js listens on all interfaces and has no host option: its
// startServer() calls `server.listen(port, cb)` on a server it creates itself. So before starting
// it, this script makes every TCP listen() of this process bind to 127.0.0.1.
// Seeded API keys: seam_apikey1_token (workspace seed_workspace_1), seam_apikey2_token (empty).
// Prints "fake-seam-connect listening on http://127.0.0.1:PORT" once ready; `GET /health` then
// answers 200. Stops on SIGTERM/SIGINT (or SIGKILL).

import net from 'node:net'
import process from 'node:process'

const LOOPBACK = '127.0.0.1'

const parsePort = (argv) => {
  const i = argv.indexOf('--port')
  const text = i === -1 ? process.env.PORT : argv[i + 1]
  const port = Number(text)
  if (text == null || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`expected --port N (1..65535), got ${JSON.stringify(text ?? null)}`)
  }
  return port
}

// Force a loopback host on every TCP listen() of this process; leave pipes and handles alone.
const originalListen = net.Server.prototype.listen
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string') args[1] = LOOPBACK
    else args.splice(1, 0, LOOPBACK)
  } else if (first != null && typeof first === 'object' && first.path == null &&
      first.fd == null && first.handle == null && first._handle == null) {
    args[0] = { ...first, host: LOOPBACK }
  }
  return originalListen.apply(this, args)
}

const main = async () => {
  const port = parsePort(process.argv.slice(2))
  const { createFake } = await import('@seamapi/fake-seam-connect')
  const fake = await createFake()
  await fake.seed()
  const baseUrl = `http://${LOOPBACK}:${port}`
  await fake.startServer({ port, baseUrl, signals: ['SIGINT', 'SIGTERM'] })
  const address = fake.server?.server?.address?.()
  if (address == null || typeof address === 'string' || address.address !== LOOPBACK) {
    throw new Error(`fake is not listening on ${LOOPBACK}: ${JSON.stringify(address)}`)
  }
  console.log(`fake-seam-connect listening on ${baseUrl}`)
}

main().catch((err) => {
  console.error('fake-seam-connect failed to start:', err)
  process.exit(1)
})
