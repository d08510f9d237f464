import { ClinicError } from './clinic-error.js';
import type { Route } from './route.js';

/** Version 1 of the portal API, retired but still deployed while flaw api9-v1-patients-no-auth is on. */
export const legacyRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/v1/patients/{patientId}',
    flaw: 'api9-v1-patients-no-auth',
    handle: (clinic, request) => {
      const patient = clinic.state.accounts.get(request.params['patientId']!);
      if (patient === undefined) throw new ClinicError(404, 'patient_not_found', 'no such patient');
      const { password_hash: _hash, ...record } = patient;
      request.send(200, record);
    },
  },
];
