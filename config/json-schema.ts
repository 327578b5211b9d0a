/** The JSON Schema of `pulseboard.yaml` (`pulseboard config schema`), for editor completion. */
import { z } from 'zod';
import { configFileSchema } from './schema.js';

export const configJsonSchema = {
  ...z.toJSONSchema(configFileSchema, { io: 'input', target: 'draft-07', unrepresentable: 'any' }),
  $id: 'https://pulseboard.dev/schema/pulseboard.schema.json',
  title: 'Pulseboard configuration (pulseboard.yaml)',
};
