// Profiling aid: analyses one benchmark document many times, to run under `node --cpu-prof` or `--heap-prof`.
// Usage (after bundling as `npm run bench` does): node --cpu-prof server/out/benchProfile.js EditCustomerPortal 1000 20000
import { analyzePayload } from '../server/src/service/analyze';
import { createCustomerPayload, customerGroupPayload, customerPortalPayload, documentOfSize, enableCustomerPayload } from './benchDocuments';

const MAKERS: Record<string, (items: number) => string> = {
  EditCustomerGroup: customerGroupPayload,
  EditCustomerPortal: customerPortalPayload,
  CreateCustomer: createCustomerPayload,
  EnableCustomer: enableCustomerPayload,
};

const [operation = 'EditCustomerPortal', size = '1000', runs = '20000'] = process.argv.slice(2);
// Every operation first, as in the benchmark's one process, so the code is as warm (and as polymorphic) as there.
for (const make of Object.values(MAKERS)) {
  const warm = documentOfSize(make, Number(size));
  for (let i = 0; i < 2000; i++) analyzePayload(warm);
}
const text = documentOfSize(MAKERS[operation], Number(size));
const started = performance.now();
for (let i = 0; i < Number(runs); i++) analyzePayload(text);
const perRun = (performance.now() - started) / Number(runs);
console.log(`${operation} ${text.length} characters: ${(perRun * 1000).toFixed(1)} µs per analysis`);
