/** A request's or substitution's id as people read and quote it: `LIG-2026-00001`, `ASE-2026-00012`. */
export function readableId(series: 'LIG' | 'ASE', year: number, number: number): string {
  return `${series}-${year}-${String(number).padStart(5, '0')}`;
}
