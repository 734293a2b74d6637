// Kalshi's keys, checked before they are stored, saying what was checked without ever echoing the
// key: the key id must be a UUID; the PEM must parse and produce a signature that verifies.
import { constants, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { SecretValidation } from '../contribution';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateKalshiSecret(key: string, value: string): SecretValidation {
  if (key === 'keyId') {
    return UUID.test(value.trim())
      ? { ok: true, message: 'Kalshi key id has the expected UUID form.' }
      : { ok: false, message: 'Kalshi key id must be a UUID such as 8c35a1e2-…; the value given is not one.' };
  }
  if (key === 'privateKey') return validateKalshiPem(value);
  return { ok: false, message: `Kalshi has no key named ${key}.` };
}

function validateKalshiPem(pem: string): SecretValidation {
  let key;
  try {
    key = createPrivateKey({ key: pem.trim(), format: 'pem' });
  } catch {
    return { ok: false, message: 'Kalshi private key is not a readable PEM private key (PKCS#1 or PKCS#8).' };
  }
  const message = Buffer.from('1703123456789GET/trade-api/v2/portfolio/balance');
  try {
    // Kalshi issues Ed25519 keys too, but how it verifies them is undocumented; the connector
    // refuses them, so the trader hears it now rather than when the venue connects.
    if (key.asymmetricKeyType === 'ed25519') {
      return { ok: false, message: 'Kalshi Ed25519 keys are not supported yet (their signing scheme is undocumented); create an RSA API key.' };
    }
    if (key.asymmetricKeyType !== 'rsa') {
      return { ok: false, message: `Kalshi keys are RSA; this PEM holds a ${key.asymmetricKeyType ?? 'different'} key.` };
    }
    const opts = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
    const signature = sign('sha256', message, opts);
    const ok = verify('sha256', message, { key: createPublicKey(key), padding: opts.padding, saltLength: opts.saltLength }, signature);
    if (!ok) throw new Error('verify');
    const bits = key.asymmetricKeyDetails?.modulusLength;
    return { ok: true, message: `Kalshi RSA key${bits ? ` (${bits}-bit)` : ''} parsed and produced a valid RSA-PSS signature.` };
  } catch {
    return { ok: false, message: 'Kalshi private key parsed but could not sign a test message.' };
  }
}
