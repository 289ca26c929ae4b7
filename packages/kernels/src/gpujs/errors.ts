/**
 * Errors of the gpu.js backend. Each names what was asked for and why it cannot be given, so a
 * misconfiguration fails at start-up with a message that says how to fix it, never by silently
 * running somewhere else.
 */

/**
 * A gpu.js mode was requested that cannot run here (for example `headlessgl` without the
 * optional native `gl` package, or `webgl2` outside a browser).
 *
 * @example
 * ```ts
 * try {
 *   createGpujsBackend({ mode: 'webgl2' });
 * } catch (e) {
 *   if (e instanceof GpujsModeUnavailableError) console.log(e.mode, e.reason);
 * }
 * ```
 */
export class GpujsModeUnavailableError extends Error {
  override readonly name = 'GpujsModeUnavailableError';
  /** The mode that was asked for. */
  readonly mode: string;
  /** Why it cannot run in this environment. */
  readonly reason: string;

  /** @param mode The requested mode. @param reason Why it is unavailable. */
  constructor(mode: string, reason: string) {
    super(`gpu.js mode '${mode}' is not available: ${reason}`);
    this.mode = mode;
    this.reason = reason;
  }
}

/**
 * An environment variable (`TESSERA_BACKEND` or `TESSERA_GPUJS_MODE`) holds a value that names
 * no backend or mode.
 *
 * @example
 * ```ts
 * backendFromEnv({ TESSERA_BACKEND: 'cuda' }); // throws UnknownBackendError
 * ```
 */
export class UnknownBackendError extends Error {
  override readonly name = 'UnknownBackendError';
  /** The variable that was read. */
  readonly variable: string;
  /** The value it held. */
  readonly value: string;

  /**
   * @param variable The environment variable.
   * @param value Its value.
   * @param allowed The values it may take.
   */
  constructor(variable: string, value: string, allowed: readonly string[]) {
    super(`${variable}='${value}' is not one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    this.variable = variable;
    this.value = value;
  }
}
