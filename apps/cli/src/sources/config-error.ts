/** knowhow.yaml cannot be read at all (missing, not YAML, not a list); the message says why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
