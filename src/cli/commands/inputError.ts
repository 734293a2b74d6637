/** Bad input for scan/replay: one stderr line naming the file and field, exit code 2, no stdout. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
