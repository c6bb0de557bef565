#!/usr/bin/env node
/**
 * Verifies the fixtures written by `cargo run -p om-core --example
 * interop_fixtures -- <dir>` with Digital Bazaar's JavaScript libraries — an
 * implementation independent of om-core's Rust code.
 *
 *   node verify.mjs <dir> [--debug]
 *
 * One line per `*.json` file: `ok` or `FAIL` plus the reason. A `tampered-*`
 * file is expected to fail with a signature mismatch ("expected failure").
 * Exit status 0 only when every valid fixture verifies and every tampered one
 * fails on its signature; 1 otherwise; 2 on usage errors.
 *
 * Offline: the document loader serves only the contexts bundled in
 * ../specs/contexts/ (via index.json) and resolves did:key; any other URL
 * throws. `--debug` prints, for each rdfc fixture, the SHA-256 of the RDFC-1.0
 * canonical N-Quads of its document and proof configuration, and compares
 * them with om-core's (written by the fixture generator under canonical/).
 */
import {createHash} from 'node:crypto';
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';

import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';

import {loadBundledContexts, makeDocumentLoader, verifySuite} from './lib.mjs';

const CHALLENGE = 'interop-challenge';
const DOMAIN = 'https://verifier.example';

// --- verification ------------------------------------------------------------

const suite = verifySuite;

function isPresentation(doc) {
  return [].concat(doc.type ?? []).includes('VerifiablePresentation');
}

// Every error message in a result, innermost first, deduplicated.
function reasons(result) {
  const out = new Set();
  const visit = e => {
    if(!e) {
      return;
    }
    if(Array.isArray(e)) {
      e.forEach(visit);
      return;
    }
    if(e.errors) {
      visit(e.errors);
    }
    if(e.error) {
      visit(e.error);
    }
    if(e.message) {
      out.add(e.message);
    }
  };
  visit(result.error);
  for(const r of [
    ...(result.results ?? []),
    ...(result.presentationResult?.results ?? []),
    ...(result.credentialResults ?? [])
  ]) {
    visit(r.error);
    for(const rr of r.results ?? []) {
      visit(rr.error);
    }
  }
  return [...out];
}

async function verifyDoc(doc, documentLoader) {
  if(isPresentation(doc)) {
    return vc.verify({
      presentation: structuredClone(doc), suite, documentLoader,
      challenge: CHALLENGE, domain: DOMAIN
    });
  }
  return vc.verifyCredential({
    credential: structuredClone(doc), suite, documentLoader
  });
}

// Prints Digital Bazaar's canonical forms of an rdfc fixture and, when om-core
// wrote its own (<dir>/canonical/<name>.{config,document}.nq), the hashes of
// both and the lines that differ (JSON-quoted, so control characters show).
async function debugCanonical(dir, file, doc, documentLoader) {
  const sha = s => createHash('sha256').update(s, 'utf8').digest('hex');
  const {proof, ...unsecured} = doc;
  if(proof?.cryptosuite !== 'eddsa-rdfc-2022') {
    return;
  }
  const {proofValue, ...config} = proof;
  config['@context'] = doc['@context'];
  const opts = {
    algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader,
    safe: true
  };
  const stem = file.replace(/\.json$/, '');
  for(const [part, input] of [['config', config], ['document', unsecured]]) {
    const ours = await jsonld.canonize(input, opts);
    let rust;
    try {
      rust = await readFile(
        path.join(dir, 'canonical', `${stem}.${part}.nq`), 'utf8');
    } catch{
      rust = undefined;
    }
    console.log(`  --- ${file} ${part}: digitalbazaar sha256=${sha(ours)}` +
      (rust === undefined ? '' : ` om-core sha256=${sha(rust)}` +
        (rust === ours ? ' (identical)' : ' (DIFFERENT)')));
    if(rust === undefined) {
      process.stdout.write(ours.replace(/^/gm, '      '));
    } else if(rust !== ours) {
      const a = new Set(ours.split('\n'));
      const b = new Set(rust.split('\n'));
      for(const l of a) {
        if(!b.has(l)) {
          console.log(`      digitalbazaar: ${JSON.stringify(l)}`);
        }
      }
      for(const l of b) {
        if(!a.has(l)) {
          console.log(`      om-core:       ${JSON.stringify(l)}`);
        }
      }
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  const debug = args.includes('--debug');
  const dir = args.find(a => !a.startsWith('--'));
  if(!dir) {
    console.error('usage: node verify.mjs <fixtures-dir> [--debug]');
    process.exit(2);
  }
  const documentLoader = makeDocumentLoader(await loadBundledContexts());
  const files = (await readdir(dir)).filter(f => f.endsWith('.json')).sort();
  if(files.length === 0) {
    console.error(`no *.json fixtures in ${dir}`);
    process.exit(2);
  }
  let good = true;
  for(const file of files) {
    const doc = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    const tampered = file.startsWith('tampered-');
    let result;
    try {
      result = await verifyDoc(doc, documentLoader);
    } catch(e) {
      result = {verified: false, error: e};
    }
    const why = reasons(result).join('; ');
    const proofs = [].concat(doc.proof ?? []).map(p => p.cryptosuite);
    const label = `${file} [${proofs.join(',')}]`;
    if(!tampered) {
      if(result.verified) {
        console.log(`ok    ${label}`);
      } else {
        good = false;
        console.log(`FAIL  ${label}: ${why || 'not verified'}`);
      }
    } else if(!result.verified && /Invalid signature/.test(why)) {
      console.log(`ok    ${label}: expected failure (${why})`);
    } else {
      good = false;
      console.log(`FAIL  ${label}: ${result.verified ?
        'tampered document VERIFIED' :
        `failed for another reason than its signature: ${why}`}`);
    }
    if(debug) {
      await debugCanonical(dir, file, doc, documentLoader);
    }
  }
  console.log(good ? 'all fixtures as expected' : 'MISMATCH');
  process.exit(good ? 0 : 1);
}

main().catch(e => {
  console.error(e);
  process.exit(2);
});
