import { readFileSync } from 'node:fs';
import { type ApiModel, loadApi } from '@rampart/openapi';
import {
  type Canary,
  createCanary,
  type IdentitiesConfig,
  learnModelFromHar,
  parseIdentities,
  type ScanOptions,
  type ScanResult,
  scanTarget,
} from '@rampart/scan';
import { type ClinicApiOptions, createClinicApi } from './create-clinic-api.js';
import { SEED_ACCOUNTS } from './create-clinic-state.js';
import { OPENAPI_FILE_URL } from './flaw-catalog.js';
import { recordClinicHar } from './record-clinic-har.js';
import { API_BASE } from './route.js';

/** What the scanner is given about the clinic: its description, or only recorded traffic. */
export type ClinicScanSource = 'openapi' | 'har';

/** identities.yaml of the package, with the seeded passwords as its environment. */
export function clinicIdentities(): IdentitiesConfig {
  const text = readFileSync(new URL('../identities.yaml', import.meta.url), 'utf8');
  return parseIdentities(text, 'identities.yaml', {
    env: {
      CLINIC_ANA_PASSWORD: SEED_ACCOUNTS.ana.password,
      CLINIC_BEN_PASSWORD: SEED_ACCOUNTS.ben.password,
      CLINIC_STAFF_PASSWORD: SEED_ACCOUNTS.staff.password,
    },
  });
}

/** A model learned from a HAR recorded against a fresh clinic with the same flaws as the one scanned. */
async function learnFromTraffic(clinicOptions: ClinicApiOptions, target: string): Promise<ApiModel> {
  const recorded = createClinicApi(clinicOptions);
  const origin = await recorded.listen({ port: 0 });
  try {
    const har = await recordClinicHar(origin);
    // The HAR was taken on another port: the scanner is told it is the target's traffic.
    const text = JSON.stringify(har).replaceAll(origin, new URL(target).origin);
    return await learnModelFromHar(JSON.parse(text), { target, file: 'clinic.har' });
  } finally {
    await recorded.close();
  }
}

/**
 * Starts a canary and a clinic with `clinicOptions`, scans `<origin>/api/v2` from `source` with identities.yaml
 * (and `options`, fast by default), stops both, and returns the result.
 */
export async function scanClinic(
  clinicOptions: ClinicApiOptions,
  source: ClinicScanSource,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const canary: Canary = await createCanary();
  const clinic = createClinicApi(clinicOptions);
  const origin = await clinic.listen({ port: 0 });
  const target = `${origin}${API_BASE}`;
  try {
    const model =
      source === 'openapi'
        ? await loadApi(OPENAPI_FILE_URL.pathname)
        : await learnFromTraffic(clinicOptions, target);
    return await scanTarget({
      model,
      target,
      identities: clinicIdentities(),
      options: { requestsPerSecond: 1000, canary, ...options },
    });
  } finally {
    await clinic.close();
    await canary.close();
  }
}
