import { defineConfig } from 'drizzle-kit';

/** drizzle-kit reads this to generate `server/db/migrations` from the schema: `npx drizzle-kit generate`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
