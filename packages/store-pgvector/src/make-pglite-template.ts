// `node packages/store-pgvector/dist/make-pglite-template.js` (part of `npm run build`): makes
// the template new embedded databases are copied from, unless this PGlite version has one.
import { existsSync } from 'node:fs';
import { makePgliteTemplate, pgliteTemplatePath } from './pglite-template.js';

if (!existsSync(pgliteTemplatePath)) await makePgliteTemplate();
