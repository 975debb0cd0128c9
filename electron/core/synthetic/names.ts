/** Name and place pools for synthetic tenants (fictional, mixed origins). */
export const GIVEN_NAMES = [
  'Ada', 'Ahmed', 'Aiko', 'Alba', 'Amara', 'Anders', 'Ana', 'Arjun', 'Astrid', 'Ben', 'Bjørn', 'Carla', 'Chen', 'Chloé', 'Dario',
  'Diego', 'Elif', 'Elin', 'Emil', 'Emma', 'Erik', 'Farah', 'Fatima', 'Finn', 'Greta', 'Hana', 'Hugo', 'Ida', 'Ines', 'Ivan',
  'Jakob', 'Jana', 'Jonas', 'Kai', 'Karin', 'Kenji', 'Lars', 'Layla', 'Lea', 'Leon', 'Lina', 'Lucas', 'Maja', 'Marco', 'Maria',
  'Mateo', 'Mia', 'Nadia', 'Nils', 'Noah', 'Nora', 'Olga', 'Omar', 'Oskar', 'Paula', 'Priya', 'Rafael', 'Rania', 'Sara', 'Sofia',
  'Stefan', 'Tariq', 'Theo', 'Tomas', 'Ula', 'Vera', 'Viktor', 'Wei', 'Yara', 'Yusuf', 'Zainab', 'Zoe',
] as const;

export const SURNAMES = [
  'Andersen', 'Bakker', 'Berg', 'Costa', 'Dahl', 'Eriksen', 'Fischer', 'Garcia', 'Haugen', 'Hoffmann', 'Ivanova', 'Jensen', 'Kaya',
  'Kim', 'Larsen', 'Lie', 'Lindqvist', 'Martin', 'Meyer', 'Moreau', 'Müller', 'Nakamura', 'Nguyen', 'Novak', 'Olsen', 'Patel',
  'Pereira', 'Popescu', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Solberg', 'Strand', 'Suzuki', 'Tanaka', 'Vik', 'Wang',
  'Weber', 'Yilmaz', 'Zhang',
] as const;

export const DEPARTMENTS = ['Sales', 'Marketing', 'Engineering', 'Design', 'Finance', 'Operations', 'IT', 'HR', 'Legal', 'Support'] as const;

export const CITIES = [
  { city: 'Oslo', state: 'Oslo', countryOrRegion: 'NO', latitude: 59.9139, longitude: 10.7522 },
  { city: 'Bergen', state: 'Vestland', countryOrRegion: 'NO', latitude: 60.3913, longitude: 5.3221 },
  { city: 'Stockholm', state: 'Stockholm', countryOrRegion: 'SE', latitude: 59.3293, longitude: 18.0686 },
  { city: 'Copenhagen', state: 'Capital Region', countryOrRegion: 'DK', latitude: 55.6761, longitude: 12.5683 },
  { city: 'Berlin', state: 'Berlin', countryOrRegion: 'DE', latitude: 52.52, longitude: 13.405 },
  { city: 'London', state: 'England', countryOrRegion: 'GB', latitude: 51.5072, longitude: -0.1276 },
  { city: 'Austin', state: 'Texas', countryOrRegion: 'US', latitude: 30.2672, longitude: -97.7431 },
  { city: 'Lisbon', state: 'Lisboa', countryOrRegion: 'PT', latitude: 38.7223, longitude: -9.1393 },
] as const;

/** ASCII local part for a UPN. */
export function mailLocal(given: string, surname: string, n: number): string {
  const ascii = (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ø/g, 'o')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return `${ascii(given)}.${ascii(surname)}${n > 0 ? n : ''}`;
}
