/**
 * Writes the `Ed25519Signature2020` presentation fixtures of
 * `core/tests/vectors/ed25519-2020/` (see the README there), signed and
 * verified with Digital Bazaar's libraries, as the Learner Credential Wallet
 * signs DIDAuthentication and credential presentations.
 *
 *   cargo run -p om-core --example ed2020_letter -- \
 *     core/tests/vectors/ed25519-2020/letter-ob3.json
 *   (cd interop && npm ci && node make-ed2020-fixtures.mjs)
 *
 * Keys come from fixed seeds (SHA-256 of a label) and dates are fixed, so a
 * run writes the same bytes again. For each fixture `<name>.json` it also
 * writes `<name>.config.nq` and `<name>.document.nq`: the RDFC-1.0 canonical
 * N-Quads of the proof options and of the document without proof, computed by
 * the suite's own `canonizeProof` / `canonize`, which om-core must reproduce.
 */
import {createHash} from 'node:crypto';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalbazaar/ed25519-verification-key-2020';
import jsonld from 'jsonld';

import {loadBundledContexts, makeDocumentLoader, verifySuite} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '..', 'core', 'tests', 'vectors', 'ed25519-2020');

const CREDENTIALS_V1 = 'https://www.w3.org/2018/credentials/v1';
const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';
const CHALLENGE = 'om-ed2020-challenge-7f3a';
const DOMAIN = 'https://verifier.example';
const CREATED = '2026-02-01T10:00:00Z';

// The Ed25519 seed of a key: SHA-256 of its label (the Rust side derives the
// same keys from the same labels).
function seed(label) {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

async function didKey(label) {
  const key = await Ed25519VerificationKey2020.generate({seed: seed(label)});
  const did = `did:key:${key.fingerprint()}`;
  key.controller = did;
  key.id = `${did}#${key.fingerprint()}`;
  return key;
}

const contexts = await loadBundledContexts();
const documentLoader = makeDocumentLoader(contexts);
const holder = await didKey('om ed2020 fixtures: holder');
const suite = () => new Ed25519Signature2020({key: holder, date: CREATED});
const verifySuites = [...verifySuite, new Ed25519Signature2020()];

const letter = JSON.parse(await readFile(path.join(out, 'letter-ob3.json'), 'utf8'));
if(letter.credentialSubject.id !== holder.controller) {
  throw new Error('letter-ob3.json is not about the holder: run the example first');
}

async function write(name, value) {
  await writeFile(path.join(out, name),
    typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n');
  console.log(name);
}

// Signs like the Learner Credential Wallet: vc.signPresentation, which adds
// the suite's context to the presentation when it is missing.
async function sign(presentation, domain) {
  return vc.signPresentation({
    presentation, suite: suite(), challenge: CHALLENGE, domain, documentLoader
  });
}

// Writes a fixture after checking it verifies here, with the canonical forms
// the suite computes.
async function fixture(name, signed, domain) {
  const result = await vc.verify({
    presentation: signed, suite: verifySuites, challenge: CHALLENGE, domain,
    documentLoader
  });
  if(!result.verified) {
    throw new Error(`${name} does not verify: ${
      JSON.stringify(result, null, 2)}`);
  }
  const {proof, ...document} = signed;
  const s = new Ed25519Signature2020();
  const config = await s.canonizeProof(proof, {document, documentLoader});
  const doc = await s.canonize(document, {documentLoader});
  await write(`${name}.json`, signed);
  await write(`${name}.config.nq`, config);
  await write(`${name}.document.nq`, doc);
}

// (1) DIDAuthentication, credentials v1, challenge and domain.
const didAuth = () => ({
  '@context': [CREDENTIALS_V1],
  type: ['VerifiablePresentation'],
  holder: holder.controller
});
await fixture('didauth-v1-challenge-domain',
  await sign(didAuth(), DOMAIN), DOMAIN);

// (2) The same without a domain (the wallet's one-step flow).
await fixture('didauth-v1-challenge', await sign(didAuth(), undefined));

// (3) VC 2.0 presentation of an om-core letter (which keeps its own
// eddsa-rdfc-2022 proof).
await fixture('vp-v2-letter', await sign({
  '@context': [CREDENTIALS_V2],
  id: 'urn:uuid:0b6b3c7e-5a0f-4d1e-8c55-3f2d9a1e7b42',
  type: ['VerifiablePresentation'],
  holder: holder.controller,
  verifiableCredential: [letter]
}, DOMAIN), DOMAIN);

// (4) A credentials v1 presentation holding the VC 2.0 letter: is it JSON-LD?
const v1WithV2 = {
  '@context': [CREDENTIALS_V1],
  type: ['VerifiablePresentation'],
  holder: holder.controller,
  verifiableCredential: [letter]
};
const {version: jsonldVersion} = JSON.parse(await readFile(
  path.join(here, 'node_modules', 'jsonld', 'package.json'), 'utf8'));
const answers = [];
for(const [what, run] of [
  ['jsonld.toRDF (safe mode)', () => jsonld.toRDF(
    {...v1WithV2, '@context': [CREDENTIALS_V1, Ed25519Signature2020.CONTEXT_URL]},
    {documentLoader, safe: true, format: 'application/n-quads'})],
  ['vc.signPresentation with Ed25519Signature2020', () => sign(v1WithV2, DOMAIN)]
]) {
  try {
    await run();
    answers.push(`${what}: accepted`);
  } catch(e) {
    const detail = e.details?.term ? ` (term "${e.details.term}")` : '';
    answers.push(`${what}: ${e.name}: ${e.message}${detail}`);
  }
}
await write('v1-vp-with-v2-letter.txt', [
  'A credentials v1 presentation holding a VC 2.0 credential, as jsonld.js',
  `${jsonldVersion} processes it (written by make-ed2020-fixtures.mjs):`,
  '', ...answers, ''
].join('\n'));
