#!/usr/bin/env node
/**
 * The held-out comparison's two halves on Digital Bazaar's side (see
 * bench.sh, which runs both tools on the same files in one run):
 *
 *   node bench.mjs sign <template.json> <out-dir> <n>
 *     signs <n> Open Badges 3.0 letters with eddsa-rdfc-2022, each by a fresh
 *     did:key, from the letter <template.json> (its proof is dropped; issuer
 *     and id are replaced);
 *   node bench.mjs verify <dir>
 *     verifies every *.json in <dir>, one after the other, and prints
 *     "verified N of M in S s (R letters/s)".
 */
import {randomUUID} from 'node:crypto';
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

import {loadBundledContexts, makeDocumentLoader, verifySuite} from './lib.mjs';

async function sign(template, outDir, n, documentLoader) {
  const {proof: _, ...letter} = JSON.parse(await readFile(template, 'utf8'));
  await mkdir(outDir, {recursive: true});
  for(let i = 0; i < n; i++) {
    const key = await Ed25519Multikey.generate();
    const did = `did:key:${key.publicKeyMultibase}`;
    key.id = `${did}#${key.publicKeyMultibase}`;
    key.controller = did;
    const credential = structuredClone(letter);
    credential.id = `urn:uuid:${randomUUID()}`;
    credential.issuer = {...credential.issuer, id: did};
    const suite = new DataIntegrityProof({
      signer: key.signer(), cryptosuite: eddsaRdfc2022
    });
    const signed = await vc.issue({credential, suite, documentLoader});
    await writeFile(path.join(outDir, `letter-${String(i).padStart(4, '0')}.json`),
      JSON.stringify(signed, null, 2));
  }
}

async function verify(dir, documentLoader) {
  const files = (await readdir(dir)).filter(f => f.endsWith('.json')).sort();
  const start = process.hrtime.bigint();
  let ok = 0;
  for(const file of files) {
    const credential = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    const result = await vc.verifyCredential({
      credential, suite: verifySuite, documentLoader
    });
    if(result.verified) {
      ok++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`verified ${ok} of ${files.length} in ${seconds.toFixed(3)} s ` +
    `(${(files.length / seconds).toFixed(1)} letters/s)`);
  return ok === files.length;
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const documentLoader = makeDocumentLoader(await loadBundledContexts());
  if(command === 'sign' && args.length === 3) {
    await sign(args[0], args[1], Number(args[2]), documentLoader);
  } else if(command === 'verify' && args.length === 1) {
    process.exit(await verify(args[0], documentLoader) ? 0 : 1);
  } else {
    console.error('usage: node bench.mjs sign <template.json> <out-dir> <n>\n' +
      '       node bench.mjs verify <dir>');
    process.exit(2);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(2);
});
