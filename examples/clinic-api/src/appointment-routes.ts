import { randomUUID } from 'node:crypto';
import { ClinicError } from './clinic-error.js';
import type { Account, Appointment, ClinicState } from './create-clinic-state.js';
import { readPaging } from './read-paging.js';
import { API_BASE, type Route } from './route.js';
import { runSqlQuery } from '@rampart/example-demo-support';

const STATUSES = new Set(['booked', 'completed', 'cancelled']);

function findAppointment(state: ClinicState, caller: Account, id: string, anyone: boolean): Appointment {
  const appointment = state.appointments.get(id);
  if (appointment === undefined || (!anyone && appointment.patient_id !== caller.id && !caller.is_staff)) {
    throw new ClinicError(404, 'appointment_not_found', `no appointment ${id}`);
  }
  return appointment;
}

/** The caller's appointments: list with a status filter, book, read, reschedule or cancel, delete. */
export const appointmentRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: `${API_BASE}/appointments`,
    handle: (clinic, request) => {
      const caller = request.account();
      const paging = readPaging(request.url);
      const status = request.url.searchParams.get('status');
      const params: string[] = [caller.id];
      let sql = 'SELECT * FROM appointments WHERE patient_id = ?';
      if (status !== null && status !== '') {
        if (clinic.on('injection-sql-appointment-status')) {
          sql += ` AND status = '${status}'`;
        } else {
          sql += ' AND status = ?';
          params.push(status);
        }
      }
      sql += ` ORDER BY starts_at DESC LIMIT ${paging.perPage} OFFSET ${(paging.page - 1) * paging.perPage}`;
      // Appointment rows are keyed in snake_case, like their columns.
      const result = runSqlQuery(sql, { appointments: [...clinic.state.appointments.values()] }, params, {
        columnStyle: 'exact-or-camelCase',
      });
      request.send(200, {
        data: result.rows,
        meta: { page: paging.page, per_page: paging.perPage, total: result.total },
      });
    },
  },
  {
    method: 'POST',
    path: `${API_BASE}/appointments`,
    handle: async (clinic, request) => {
      const caller = request.account();
      const body = await request.json();
      const practitionerId = body['practitioner_id'];
      if (typeof practitionerId !== 'string' || !clinic.state.practitioners.has(practitionerId)) {
        throw new ClinicError(422, 'invalid_field', 'practitioner_id must name a practitioner');
      }
      const startsAt = body['starts_at'];
      if (typeof startsAt !== 'string' || Number.isNaN(Date.parse(startsAt))) {
        throw new ClinicError(422, 'invalid_field', 'starts_at must be an ISO 8601 date-time');
      }
      const reason = body['reason'] ?? '';
      if (typeof reason !== 'string' || reason.length > 200) {
        throw new ClinicError(422, 'invalid_field', 'reason must be a string of at most 200 characters');
      }
      const appointment: Appointment = {
        id: randomUUID(),
        patient_id: caller.id,
        practitioner_id: practitionerId,
        starts_at: new Date(startsAt).toISOString(),
        status: 'booked',
        reason,
        created_at: new Date(clinic.now()).toISOString(),
      };
      clinic.state.appointments.set(appointment.id, appointment);
      request.send(201, appointment, { location: `${API_BASE}/appointments/${appointment.id}` });
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/appointments/{appointmentId}`,
    handle: (clinic, request) => {
      const caller = request.account();
      const id = request.params['appointmentId']!;
      request.send(200, findAppointment(clinic.state, caller, id, clinic.on('api1-appointment-bola')));
    },
  },
  {
    method: 'PATCH',
    path: `${API_BASE}/appointments/{appointmentId}`,
    handle: async (clinic, request) => {
      const caller = request.account();
      const id = request.params['appointmentId']!;
      const appointment = findAppointment(
        clinic.state,
        caller,
        id,
        clinic.on('api1-appointment-update-bola'),
      );
      const body = await request.json();
      if (body['reason'] !== undefined) {
        if (typeof body['reason'] !== 'string' || body['reason'].length > 200) {
          throw new ClinicError(422, 'invalid_field', 'reason must be a string of at most 200 characters');
        }
        appointment.reason = body['reason'];
      }
      if (body['status'] !== undefined) {
        if (typeof body['status'] !== 'string' || !STATUSES.has(body['status'])) {
          throw new ClinicError(422, 'invalid_field', 'status must be booked, completed or cancelled');
        }
        appointment.status = body['status'];
      }
      request.send(200, appointment);
    },
  },
  {
    method: 'DELETE',
    path: `${API_BASE}/appointments/{appointmentId}`,
    handle: (clinic, request) => {
      const caller = request.account();
      const appointment = findAppointment(clinic.state, caller, request.params['appointmentId']!, false);
      clinic.state.appointments.delete(appointment.id);
      request.send(204, undefined);
    },
  },
];
