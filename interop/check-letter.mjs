#!/usr/bin/env node
/**
 * Verifies letters (JSON files) with Digital Bazaar's libraries and the
 * offline loader of lib.mjs: `node check-letter.mjs FILE…`. Prints one line
 * per file; exit status 1 when any does not verify. Used by lcw.sh on the
 * letters the Learner Credential Wallet client stored.
 */
import {readFile} from 'node:fs/promises';

import * as vc from '@digitalbazaar/vc';

import {loadBundledContexts, makeDocumentLoader, verifySuite} from './lib.mjs';

const documentLoader = makeDocumentLoader(await loadBundledContexts());
let failed = 0;
for(const file of process.argv.slice(2)) {
  const credential = JSON.parse(await readFile(file, 'utf8'));
  const result = await vc.verifyCredential(
    {credential, suite: verifySuite, documentLoader});
  if(result.verified) {
    console.log(`ok    ${file}: verifies with @digitalbazaar/vc`);
  } else {
    failed++;
    const reasons = [result.error, ...(result.results ?? []).map(r => r.error)]
      .filter(Boolean).map(e => e.message ?? String(e)).join('; ');
    console.log(`FAIL  ${file}: does not verify: ${reasons}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
