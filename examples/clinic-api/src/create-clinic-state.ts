import { createHash, randomUUID } from 'node:crypto';
import { hashPassword } from '@rampart/example-demo-support';

/** A person who can log in: a patient, or staff (`is_staff`). Staff are not patients. */
export interface Account {
  readonly id: string;
  email: string;
  password_hash: string;
  full_name: string;
  phone: string;
  date_of_birth: string;
  ssn: string;
  is_staff: boolean;
  readonly created_at: string;
}

/** A doctor, nurse or therapist patients can book. */
export interface Practitioner {
  readonly id: string;
  readonly full_name: string;
  readonly specialty: string;
  readonly clinic_room: string;
  /** Staff-only HR data, never for patients. */
  readonly ssn: string;
  readonly home_address: string;
  readonly license_number: string;
}

/** A booked visit. Columns are what the SQL filter sees. */
export interface Appointment {
  readonly id: string;
  readonly patient_id: string;
  readonly practitioner_id: string;
  starts_at: string;
  status: string;
  reason: string;
  readonly created_at: string;
}

/** One entry of a patient's medical record. */
export interface MedicalRecord {
  readonly id: string;
  readonly patient_id: string;
  readonly recorded_at: string;
  readonly kind: string;
  readonly summary: string;
  readonly practitioner_id: string;
}

/** A file in a patient's document folder (the bytes live in the fake file tree). */
export interface PatientDocument {
  readonly patient_id: string;
  readonly file_name: string;
  readonly title: string;
  readonly size_bytes: number;
}

/** Everything one clinic instance keeps in memory. */
export interface ClinicState {
  readonly accounts: Map<string, Account>;
  readonly practitioners: Map<string, Practitioner>;
  readonly appointments: Map<string, Appointment>;
  readonly records: Map<string, MedicalRecord>;
  readonly documents: PatientDocument[];
  /** Insurance-card images imported per patient (size and type only). */
  readonly insuranceCards: Map<string, { source: string; content_type: string; size_bytes: number }>;
  /** Files by absolute path: the clinic's fake disk. */
  readonly files: Map<string, string>;
}

/** The seeded accounts: two patients of the same role and a staff member. Passwords are for the demo only. */
export const SEED_ACCOUNTS = {
  ana: {
    id: '5b1f0c52-8a8e-4d51-9a3e-0c6b1f7d2a11',
    email: 'ana.lima@example.org',
    password: 'Ana-Clinic-2024',
    full_name: 'Ana Lima',
  },
  ben: {
    id: 'c4e2a9d7-3f61-4b8a-b0d2-7e9f1a5c3b22',
    email: 'ben.okafor@example.org',
    password: 'Ben-Clinic-2024',
    full_name: 'Ben Okafor',
  },
  staff: {
    id: '9a7d3e15-6c2b-4f08-8e4a-2d1c5b9f6e33',
    email: 'front.desk@harbor-clinic.example',
    password: 'Desk-Clinic-2024!',
    full_name: 'Rosa Martins',
  },
} as const;

/** A stable UUID (v4 layout) derived from a label, so seeded ids are the same in every instance. */
export function seededUuid(label: string): string {
  const hex = createHash('sha256').update(`clinic:${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Slots offered per practitioner and day, and the days ahead that are bookable. */
export const SLOTS_PER_DAY = 8;
export const BOOKING_DAYS = 60;
/** The fixed day the seeded calendar starts on (so slot lists are deterministic). */
export const CALENDAR_START = '2025-03-03';

const SPECIALTIES = ['general practice', 'pediatrics', 'dermatology', 'physiotherapy', 'cardiology'];
const FIRST = [
  'Ines',
  'Tomas',
  'Maya',
  'Kofi',
  'Lena',
  'Arjun',
  'Sofia',
  'Jonas',
  'Amara',
  'Yusuf',
  'Clara',
  'Emil',
];
const LAST = [
  'Ng',
  'Sousa',
  'Haddad',
  'Mensah',
  'Varga',
  'Rao',
  'Costa',
  'Berg',
  'Diallo',
  'Kaya',
  'Moreau',
  'Lund',
];

function practitioner(index: number): Practitioner {
  const area = 100 + ((index * 37) % 700);
  return {
    id: seededUuid(`practitioner-${index}`),
    full_name: `Dr. ${FIRST[index % FIRST.length]} ${LAST[(index * 5) % LAST.length]}`,
    specialty: SPECIALTIES[index % SPECIALTIES.length]!,
    clinic_room: `R${101 + index}`,
    ssn: `${area}-${String(10 + index).padStart(2, '0')}-${String(4000 + index * 131).padStart(4, '0')}`,
    home_address: `${12 + index} Quay Street, Port Harbor`,
    license_number: `MED-${700_100 + index * 17}`,
  };
}

function pdfLike(title: string, owner: string): string {
  return `%PDF-1.4\n% ${title} for ${owner}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
}

/** The folder that holds one patient's documents on the fake disk. */
export function documentFolder(patientId: string): string {
  return `/srv/clinic/documents/${patientId}`;
}

/** A fresh state with the seeded accounts, 12 practitioners, appointments, records and documents. */
export function createClinicState(): ClinicState {
  const accounts = new Map<string, Account>();
  const others = [
    { id: seededUuid('patient-carla'), email: 'carla.reyes@example.org', full_name: 'Carla Reyes' },
    { id: seededUuid('patient-dev'), email: 'dev.patel@example.org', full_name: 'Dev Patel' },
  ];
  const seeds = [
    { ...SEED_ACCOUNTS.ana, is_staff: false, ssn: '214-55-0193', dob: '1988-04-12', phone: '+1 555 0101' },
    { ...SEED_ACCOUNTS.ben, is_staff: false, ssn: '331-42-7710', dob: '1979-11-30', phone: '+1 555 0102' },
    { ...SEED_ACCOUNTS.staff, is_staff: true, ssn: '402-18-5521', dob: '1984-02-07', phone: '+1 555 0199' },
    ...others.map((o, i) => ({
      ...o,
      password: randomUUID(),
      is_staff: false,
      ssn: `5${i}3-2${i}-88${i}4`,
      dob: `199${i}-06-1${i}`,
      phone: `+1 555 011${i}`,
    })),
  ];
  for (const seed of seeds) {
    accounts.set(seed.id, {
      id: seed.id,
      email: seed.email,
      password_hash: hashPassword(seed.password),
      full_name: seed.full_name,
      phone: seed.phone,
      date_of_birth: seed.dob,
      ssn: seed.ssn,
      is_staff: seed.is_staff,
      created_at: '2024-01-15T09:00:00.000Z',
    });
  }
  const practitioners = new Map<string, Practitioner>();
  for (let i = 0; i < 12; i++) {
    const p = practitioner(i);
    practitioners.set(p.id, p);
  }
  const doctors = [...practitioners.values()];
  const patients = [...accounts.values()].filter((a) => !a.is_staff);
  const appointments = new Map<string, Appointment>();
  const records = new Map<string, MedicalRecord>();
  const documents: PatientDocument[] = [];
  const files = new Map<string, string>([
    [
      '/etc/passwd',
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nclinic:x:1001:1001:Clinic Portal,,,:/srv/clinic:/bin/sh\n',
    ],
    ['/etc/hostname', 'portal-prod-02\n'],
    [
      '/srv/clinic/.env',
      'DATABASE_URL=postgres://portal:Harbor-Db-2023@db.internal:5432/clinic\nSESSION_SECRET=harbor-portal-session\n',
    ],
  ]);
  patients.forEach((patient, p) => {
    for (let k = 0; k < 3; k++) {
      const id = seededUuid(`appointment-${p}-${k}`);
      appointments.set(id, {
        id,
        patient_id: patient.id,
        practitioner_id: doctors[(p + k) % doctors.length]!.id,
        starts_at: `2025-0${2 + k}-1${p}T${String(8 + k).padStart(2, '0')}:30:00.000Z`,
        status: k === 0 ? 'completed' : 'booked',
        reason: ['Annual check-up', 'Follow-up on blood test', 'Knee pain'][k]!,
        created_at: '2025-01-20T10:00:00.000Z',
      });
      const recordId = seededUuid(`record-${p}-${k}`);
      records.set(recordId, {
        id: recordId,
        patient_id: patient.id,
        recorded_at: `2024-1${k}-0${p + 1}T10:00:00.000Z`,
        kind: ['diagnosis', 'lab_result', 'prescription'][k]!,
        summary: [
          `Seasonal allergic rhinitis (${patient.full_name})`,
          `HbA1c 5.${p + 4}% for ${patient.full_name}`,
          `Cetirizine 10 mg daily for ${patient.full_name}`,
        ][k]!,
        practitioner_id: doctors[p % doctors.length]!.id,
      });
    }
    for (const [fileName, title] of [
      ['lab-results-2024-11.pdf', 'Lab results November 2024'],
      ['referral-letter.pdf', 'Referral letter'],
    ] as const) {
      const content = pdfLike(title, patient.full_name);
      files.set(`${documentFolder(patient.id)}/${fileName}`, content);
      documents.push({ patient_id: patient.id, file_name: fileName, title, size_bytes: content.length });
    }
  });
  return {
    accounts,
    practitioners,
    appointments,
    records,
    documents,
    insuranceCards: new Map(),
    files,
  };
}
