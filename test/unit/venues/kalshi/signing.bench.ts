// npx vitest bench --run --project unit test/unit/venues/kalshi
// What signing costs on the order path: our signer (key parsed once) against parsing the PEM on
// every request, as kalshi-typescript's own signer does.
import { constants, createSign, generateKeyPairSync } from 'node:crypto';
import { bench, describe } from 'vitest';
import { KalshiSigner } from '../../../../src/engine/venues/kalshi/auth';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signer = new KalshiSigner({ keyId: 'bench', privateKeyPem: pem });
const url = 'https://external-api.kalshi.com/trade-api/v2/portfolio/events/orders';

describe('Kalshi request signing (RSA-2048, PSS)', () => {
  bench('KalshiSigner.headers (parsed key)', () => {
    signer.headers('POST', url);
  });
  bench('createSign with the PEM each time (the SDK signer)', () => {
    const s = createSign('RSA-SHA256');
    s.update(`${Date.now()}POST/trade-api/v2/portfolio/events/orders`);
    s.end();
    s.sign({ key: pem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
  });
});
