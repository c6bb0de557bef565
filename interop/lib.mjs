/**
 * What the interop scripts share: an offline document loader (the contexts
 * bundled in ../specs/contexts/, and did:key resolved with Digital Bazaar's
 * ed25519-multikey), and the Data Integrity suites to verify with.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite as eddsaJcs2022} from
  '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

const here = path.dirname(fileURLToPath(import.meta.url));
const contextsDir = path.resolve(here, '..', 'specs', 'contexts');

// --- offline document loader -------------------------------------------------

export async function loadBundledContexts() {
  const index = JSON.parse(
    await readFile(path.join(contextsDir, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [iri, file] of Object.entries(index)) {
    contexts.set(iri, JSON.parse(
      await readFile(path.join(contextsDir, file), 'utf8')));
  }
  return contexts;
}

// Builds the DID document of an Ed25519 did:key, using ed25519-multikey to
// decode and check the key (not om-core's code).
async function didKeyDocument(did) {
  const multibase = did.slice('did:key:'.length);
  const vmId = `${did}#${multibase}`;
  const key = await Ed25519Multikey.from({
    id: vmId, controller: did, publicKeyMultibase: multibase
  });
  const vm = await key.export({publicKey: true, includeContext: false});
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [vm],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId]
  };
}

export function makeDocumentLoader(contexts) {
  return async function documentLoader(url) {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
    }
    if(url.startsWith('did:key:z6Mk')) {
      const [did, fragment] = url.split('#');
      const doc = await didKeyDocument(did);
      if(fragment === undefined) {
        return {contextUrl: null, documentUrl: url, document: doc};
      }
      const vm = doc.verificationMethod.find(m => m.id === url);
      if(!vm) {
        throw new Error(`${url}: no such verification method in ${did}`);
      }
      return {
        contextUrl: null, documentUrl: url,
        document: {'@context': MULTIKEY_V1, ...vm}
      };
    }
    throw new Error(`offline document loader refuses "${url}"`);
  };
}

// The suites a verifier accepts: eddsa-rdfc-2022 and eddsa-jcs-2022.
export const verifySuite = [
  new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
  new DataIntegrityProof({cryptosuite: eddsaJcs2022()})
];
