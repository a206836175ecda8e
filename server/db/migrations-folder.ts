import { fileURLToPath } from 'node:url';

/** Where drizzle-kit writes the migrations; resolved from this file so the working directory does not matter. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
