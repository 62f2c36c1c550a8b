import { z } from 'zod';
import { LocalizedFullSchema, LocalizedSchema } from '../../language.js';

const timeRange = z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, { message: 'must be HH:MM-HH:MM' });

/** `knowledge-base/departments.yaml`: who handles what, where, and when clerks answer chats. */
export const DepartmentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    name: LocalizedFullSchema,
    office: z.string().min(1),
    address: z.string().min(1).optional(),
    hours: LocalizedSchema.optional(),
    phone: z.string().min(1).optional(),
    email: z.string().email().optional(),
    chatHours: z
      .object({
        mon: timeRange.optional(),
        tue: timeRange.optional(),
        wed: timeRange.optional(),
        thu: timeRange.optional(),
        fri: timeRange.optional(),
        sat: timeRange.optional(),
        sun: timeRange.optional(),
      })
      .strict(),
    sources: z.array(z.string().url()).default([]),
  })
  .strict();
export type Department = z.infer<typeof DepartmentSchema>;

export const DepartmentsFileSchema = z.array(DepartmentSchema).min(1);

/** The general queue: anything without a clearer department, and redirects. */
export const GENERAL_DEPARTMENT_ID = 'relatii-publice';
