import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './alerts/db/schema.ts',
  out: './alerts/db/migrations',
});
