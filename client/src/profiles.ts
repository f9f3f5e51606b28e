// Send targets ("profiles"): the built-in Local sandbox and the user's own from the application-scoped setting
// `revcent.profiles`, each checked, with the mode the user declared (a target away from this machine without one
// counts as live). Plain data in and out, so that it is tested without VS Code.
import { checkUrl, isLoopbackHost, TransportError } from '../../server/src/send/http';
import { describeTransportError } from '../../server/src/send/interpret';

export type ProfileMode = 'test' | 'live';

export interface Profile {
  name: string;
  transport: 'rest' | 'mcp';
  /** REST: the API V2 base URL. */
  baseUrl?: string;
  /** MCP: the server's URL. */
  mcpUrl?: string;
  mode: ProfileMode;
  /** The Local sandbox, started by the extension on a free loopback port: it has no URL until it runs. */
  sandbox?: true;
}

export const LOCAL_SANDBOX: Profile = { name: 'Local sandbox', transport: 'rest', mode: 'test', sandbox: true };

/** The URL a profile sends to, or undefined for the sandbox before it runs. */
export function profileUrl(profile: Profile): string | undefined {
  return profile.transport === 'mcp' ? profile.mcpUrl : profile.baseUrl;
}

/** Host and port, for the confirmation and the status bar. */
export function profileHost(profile: Profile, sandboxOrigin?: string): string {
  const url = profile.sandbox ? sandboxOrigin : profileUrl(profile);
  if (!url) return 'this machine, started when first used';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Why a profile's URL cannot be sent to (the send pipeline's own URL rule), or undefined. */
function urlProblem(value: unknown, setting: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `needs "${setting}".`;
  try {
    checkUrl(value);
    return undefined;
  } catch (error) {
    return `"${setting}": ${error instanceof TransportError ? describeTransportError(error) : String(error)}`;
  }
}

/** The profiles a setting value describes, the Local sandbox first, and what is wrong with the others. */
export function readProfiles(raw: unknown): { profiles: Profile[]; problems: string[] } {
  const profiles: Profile[] = [LOCAL_SANDBOX];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { profiles, problems };
  if (!Array.isArray(raw)) return { profiles, problems: ['revcent.profiles must be a list of targets.'] };
  for (const [index, entry] of raw.entries()) {
    const where = `revcent.profiles[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${where} must be an object with a name and a URL.`);
      continue;
    }
    const value = entry as Record<string, unknown>;
    const name = typeof value.name === 'string' ? value.name.trim() : '';
    const transport = value.transport === undefined ? 'rest' : value.transport;
    const setting = transport === 'mcp' ? 'mcpUrl' : 'baseUrl';
    let problem: string | undefined;
    if (!name) problem = `${where} needs a "name".`;
    else if (profiles.some((profile) => profile.name === name)) problem = `${where}: the name "${name}" is already used.`;
    else if (transport !== 'rest' && transport !== 'mcp') problem = `${where} ("${name}"): "transport" must be "rest" or "mcp".`;
    else if (value.mode !== undefined && value.mode !== 'test' && value.mode !== 'live') problem = `${where} ("${name}"): "mode" must be "test" or "live".`;
    else {
      const wrongUrl = urlProblem(value[setting], setting);
      if (wrongUrl) problem = `${where} ("${name}") ${wrongUrl}`;
    }
    if (problem) {
      problems.push(problem);
      continue;
    }
    const url = new URL(String(value[setting]));
    // RevCent decides test or live by the key; without a declared mode, a remote target is treated as live.
    const mode: ProfileMode = (value.mode as ProfileMode | undefined) ?? (isLoopbackHost(url.hostname) ? 'test' : 'live');
    profiles.push({ name, transport: transport as Profile['transport'], [setting]: String(value[setting]), mode });
  }
  return { profiles, problems };
}

/** The active profile: the one named, or the Local sandbox. */
export function activeProfile(profiles: readonly Profile[], name: unknown): Profile {
  return profiles.find((profile) => profile.name === name) ?? LOCAL_SANDBOX;
}
