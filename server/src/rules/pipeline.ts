// Rules raised by the analysis pipeline itself: syntax, the operation declaration, and schema checks.
import type { RuleDefinition } from '../core/types';

export const syntaxError: RuleDefinition = {
  code: 'RC001',
  name: 'syntax-error',
  severity: 'error',
  summary:
    'The file is not valid JSON with comments. Nothing else is checked until it parses, so fix these first.',
  wrong: `{
  "$operation": "EnableCustomer"
  "customer_id": "Cu7XrB2mKq9WzT4nLp6S"
}`,
  right: `{
  "$operation": "EnableCustomer",
  "customer_id": "Cu7XrB2mKq9WzT4nLp6S"
}`,
};

export const missingOperation: RuleDefinition = {
  code: 'RC003',
  name: 'missing-operation',
  severity: 'error',
  summary:
    'The file does not say which operation it is for. Add a top-level `"$operation"`; the likely operations, ' +
    'inferred from the keys, are offered as fixes.',
  wrong: `{
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers"
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers"
}`,
};

export const unknownOperation: RuleDefinition = {
  code: 'RC004',
  name: 'unknown-operation',
  severity: 'error',
  summary: '`"$operation"` names an operation this extension does not know. The closest known name is offered as a fix.',
  wrong: `{
  "$operation": "EditCustomerGroups",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers"
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers"
}`,
};

export const unknownProperty: RuleDefinition = {
  code: 'RC010',
  name: 'unknown-property',
  severity: 'error',
  summary:
    'RevCent rejects properties its schema does not define. Fixes rename the property to the closest valid name ' +
    'or remove it.',
  wrong: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "nmae": "VIP Customers"
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers"
}`,
};

export const wrongType: RuleDefinition = {
  code: 'RC011',
  name: 'wrong-type',
  severity: 'error',
  summary:
    'A value has the wrong JSON type. When the value converts cleanly (`"true"` to `true`, `"500"` to `500`, ' +
    'a single ID to a one-item list), the conversion is offered as a fix.',
  wrong: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "enabled": "false"
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "enabled": false
}`,
};

export const missingRequired: RuleDefinition = {
  code: 'RC012',
  name: 'missing-required',
  severity: 'error',
  summary: 'A required property is missing. The diagnostic sits on the object that needs it.',
  wrong: `{
  "$operation": "CreateCustomer",
  "campaign": "Hs4KpT7wQz1NdR8mXc2L",
  "customer": {
    "first_name": "Jane",
    "last_name": "Doe"
  }
}`,
  right: `{
  "$operation": "CreateCustomer",
  "campaign": "Hs4KpT7wQz1NdR8mXc2L",
  "customer": {
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane.doe@example.com"
  }
}`,
};

export const invalidValue: RuleDefinition = {
  code: 'RC013',
  name: 'invalid-value',
  severity: 'error',
  summary: 'A value is not one of the values the field allows. The closest allowed value is offered as a fix.',
  wrong: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "qualifier_method": "manual",
  "qualifiers": {}
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "qualifier_method": "none",
  "qualifiers": {}
}`,
};

export const outOfRange: RuleDefinition = {
  code: 'RC014',
  name: 'out-of-range',
  severity: 'error',
  summary: 'A number, text or list is outside the limits the field allows (for example metadata names of 1 to 100 characters).',
  wrong: `{
  "$operation": "CreateCustomer",
  "campaign": "Hs4KpT7wQz1NdR8mXc2L",
  "customer": { "first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com" },
  "metadata": [{ "name": "source", "value": "" }]
}`,
  right: `{
  "$operation": "CreateCustomer",
  "campaign": "Hs4KpT7wQz1NdR8mXc2L",
  "customer": { "first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com" },
  "metadata": [{ "name": "source", "value": "support_chat" }]
}`,
};

export const invalidFormat: RuleDefinition = {
  code: 'RC015',
  name: 'invalid-format',
  severity: 'error',
  summary: 'A text value does not have the required format, such as an email address.',
  wrong: `{
  "$operation": "CreateCustomer",
  "campaign": "Hs4KpT7wQz1NdR8mXc2L",
  "customer": { "first_name": "Jane", "last_name": "Doe", "email": "jane.doe at example.com" }
}`,
  right: `{
  "$operation": "CreateCustomer",
  "campaign": "Hs4KpT7wQz1NdR8mXc2L",
  "customer": { "first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com" }
}`,
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
