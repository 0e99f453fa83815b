/**
 * `${NAME}` in every string of a parsed knowhow.yaml, from the environment (and .env);
 * `$${` stays a literal `${`. Names that are not set are collected, not replaced.
 */
export function substituteVariables(
  value: unknown,
  variables: Readonly<Record<string, string>>,
  missing: Set<string>,
): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (whole, escape: string, name: string) => {
        if (escape) return whole.slice(1);
        const found = variables[name];
        if (found === undefined) {
          missing.add(name);
          return whole;
        }
        return found;
      },
    );
  }
  if (Array.isArray(value))
    return value.map((entry) => substituteVariables(entry, variables, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [
        key,
        substituteVariables(entry, variables, missing),
      ]),
    );
  }
  return value;
}
