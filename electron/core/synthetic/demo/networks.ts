/** Where each demo person signs in from: their office (trusted named location) or home. */
import { LOCATION_NAMES, PLACES, type Place } from './constants.js';
import { PEOPLE, type Person } from './people.js';

export interface Network {
  readonly ip: string;
  readonly place: Place;
  readonly trusted: boolean;
  /** Named locations the IP falls in (networkLocationDetails). */
  readonly names: string[];
}

export const personIndex = (p: Person): number => PEOPLE.indexOf(p);

export function officeNetwork(p: Person, v6 = false): Network {
  const index = personIndex(p);
  if (p.office === 'oslo') return { ip: `203.0.113.${140 + (index % 40)}`, place: PLACES.oslo, trusted: true, names: [LOCATION_NAMES.oslo] };
  return {
    ip: v6 ? `2001:db8:4a00:10::${(index + 16).toString(16)}` : `203.0.113.${10 + (index % 100)}`,
    place: PLACES.bergen,
    trusted: true,
    names: [LOCATION_NAMES.hq],
  };
}

export function homeNetwork(p: Person, place?: Place): Network {
  return { ip: `198.51.100.${10 + (personIndex(p) % 200)}`, place: place ?? (p.office === 'oslo' ? PLACES.oslo : PLACES.bergen), trusted: false, names: [] };
}
