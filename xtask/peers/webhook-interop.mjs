// Webhook interop oracle for crates/seam-tests/tests/webhook/: signs deliveries with svix's
// `Webhook` (the signer Seam's deliveries go through) and verifies deliveries with Seam's own
// `SeamWebhook` (@seamapi/webhook), so the Rust implementation can be checked against both.
//
// Reads one JSON document on stdin:
//   { "sign":   [{ "secret", "id", "timestamp" (Unix seconds), "body" (string) }, ...],
//     "verify": [{ "secret", "body" (string), "headers": [[name, value], ...] }, ...] }
// and writes one on stdout:
//   { "sign":   ["v1,...", ...],
//     "verify": [{ "outcome": "ok", "event_type" } |
//                { "outcome": "verification" | "invalid_payload" | "other", "error", "message" }, ...] }
// Header pairs are passed to the verifier as a plain object (names kept as given).

import { Webhook } from 'svix'
import {
  SeamWebhook,
  SeamWebhookVerificationError,
  SeamInvalidWebhookPayloadError,
} from '@seamapi/webhook'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'))

const sign = (input.sign ?? []).map(({ secret, id, timestamp, body }) =>
  new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
)

const verify = (input.verify ?? []).map(({ secret, body, headers }) => {
  try {
    const event = new SeamWebhook(secret).verify(body, Object.fromEntries(headers))
    return { outcome: 'ok', event_type: event.event_type }
  } catch (error) {
    const outcome =
      error instanceof SeamWebhookVerificationError
        ? 'verification'
        : error instanceof SeamInvalidWebhookPayloadError
          ? 'invalid_payload'
          : 'other'
    return { outcome, error: error?.name ?? String(error), message: error?.message ?? '' }
  }
})

process.stdout.write(JSON.stringify({ sign, verify }))
