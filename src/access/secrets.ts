/**
 * Passwords and bearer secrets. Passwords are hashed with argon2id (memory-hard, salted). Session and machine
 * tokens are 256-bit random secrets: they are stored as SHA-256 digests, which is enough for secrets that cannot be
 * guessed, and lets a request be authenticated with one indexed lookup.
 */
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const argon2Options = {
  algorithm: 2 /* Argon2id (a const enum in the typings) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const minPasswordLength = 12;
export const maxPasswordLength = 256;

/** Refuses passwords too short or too long to be sensible, with the reason. */
export function checkPasswordRules(password: string, field = 'password'): void {
  if (password.length < minPasswordLength) {
    throw new AppError('request.invalid', `${field} must be at least ${minPasswordLength} characters`, {
      location: { field },
    });
  }
  if (password.length > maxPasswordLength) {
    throw new AppError('request.invalid', `${field} must be at most ${maxPasswordLength} characters`, {
      location: { field },
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so that timing does not reveal which emails exist. */
export const decoyPasswordHash = await hashPassword(randomBytes(16).toString('hex'));

/** A new random secret, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The stored form of a bearer secret. */
export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time string comparison (for CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Machine tokens look like `lst_<secret>`; the prefix lets scanners and people recognise a leaked one. */
export const machineTokenPrefix = 'lst_';
