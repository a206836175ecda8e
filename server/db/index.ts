export * from './cursor.js';
export * from './database.js';
export * from './open-database.js';
