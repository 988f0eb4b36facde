// Generates src/gen/im.js (static protobufjs module) and src/gen/im.d.ts from the project's own
// im-api/src/main/proto/im.proto, so the SDK never carries a hand-copied protocol.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const proto = resolve(here, '../../../im-api/src/main/proto/im.proto');
const out = resolve(here, '../src/gen');
mkdirSync(out, { recursive: true });
const bin = (name) => resolve(here, '../../node_modules/.bin', name);
execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--force-long', '--no-verify', '--no-delimited',
  '--no-convert', '-o', resolve(out, 'im.js'), proto], { stdio: 'inherit' });
execFileSync(bin('pbts'), ['-o', resolve(out, 'im.d.ts'), resolve(out, 'im.js')], { stdio: 'inherit' });
console.log('generated src/gen/im.js and im.d.ts from ' + proto);
