import { v7 as uuidv7 } from 'uuid';

/** New primary key: a UUIDv7, so ids sort by creation time and index well on both databases. */
export const newId = (): string => uuidv7();
