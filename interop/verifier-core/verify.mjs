#!/usr/bin/env node
/**
 * Verifies letters with the Digital Credentials Consortium's verifier-core
 * (npm @digitalcredentials/verifier-core, the version package-lock.json
 * pins): the verifier the Learner Credential Wallet and VerifierPlus run.
 *
 *   node verify.mjs [--expect-invalid] FILE...
 *
 * verifier-core builds its document loader with remote contexts enabled
 * (`securityLoader({fetchRemoteContexts: true})` in its dist/Verify.js): any
 * context it does not bundle is fetched from the web. This machine has no
 * web, and the point is to know exactly what would be fetched, so the global
 * `fetch` is replaced, before verifier-core is loaded, by one that answers
 * only the W3C undefined-terms context (from the copy bundled in
 * ../../specs/contexts/, which is byte for byte the W3C's) and refuses every
 * other address. Every address asked for is printed: a letter that needed
 * anything beyond the undefined-terms context would show it, and fail.
 *
 * Prints one line per file: "ok" with what verifier-core's log says, or
 * "FAIL" and why. Exit status 0 when every file gets the expected verdict
 * (valid signature, not expired, no error; or, with --expect-invalid, an
 * invalid signature), 1 otherwise, 2 on usage errors.
 */
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const UNDEFINED_TERMS = 'https://www.w3.org/ns/credentials/undefined-terms/v2';
const index = JSON.parse(
  readFileSync(join(here, '../../specs/contexts/index.json'), 'utf8'));
const entry = Object.entries(index).find(([url]) => url === UNDEFINED_TERMS) ??
  (Array.isArray(index) ? [UNDEFINED_TERMS,
    index.find(e => e.url === UNDEFINED_TERMS)?.file] : undefined);
if (!entry || !entry[1]) {
  console.error(`FAIL  ${UNDEFINED_TERMS} is not in specs/contexts/index.json`);
  process.exit(2);
}
const file = typeof entry[1] === 'string' ? entry[1] : entry[1].file;
const undefinedTerms = readFileSync(join(here, '../../specs/contexts', file), 'utf8');

const asked = [];
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : (input.url ?? String(input));
  asked.push(url);
  if (url === UNDEFINED_TERMS) {
    return new Response(undefinedTerms, {
      status: 200,
      headers: {'content-type': 'application/ld+json'}
    });
  }
  throw new TypeError(`offline: ${url} was not fetched (${init?.method ?? 'GET'})`);
};

const {verifyCredential} = await import('@digitalcredentials/verifier-core');

const args = process.argv.slice(2);
const expectInvalid = args[0] === '--expect-invalid';
const files = expectInvalid ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node verify.mjs [--expect-invalid] FILE...');
  process.exit(2);
}

// verifier-core's schema check (dist/schemaCheck.js) is not part of its
// signature verdict: it guesses an Open Badges JSON Schema from the type,
// fetches it, and reports the outcome in `additionalInformation`. Offline
// that fetch is refused like any other, and the line says so.
const SCHEMA_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/';

/** Runs `f` with verifier-core's own console output kept, not printed. */
async function quietly(f) {
  const {log, error} = console;
  const kept = [];
  console.log = (...a) => kept.push(a.map(String).join(' '));
  console.error = console.log;
  try {
    return await f();
  } finally {
    console.log = log;
    console.error = error;
  }
}

let failed = 0;
for (const path of files) {
  asked.length = 0;
  const credential = JSON.parse(readFileSync(path, 'utf8'));
  const result = await quietly(
    () => verifyCredential({credential, knownDIDRegistries: []}));
  const log = Object.fromEntries((result.log ?? []).map(e => [e.id, e.valid]));
  const errors = (result.errors ?? []).map(e => `${e.name}: ${e.message}`);
  const contexts = [...new Set(asked.filter(u => !u.startsWith(SCHEMA_PREFIX)))];
  const schemas = [...new Set(asked.filter(u => u.startsWith(SCHEMA_PREFIX)))];
  const summary = `log ${JSON.stringify(log)}; contexts fetched: ` +
    (contexts.length ? contexts.join(', ') : 'none') +
    (schemas.length ? `; schema check not done offline (${schemas.join(', ')})` : '') +
    (errors.length ? `; errors ${errors.join(' | ')}` : '');
  const validSignature = log.valid_signature === true && errors.length === 0;
  const others = contexts.filter(u => u !== UNDEFINED_TERMS);
  let ok;
  if (expectInvalid) {
    ok = !validSignature;
  } else {
    ok = validSignature && log.expiration !== false &&
      log.revocation_status !== false && others.length === 0;
  }
  if (ok) {
    console.log(`ok    ${path}: ${expectInvalid ? 'refused' : 'valid signature'} (${summary})`);
  } else {
    failed++;
    console.log(`FAIL  ${path}: ${summary}`);
  }
}
process.exit(failed ? 1 : 0);
