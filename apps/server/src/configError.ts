/** Thrown for a setting that cannot be used; main prints it and exits. */
export class ConfigError extends Error {}
