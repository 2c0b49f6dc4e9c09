// Fails when src/api/schema.d.ts does not match the server's OpenAPI document.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate, SOURCE, TARGET } from './api-types.mjs'

const dir = mkdtempSync(join(tmpdir(), 'crm-api-types-'))
try {
  const fresh = join(dir, 'schema.d.ts')
  writeFileSync(fresh, await generate())
  let committed = ''
  try {
    committed = readFileSync(TARGET, 'utf8')
  } catch {
    // a missing file is stale too
  }
  if (committed !== readFileSync(fresh, 'utf8')) {
    console.error(
      `src/api/schema.d.ts is stale: it does not match ${SOURCE}.\n` +
        'Run `npm run gen:api` in web/ and commit the result.',
    )
    process.exit(1)
  }
  console.log('src/api/schema.d.ts matches the OpenAPI document.')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
