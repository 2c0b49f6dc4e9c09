// Regenerates src/api/schema.d.ts from the server's OpenAPI document.
import { writeFileSync } from 'node:fs'
import { generate, TARGET } from './api-types.mjs'

writeFileSync(TARGET, await generate())
console.log(`wrote ${TARGET}`)
