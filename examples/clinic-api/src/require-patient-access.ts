import { ClinicError } from './clinic-error.js';
import type { Account, ClinicState } from './create-clinic-state.js';

/**
 * The patient named in a `/patients/{patientId}/…` path, when the caller may act on it: the patient themself or
 * staff. Other callers get 403; unknown patients 404.
 */
export function requirePatientAccess(state: ClinicState, caller: Account, patientId: string): Account {
  const patient = state.accounts.get(patientId);
  if (patient === undefined || patient.is_staff) {
    throw new ClinicError(404, 'patient_not_found', `no patient ${patientId}`);
  }
  if (caller.id !== patient.id && !caller.is_staff) {
    throw new ClinicError(403, 'forbidden', 'you may only access your own patient file');
  }
  return patient;
}
