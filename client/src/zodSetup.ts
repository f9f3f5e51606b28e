// Imported first by the extension: zod without its compiled fast path. Deciding whether it may compile reads the
// global `navigator`, which VS Code's extension host reports as an error; the client only walks the catalog's
// schemas (for redaction), it never validates a payload, so nothing is lost.
import * as z from 'zod';

z.config({ jitless: true });
