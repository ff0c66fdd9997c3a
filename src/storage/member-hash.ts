import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The per-install key's file name inside `DATA_DIR`. */
export const MEMBER_KEY_FILE = 'member-key';

const KEY_BYTES = 32;

/** Thrown when the key file exists but is not a key this bot wrote. */
export class MemberKeyError extends Error {
  constructor(file: string) {
    super(`${file} is not a member key (expected ${KEY_BYTES * 2} hex characters); restore it or delete it`);
    this.name = 'MemberKeyError';
  }
}

function readKey(file: string): Buffer {
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]+$/.test(text) || text.length !== KEY_BYTES * 2) throw new MemberKeyError(file);
  return Buffer.from(text, 'hex');
}

/**
 * The install's secret key for hashing member ids, created on first use. Written to a temporary file and
 * hard-linked into place, so when several processes start at once exactly one key wins and every process
 * reads that one, never a half-written file.
 * @throws {MemberKeyError} when the file exists but holds something else; file system errors as they come.
 */
export function loadOrCreateMemberKey(dataDir: string): Buffer {
  const file = path.join(dataDir, MEMBER_KEY_FILE);
  try {
    return readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readKey(file);
}

/**
 * A function from a Discord user id to its keyed hash (HMAC-SHA256, 128 bits as hex). Without the key the hash
 * can't be linked back to an id, not even by hashing every possible id; with it, one member's votes stay one.
 */
export function memberHasher(key: Buffer): (userId: string) => string {
  return (userId) => createHmac('sha256', key).update(`member:${userId}`).digest('hex').slice(0, 32);
}
