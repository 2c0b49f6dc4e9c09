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
 * Several operations of the document share an \`operationId\` (\`list\`, \`create\`, …, once per
 * resource), which would make their types collide; each duplicate is renamed after its
 * path (\`list\` of \`/api/leads/\` becomes \`leads_list\`) so that every path keeps its own.
 */
export function uniqueOperationIds(doc) {
  const seen = new Map()
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && op.operationId) {
        seen.set(op.operationId, (seen.get(op.operationId) ?? 0) + 1)
      }
    }
  }
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const resource = path
      .replace(/^\/api\//, '')
      .split('/')
      .filter((part) => part && !part.startsWith('{'))
      .join('_')
      .replace(/[^A-Za-z0-9_]/g, '_')
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && op.operationId && seen.get(op.operationId) > 1) {
        op.operationId = `${resource}_${op.operationId}`
      }
    }
  }
  return doc
}

export async function generate() {
  const doc = uniqueOperationIds(JSON.parse(readFileSync(SOURCE, 'utf8')))
  const ast = await openapiTS(doc, { emptyObjectsUnknown: true })
  return HEADER + astToString(ast)
}
