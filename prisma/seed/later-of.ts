/** The later of two instants: a grant cannot start before its holder or its model existed. */
export function laterOf(a: Date, b: Date): Date {
  return a > b ? a : b;
}
