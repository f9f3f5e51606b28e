// Rules raised by the analysis pipeline itself: syntax, the operation declaration, and schema checks.
import type { RuleDefinition } from '../core/types';

export const syntaxError: RuleDefinition = {
  code: 'RC001',
  name: 'syntax-error',
  severity: 'error',
  summary:
    'The file is not valid JSON with comments. Nothing else is checked until it parses, so fix these first.',
};

export const missingOperation: RuleDefinition = {
  code: 'RC003',
  name: 'missing-operation',
  severity: 'error',
  summary:
    'The file does not say which operation it is for. Add a top-level `"$operation"`; the likely operations, ' +
    'inferred from the keys, are offered as fixes.',
};

export const unknownOperation: RuleDefinition = {
  code: 'RC004',
  name: 'unknown-operation',
  severity: 'error',
  summary: '`"$operation"` names an operation this extension does not know. The closest known name is offered as a fix.',
};

export const unknownProperty: RuleDefinition = {
  code: 'RC010',
  name: 'unknown-property',
  severity: 'error',
  summary:
    'RevCent rejects properties its schema does not define. Fixes rename the property to the closest valid name ' +
    'or remove it.',
};

export const wrongType: RuleDefinition = {
  code: 'RC011',
  name: 'wrong-type',
  severity: 'error',
  summary:
    'A value has the wrong JSON type. When the value converts cleanly (`"true"` to `true`, `"500"` to `500`, ' +
    'a single ID to a one-item list), the conversion is offered as a fix.',
};

export const missingRequired: RuleDefinition = {
  code: 'RC012',
  name: 'missing-required',
  severity: 'error',
  summary: 'A required property is missing. The diagnostic sits on the object that needs it.',
};

export const invalidValue: RuleDefinition = {
  code: 'RC013',
  name: 'invalid-value',
  severity: 'error',
  summary: 'A value is not one of the values the field allows. The closest allowed value is offered as a fix.',
};

export const outOfRange: RuleDefinition = {
  code: 'RC014',
  name: 'out-of-range',
  severity: 'error',
  summary: 'A number, text or list is outside the limits the field allows (for example metadata names of 1 to 100 characters).',
};

export const invalidFormat: RuleDefinition = {
  code: 'RC015',
  name: 'invalid-format',
  severity: 'error',
  summary: 'A text value does not have the required format, such as an email address.',
};

export const pipelineRules: RuleDefinition[] = [
  syntaxError,
  missingOperation,
  unknownOperation,
  unknownProperty,
  wrongType,
  missingRequired,
  invalidValue,
  outOfRange,
  invalidFormat,
];
