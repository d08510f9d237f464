import { posix } from 'node:path';
import { ClinicError } from './clinic-error.js';
import { documentFolder } from './create-clinic-state.js';
import { FetchImageError, fetchImage } from './fetch-image.js';
import { readPaging, toPage } from './read-paging.js';
import { requirePatientAccess } from './require-patient-access.js';
import { API_BASE, type Route } from './route.js';

/** The patient directory (staff) and each patient's file: profile, records, documents, insurance card. */
export const patientRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: `${API_BASE}/patients`,
    handle: (clinic, request) => {
      // Flaw api5-patient-list-by-patient: any signed-in account passes.
      if (clinic.on('api5-patient-list-by-patient')) request.account();
      else request.staff();
      const patients = [...clinic.state.accounts.values()]
        .filter((a) => !a.is_staff)
        .map(({ id, full_name, email, date_of_birth }) => ({ id, full_name, email, date_of_birth }));
      request.send(200, toPage(patients, readPaging(request.url)));
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/patients/{patientId}`,
    handle: (clinic, request) => {
      const patient = requirePatientAccess(clinic.state, request.account(), request.params['patientId']!);
      const { id, full_name, email, date_of_birth, phone } = patient;
      request.send(200, { id, full_name, email, date_of_birth, phone });
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/patients/{patientId}/records`,
    handle: (clinic, request) => {
      const patient = requirePatientAccess(clinic.state, request.account(), request.params['patientId']!);
      const records = [...clinic.state.records.values()].filter((r) => r.patient_id === patient.id);
      request.send(200, toPage(records, readPaging(request.url)));
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/patients/{patientId}/records/{recordId}`,
    handle: (clinic, request) => {
      const caller = request.account();
      const patientId = request.params['patientId']!;
      // Flaw api1-nested-record-bola: the record must belong to the patient in the path, but whether the caller
      // may see that patient is not checked here (the list route checks it).
      if (!clinic.on('api1-nested-record-bola')) requirePatientAccess(clinic.state, caller, patientId);
      const record = clinic.state.records.get(request.params['recordId']!);
      if (record === undefined || record.patient_id !== patientId) {
        throw new ClinicError(404, 'record_not_found', 'no such record in this patient file');
      }
      request.send(200, record);
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/patients/{patientId}/documents`,
    handle: (clinic, request) => {
      const patient = requirePatientAccess(clinic.state, request.account(), request.params['patientId']!);
      const documents = clinic.state.documents
        .filter((d) => d.patient_id === patient.id)
        .map((d) => ({ ...d, download_path: `${API_BASE}/patients/${patient.id}/documents/${d.file_name}` }));
      request.send(200, toPage(documents, readPaging(request.url)));
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/patients/{patientId}/documents/{fileName}`,
    handle: (clinic, request) => {
      const patient = requirePatientAccess(clinic.state, request.account(), request.params['patientId']!);
      const name = request.params['fileName']!;
      if (!clinic.on('injection-path-traversal-document') && (/[/\\]/.test(name) || name.includes('..'))) {
        throw new ClinicError(400, 'invalid_file_name', 'fileName must be a plain file name');
      }
      // Flaw injection-path-traversal-document: `..` in the name is resolved before the folder is checked.
      const path = posix.normalize(posix.join(documentFolder(patient.id), name));
      const content = clinic.state.files.get(path);
      if (content === undefined) throw new ClinicError(404, 'document_not_found', `no document ${name}`);
      request.sendText(200, content, name.endsWith('.pdf') ? 'application/pdf' : 'text/plain; charset=utf-8');
    },
  },
  {
    method: 'POST',
    path: `${API_BASE}/patients/{patientId}/insurance-card`,
    handle: async (clinic, request) => {
      const patient = requirePatientAccess(clinic.state, request.account(), request.params['patientId']!);
      const body = await request.json();
      const raw = body['image_url'];
      let url: URL;
      try {
        url = new URL(String(raw));
      } catch {
        throw new ClinicError(422, 'invalid_image_url', 'image_url must be an absolute URL');
      }
      if (
        !clinic.on('api7-insurance-card-ssrf') &&
        (url.protocol !== 'https:' ||
          clinic.insurerOrigin === undefined ||
          url.origin !== clinic.insurerOrigin)
      ) {
        throw new ClinicError(
          422,
          'invalid_image_url',
          "image_url must be an https URL on the insurer's image host",
        );
      }
      try {
        const image = await fetchImage(url, clinic.insurerOrigin);
        if (image.status !== 200) {
          throw new ClinicError(502, 'image_unavailable', `the image host answered ${image.status}`);
        }
        const card = { source: url.href, content_type: image.contentType, size_bytes: image.size };
        clinic.state.insuranceCards.set(patient.id, card);
        request.send(201, card);
      } catch (error) {
        if (error instanceof FetchImageError) {
          throw new ClinicError(502, 'image_unavailable', `could not fetch the image: ${error.message}`);
        }
        throw error;
      }
    },
  },
];
