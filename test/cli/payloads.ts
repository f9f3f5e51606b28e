// Payloads the linter tests write to files: clean, one error, two warnings.

/** A payload with no diagnostics at all. */
export const CLEAN = `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "s9y22mlbbx8FyIJfdFKv",
  "name": "VIP Customers - 2026"
}
`;

/** One error: the misspelled property `nmae` on line 5, column 3 (after a comment line). */
export const TYPO = `// Rename the VIP group.
{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "s9y22mlbbx8FyIJfdFKv",
  "nmae": "VIP Customers"
}
`;
export const TYPO_LINE = (path: string) =>
  `${path}:5:3 error RC010 \`nmae\` is not a property of this operation. Did you mean \`name\`?`;

/** Two warnings (a duplicate key, a method without its branch), one information (a high-impact change), no error. */
export const TWO_WARNINGS = `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "s9y22mlbbx8FyIJfdFKv",
  "name": "VIP",
  "qualifier_method": "customer_group",
  "name": "VIP Customers"
}
`;
