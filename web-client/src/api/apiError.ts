// The error every request of this client throws: the API's one error shape, or a network failure.
// Its own module so the start-up requests (boot.ts) need none of the schemas api() parses with.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
