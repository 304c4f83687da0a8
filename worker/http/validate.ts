// zod at the edge of every route: a value that does not fit becomes a plain 400 page, never a 500.
import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { Problem } from './problems';

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return validator(target, (value, c) => {
    if (target === 'form') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') throw new Problem('unsupported');
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Problem('bad-request');
    return parsed.data as z.output<Schema>;
  });
}

const fieldValue = z.string().max(20_000);

/** A posted HTML form: named text fields, some repeated (checkboxes). Files are refused. */
export const formFields = z
  .record(z.string().max(100), z.union([fieldValue, z.array(fieldValue).max(100)]))
  .refine((fields) => Object.keys(fields).length <= 200);
