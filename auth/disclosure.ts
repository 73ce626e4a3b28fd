import type { MaskKind } from './masking.js';

/**
 * What each field tells a reader about a resident, as data: the facts its
 * full value reveals and the facts its masked form still shows. A mask holds
 * only if no role can learn what it hides from the other fields it reads —
 * an identity number is region, birth date, sequence and check character, so
 * a masked number beside a full birth date and household division code is no
 * mask at all. tests/security/masks-inference.test.ts checks every role of
 * the policy against this table.
 *
 * Fixed-format values (identity numbers, phones, permit numbers) name their
 * facts by character position: what a mask shows is then computed from the
 * mask itself, so changing a mask changes what the table says it reveals.
 */

export const FACTS = {
  'region.province': 'province of the identity number (its first 2 digits); usually the household registration province',
  'region.city': 'city of the identity number (its first 4 digits)',
  'region.district': 'district or county of the identity number (its first 6 digits, GB/T 2260); usually the household registration district',
  birthYear: 'year of birth',
  birthDate: 'full date of birth (digits 7 to 14 of the identity number)',
  sequence: 'sequence number among residents of one region born on one day (digits 15 to 17)',
  sex: 'sex (the parity of digit 17)',
  checkDigit: 'check character of the identity number (GB 11643, computed from the other 17)',
  householdStreet: 'the household registration address below the district',
  'residence.district': 'district of the current residence',
  'residence.street': 'the current residence address below the district',
  'destination.district': 'district a resident moved out to',
  'destination.street': 'the address a resident moved out to, below the district',
  'phone.prefix': 'first 3 digits of the phone number (the network)',
  'phone.middle': 'digits 4 to 7 of the phone number',
  'phone.last4': 'last 4 digits of the phone number',
  'permit.city': 'the issuing city of a residence permit (its first 6 characters)',
  'permit.year': 'the year a residence permit was issued (characters 7 to 10)',
  'permit.serial': "a residence permit's serial (its last 8 characters)",
  'permit.serialTail': "the last 4 characters of a residence permit's serial",
} as const;

export type Fact = keyof typeof FACTS;

/**
 * What can be worked out from what is known. A district code carries its
 * city and province; the sequence carries the sex; GB 11643's check
 * character follows from the other 17 digits, and with it known, one missing
 * part with few candidates (the districts of a known city) is pinned down.
 */
export const DERIVATIONS: readonly { from: readonly Fact[]; gives: Fact }[] = [
  { from: ['region.district'], gives: 'region.city' },
  { from: ['region.city'], gives: 'region.province' },
  { from: ['birthDate'], gives: 'birthYear' },
  { from: ['sequence'], gives: 'sex' },
  { from: ['region.district', 'birthDate', 'sequence'], gives: 'checkDigit' },
  { from: ['region.city', 'birthDate', 'sequence', 'checkDigit'], gives: 'region.district' },
  { from: ['permit.serial'], gives: 'permit.serialTail' },
];

/** Every fact that follows from the given ones. */
export function closure(known: Iterable<Fact>): Set<Fact> {
  const facts = new Set(known);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, gives } of DERIVATIONS) {
      if (!facts.has(gives) && from.every((fact) => facts.has(fact))) {
        facts.add(gives);
        grew = true;
      }
    }
  }
  return facts;
}

/** A fixed-format value: which characters carry which fact, and a sample to put a mask to. */
export interface Layout {
  sample: string;
  parts: readonly { fact: Fact; from: number; to: number }[];
}

/** GB 11643: RRRRRR YYYYMMDD SSS C. */
export const ID_NUMBER_LAYOUT: Layout = {
  sample: '510107199001011256',
  parts: [
    { fact: 'region.province', from: 0, to: 2 },
    { fact: 'region.city', from: 0, to: 4 },
    { fact: 'region.district', from: 0, to: 6 },
    { fact: 'birthYear', from: 6, to: 10 },
    { fact: 'birthDate', from: 6, to: 14 },
    { fact: 'sequence', from: 14, to: 17 },
    { fact: 'sex', from: 16, to: 17 },
    { fact: 'checkDigit', from: 17, to: 18 },
  ],
};

export const PHONE_LAYOUT: Layout = {
  sample: '13812345678',
  parts: [
    { fact: 'phone.prefix', from: 0, to: 3 },
    { fact: 'phone.middle', from: 3, to: 7 },
    { fact: 'phone.last4', from: 7, to: 11 },
  ],
};

/** The hub issues permit numbers as city code, year of issue, 8-digit serial (subgraphs/police/rules.ts). */
export const PERMIT_NUMBER_LAYOUT: Layout = {
  sample: '510100202512345678',
  parts: [
    { fact: 'permit.city', from: 0, to: 6 },
    { fact: 'permit.year', from: 6, to: 10 },
    { fact: 'permit.serial', from: 10, to: 18 },
    { fact: 'permit.serialTail', from: 14, to: 18 },
  ],
};

/**
 * How one field discloses: `full` lists what its value reveals; a field with
 * a mask names the mask and either a layout (the mask's output decides which
 * facts survive) or, for free text such as addresses, the facts it keeps.
 */
export type Disclosure =
  | { full: readonly Fact[] }
  | { layout: Layout; mask?: MaskKind }
  | { full: readonly Fact[]; mask: MaskKind; masked: readonly Fact[] };

const ID_NUMBER: Disclosure = { layout: ID_NUMBER_LAYOUT, mask: 'idNumber' };
const HOUSEHOLD_ADDRESS: Disclosure = { full: ['region.district', 'householdStreet'], mask: 'address', masked: ['region.district'] };
const NOTHING: Disclosure = { full: [] };

/**
 * Every leaf field of the types that describe one resident, with what it
 * discloses. A field that names a place is read as the resident's place: a
 * resident's identity number usually carries their household region, so the
 * household division code, its name and the district an address mask keeps
 * all reveal the number's first six digits.
 */
export const DISCLOSURE: Readonly<Record<string, Disclosure>> = {
  'Person.id': NOTHING,
  'Person.idNumber': ID_NUMBER,
  'Person.name': NOTHING,
  'Person.sex': { full: ['sex'] },
  'Person.birthDate': { full: ['birthDate'] },
  'Person.ethnicity': NOTHING,
  'Person.householdDivisionCode': { full: ['region.district'] },
  'Person.householdDivisionName': { full: ['region.district'] },
  'Person.householdAddress': HOUSEHOLD_ADDRESS,
  'Person.phone': { layout: PHONE_LAYOUT, mask: 'phone' },
  'Person.status': NOTHING,

  'ResidenceRegistration.id': NOTHING,
  'ResidenceRegistration.address': { full: ['residence.district', 'residence.street'] },
  'ResidenceRegistration.divisionCode': { full: ['residence.district'] },
  'ResidenceRegistration.since': NOTHING,
  'ResidenceRegistration.until': NOTHING,

  'ResidencePermit.permitNumber': { layout: PERMIT_NUMBER_LAYOUT, mask: 'permitNumber' },
  'ResidencePermit.issuedOn': { full: ['permit.year'] },
  'ResidencePermit.validUntil': NOTHING,
  'ResidencePermit.valid': NOTHING,

  'MoveOut.destinationDivisionCode': { full: ['destination.district'] },
  'MoveOut.destinationAddress': { full: ['destination.district', 'destination.street'], mask: 'address', masked: ['destination.district'] },
  'MoveOut.movedOn': NOTHING,

  // What a partner city told us about a resident: the same facts, from another source.
  'PartnerNotice.id': NOTHING,
  'PartnerNotice.messageType': NOTHING,
  'PartnerNotice.partnerCode': NOTHING,
  'PartnerNotice.occurredAt': NOTHING,
  'PartnerNotice.receivedAt': NOTHING,
  'PartnerNotice.droppedFields': NOTHING,
  'PartnerNotice.idNumber': { layout: ID_NUMBER_LAYOUT },
  'PartnerNotice.name': NOTHING,
  'PartnerNotice.sex': { full: ['sex'] },
  'PartnerNotice.birthDate': { full: ['birthDate'] },
  'PartnerNotice.ethnicity': NOTHING,
  'PartnerNotice.householdDivisionCode': { full: ['region.district'] },
  'PartnerNotice.householdAddress': { full: ['region.district', 'householdStreet'] },
  'PartnerNotice.residenceAddress': { full: ['residence.district', 'residence.street'] },
  'PartnerNotice.residenceDivisionCode': { full: ['residence.district'] },
  'PartnerNotice.residenceSince': NOTHING,
  'PartnerNotice.destinationDivisionCode': { full: ['destination.district'] },
  'PartnerNotice.destinationAddress': { full: ['destination.district', 'destination.street'] },
  'PartnerNotice.movedOn': NOTHING,
  'PartnerNotice.phone': { layout: PHONE_LAYOUT },

  // A newborn's first doses (hepatitis B, BCG) are given on the day of birth: their date is a birth date.
  'Vaccination.id': NOTHING,
  'Vaccination.vaccine': NOTHING,
  'Vaccination.dose': NOTHING,
  'Vaccination.administeredOn': { full: ['birthDate'] },
  'Vaccination.institution': NOTHING,
};

/** Types whose every leaf field must appear in DISCLOSURE: the records that describe one resident. */
export const RESIDENT_TYPES = ['Person', 'ResidenceRegistration', 'ResidencePermit', 'MoveOut', 'PartnerNotice', 'Vaccination'] as const;

/** The facts a fixed-format value's mask leaves in full view: those whose every character survives it. */
export function factsShownBy(layout: Layout, mask: (value: string) => string): Fact[] {
  const shown = mask(layout.sample);
  if (shown.length !== layout.sample.length) return [];
  return layout.parts.filter(({ from, to }) => shown.slice(from, to) === layout.sample.slice(from, to)).map(({ fact }) => fact);
}

/** The facts one field discloses at one access. */
export function factsOf(disclosure: Disclosure, access: 'full' | 'masked', masks: Readonly<Record<MaskKind, (value: string) => string>>): Fact[] {
  if ('layout' in disclosure) {
    if (access === 'full') return disclosure.layout.parts.map(({ fact }) => fact);
    return disclosure.mask ? factsShownBy(disclosure.layout, masks[disclosure.mask]) : [];
  }
  if (access === 'full') return [...disclosure.full];
  return 'masked' in disclosure ? [...disclosure.masked] : [];
}
