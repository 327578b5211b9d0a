import { Type, type TSchema } from 'typebox';

/** `T | null`: the API says null for "no value", never omits the field. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
