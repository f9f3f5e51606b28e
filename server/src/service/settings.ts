// The `revcent.*` settings, read defensively: a bad entry is ignored and reported, never fatal.
import * as z from 'zod';
import { checkSchema } from '../core/schema';
import { findRule } from '../catalog';
import type { RuleSetting } from './suppressions';

export interface RevcentSettings {
  /** Per-rule severity overrides by rule code, or "off" (`"revcent.rules": {"RC024": "off"}`). */
  rules: Record<string, RuleSetting>;
  /** How long to wait after an edit before re-analysing, in milliseconds. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: RevcentSettings = { rules: {}, debounceMs: 150 };

const ruleSetting = z.enum(['error', 'warning', 'information', 'hint', 'off']);

/** Settings from the editor's `revcent` section, with the problems found in it (for the log). */
export function parseSettings(raw: unknown): { settings: RevcentSettings; problems: string[] } {
  const problems: string[] = [];
  const section = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, RuleSetting> = {};
  // Lua clients (Neovim) cannot tell an empty table from an empty list, and send `rules = {}` as `[]`.
  const rawRules = Array.isArray(section.rules) && section.rules.length === 0 ? {} : section.rules;
  if (rawRules !== undefined && (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules))) {
    problems.push('revcent.rules must be an object such as {"RC024": "off"}; ignored.');
  } else {
    for (const [code, value] of Object.entries(rawRules ?? {})) {
      const parsed = checkSchema(ruleSetting, value);
      if (!/^RC\d{3}$/.test(code) || !parsed.success) problems.push(`revcent.rules.${code}: expected a rule code like RC024 set to error, warning, information, hint or off; ignored.`);
      else if (!findRule(code)) problems.push(`revcent.rules.${code}: there is no such rule (see docs/rules.md); ignored.`);
      else rules[code] = parsed.data;
    }
  }
  const diagnostics = section.diagnostics as Record<string, unknown> | undefined;
  const debounce = diagnostics?.debounce;
  let debounceMs = DEFAULT_SETTINGS.debounceMs;
  if (debounce !== undefined) {
    if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 && debounce <= 5000) debounceMs = debounce;
    else problems.push('revcent.diagnostics.debounce must be a number of milliseconds from 0 to 5000; using 150.');
  }
  return { settings: { rules, debounceMs }, problems };
}
