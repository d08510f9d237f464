const DNI = /^(\d{8})-?([A-Z])$/;
const NIE = /^([XYZ])-?(\d{7})-?([A-Z])$/;
const CONTROL = 'TRWAGMYFPDXBNJZSQVHLCKE';

/**
 * True when `value` is a Spanish DNI (eight digits and a control letter) or NIE (X, Y or Z, seven digits and a
 * control letter) whose letter matches the number modulo 23.
 */
export function isSpanishDni(value: string): boolean {
  const dni = DNI.exec(value);
  if (dni !== null) return CONTROL[Number(dni[1]) % 23] === dni[2];
  const nie = NIE.exec(value);
  if (nie === null) return false;
  const number = Number(`${'XYZ'.indexOf(nie[1]!)}${nie[2]}`);
  return CONTROL[number % 23] === nie[3];
}
