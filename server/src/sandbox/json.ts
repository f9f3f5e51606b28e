// Small JSON helpers for the sandbox: plain-object checks and property writes that never touch a prototype.
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, even one named `__proto__` (a JSON key, never a prototype change). */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
