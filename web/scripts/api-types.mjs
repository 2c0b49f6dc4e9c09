// Generates the TypeScript types of the API from the OpenAPI document that the server's
// tests keep up to date (tests/api/snapshots/openapi.json).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

export const SOURCE = fileURLToPath(new URL('../../tests/api/snapshots/openapi.json', import.meta.url))
export const TARGET = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url))

const HEADER = `/**
 * The API's types, generated from tests/api/snapshots/openapi.json by \`npm run gen:api\`.
 * Do not edit: \`npm run check:api\` fails when this file is stale.
 */

`

/**
 * The generated types are keyed by `operationId`: two operations sharing one would silently
 * share their types, so the generator refuses a document where any repeats.
 */
export function assertUniqueOperationIds(doc) {
  const seen = new Map()
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue
      const first = seen.get(op.operationId)
      if (first) throw new Error(`operationId "${op.operationId}" of ${method} ${path} is also that of ${first}`)
      seen.set(op.operationId, `${method} ${path}`)
    }
  }
  return doc
}

export async function generate() {
  const doc = assertUniqueOperationIds(JSON.parse(readFileSync(SOURCE, 'utf8')))
  const ast = await openapiTS(doc, { emptyObjectsUnknown: true })
  return HEADER + astToString(ast)
}
