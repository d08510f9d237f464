import { ClinicError } from './clinic-error.js';
import {
  BOOKING_DAYS,
  CALENDAR_START,
  type ClinicState,
  type Practitioner,
  SLOTS_PER_DAY,
} from './create-clinic-state.js';
import { readPaging, toPage } from './read-paging.js';
import { API_BASE, type Route } from './route.js';

/** What patients may see of a practitioner; with `hr` (flaw api3-practitioner-ssn-exposure) the stored record. */
function viewPractitioner(practitioner: Practitioner, hr: boolean): Record<string, unknown> {
  if (hr) return { ...practitioner };
  const { id, full_name, specialty, clinic_room } = practitioner;
  return { id, full_name, specialty, clinic_room };
}

/** Every open slot of a practitioner: {@link SLOTS_PER_DAY} a day for {@link BOOKING_DAYS} days, minus booked ones. */
export function listOpenSlots(state: ClinicState, practitionerId: string): Array<Record<string, string>> {
  const booked = new Set(
    [...state.appointments.values()]
      .filter((a) => a.practitioner_id === practitionerId && a.status === 'booked')
      .map((a) => a.starts_at),
  );
  const start = Date.parse(`${CALENDAR_START}T00:00:00.000Z`);
  const slots: Array<Record<string, string>> = [];
  for (let day = 0; day < BOOKING_DAYS; day++) {
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
      const at = new Date(start + day * 86_400_000 + (8 + slot) * 3_600_000).toISOString();
      if (!booked.has(at)) slots.push({ starts_at: at, duration: 'PT45M', practitioner_id: practitionerId });
    }
  }
  return slots;
}

/** The practitioner directory and their open slots. */
export const practitionerRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: `${API_BASE}/practitioners`,
    handle: (clinic, request) => {
      request.account();
      const specialty = request.url.searchParams.get('specialty');
      const list = [...clinic.state.practitioners.values()]
        .filter((p) => specialty === null || p.specialty === specialty)
        .map((p) => viewPractitioner(p, clinic.on('api3-practitioner-ssn-exposure')));
      request.send(200, toPage(list, readPaging(request.url)));
    },
  },
  {
    method: 'GET',
    path: `${API_BASE}/practitioners/{practitionerId}/slots`,
    handle: (clinic, request) => {
      request.account();
      const id = request.params['practitionerId']!;
      if (!clinic.state.practitioners.has(id)) {
        throw new ClinicError(404, 'practitioner_not_found', `no practitioner ${id}`);
      }
      const paging = readPaging(request.url, clinic.on('api4-unbounded-per-page'));
      request.send(200, toPage(listOpenSlots(clinic.state, id), paging));
    },
  },
];
