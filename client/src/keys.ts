// Keys, tokens and `${secret:NAME}` values in VS Code's SecretStorage (the OS keychain), never anywhere else.
// SecretStorage cannot list what it holds (VS Code 1.91 has no keys()), so the names stored are kept beside it;
// the names are not secret, the values never leave SecretStorage except into a request.

/** What is used of vscode.SecretStorage. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

/** What is used of vscode.Memento (the extension's global state). */
export interface NameIndex {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const INDEX_KEY = 'revcent.storedSecretNames';

/** The storage key of a target's API key or MCP token. */
export function credentialKey(profileName: string): string {
  return `revcent.credential:${profileName}`;
}

/** The storage key of a `${secret:NAME}` value. */
export function secretValueKey(name: string): string {
  return `revcent.secret:${name}`;
}

/** Why a value typed for a key or a secret cannot be one (only what is knowable here), or undefined. */
export function credentialProblem(value: string): string | undefined {
  if (value.length === 0) return 'Enter the value, or press Escape to cancel.';
  if (/\s/.test(value)) return 'It contains a space or a line break: paste the value alone.';
  return undefined;
}

export class Keychain {
  constructor(
    private readonly secrets: SecretStore,
    private readonly index: NameIndex,
  ) {}

  /** Every storage key stored through this keychain. */
  storedKeys(): string[] {
    return this.index.get<string[]>(INDEX_KEY) ?? [];
  }

  get(key: string): Thenable<string | undefined> {
    return this.secrets.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    const problem = credentialProblem(value);
    if (problem) throw new Error(problem);
    await this.secrets.store(key, value);
    if (!this.storedKeys().includes(key)) await this.index.update(INDEX_KEY, [...this.storedKeys(), key]);
  }

  async delete(key: string): Promise<void> {
    await this.secrets.delete(key);
    await this.index.update(INDEX_KEY, this.storedKeys().filter((stored) => stored !== key));
  }

  /** The values stored, for redaction: every output hides them. */
  async allValues(): Promise<string[]> {
    const values = await Promise.all(this.storedKeys().map((key) => this.secrets.get(key)));
    return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
  }
}
