// EnableCustomer input schema with its field documentation.
import * as z from 'zod';
import { idField } from '../../core/schema';
export const schema = z.strictObject({
  customer_id: idField(
    'customer',
    'The 20-character ID of the customer to re-enable. Look it up with GetCustomer or SearchCustomers and ' +
      'check why the customer was disabled (fraud, chargebacks) before enabling.',
  ),
});
