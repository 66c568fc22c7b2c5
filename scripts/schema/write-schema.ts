/**
 * Writes the parts of schemas/nnjson.schema.json that the descriptors say (src/registry/schema-nodes.ts) into the
 * schema, editing only those parts so that the hand-written rest keeps its text. Run by `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { generatedSchemaParts } from '../../src/registry/schema-nodes';
import { writeFileAtomicSync } from '../../src/node/atomic-write';

const file = join(process.argv[2] ?? process.cwd(), 'schemas', 'nnjson.schema.json');
const before = readFileSync(file, 'utf8');
let text = before;
for (const { path, value } of generatedSchemaParts()) {
  text = applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }));
}
if (text !== before) {
  writeFileAtomicSync(file, text);
  console.log('build: schemas/nnjson.schema.json updated from the descriptors');
}
